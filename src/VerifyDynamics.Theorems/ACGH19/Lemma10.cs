using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 10 (App. D.4, Eq. (43), L840–860): for a, b, d ∈ N, A ∈ R^{a×d} and B ∈ R^{d×b} with i.i.d. N(0, s²) entries
/// and k ≥ 1, P[‖AᵀA − BBᵀ‖_F ≥ k s² √(2d(a+b)² + d²(a+b))] ≤ 1/k².
/// Formalisation note: Monte Carlo over n = 600 pairs (A, B); margin 1/k² − CP-lower (level 1e-3, tolerance 0), i.e. refuted
/// only if even the lower confidence bound exceeds 1/k². k ∈ {1, 1.5, 3}, a, b, d ∈ 1..24, s log-uniform in [0.05, 3].
/// The second moment E‖X‖_F² = s⁴[d((a−b)² + 2(a+b)) + d(d−1)(a+b)] is recorded next to its Monte-Carlo mean.
/// </summary>
public static class Lemma10
{
    public static NamedConstant SquareTerm { get; } = new("dSquared", Rational.Of(1), "coefficient of the d²(a+b) term under the root");
    public static NamedConstant KPower { get; } = new("kPower", Rational.Of(2), "the bound is 1/k^kPower");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma10"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 10 (App. D.4), Eq. (43)", "L840–860"),
        Kind = StatementKind.Lemma,
        Title = "Markov bound for Gram differences of Gaussian matrices",
        Text = "For A ∈ R^{a×d}, B ∈ R^{d×b} with i.i.d. N(0, s²) entries and k ≥ 1: P[‖AᵀA − BBᵀ‖_F ≥ k s² √(2d(a+b)² + d²(a+b))] ≤ 1/k².",
        FormalisationNote = "Monte Carlo, n = 600 draws; margin 1/k² − CP-lower(P) at level 1e-3. a, b, d ∈ 1..24, s ∈ [0.05, 3], k ∈ {1, 1.5, 3}.",
        Checkability = Checkability.Statistical,
        Constants = [SquareTerm, KPower],
        Fidelity = Fidelity.Full("the tail bound by Monte Carlo (Clopper–Pearson lower bound) at k ∈ {1, 1.5, 3}; a, b, d ≤ 24"),
        Hypotheses = new Hypotheses("a, b, d ∈ 1..24, s log-uniform in [0.05, 3], k ∈ {1, 1.5, 3}; n = 600 draws",
            ctx => Build(ctx, ctx.Rng.NextInt(1, 24), ctx.Rng.NextInt(1, 24), ctx.Rng.NextInt(1, 24), ctx.Rng.Pick([1.0, 1.5, 3]), 600), Validate),
        Conclusion = Conclude,
        DefaultTrials = 4,
        Variants =
        [
            Variant.Mutant("DropSquareTerm", "without the d²(a+b) term: a = b = 1, d ∈ [100, 200], k = 3 gives ‖X‖² ≈ 2d² ≫ 72d (probability ≈ 1 > 1/9)",
                s => s.WithConstantDefault("dSquared", Rational.Zero)
                    .WithGenerator("a = b = 1, d ∈ [100, 200], k = 3, n = 200", ctx => Build(ctx, 1, 1, ctx.Rng.NextInt(100, 200), 3, 200)), trials: 2),
            Variant.ConstantChanged(VariantRole.Control, "FourthPower",
                "1/k⁴ instead of 1/k²: not refuted (concentration makes the probability ≈ 0 for k > 1)", KPower, Rational.Of(4)),
        ],
        Errata =
        [
            "Proof of Lemma 10 (L850): E[X_ii²] is printed as s⁴(3(a+b) + a(a−1) + b(b−1) − ab); the correct value is s⁴((a−b)² + 2(a+b)) "
                + "= s⁴(3(a+b) + a(a−1) + b(b−1) − 2ab) (catalog §12.3 item 9). The printed value over-estimates by ab·s⁴, so the inequality is unaffected.",
        ],
    };

    private static Instance Build(TrialContext ctx, int a, int b, int d, double k, int draws) =>
        Instance.OfScalars("gaussian-pair", ("a", a), ("b", b), ("d", d), ("k", k), ("s", ctx.Rng.LogUniform(0.05, 3))).WithDraws(ctx.Rng, draws);

    private static HypothesesCheck Validate(Instance x, ConstantValues c) => HypothesesCheck.All(
        (x.Scalar("a") >= 1 && x.Scalar("b") >= 1 && x.Scalar("d") >= 1, "a, b, d ≥ 1"),
        (x.Scalar("k") >= 1, "k ≥ 1"),
        (x.Scalar("s") > 0, "s > 0"),
        (x.Scalar("draws") >= 1, "at least one Monte-Carlo draw"));

    /// <summary>
    /// ‖AᵀA − BBᵀ‖_F² = ‖AAᵀ‖_F² + ‖BᵀB‖_F² − 2‖AB‖_F² (expand the trace; tr(AᵀA BBᵀ) = ‖AB‖_F²): O((a² + b² + ab)d) work
    /// instead of forming two d×d Gram matrices, which matters for the d ≫ a, b mutant.
    /// </summary>
    public static double GramDifferenceSquaredNorm(double[,] a, double[,] b)
    {
        int ra = a.GetLength(0), d = a.GetLength(1), cb = b.GetLength(1);
        double aa = 0, bb = 0, ab = 0;
        for (int i = 0; i < ra; i++)
        {
            for (int j = 0; j < ra; j++)
            {
                double sum = 0;
                for (int t = 0; t < d; t++)
                {
                    sum += a[i, t] * a[j, t];
                }
                aa += sum * sum;
            }
        }
        for (int i = 0; i < cb; i++)
        {
            for (int j = 0; j < cb; j++)
            {
                double sum = 0;
                for (int t = 0; t < d; t++)
                {
                    sum += b[t, i] * b[t, j];
                }
                bb += sum * sum;
            }
        }
        for (int i = 0; i < ra; i++)
        {
            for (int j = 0; j < cb; j++)
            {
                double sum = 0;
                for (int t = 0; t < d; t++)
                {
                    sum += a[i, t] * b[t, j];
                }
                ab += sum * sum;
            }
        }
        // Cancellation: the difference can be far below the three terms; callers compare it with thresholds of the same order as the terms.
        return Math.Max(0, aa + bb - 2 * ab);
    }

    private static MarginSet Conclude(Instance x, ConstantValues c, Precision precision)
    {
        int a = (int)x.Scalar("a"), b = (int)x.Scalar("b"), d = (int)x.Scalar("d");
        double k = x.Scalar("k"), s = x.Scalar("s");
        double threshold = k * s * s * Math.Sqrt(2.0 * d * (a + b) * (a + b) + c.Double("dSquared") * (double)d * d * (a + b));
        double bound = Math.Pow(k, -c.Double("kPower"));
        double sumSquares = 0;
        int draws = MonteCarlo.Draws(x, precision);
        var estimate = MonteCarlo.Estimate(draws, MonteCarlo.Stream(x, precision), r =>
        {
            var ma = r.GaussianMatrix(a, d, s);
            var mb = r.GaussianMatrix(d, b, s);
            double norm2 = GramDifferenceSquaredNorm(ma.ToArray(), mb.ToArray());
            sumSquares += norm2;
            return Math.Sqrt(norm2) >= threshold;
        });
        double exactSecondMoment = Math.Pow(s, 4) * (d * ((double)(a - b) * (a - b) + 2.0 * (a + b)) + (double)d * (d - 1) * (a + b));
        return estimate.Observe(MarginSet.Of(estimate.AtMost("1/k² − CP-lower(P[‖AᵀA − BBᵀ‖_F ≥ k s²√(2d(a+b)² + d²(a+b))])", bound)), "mc")
            .WithObservation("secondMoment.mc", sumSquares / draws)
            .WithObservation("secondMoment.exact", exactSecondMoment)
            .WithObservation("bound", bound);
    }
}
