using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Corollary 19 (App B.3, L561–581): the NTK at a Gaussian initialization (per-parameter std σ̃) has mean
/// E[Θ(A, B)] = Lσ̃^{2L−2}n_1⋯n_{L−1}Tr[ABᵀ] (Θ(A, B) = ⟨JA_θᵀA, JA_θᵀB⟩).
/// ERRATUM (catalog §13 item 1): the printed mean lacks the factor L (contradicts Lemma 14); registered as the
/// PrintedMeanWithoutL erratum. Formalisation note: Monte Carlo with N = 2000 draws (8000 on confirmation); the margin
/// is the two-sided CLT interval z·ŝ/√N at level 1e−3 (z ≈ 3.29; approximate — Θ is a polynomial of degree 2L−2 in
/// Gaussians, so its moments are finite); B = A + ½E keeps Tr[ABᵀ] away from 0. The covariance bound (unspecified
/// constant c, right side can be negative) is not checkable as stated and is not checked.
/// </summary>
public static class Cor19
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Cor19"),
        Source = new SourceRef(Papers.JGGSH21, "Corollary 19 (App B.3)", "L561–581"),
        Kind = StatementKind.Corollary,
        Title = "NTK mean at initialization",
        Text = "E[Θ(A, B)] = Lσ̃^{2L−2}n_1⋯n_{L−1}Tr[ABᵀ] (printed without the factor L); the covariance is bounded by c·(…).",
        FormalisationNote = "Mean only; L ∈ 2..3, w ∈ 2..4, n_0, n_L ∈ 1..3, σ̃ ∈ [1/2, 1]. Printed 'n_0 × n_L' read as n_L × n_0.",
        Checkability = Checkability.Statistical,
        NotCheckableReason = "The covariance inequality (unspecified c; right-hand side can be negative) is not checked.",
        Fidelity = Fidelity.Restricted("the mean E[Θ(A,B)] only (the covariance bound is not checked); L ≤ 3, w ≤ 4, n_0, n_L ≤ 3, by Monte Carlo"),
        Hypotheses = new Hypotheses("L ∈ 2..3, w ∈ 2..4, n_0, n_L ∈ 1..3, σ̃ ∈ [1/2, 1], A Gaussian, B = A + ½E", Generate, (x, k) => HypothesesCheck.All((x.Scalar("L") >= 2, "L ≥ 2"))),
        Conclusion = (x, k, p) => Conclude(x, p, true),
        DefaultTrials = 4,
        Errata = ["Corollary 19's printed mean σ̃^{2L−2}n_1⋯n_{L−1}Tr[ABᵀ] misses the factor L (catalog §13 item 1)."],
        Variants =
        [
            Variant.Erratum("PrintedMeanWithoutL", "E[Θ(A,B)] = σ̃^{2L−2}n_1⋯n_{L−1}Tr[ABᵀ] as printed: refuted by Monte Carlo", s => s.WithConclusion((x, k, p) => Conclude(x, p, false)), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n0 = rng.NextInt(1, 3), nL = rng.NextInt(1, 3);
        var a = rng.GaussianMatrix(nL, n0);
        return Instance.OfScalars("gaussian-init", ("L", rng.NextInt(2, 3)), ("w", rng.NextInt(2, 4)), ("std", rng.Uniform(0.5, 1)), ("mcSeed", rng.NextInt(0, int.MaxValue)))
            .WithMatrix("A", a).WithMatrix("B", a + 0.5 * rng.GaussianMatrix(nL, n0));
    }

    /// <summary>Θ(A, B) = Σ_ℓ ⟨W_{L:ℓ+1}ᵀAW_{ℓ−1:1}ᵀ, W_{L:ℓ+1}ᵀBW_{ℓ−1:1}ᵀ⟩.</summary>
    internal static double Ntk(IReadOnlyList<Matrix<double>> layers, Matrix<double> a, Matrix<double> b)
    {
        var ga = EscapeNumerics.ChainGradient(layers, a);
        var gb = EscapeNumerics.ChainGradient(layers, b);
        return ga.Zip(gb).Sum(p => EscapeNumerics.Inner(p.First, p.Second));
    }

    private static MarginSet Conclude(Instance x, Precision precision, bool withL)
    {
        int depth = (int)x.Scalar("L"), w = (int)x.Scalar("w");
        double std = x.Scalar("std");
        var a = x.Matrix("A");
        var b = x.Matrix("B");
        int draws = precision == Precision.Confirm ? 8000 : 2000;
        var rng = new Rng(new Seed((ulong)x.Scalar("mcSeed")).Split(precision.ToString()));
        double sum = 0, sumSq = 0;
        for (int d = 0; d < draws; d++)
        {
            double v = Ntk(EscapeNumerics.GaussianLayers(rng, a.ColumnCount, w, a.RowCount, depth, std), a, b);
            sum += v;
            sumSq += v * v;
        }
        double mean = sum / draws;
        double sd = Math.Sqrt(Math.Max(sumSq / draws - mean * mean, 0) * draws / (draws - 1));
        double formula = (withL ? depth : 1) * Math.Pow(std, 2 * depth - 2) * Math.Pow(w, depth - 1) * EscapeNumerics.Inner(a, b);
        double z = EscapeNumerics.NormalQuantile(EscapeNumerics.ConfidenceLevel.ToDouble());
        var tol = Tolerance.Heuristic(z * sd / Math.Sqrt(draws), $"CLT interval z·ŝ/√N, z = {z:F2} (two-sided 1e−3), N = {draws}");
        return MarginSet.Of(EscapeNumerics.Equal(withL ? "E Θ(A,B) = Lσ̃^{2L−2}w^{L−1}Tr[ABᵀ]" : "E Θ(A,B) = σ̃^{2L−2}w^{L−1}Tr[ABᵀ] (printed)", mean, formula, tol))
            .WithObservation("sample mean", mean).WithObservation("formula", formula);
    }
}
