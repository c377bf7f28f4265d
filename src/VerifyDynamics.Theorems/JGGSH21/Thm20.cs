using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Theorem 20 (App B.4, L585–587; standard form): A ∈ R^{m×n} i.i.d. N(0, σ²), m ≥ n, t ≥ 0: with probability
/// ≥ 1 − 2e^{−t²/2}, σ(√m − √n − t) ≤ s_min(A) ≤ s_max(A) ≤ σ(√m + √n + t).
/// Formalisation note: Monte Carlo — N = 150 draws per instance (600 on confirmation), violations of the two-sided
/// event counted; refuted only if the one-sided Clopper–Pearson LOWER bound (level 1e−3) of the violation frequency exceeds
/// 2e^{−t²/2}. t ∈ {3/2, 2, 5/2, 3} (smaller t make the bound vacuous). The printed lower bound σ(−√m − √n − t) ≤ λ_min(A)
/// is garbled (trivially true); the standard s_min bound is checked (catalog §13 item 4).
/// </summary>
public static class Thm20
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Thm20"),
        Source = new SourceRef(Papers.JGGSH21, "Theorem 20 (App B.4)", "L585–587"),
        Kind = StatementKind.Theorem,
        Title = "spectrum of a Gaussian matrix",
        Text = "With probability ≥ 1 − 2e^{−t²/2}, σ(√m − √n − t) ≤ s_min(A) ≤ s_max(A) ≤ σ(√m + √n + t).",
        FormalisationNote = "Sizes (5,5), (20,5), (30,12), (24,24); σ ∈ [1/2, 2].",
        Checkability = Checkability.Statistical,
        Fidelity = Fidelity.Substitute("the stronger two-sided s_min/s_max concentration form instead of the printed λ form, at sizes (5,5), (20,5), (30,12), (24,24), t ≤ 3, by Monte Carlo; no sampled size comes near a violation (audit: 0 of 2,000 draws per size), so the check cannot discriminate"),
        Hypotheses = new Hypotheses("(m, n) from a list, σ ∈ [1/2, 2], t ∈ {3/2, 2, 5/2, 3}, Monte-Carlo seed", ctx => Generate(ctx, [(5, 5), (20, 5), (30, 12), (24, 24)]), (x, k) => HypothesesCheck.All((x.Scalar("m") >= x.Scalar("n"), "m ≥ n"), (x.Scalar("t") >= 0, "t ≥ 0"))),
        Conclusion = (x, k, p) => Conclude(x, p, 0),
        DefaultTrials = 6,
        Errata = ["The printed lower bound σ(−√m − √n − t) ≤ λ_min(A) is garbled (trivially true); the intended σ(√m − √n − t) ≤ s_min(A) is checked."],
        Variants =
        [
            Variant.Mutant("UpperWithoutSqrtN", "s_max ≤ σ(√max(m,n) + t): violated with high frequency", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1))
                .WithGenerator("(m, n) = (30, 30)", ctx => Generate(ctx, [(30, 30)])), trials: 2),
            Variant.Mutant("LowerPlusT", "σ(√m − √n + t) ≤ s_min: violated with high frequency", s => s.WithConclusion((x, k, p) => Conclude(x, p, 2)), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx, (int M, int N)[] sizes)
    {
        var rng = ctx.Rng;
        var (m, n) = rng.Pick(sizes);
        double[] ts = [1.5, 2, 2.5, 3];
        return Instance.OfScalars("gaussian", ("m", m), ("n", n), ("sigma", rng.Uniform(0.5, 2)), ("t", rng.Pick(ts)), ("mcSeed", rng.NextInt(0, int.MaxValue)));
    }

    private static MarginSet Conclude(Instance x, Precision precision, int mutant)
    {
        int m = (int)x.Scalar("m"), n = (int)x.Scalar("n");
        double sigma = x.Scalar("sigma"), t = x.Scalar("t");
        int draws = precision == Precision.Confirm ? 600 : 150;
        var rng = new Rng(new Seed((ulong)x.Scalar("mcSeed")).Split(precision.ToString()));
        int violations = 0;
        for (int d = 0; d < draws; d++)
        {
            var s = Core.LinearAlgebra.MatrixMeasures.SingularValues(rng.GaussianMatrix(m, n, sigma));
            double upper = mutant == 1 ? sigma * (Math.Sqrt(Math.Max(m, n)) + t) : sigma * (Math.Sqrt(m) + Math.Sqrt(n) + t);
            double lower = mutant == 2 ? sigma * (Math.Sqrt(m) - Math.Sqrt(n) + t) : sigma * (Math.Sqrt(m) - Math.Sqrt(n) - t);
            if (s[0] > upper || s[^1] < lower)
            {
                violations++;
            }
        }
        double level = EscapeNumerics.ConfidenceLevel.ToDouble();
        var (lo, _) = EscapeNumerics.ClopperPearson(violations, draws, level);
        double bound = 2 * Math.Exp(-t * t / 2);
        return MarginSet.Of(Margin.Bound("2e^{−t²/2} − CP lower bound of P(violation)", bound - lo, bound, Tolerance.Heuristic(0, "Clopper–Pearson one-sided 1e−3 (already in the bound)")))
            .WithObservation("violation frequency", (double)violations / draws)
            .WithObservation("draws", draws);
    }
}
