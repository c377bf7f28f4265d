using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// The "trajectories stay in the region" checks of the Prop. 20 proof (EC21 Lemmas 73, 78, 83): along the computed GF (validated
/// DOP853, both coordinates) between the entry and exit times, and along the literal GD iteration between the entry and exit
/// indices, the first two coordinates stay in [0, z_c] × (the region's band of θ̄); plus the proofs' "can be verified"
/// inequalities (exit time ≤ a^{−1}ln(z_c/θ(0)), exit index ≤ ⌈ln(z_c/θ_0)/ln(1 + aη)⌉) at the instance, and their worst case over
/// the whole hypothesis box (θ̄(0) − z_0 &gt; e^{−12}/4, ρ̄ ≤ e^{−12}/2, b ≥ 3, θ(0) &lt; 1, aη ≤ 1/6; ln(1 + aη)/ln(1 + aη/2) ≤ 2),
/// which is what the proofs actually assert ("recalling the assumptions on a, z_c, ρ̄, θ(0), θ̄(0)").
/// Entry/exit times are crossings of the reference solution (bisection of its dense output); entry/exit indices are first
/// iterates at or above the band's ends. Tolerances: GF 1.1 × relative ODE deviation × value (+ slope × bisection width);
/// GD the rounding of the literal iteration, γ_{4k + 16} relative (≈ 3 roundings per step, Lemma 72).
/// </summary>
internal static class Prop20Regions
{
    public enum Region { Anisotropic, Transition, Isotropic }

    /// <summary>2·ln(8e^{12}) = 24 + 6 ln 2: the hypothesis-box bound on a·t_{1−ρ̄} = 2 ln((2 − 3ρ̄/2)/(θ̄(0) − z_0)) (θ̄(0) − z_0 &gt; e^{−12}/4).</summary>
    private static double TwoLogEightE12 => 24 + 6 * Math.Log(2);

    /// <summary>−ln(1 − e^{−12}/2) ≥ −ln(1 − ρ̄) ≥ a(t_1 − t_{1−ρ̄}) (Lemma 75) and ≥ −ln θ̄_{k_{1−ρ̄}} (Lemma 77).</summary>
    private static double TransitionLog => -AccurateFunctions.Log1p(-Math.Exp(-12) / 2);

