using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 17 (App B.3, L538–547): let θ_1, …, θ_{2r} be jointly Gaussian parameters of one (L,w)-DLN with
/// E[θ_{k,i}θ_{m,j}] = δ_{ij}K_{km}, and a_i ∈ R^{n_0}, b_i ∈ R^{n_L}. Then E[Π_{i=1}^{2r} b_iᵀA_{θ_i}a_i] =
/// Σ_{ρ^(1),…,ρ^(L) ∈ P(2r)} K_{ρ^(1)}⋯K_{ρ^(L)} Π_{ℓ=1}^{L−1} w^{|ρ^(ℓ) ∨ ρ^(ℓ+1)|} Π_{(i,j)∈ρ^(1)} a_iᵀa_j Π_{(i,j)∈ρ^(L)} b_iᵀb_j.
/// Formalisation note: the right side is enumerated exactly (<see cref="WickMoments.PairingSum"/>, transfer matrix over the
/// perfect matchings); the left side is a Monte-Carlo mean over independent draws (θ_k = Σ_m C_{km}ξ_m with CCᵀ = K) with the
/// CLT interval: margin 5·SE − |mean − RHS| (P(|Z| &gt; 5) ≈ 6·10^{−7}; the product of 2r Gaussian polynomials is heavy-tailed,
/// hence 5 rather than the 1e−3 quantile 3.3) plus rounding of the enumeration. Confirm quadruples the draws. Printed
/// glitches read as intended (catalog): a_iᵀA_θb_i → b_iᵀA_θa_i; the last product over ρ^(L−1) → ρ^(L).
/// Instances: r ∈ {1, 2}, L ∈ {1, 2, 3}, w ∈ {2, 3}, n_0, n_L ∈ {1, 2}, K = D(c·11ᵀ + (1−c)I)D with correlation c ∈ [0.5, 0.9].
/// </summary>
public static class Prop17
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop17"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 17 (App B.3)", "L538–547"),
        Kind = StatementKind.Proposition,
        Title = "Wick (pairing) formula for moments of A_θ",
        Text = "For jointly Gaussian θ_1, …, θ_{2r} with E[θ_{k,i}θ_{m,j}] = δ_{ij}K_{km} and vectors a_i, b_i: E[Π_{i=1}^{2r} b_iᵀA_{θ_i}a_i] = "
            + "Σ_{ρ^(1),…,ρ^(L) ∈ P(2r)} K_{ρ^(1)}⋯K_{ρ^(L)} Π_{ℓ=1}^{L−1} w^{|ρ^(ℓ) ∨ ρ^(ℓ+1)|} Π_{(i,j)∈ρ^(1)} a_iᵀa_j Π_{(i,j)∈ρ^(L)} b_iᵀb_j, "
            + "where P(2r) is the set of perfect matchings of [2r], K_ρ = Π_{(i,j)∈ρ} K_{ij} and |ρ ∨ ρ'| is the number of blocks of the join.",
        FormalisationNote = "Exact enumeration of the pairing sum vs a Monte-Carlo mean (30 000 draws; 120 000 on confirmation) within 5 standard errors; "
            + "r ∈ {1, 2}, L ≤ 3, w ∈ {2, 3}.",
        Checkability = Checkability.Statistical,
        Errata =
        [
            "L541: the product is printed a_iᵀA_{θ_i}b_i (dimension mismatch); read b_iᵀA_{θ_i}a_i.",
            "L541: the last product runs over ρ^(L−1); read ρ^(L) (the output-side pairing).",
        ],
        Constants =
        [
        ],
        Fidelity = Fidelity.Restricted("r ≤ 2, L ≤ 3, w ≤ 3, n_0, n_L ≤ 2, by Monte Carlo"),
        Hypotheses = new Hypotheses("r ∈ {1, 2}, L ∈ {1, 2, 3}, w ∈ {2, 3}, n_0, n_L ∈ {1, 2}, correlated K, correlated a_i, b_i",
            ctx => Generate(ctx, false), Validate),
        Conclusion = Conclude,
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("CommonPairsInsteadOfJoin", "w^{#common pairs of ρ^(ℓ), ρ^(ℓ+1)} instead of w^{|ρ^(ℓ) ∨ ρ^(ℓ+1)|}: refuted at r = 2, L ≥ 2",
                s => s.WithSwitch("joinCount", R(1)).WithGenerator("r = 2, L ≥ 2", ctx => Generate(ctx, true))),
            Variant.Mutant("OwnPairsInsteadOfJoin", "w^{|ρ^(ℓ)|} = w^r instead of the join: refuted at r = 2, L ≥ 2",
                s => s.WithSwitch("joinCount", R(2)).WithGenerator("r = 2, L ≥ 2", ctx => Generate(ctx, true))),
        ],
    };

    /// <summary>A correlated covariance and correlated vectors (so that every pairing term matters).</summary>
    public static Instance Build(Rng rng, int r, int depth, int width, int n0, int nL, string family)
    {
        int m = 2 * r;
        double c = rng.Uniform(0.5, 0.9);
        var d = Enumerable.Range(0, m).Select(_ => rng.Uniform(0.7, 1.2)).ToArray();
        var k = Matrix<double>.Build.Dense(m, m, (i, j) => d[i] * d[j] * (i == j ? 1 : c));
        var a0 = SequentialBuild.Vector(n0, _ => rng.NextGaussian());
        var b0 = SequentialBuild.Vector(nL, _ => rng.NextGaussian());
        var a = SequentialBuild.Matrix(n0, m, (i, j) => a0[i] + 0.3 * rng.NextGaussian());
        var b = SequentialBuild.Matrix(nL, m, (i, j) => b0[i] + 0.3 * rng.NextGaussian());
        return new Instance { Family = family }
            .WithMatrix("K", k).WithMatrix("a", a).WithMatrix("b", b)
            .WithScalar("depth", depth).WithScalar("width", width).WithScalar("mcSeed", rng.NextUInt64() >> 12);
    }

    private static Instance Generate(TrialContext ctx, bool deep)
    {
        var rng = ctx.Rng;
        int r = deep ? 2 : rng.NextInt(1, 2), depth = rng.NextInt(deep ? 2 : 1, 3);
        return Build(rng, r, depth, rng.NextInt(2, 3), rng.NextInt(1, 2), rng.NextInt(1, 2), $"Wick r={r} L={depth}");
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var kk = x.Matrix("K");
        var ev = kk.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).Min();
        return HypothesesCheck.All(
            (kk.RowCount % 2 == 0 && (kk - kk.Transpose()).FrobeniusNorm() == 0, "K is symmetric 2r×2r"),
            (ev > 0, "K positive definite (the Gaussian vector exists; Cholesky for sampling)"),
            (x.Matrix("a").ColumnCount == kk.RowCount && x.Matrix("b").ColumnCount == kk.RowCount, "one a_i and b_i per copy"),
            (x.Scalar("depth") >= 1 && x.Scalar("width") >= 1, "L, w ≥ 1"));
    }

    public static IReadOnlyList<Vector<double>> Columns(Matrix<double> m) => [.. Enumerable.Range(0, m.ColumnCount).Select(m.Column)];

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var kk = x.Matrix("K");
        var a = Columns(x.Matrix("a"));
        var b = Columns(x.Matrix("b"));
        int depth = (int)x.Scalar("depth"), width = (int)x.Scalar("width");
        var mode = (WickMoments.JoinCount)(int)k.Switch("joinCount");
        double rhs = WickMoments.PairingSum(kk, a, b, depth, width, mode);
        int draws = precision == Precision.Confirm ? 120_000 : 30_000;
        var seed = new Seed((ulong)x.Scalar("mcSeed"));
        var (mean, se) = WickMoments.MonteCarlo(new Rng(precision == Precision.Confirm ? seed.Split("confirm") : seed), kk, a, b, depth, width, draws);
        var tol = Tolerance.Heuristic(5 * se, $"5 standard errors of the Monte-Carlo mean ({draws} draws, SE = {se:G3})")
            .Plus(Tolerance.FromRounding(64 * depth * kk.RowCount, Math.Abs(rhs), "enumeration of the pairing sum"));
        return MarginSet.Of(Margin.Deviation("−|Monte-Carlo E[Π b_iᵀA_{θ_i}a_i] − pairing sum|", Math.Abs(mean - rhs), Math.Abs(rhs) + se, tol))
            .WithObservation("pairing_sum", rhs).WithObservation("monte_carlo_mean", mean).WithObservation("standard_error", se)
            .WithObservation("r", kk.RowCount / 2);
    }
}
