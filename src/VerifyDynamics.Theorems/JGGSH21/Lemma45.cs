using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 45 (App D.2, L1178–1180): for 0 ≤ p &lt; 1, λ &gt; 0, k ≤ min{n_0, n_L}: a local minimizer of
/// C^Sch_{p,λ} = C + λ‖·‖_p^p restricted to {rank ≤ k} is a local minimizer on all matrices.
/// Formalisation note: C(A) = ‖A − B‖_F² with B = diag(b_1 &gt; … &gt; b_n), n ∈ 2..4; the restricted local minimizer is the
/// prefix A = diag(τ_1, …, τ_k, 0, …) with τ_i the positive local minimizer of (τ − b_i)² + λτ^p (Newton), λ small enough
/// that it exists. Probes: random Δ of size δ = δ_0·10^{−j} (j = 1..3), δ_0 = (λ/‖∇C(A)‖_op)^{1/(1−p)} the scale below
/// which new singular values cost more than they gain (catalog, derived); 6 directions per size; margin
/// C^Sch(A + Δ) − C^Sch(A) ≥ −tol, with the cost difference in the cancellation-free form 2⟨A − B, Δ⟩ + ‖Δ‖² and the
/// Schatten difference's tolerance from Weyl's bound (<see cref="SchattenTools.PowerPRounding"/>).
/// p ∈ {1/3, 1/2, 2/3}; the case p = 0 (rank) is not generated.
/// </summary>
public static class Lemma45
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma45"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 45 (App D.2)", "L1178–1180"),
        Kind = StatementKind.Lemma,
        Title = "p < 1: rank-restricted local minima are local minima",
        Text = "For p < 1, a local minimizer of C + λ‖·‖_p^p on {rank ≤ k} is an unrestricted local minimizer.",
        FormalisationNote = "Whitened diagonal instances; sampled probes below the scale δ_0.",
        Fidelity = Fidelity.Restricted("whitened diagonal instances, n ≤ 4, p ∈ {1/3, 1/2, 2/3}; local minimality only sampled by probes below δ_0"),
        Hypotheses = new Hypotheses("b_i descending in [0.5, 3], n ∈ 2..4, k ∈ 1..n−1, p ∈ {1/3, 1/2, 2/3}, λ = 0.1·b_k^{2−p}·[0.1, 1]", ctx => Generate(ctx, null), Validate),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 30,
        Variants =
        [
            Variant.Mutant("NuclearNormP1", "p = 1 (nuclear norm) with λ < 2b_{k+1}: the restricted minimizer is not a local minimizer, refuted",
                s => s.WithHypotheses("p = 1, λ = b_{k+1}·[0.2, 1]", ctx => Generate(ctx, 1.0), (x, k) => HypothesesCheck.Ok), trials: 6),
        ],
    };

    private static Instance Generate(TrialContext ctx, double? forceP)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(2, 4), k = rng.NextInt(1, n - 1);
        var b = Enumerable.Range(0, n).Select(_ => rng.Uniform(0.5, 3)).OrderByDescending(z => z).ToArray();
        double[] ps = [1.0 / 3, 0.5, 2.0 / 3];
        double p = forceP ?? rng.Pick(ps);
        double lambda = forceP is null ? 0.1 * Math.Pow(b[k - 1], 2 - p) * rng.Uniform(0.1, 1) : b[k] * rng.Uniform(0.2, 1);
        var tau = b.Select((bi, i) => i < k ? LocalMinimizer(bi, lambda, p) : 0).ToArray();
        var probes = rng.GaussianMatrix(n, n * 18);
        return new Instance { Family = "whitened-diagonal", Target = Matrix<double>.Build.DiagonalOfDiagonalArray(b) }
            .WithMatrix("A", Matrix<double>.Build.DiagonalOfDiagonalArray(tau))
            .WithMatrix("probes", probes)
            .WithScalar("p", p).WithScalar("lambda", lambda).WithScalar("k", k);
    }

    /// <summary>Positive local minimizer of (τ − b)² + λτ^p: Newton on 2(τ − b) + λpτ^{p−1} = 0 from τ = b.</summary>
    internal static double LocalMinimizer(double b, double lambda, double p)
    {
        double t = b;
        for (int i = 0; i < 100; i++)
        {
            double f = 2 * (t - b) + lambda * p * Math.Pow(t, p - 1);
            double df = 2 + lambda * p * (p - 1) * Math.Pow(t, p - 2);
            t = Math.Max(t - f / df, t / 2);
        }
        return t;
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        double p = x.Scalar("p"), lambda = x.Scalar("lambda");
        var a = x.Matrix("A");
        var b = x.RequireTarget;
        int kk = (int)x.Scalar("k");
        bool stationary = true, convex = true;
        for (int i = 0; i < kk; i++)
        {
            double t = a[i, i];
            stationary &= t > 0 && Math.Abs(2 * (t - b[i, i]) + lambda * p * Math.Pow(t, p - 1)) <= Tolerance.Gamma(64) * (b[i, i] + lambda);
            convex &= 2 + lambda * p * (p - 1) * Math.Pow(t, p - 2) > 0;
        }
        return HypothesesCheck.All(
            (p >= 0 && p < 1, "0 ≤ p < 1"), (lambda > 0, "λ > 0"),
            (stationary && convex, "A is a (strict) local minimizer on {rank ≤ k}: each τ_i is a positive strict local minimizer of (τ − b_i)² + λτ^p"));
    }

    private static MarginSet Conclude(Instance x)
    {
        double p = x.Scalar("p"), lambda = x.Scalar("lambda");
        var a = x.Matrix("A");
        var b = x.RequireTarget;
        var probes = x.Matrix("probes");
        double gradOp = (2 * (a - b)).L2Norm();
        // For p = 1 (the mutant) there is no such scale: the first-order gain beats λσ at every size, probe at 10^{-j}.
        double delta0 = p < 1 ? Math.Pow(lambda / gradOp, 1 / (1 - p)) : 1;
        double baseSchatten = SchattenTools.PowerP(a, p);
        var baseTol = SchattenTools.PowerPRounding(a, p);
        var margins = new List<Margin>();
        int n = a.RowCount;
        int col = 0;
        for (int j = 1; j <= 3; j++)
        {
            double delta = delta0 * Math.Pow(10, -j);
            for (int i = 0; i < 6; i++)
            {
                var dir = probes.SubMatrix(0, n, (col++) * n % probes.ColumnCount, n);
                var d = delta * dir / dir.FrobeniusNorm();
                double costChange = 2 * EscapeNumerics.Inner(a - b, d) + Math.Pow(d.FrobeniusNorm(), 2);
                double schattenChange = SchattenTools.PowerP(a + d, p) - baseSchatten;
                double change = costChange + lambda * schattenChange;
                var tol = SchattenTools.PowerPRounding(a + d, p).Plus(baseTol).Scaled(lambda, "λ")
                    .Plus(Tolerance.FromRounding(4 * n * n, delta * (a - b).FrobeniusNorm(), "δ‖A − B‖"));
                margins.Add(Margin.Bound($"C^Sch(A + Δ) − C^Sch(A), δ = δ_0·1e−{j}", change, Math.Max(Math.Abs(costChange), 1e-300), tol));
            }
        }
        return new MarginSet(margins).WithObservation("δ_0", delta0);
    }
}