    public static MarginSet Check(Instance x, Precision p, Region region, bool includeExitIndex)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), th0 = x.Scalar("theta1"), delta0 = x.Scalar("u") - ab.RhoBar / 2;
        double dA = Prop20Proof.OffsetOneMinusRho(ab), d1 = Prop20Proof.OffsetOne(ab), dZ = ab.ZbarC - ab.Z0;
        var (lo, hi) = region switch { Region.Anisotropic => (0.0, dA), Region.Transition => (dA, d1), _ => (d1, dZ) };
        double tEnd = region switch
        {
            Region.Anisotropic => ab.TimeOneMinusRho(delta0) + 1 / a,
            Region.Transition => ab.TimeOne(delta0) + 1 / a,
            _ => ab.TimeOne(delta0) + (Math.Log(ab.ZbarC) + 1) / a,
        };
        var margins = new List<Margin>();
        var gf2 = Prop20Proof.SolveSecond(x, tEnd, p);
        double rel2 = Prop20Proof.RelativeDeviation(gf2);
        double tIn = region == Region.Anisotropic ? 0 : gf2.Succeeded ? Prop20Proof.Crossing(gf2.Reference, lo, 0, tEnd) : double.NaN;
        double tOut = gf2.Succeeded ? Prop20Proof.Crossing(gf2.Reference, hi, 0, tEnd) : double.NaN;
        if (!gf2.Succeeded || double.IsNaN(tIn) || double.IsNaN(tOut))
        {
            margins.Add(Margin.Uncomputable("GF: DOP853 run reaching the region's exit"));
        }
        else
        {
            // Step points of the reference inside [tIn, tOut] and both ends.
            var values = gf2.Reference.Times.Select((t, i) => (t, v: gf2.Reference.States[i][0])).Where(s => s.t >= tIn && s.t <= tOut).Select(s => s.v)
                .Append(gf2.Reference.Evaluate(tIn)[0]).Append(gf2.Reference.Evaluate(tOut)[0]).ToArray();
            double slopeMax = Prop20Proof.MinusPhiBarPrimeOffset(ab, hi) + Prop20Proof.MinusPhiBarPrimeOffset(ab, lo);
            var tol = Tolerance.ValidatedEstimate(1.1 * rel2 * hi + slopeMax * 4 * tEnd * Math.Pow(2, -60), $"DOP853 relative deviation {rel2:G2} × band end + slope × bisection width");
            margins.Add(Ec21.AtLeast("GF: min θ̄(t) over [entry, exit] ≥ band's lower end", values.Min(), lo, tol));
            margins.Add(Ec21.AtMost("GF: max θ̄(t) over [entry, exit] ≤ band's upper end", values.Max(), hi, tol));
            var gf1 = Prop20Proof.SolveFirst(x, tOut, p);
            double rel1 = Prop20Proof.RelativeDeviation(gf1);
            if (!gf1.Succeeded)
            {
                margins.Add(Margin.Uncomputable("GF: DOP853 run (coordinate 1)"));
            }
            else
            {
                // θ(·) is non-decreasing (Lemma 67), so its max over [entry, exit] is θ(exit) and its min ≥ θ(0) > 0.
                double thetaOut = gf1.Reference.Evaluate(tOut)[0];
                margins.Add(Ec21.AtMost("GF: θ(exit time) ≤ z_c", thetaOut, ab.Zc, Tolerance.ValidatedEstimate(1.1 * rel1 * thetaOut, $"DOP853 relative deviation {rel1:G2} from the 100× tighter run")));
            }
            margins.Add(Ec21.AtMost("GF: a·(exit time) ≤ ln(z_c/θ(0)) (the proof's \"can be verified\" inequality, at the instance)", a * tOut, Math.Log(ab.Zc / th0),
                Tolerance.FromRounding(16, a * tEnd, "a·t")));
        }
        // Worst case over the hypothesis box (GF and GD forms), from the bounds in the class summary.
        double boxGf = region switch
        {
            Region.Anisotropic => 30 + Math.Log(3) - TwoLogEightE12,
            Region.Transition => 30 + Math.Log(3) - TwoLogEightE12 - TransitionLog,
            _ => 30 - Math.Log(4.0 / 3) - TwoLogEightE12 - TransitionLog,
        };
        double lnSevenSixths = Math.Log(7.0 / 6);
        double boxGd = boxGf - region switch { Region.Anisotropic => lnSevenSixths, Region.Transition => 2 * lnSevenSixths, _ => 3 * lnSevenSixths };
        margins.Add(Ec21.AtLeast("box: ln(z_c/θ(0)) − a·(exit time) ≥ 0 for every admissible instance (worst-case bound)", boxGf, 0, Tolerance.FromRounding(16, 40, "constants")));
        margins.Add(Ec21.AtLeast("box: ⌈ln(z_c/θ_0)/ln(1+aη)⌉ − (exit index) ≥ 0 for every admissible instance (×ln(1+aη); worst-case bound)", boxGd, 0, Tolerance.FromRounding(16, 40, "constants")));
        // GD: indices from the literal iteration, then the region's index range.
        var idx = Prop20Proof.IterateGd(x, null);
        var (kIn, kOut) = region switch
        {
            Region.Anisotropic => (0L, idx.KOneMinusRho),
            Region.Transition => (idx.KOneMinusRho, idx.KOne),
            _ => (idx.KOne, idx.KZbarC),
        };
        if (kIn < 0 || kOut < 0)
        {
            margins.Add(Margin.Uncomputable("GD reaches the region's exit within the iteration budget"));
            return new MarginSet(margins);
        }
        long kLast = includeExitIndex ? kOut : kOut - 1;
        double minD = double.PositiveInfinity, maxD = double.NegativeInfinity, maxTheta = double.NegativeInfinity;
        long count = 0;
        Prop20Proof.IterateGd(x, (k, theta, delta) =>
        {
            if (k >= kIn && k <= kLast)
            {
                minD = Math.Min(minD, delta);
                maxD = Math.Max(maxD, delta);
                maxTheta = Math.Max(maxTheta, theta);
                count++;
            }
        }, maxSteps: kLast);
        double l = AccurateFunctions.Log1p(a * eta);
        var gdTol = Tolerance.FromRounding((int)Math.Min(int.MaxValue / 2, 4 * Math.Max(kLast, 0) + 16), hi, "the literal iteration (relative, ≈ 3 roundings per step)");
        if (count > 0)
        {
            margins.Add(Ec21.AtLeast("GD: min θ̄_k over the index range ≥ band's lower end", minD, lo, gdTol));
            margins.Add(Ec21.AtMost(includeExitIndex ? "GD: max θ̄_k over the index range incl. the exit index ≤ band's upper end" : "GD: max θ̄_k over the index range ≤ band's upper end", maxD, hi, gdTol));
            margins.Add(Ec21.AtMost("GD: max θ_k over the index range ≤ z_c", maxTheta, ab.Zc, Tolerance.FromRounding((int)Math.Min(int.MaxValue / 2, 3 * Math.Max(kLast, 0) + 16), ab.Zc, "the literal iteration")));
        }
        double lnRatio = Math.Log(ab.Zc / th0);
        margins.Add(Prop20Proof.AtMostCeiling("GD: exit index ≤ ⌈ln(z_c/θ_0)/ln(1+aη)⌉ (at the instance)", kOut, lnRatio / l, Tolerance.Gamma(16) * lnRatio / l));
        return new MarginSet(margins).WithObservation("gd_indices_in_region", count).WithObservation("exit_index", kOut).WithObservation("exit_time", tOut);
    }
}
