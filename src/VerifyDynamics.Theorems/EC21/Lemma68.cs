using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 68 (App. I.14, L1901–1920): θ(t) = θ(0)e^{at} for all t ∈ [0, a^{−1}ln(z_c/θ(0))], and
/// θ_k = θ_0(1 + aη)^k for all k ∈ {0, 1, …, ⌈ln(z_c/θ_0)/ln(1 + aη)⌉} (first coordinate of GF and GD on the Appendix-B objective).
/// Formalisation note: GF: validated DOP853 on θ′ = −φ′(θ) (φ′ per piece, <see cref="Prop20Proof.MinusPhiPrime"/>) over the whole
/// interval [0, a^{−1}ln(z_c/θ(0))] (θ grows from ≈ 1 to z_c ≈ 1e16–1e19), compared with θ(0)e^{at} at t = T/4, T/2, 3T/4, T;
/// tolerance 1.1 × the run's relative deviation from the rtol/100 reference (Confirm: rtol 1e−12) plus the rounding of e^{at}
/// (argument at ≤ 45 carries relative error at·u). GD: literal iteration θ_{k+1} = θ_k − ηφ′(θ_k) for every k up to the lemma's
/// ⌈ln(z_c/θ_0)/ln(1 + aη)⌉ (≤ 4·10^5 steps), max relative deviation from θ_0·exp(k·ln(1 + aη)); tolerance γ_{3K + 4⌈KL⌉ + 16}
/// (3 roundings per step, log1p accurate to 4u and multiplied by k). Plus the proof's θ_{K−1} &lt; z_c.
/// Instances: the Prop. 20 setting with η ≤ 1/(6a) (<see cref="Prop20Proof"/>).
/// </summary>
public static class Lemma68
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma68"),
        Source = Ec21.Source("Lemma 68 (App. I.14)", "L1901–1920"),
        Kind = StatementKind.Lemma,
        Title = "first-coordinate closed forms",
        Text = "θ(t) = θ(0)e^{at} for all t ∈ [0, a^{−1}ln(z_c/θ(0))], and θ_k = θ_0(1 + aη)^k for all k ∈ {0, 1, …, ⌈ln(z_c/θ_0)/ln(1 + aη)⌉}.",
        FormalisationNote = "GF closed form vs validated DOP853 (rtol 1e−10; Confirm 1e−12) at four times up to a^{−1}ln(z_c/θ(0)); GD closed form vs the literal iteration at every k up to ⌈ln(z_c/θ_0)/ln(1+aη)⌉ with a derived rounding tolerance; θ_{K−1} < z_c.",
        Fidelity = Fidelity.Full("GD at every k of the lemma's range; GF at four times of its interval (1/4, 1/2, 3/4, 1); the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Conclude(x, p, 1),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("HalfRateGd", "θ_k = θ_0(1 + aη/2)^k (the second coordinate's anisotropic rate): the iteration grows faster", s => s.WithConclusion((x, k, p) => Conclude(x, p, 0.5)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double rateFactor)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), th0 = x.Scalar("theta1");
        double logRatio = Math.Log(ab.Zc / th0), horizon = logRatio / a;
        var margins = new List<Margin>();
        var gf = Prop20Proof.SolveFirst(x, horizon, p);
        double rel = Prop20Proof.RelativeDeviation(gf);
        if (!gf.Succeeded)
        {
            margins.Add(Margin.Uncomputable("GF: DOP853 run"));
        }
        else
        {
            foreach (double frac in new[] { 0.25, 0.5, 0.75, 1.0 })
            {
                double t = frac * horizon, ode = gf.Reference.Evaluate(t)[0], closed = th0 * Math.Exp(a * t);
                var tol = Tolerance.ValidatedEstimate(1.1 * rel * Math.Abs(ode), $"DOP853 relative deviation {rel:G2} (rtol {Prop20Proof.Rtol(p):G2} vs /100)")
                    .Plus(Tolerance.FromRounding(8 + (int)Math.Ceiling(a * t), closed, "θ(0)e^{at} (argument at)"));
                margins.Add(Margin.Deviation($"GF: |θ_ODE(t) − θ(0)e^{{at}}| at t = {frac}·a^{{−1}}ln(z_c/θ(0))", Math.Abs(ode - closed), closed, tol));
            }
        }
        // GD: the lemma's last index K = ⌈ln(z_c/θ_0)/ln(1 + aη)⌉.
        double l = AccurateFunctions.Log1p(a * eta), lClosed = AccurateFunctions.Log1p(rateFactor * a * eta);
        long kMax = (long)Math.Ceiling(logRatio / l);
        double theta = th0, maxRel = 0, beforeLast = double.NaN;
        for (long k = 0; k <= kMax; k++)
        {
            double closed = th0 * Math.Exp(k * lClosed);
            maxRel = Math.Max(maxRel, Math.Abs(theta - closed) / closed);
            if (k == kMax - 1)
            {
                beforeLast = theta;
            }
            theta += eta * Prop20Proof.MinusPhiPrime(ab, theta);
        }
        int ops = (int)Math.Min(int.MaxValue / 2, 3 * kMax + 4 * (long)Math.Ceiling(kMax * l) + 16);
        margins.Add(Margin.Deviation("GD: max_k |θ_k − θ_0(1+aη)^k| / θ_0(1+aη)^k for k ≤ ⌈ln(z_c/θ_0)/ln(1+aη)⌉", maxRel, 1,
            Tolerance.FromRounding(ops, 1, "relative (3 roundings per GD step; k·ln(1+aη) with log1p to 4u)")));
        margins.Add(Margin.AtMost("GD: θ_{K−1} < z_c at K = ⌈ln(z_c/θ_0)/ln(1+aη)⌉", beforeLast, ab.Zc, Tolerance.FromRounding(ops, ab.Zc, "z_c")));
        return new MarginSet(margins).WithObservation("K", kMax).WithObservation("gf_relative_deviation", rel);
    }
}
