using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Algorithm A_{ε,T,η} (Sec. 3.2.3, L190–202): greedy width growth; after stage k the network is ≈ the width-k
/// saddle ϑ̲^k; it terminates after r stages on a noiseless rank-r teacher.
/// Formalisation note: whitened C(A) = ‖A − B‖² with rank-r B (r ≤ 3) and separated singular values (ratios ≥ 1.6), L ∈ {2, 3},
/// ε = 10^{−3} (L = 2) / 10^{−2} (L = 3), η = 0.02, T = 20000, stages stopped when ‖∇‖ ≤ 10^{−9}. Margins: stage costs strictly
/// decrease, rank_τ(A) = k after stage k (τ = 10^{−4}, App A), stage-k cost = Eckart–Young Σ_{i&gt;k} b_i² (the rank-k optimum;
/// tolerance 2·gradient tolerance·‖B‖ — a stationary point with ‖∇‖ ≤ g is within g/(2μ) of the restricted optimum), and
/// termination after exactly r stages. Erratum: the printed initialization sign (ascent direction).
/// </summary>
public static class AlgA
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "AlgA"),
        Source = new SourceRef(Papers.JGGSH21, "Algorithm A_{ε,T,η} (Sec. 3.2.3)", "L190–202"),
        Kind = StatementKind.Algorithm,
        Title = "Algorithm A: greedy width growth",
        Text = "Grow the width one unit at a time along the top singular pair of ∇C, run GD; stage k reaches the rank-k saddle; stops at a minimal-rank solution.",
        FormalisationNote = "Sign fixed: new unit W_1 row −εv_1ᵀ so A(0) = −ε^L u_1v_1ᵀ (descent). Widths grow by one per stage by construction.",
        Errata = ["Printed initialization W_1 = εv_1ᵀ, W_L = εu_1 gives A = +ε^L u_1v_1ᵀ, an ascent direction (catalog: sign typo; Thm 37 has −v_1ᵀ). Printed \"(W̃_1 εu_1)\" for W_L is a typo for (W̃_L εu_1)."],
        Hypotheses = new Hypotheses("whitened rank-r B (r ∈ {1,2,3}, n ∈ {3,4}), L ∈ {2,3}", Generate, (x, k) => HypothesesCheck.All((x.Scalar("rank") >= 1, "rank ≥ 1"))),
        Conclusion = (x, k, p) => Conclude(x, printed: false),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Erratum("PrintedSign", "the printed initialization sign: stage 1 shrinks back to the origin, no cost decrease",
                s => s.WithConclusion((x, k, p) => Conclude(x, printed: true)), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(3, 4), r = rng.NextInt(1, 3), depth = ctx.Index % 3 == 2 ? 3 : 2;
        var b = new List<double> { rng.Uniform(3, 4) };
        while (b.Count < r)
        {
            b.Add(b[^1] / rng.Uniform(1.6, 2.2));
        }
        return new Instance { Family = "whitened" }.WithCost(new FrobeniusDistance(WithSingularValues(rng, n, n, b))).WithScalar("rank", r).WithScalar("depth", depth);
    }

    internal static MarginSet Conclude(Instance x, bool printed)
    {
        var cost = (FrobeniusDistance)Cost(x);
        int depth = (int)x.Scalar("depth"), r = (int)x.Scalar("rank");
        const double gradTol = 1e-9;
        var stages = GreedyRankAlgorithm.Run(cost, depth, depth == 2 ? 1e-3 : 1e-2, 0.02, 20000, gradTol, r + 1, printed);
        var sv = cost.Target.Svd(false).S.ToArray();
        double scale = sv.Sum(v => v * v) + 1;
        var tol = new Tolerance(2 * gradTol * (sv[0] + 1) + Tolerance.Gamma(64) * scale, "2·‖∇‖-stop·‖B‖ + rounding");
        var margins = new List<Margin>();
        double previous = cost.Value(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(cost.Rows, cost.Columns));
        foreach (var st in stages)
        {
            double ey = sv.Skip(st.Width).Sum(v => v * v);
            // Strict decrease: at least half the Eckart–Young gain of this stage (b_k²/2), far above rounding.
            margins.Add(new Margin($"stage {st.Width}: C_{st.Width - 1} − C_{st.Width} − b_k²/2", previous - st.Cost - 0.5 * sv[st.Width - 1] * sv[st.Width - 1], tol, scale));
            margins.Add(new Margin($"stage {st.Width}: rank_τ(A) = k", -Math.Abs(st.Rank - st.Width), Tolerance.Exact, 1));
            margins.Add(new Margin($"stage {st.Width}: −|C_k − Σ_{{i>k}} b_i²|", -Math.Abs(st.Cost - ey), tol, scale));
            previous = st.Cost;
        }
        margins.Add(new Margin("terminates after r stages", -Math.Abs(stages.Count - r), Tolerance.Exact, 1));
        return new MarginSet(margins).WithObservation("stages", stages.Count).WithObservation("final_cost", stages[^1].Cost);
    }
}
