using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Corollary 21 (App B.4, L589–599): θ with i.i.d. N(0, σ̃²) entries, rectangular width w, t ≥ 0: with probability
/// ≥ 1 − 2Le^{−t²/2}, ‖A_θ‖_op ≤ (1+t)σ̃^L(√n_0 + √w)(4w)^{(L−2)/2}(√w + √n_L).
/// ERRATUM in the proof (catalog §13 item 3): the step Π_ℓ(x_ℓ + t) ≤ (1+t)Π_ℓx_ℓ (x_ℓ = √n_{ℓ−1} + √n_ℓ) is false
/// (x = (2, 2), t = 1: 9 &gt; 8); correct (1+t)^L. Main check: Monte Carlo of the printed conclusion AND of the corrected
/// (1+t)^L bound, N = 100 draws (400 on confirmation), refuted only if the Clopper–Pearson lower bound (1e−3) of the
/// violation frequency exceeds 2Le^{−t²/2}. Formalisation note: σ̃ = 1/√w, t ∈ {5/2, 3, 7/2} (so 2Le^{−t²/2} &lt; 1).
/// The catalog's mutant (4w)^{(L−2)/2} → w^{(L−2)/2} is NOT refutable at feasible sizes (the bound is loose by the factor
/// (1+t) ≥ 3.5 while the Fuss–Catalan edge only gains ≤ 2^{L−2}); an off-by-one mutant (L−3)/2 is used instead.
/// </summary>
public static class Cor21
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Cor21"),
        Source = new SourceRef(Papers.JGGSH21, "Corollary 21 (App B.4)", "L589–599"),
        Kind = StatementKind.Corollary,
        Title = "operator norm of A_θ at initialization",
        Text = "With probability ≥ 1 − 2Le^{−t²/2}, ‖A_θ‖_op ≤ (1+t)σ̃^L(√n_0 + √w)(4w)^{(L−2)/2}(√w + √n_L).",
        FormalisationNote = "Printed σ read as the per-parameter std σ̃. L ∈ 2..4, w ∈ 5..20, n_0, n_L ∈ 1..w.",
        Checkability = Checkability.Statistical,
        Fidelity = Fidelity.Restricted("L ≤ 4, w ∈ 5..20, t ∈ {5/2, 3, 7/2}, σ̃ = 1/√w, by Monte Carlo"),
        Hypotheses = new Hypotheses("L ∈ 2..4, w ∈ 5..20, n_0, n_L ∈ 1..w, t ∈ {5/2, 3, 7/2}, σ̃ = 1/√w", Generate, (x, k) => HypothesesCheck.All((x.Scalar("t") >= 0, "t ≥ 0"))),
        Conclusion = (x, k, p) => Conclude(x, p, 0),
        DefaultTrials = 4,
        Errata = ["Proof step Π(x_ℓ + t) ≤ (1+t)Πx_ℓ is false for L ≥ 2 (z3 model x = (2,2), t = 1); correct (1+t)^L. Union bound printed (1 − 2e^{−t²/2})² ≥ 1 − 2Le^{−t²/2}, intended exponent L."],
        Variants =
        [
            Variant.ProofErratum("ProofStepOnePlusT", "the proof step Π(x_ℓ + t) ≤ (1+t)Πx_ℓ at x_ℓ = √n_{ℓ−1} + √n_ℓ = 2 (all widths 1), t = 1: refuted",
                s => s.WithGenerator("n_0 = w = n_L = 1, t = 1, L ∈ 2..4", ctx => Instance.OfScalars("unit-widths", ("L", ctx.Rng.NextInt(2, 4)), ("w", 1), ("n0", 1), ("nL", 1), ("t", 1), ("mcSeed", 0)))
                    .WithConclusion((x, k, p) => ProofStep(x)), trials: 2),
            Variant.Mutant("HiddenExponentOffByOne", "(4w)^{(L−3)/2} in place of (4w)^{(L−2)/2}: refuted (hidden layers have norm ≈ 2√w σ̃)",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, 1)).WithGenerator("L = 3, n_0 = n_L = w = 30, t = 5/2",
                    ctx => Instance.OfScalars("square", ("L", 3), ("w", 30), ("n0", 30), ("nL", 30), ("t", 2.5), ("mcSeed", ctx.Rng.NextInt(0, int.MaxValue)))), trials: 1),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int w = rng.NextInt(5, 20);
        double[] ts = [2.5, 3, 3.5];
        return Instance.OfScalars("gaussian-init", ("L", rng.NextInt(2, 4)), ("w", w), ("n0", rng.NextInt(1, w)), ("nL", rng.NextInt(1, w)), ("t", rng.Pick(ts)), ("mcSeed", rng.NextInt(0, int.MaxValue)));
    }

    private static MarginSet ProofStep(Instance x)
    {
        int depth = (int)x.Scalar("L"), w = (int)x.Scalar("w"), n0 = (int)x.Scalar("n0"), nL = (int)x.Scalar("nL");
        double t = x.Scalar("t");
        double lhs = 1, prod = 1;
        for (int l = 1; l <= depth; l++)
        {
            double xl = Math.Sqrt(l == 1 ? n0 : w) + Math.Sqrt(l == depth ? nL : w);
            lhs *= xl + t;
            prod *= xl;
        }
        return MarginSet.Of(Margin.AtMost("Π(x_ℓ + t) ≤ (1+t)Πx_ℓ", lhs, (1 + t) * prod));
    }

    private static MarginSet Conclude(Instance x, Precision precision, int hiddenShift)
    {
        int depth = (int)x.Scalar("L"), w = (int)x.Scalar("w"), n0 = (int)x.Scalar("n0"), nL = (int)x.Scalar("nL");
        double t = x.Scalar("t");
        double std = 1 / Math.Sqrt(w);
        double core = Math.Pow(std, depth) * (Math.Sqrt(n0) + Math.Sqrt(w)) * Math.Pow(4.0 * w, (depth - 2 - hiddenShift) / 2.0) * (Math.Sqrt(w) + Math.Sqrt(nL));
        double printed = (1 + t) * core, corrected = Math.Pow(1 + t, depth) * core;
        int draws = precision == Precision.Confirm ? 400 : 100;
        var rng = new Rng(new Seed((ulong)x.Scalar("mcSeed")).Split(precision.ToString()));
        int vp = 0, vc = 0;
        for (int d = 0; d < draws; d++)
        {
            double norm = Core.LinearAlgebra.MatrixMeasures.Spectral(EscapeNumerics.EndToEnd(EscapeNumerics.GaussianLayers(rng, n0, w, nL, depth, std)));
            vp += norm > printed ? 1 : 0;
            vc += norm > corrected ? 1 : 0;
        }
        double level = EscapeNumerics.ConfidenceLevel.ToDouble();
        double bound = 2 * depth * Math.Exp(-t * t / 2);
        var tol = Tolerance.Heuristic(0, "Clopper–Pearson one-sided 1e−3 (already in the bound)");
        return MarginSet.Of(
                Margin.Bound("printed: 2Le^{−t²/2} − CP lower bound of P(‖A‖ > bound)", bound - EscapeNumerics.ClopperPearson(vp, draws, level).Lower, bound, tol),
                Margin.Bound("corrected (1+t)^L: 2Le^{−t²/2} − CP lower bound", bound - EscapeNumerics.ClopperPearson(vc, draws, level).Lower, bound, tol))
            .WithObservation("printed violation frequency", (double)vp / draws)
            .WithObservation("corrected violation frequency", (double)vc / draws);
    }
}
