using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 70 (App. I.14, L1925–1943): (i) t_{1−ρ̄} = (2/a)ln((4 − 3ρ̄)/(2θ̄(0) + 2 − ρ̄)); (ii) θ̄(t) = (θ̄(0) − (ρ̄/2 − 1))e^{at/2}
/// + (ρ̄/2 − 1) for all t ∈ [0, t_{1−ρ̄}] (second GF coordinate in the anisotropic region; t_{1−ρ̄} of Definition 69).
/// Formalisation note: validated DOP853 on the offset δ̄ = θ̄ − z_0 (θ̄(0) − z_0 ≈ e^{−12}: the offset keeps full relative accuracy)
/// with the paper's −φ̄′ on every piece, integrated past t_{1−ρ̄} into the transition region. (i): t_{1−ρ̄} of Definition 69 is
/// found as the crossing of the reference solution with 1 − ρ̄ (bisection of the dense output), independent of the closed form;
/// tolerance = the ODE's relative deviation × (1 − ρ̄ − z_0) / slope (slope (a/2)(2 − 3ρ̄/2) at the crossing) + the
/// bisection width + rounding of the logarithm. (ii) at t = T/4, T/2, 3T/4, T (T the crossing time), relative to δ̄.
/// (2θ̄(0) + 2 − ρ̄)/(4 − 3ρ̄) = δ̄(0)/(2 − 3ρ̄/2), used in offset form.
/// </summary>
public static class Lemma70
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma70"),
        Source = Ec21.Source("Lemma 70 (App. I.14)", "L1925–1943"),
        Kind = StatementKind.Lemma,
        Title = "anisotropic GF closed form",
        Text = "(i) t_{1−ρ̄} = (2/a)ln((4 − 3ρ̄)/(2θ̄(0) + 2 − ρ̄)); and (ii) θ̄(t) = (θ̄(0) − (ρ̄/2 − 1))e^{at/2} + (ρ̄/2 − 1) for all t ∈ [0, t_{1−ρ̄}].",
        FormalisationNote = "DOP853 (validated, rtol 1e−10; Confirm 1e−12) on the offset θ̄ − z_0 with the paper's φ̄′; t_{1−ρ̄} as the crossing of 1 − ρ̄ vs (i); the ODE vs (ii) at four times.",
        Fidelity = Fidelity.Full("(i) at the instance; (ii) at four times of [0, t_{1−ρ̄}] (1/4, 1/2, 3/4, 1); the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Conclude(x, p, 0.5),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("FullRate", "θ̄(t) − z_0 = (θ̄(0) − z_0)e^{at} (curvature −a instead of −a/2 in the anisotropic region)", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double rate)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, delta0 = x.Scalar("u") - ab.RhoBar / 2, level = Prop20Proof.OffsetOneMinusRho(ab);
        double tClosed = ab.TimeOneMinusRho(delta0), tEnd = tClosed + 1 / a;
        var gf = Prop20Proof.SolveSecond(x, tEnd, p);
        double rel = Prop20Proof.RelativeDeviation(gf);
        if (!gf.Succeeded)
        {
            return MarginSet.Of(Margin.Uncomputable("GF: DOP853 run"));
        }
        double tCross = Prop20Proof.Crossing(gf.Reference, level, 0, tEnd);
        double slope = a / 2 * level;
        var tTol = Tolerance.ValidatedEstimate(1.1 * rel * level / slope + 4 * tEnd * Math.Pow(2, -60), "ODE relative deviation × level / slope + bisection width")
            .Plus(Tolerance.FromRounding(16, tClosed, "(2/a)ln(…)"));
        var margins = new List<Margin>
        {
            Margin.Deviation("(i) |t_{1−ρ̄} (crossing of 1 − ρ̄) − (2/a)ln((4−3ρ̄)/(2θ̄(0)+2−ρ̄))|", Math.Abs(tCross - tClosed), tClosed, tTol),
        };
        foreach (double frac in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            double t = frac * tCross, ode = gf.Reference.Evaluate(t)[0], closed = delta0 * Math.Exp(rate * a * t);
            var tol = Tolerance.ValidatedEstimate(1.1 * rel * Math.Abs(ode), $"DOP853 relative deviation {rel:G2}")
                .Plus(Tolerance.FromRounding(8 + (int)Math.Ceiling(a * t), closed, "δ̄(0)e^{at/2}"));
            margins.Add(Margin.Deviation($"(ii) |θ̄_ODE(t) − z_0 − (θ̄(0) − z_0)e^{{at/2}}| at t = {frac}·t_{{1−ρ̄}}", Math.Abs(ode - closed), closed, tol));
        }
        return new MarginSet(margins).WithObservation("t_one_minus_rho", tCross).WithObservation("gf_relative_deviation", rel);
    }
}
