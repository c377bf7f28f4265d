using MathNet.Numerics.Distributions;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 13 (App. D.5, L922–928): for N, d_0..d_{N−1} ∈ N, d_N = 1 and i.i.d. N(0, s²) entries in all W_j, the law of
/// W_{1:N} ∈ R^{1×d_0} is rotation-invariant (W_{1:N}O has the law of W_{1:N} for every orthogonal O).
/// Formalisation note: a statistical test of consequences of rotation invariance (catalog Lemma13): with U = W/‖W‖ and
/// fixed unit vectors u (e_1 and two random directions), (1 + ⟨U, u⟩)/2 ~ Beta((d_0−1)/2, (d_0−1)/2) (Kolmogorov–Smirnov),
/// and ‖W‖ is independent of U (Spearman rank correlation of ‖W‖ with ⟨U, e_1⟩² ≈ 0, normal approximation). The m = 4
/// p-values are Bonferroni-corrected: each margin is p − 10⁻³/m (tolerance 0); a rejection is confirmed on 4× fresh draws.
/// </summary>
public static class Lemma13
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma13"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 13 (App. D.5)", "L922–928"),
        Kind = StatementKind.Lemma,
        Title = "rotation invariance of the Gaussian end-to-end vector",
        Text = "For d_N = 1 and i.i.d. N(0, s²) entries in every layer, the law of W_{1:N} ∈ R^{1×d_0} is rotation-invariant.",
        FormalisationNote = "Tests of rotation invariance on n = 3000 draws: KS of (1 + ⟨U, u⟩)/2 against Beta((d_0−1)/2, (d_0−1)/2) for u = e_1 and two random "
            + "unit vectors (Kolmogorov limit law with Stephens' small-n correction), Spearman correlation of ‖W‖ and ⟨U, e_1⟩²; Bonferroni over the 4 "
            + "tests at family level 1e-3. d_0 ∈ {2, 5, 20}, N ∈ 1..4, hidden widths 1..5, s log-uniform in [0.1, 2]. Statistical evidence only.",
        Checkability = Checkability.Statistical,
        Fidelity = Fidelity.Substitute("rotation invariance of a law cannot be verified by sampling; four statistical tests of its consequences (KS of three projections, Spearman independence of norm and direction) are run instead"),
        Hypotheses = new Hypotheses("d_0 ∈ {2, 5, 20}, N ∈ 1..4, hidden widths 1..5, s ∈ [0.1, 2]; n = 3000 draws", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 4,
        Variants =
        [
            Variant.Mutant("HeteroscedasticFirstLayer", "column 1 of W_1 scaled by 2 (entries no longer identically distributed): the law is not rotation-invariant",
                s => s.WithHypotheses("as the statement, column 1 of W_1 scaled by 2", ctx => Generate(ctx).WithScalar("col1Scale", 2), (x, k) => ValidateShape(x)), trials: 2),
        ],
    };

    private const int Tests = 4;

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d0 = rng.Pick([2, 5, 20]);
        int depth = rng.NextInt(1, 4);
        var dims = new int[depth + 1];
        dims[0] = d0;
        dims[depth] = 1;
        for (int j = 1; j < depth; j++)
        {
            dims[j] = rng.NextInt(1, 5);
        }
        var directions = rng.GaussianMatrix(2, d0);
        return new Instance { Family = "gaussian-layers", Dims = [.. dims] }
            .WithMatrix("directions", directions)
            .WithScalar("s", rng.LogUniform(0.1, 2))
            .WithScalar("col1Scale", 1)
            .WithDraws(rng, 3000);
    }

    private static HypothesesCheck ValidateShape(Instance x) => HypothesesCheck.All(
        (x.Dims.Length >= 2 && x.Dims[^1] == 1 && x.Dims[0] >= 2 && x.Dims.All(w => w >= 1), "d_N = 1, d_0 ≥ 2 (Beta((d_0−1)/2, ·) needs d_0 ≥ 2), widths ≥ 1"),
        (x.Matrix("directions").ColumnCount == x.Dims[0] && x.Matrix("directions").FrobeniusNorm() > 0, "test directions in R^{d_0}"),
        (x.Scalar("s") > 0, "s > 0"),
        (x.Scalar("draws") >= 100, "at least 100 draws (KS limit law)"));

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var shape = ValidateShape(x);
        return !shape.Satisfied ? shape : HypothesesCheck.All((x.Scalar("col1Scale") == 1, "all entries i.i.d. N(0, s²)"));
    }

    /// <summary>Asymptotic Kolmogorov p-value with Stephens' correction λ = (√n + 0.12 + 0.11/√n)·D (Press et al., Numerical Recipes §14.3).</summary>
    public static double KolmogorovPValue(double statistic, int n)
    {
        double sqrtN = Math.Sqrt(n);
        double lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * statistic;
        if (lambda < 0.2)
        {
            return 1;
        }
        double sum = 0;
        for (int j = 1; j <= 100; j++)
        {
            sum += (j % 2 == 1 ? 2 : -2) * Math.Exp(-2.0 * j * j * lambda * lambda);
        }
        return Math.Clamp(sum, 0, 1);
    }

    private static double KsStatistic(double[] sample, Func<double, double> cdf)
    {
        var sorted = (double[])sample.Clone();
        Array.Sort(sorted);
        int n = sorted.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = cdf(sorted[i]);
            d = Math.Max(d, Math.Max(f - (double)i / n, (i + 1.0) / n - f));
        }
        return d;
    }

    private static double[] Ranks(double[] values)
    {
        var order = Enumerable.Range(0, values.Length).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Length];
        for (int r = 0; r < order.Length; r++)
        {
            ranks[order[r]] = r;
        }
        return ranks;
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var dims = x.Dims.ToArray();
        int d0 = dims[0], n = MonteCarlo.Draws(x, precision);
        double s = x.Scalar("s"), scale = x.Scalar("col1Scale");
        var directions = x.Matrix("directions");
        var units = new List<double[]> { Enumerable.Range(0, d0).Select(i => i == 0 ? 1.0 : 0.0).ToArray() };
        for (int r = 0; r < directions.RowCount; r++)
        {
            var row = directions.Row(r);
            units.Add((row / row.L2Norm()).ToArray());
        }
        var projections = units.Select(_ => new double[n]).ToArray();
        var norms = new double[n];
        var rng = MonteCarlo.Stream(x, precision);
        var w = new double[d0];
        for (int i = 0; i < n; i++)
        {
            GaussianEndToEnd.Draw(dims, s, rng, w, scale);
            double norm = Math.Sqrt(GaussianEndToEnd.SquaredNorm(w));
            norms[i] = norm;
            for (int t = 0; t < units.Count; t++)
            {
                double dot = 0;
                for (int c = 0; c < d0; c++)
                {
                    dot += w[c] * units[t][c];
                }
                projections[t][i] = (1 + dot / norm) / 2;
            }
        }
        double shape = (d0 - 1) / 2.0;
        double alpha = MonteCarlo.Level.ToDouble() / Tests;
        var margins = new List<Margin>();
        var tolerance = Tolerance.Heuristic(0, $"Bonferroni: asymptotic p-value (Kolmogorov limit law with Stephens' correction; Spearman normal approximation) against 1e-3/{Tests}");
        var set = MarginSet.Of();
        for (int t = 0; t < units.Count; t++)
        {
            double ks = KsStatistic(projections[t], v => MathNet.Numerics.SpecialFunctions.BetaRegularized(shape, shape, Math.Clamp(v, 0, 1)));
            double p = KolmogorovPValue(ks, n);
            margins.Add(Margin.Bound($"KS p-value − α/m, (1 + ⟨U, u_{t}⟩)/2 ~ Beta((d_0−1)/2, (d_0−1)/2)", p - alpha, 1, tolerance));
            set = set.WithObservation($"ks{t}.D", ks).WithObservation($"ks{t}.p", p);
        }
        // Spearman's ρ between ‖W‖ and ⟨U, e_1⟩²; under independence √(n−1)·ρ is approximately N(0, 1).
        var rankNorm = Ranks(norms);
        var rankProjection = Ranks(projections[0].Select(v => (2 * v - 1) * (2 * v - 1)).ToArray());
        double meanRank = (n - 1) / 2.0, cov = 0, var = 0;
        for (int i = 0; i < n; i++)
        {
            cov += (rankNorm[i] - meanRank) * (rankProjection[i] - meanRank);
            var += (rankNorm[i] - meanRank) * (rankNorm[i] - meanRank);
        }
        double rho = cov / var;
        double pSpearman = 2 * (1 - Normal.CDF(0, 1, Math.Abs(rho) * Math.Sqrt(n - 1)));
        margins.Add(Margin.Bound("Spearman p-value − α/m, ‖W‖ independent of ⟨U, e_1⟩²", pSpearman - alpha, 1, tolerance));
        return new MarginSet(margins, set.WithObservation("spearman.rho", rho).WithObservation("spearman.p", pSpearman).WithObservation("n", n).Observations);
    }
}
