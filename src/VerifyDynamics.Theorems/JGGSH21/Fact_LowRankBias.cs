using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.LowRankBias (Sec 3.2.4, L206; unnumbered): in the saddle-to-saddle regime, (i) with early stopping the network
/// learns a low-rank map that does not fit the data (useful for a low-rank signal plus full-rank noise, Fig 2); (ii) without noise no
/// early stopping is needed: if every A_{ϑ^k} minimizes C restricted to rank-k matrices, the final A_{ϑ^K} (printed "A_{ηκ}") is a
/// minimal-rank solution.
/// Formalisation note: MSE regression C(A) = (1/N)‖AX − Y‖_F² with isotropic Gaussian inputs, n_0 = n_L = 5, teacher W_T of rank 2
/// (singular values in [2, 3] and [1, 1.5]), L = 2, w = 5, gradient flow (Core's validated DOP853) from α = 10^{−4} (‖θ_0‖). (i) Y =
/// (W_T + E)X with E i.i.d. N(0, 0.2²), N = 30 samples; test loss = population loss ‖A − W_T‖_F² (isotropic inputs); on a log grid of
/// 60 times in [0.1, 200]: min_t test(t) &lt; test(200) strictly (rounding tolerance). (ii) noiseless and underdetermined: Y = W_TX with
/// N = 4 &lt; n_0, so every solution has rank ≥ Rank Y = 2 = the minimal rank; the final A (t = 200) fits (C ≤ 10^{−6}·C(0)) and has
/// rank_τ(A) = 2 (τ = 10^{−4}, App A's threshold); exact integer margin. The hypothesis of (ii) ("each ϑ^k is a rank-k optimum") is not
/// verified (it is the paper's assumption); what is checked is its consequence on these instances.
/// </summary>
public static class Fact_LowRankBias
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.LowRankBias"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.4 (unnumbered)", "L206"),
        Kind = StatementKind.Unnumbered,
        Title = "low-rank bias of the saddle-to-saddle regime (unnumbered)",
        Text = "With early stopping, the network in the saddle-to-saddle regime learns a low-rank linear map which does not fit the data (useful for a "
            + "low-rank signal with full-rank noise). In the absence of noise early stopping is not needed: under the assumption that for all k, A_{ϑ^k} "
            + "minimizes C restricted to rank-k matrices, the final global minimizer A_{ϑ^K} is a minimal-rank solution, A_{ϑ^K} = argmin_{A∈S_C} Rank(A).",
        FormalisationNote = "Small-init gradient flow (L = 2, w = 5, n = 5, rank-2 teacher): (i) with noise the test loss along the trajectory dips below "
            + "its final value; (ii) without noise (N = 4 < n_0) the final fit has the minimal rank 2. Printed 'A_{ηκ}' read as A_{ϑ^K}.",
        Errata = ["L206: 'A_{ηκ}' is A_{ϑ^K} (extraction glitch, catalog)."],
        Constants =
        [
        ],
        Fidelity = Fidelity.Restricted("one small-initialization setting: L = 2, w = 5, a 5×5 rank-2 teacher, α = 10^{−4}"),
        Hypotheses = new Hypotheses("rank-2 teacher 5×5, Gaussian inputs, noisy (N = 30, σ_noise = 0.2) and noiseless underdetermined (N = 4) data; L = 2, w = 5, α = 1e−4", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 2,
        Variants =
        [
            Variant.Mutant("FinalRankFull", "the noiseless final map has full rank: refuted (rank 2)", s => s.WithSwitch("claimedFinalRankFull", R(1))),
            Variant.Mutant("EarlyStoppingWorse", "the early-stopped low-rank map has a higher test loss than the final one: refuted", s => s.WithSwitch("earlyStoppingWorse", R(1))),
        ],
    };

    public const int N = 5, Rank = 2;

    /// <summary>A rank-2 teacher with singular values in [2, 3] and [1, 1.5].</summary>
    public static Matrix<double> Teacher(Rng rng) => WithSingularValues(rng, N, N, [rng.Uniform(2, 3), rng.Uniform(1, 1.5)]);

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        var teacher = Teacher(rng);
        var x = rng.GaussianMatrix(N, 30);
        var noise = rng.GaussianMatrix(N, N, 0.2);
        var x0 = rng.GaussianMatrix(N, 4);
        return new Instance { Family = "low-rank regression", Target = teacher }
            .WithMatrix("X", x).WithMatrix("Y", (teacher + noise) * x)
            .WithMatrix("X0", x0).WithMatrix("Y0", teacher * x0)
            .WithScalar("alpha", 1e-4).WithScalar("width", N).WithScalar("rhoSeed", rng.NextUInt64() >> 12);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (SchattenQuasinorm.Rank(x.RequireTarget, 1e-8) == Rank, "teacher of rank 2"),
        (x.Matrix("X0").ColumnCount < N && SchattenQuasinorm.Rank(x.Matrix("Y0"), 1e-8) == Rank, "noiseless data underdetermined with Rank Y = 2 (minimal rank of solutions = 2)"),
        (x.Scalar("alpha") > 0 && x.Scalar("alpha") < 1e-2, "small initialization (saddle-to-saddle regime)"));

    /// <summary>Log-spaced output times in [0.1, tEnd].</summary>
    public static double[] LogTimes(double tEnd, int count) => [.. Enumerable.Range(0, count).Select(i => 0.1 * Math.Pow(tEnd / 0.1, i / (count - 1.0)))];

    /// <summary>Gradient flow of the (L, w)-DLN on MSE(X, Y) from α·ρ_0 up to tEnd.</summary>
    public static SmallInitFlow.Path? Flow(Matrix<double> x, Matrix<double> y, int depth, int width, double alpha, ulong seed, double tEnd, Precision precision)
    {
        var net = DeepLinearCost.Rectangular(new MeanSquaredError(x, y), depth, width);
        var rho = SmallInitFlow.Direction(new Rng(new Seed(seed)), net.ParameterCount);
        return SmallInitFlow.Solve(net, alpha * rho, tEnd, precision);
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var teacher = x.RequireTarget;
        int width = (int)x.Scalar("width");
        double alpha = x.Scalar("alpha"), tEnd = 200;
        ulong seed = (ulong)x.Scalar("rhoSeed");
        var noisy = Flow(x.Matrix("X"), x.Matrix("Y"), 2, width, alpha, seed, tEnd, precision);
        var clean = Flow(x.Matrix("X0"), x.Matrix("Y0"), 2, width, alpha, seed, tEnd, precision);
        if (noisy is null || clean is null)
        {
            return MarginSet.Of(Margin.Uncomputable("gradient flows ran"));
        }
        var times = LogTimes(tEnd, 60);
        var tests = times.Select(t => (noisy.EndToEnd(t) - teacher).FrobeniusNorm()).Select(v => v * v).ToArray();
        int best = Array.IndexOf(tests, tests.Min());
        double finalTest = tests[^1];
        var errorTol = Tolerance.Heuristic(2 * noisy.EndToEndError(tEnd) * (teacher.FrobeniusNorm() + 1), "DOP853 error propagated to ‖A − W_T‖²")
            .Plus(Tolerance.FromRounding(64, finalTest, "test loss"));
        var margins = new List<Margin>
        {
            k.Switch("earlyStoppingWorse") == 1
                ? Margin.Bound("(i, mutant) min_t test(t) − test(final) ≥ 0", tests[best] - finalTest, finalTest, errorTol)
                : EscapeNumerics.Strictly("(i) early stopping: test(final) > min_t test(t)", finalTest, tests[best], errorTol),
        };
        var aFinal = clean.EndToEnd(tEnd);
        double c0 = clean.Cost(0), cEnd = clean.Cost(tEnd);
        int rank = SchattenQuasinorm.Rank(aFinal, 1e-4);
        margins.Add(Margin.Bound("(ii) the noiseless flow fits: 10^{−6}·C(0) − C(final)", 1e-6 * c0 - cEnd, c0, Tolerance.FromRounding(64, c0, "C(0)")));
        int claimed = k.Switch("claimedFinalRankFull") == 1 ? N : Rank;
        margins.Add(Margin.Deviation($"(ii) −|rank_τ(A_final) − {claimed}| (minimal rank of the solutions = Rank Y = {Rank})", Math.Abs(rank - claimed), Math.Max(claimed, 1), Tolerance.Heuristic(0, "rank_τ of a floating-point gradient-flow state")));
        return new MarginSet(margins).WithObservation("min_test", tests[best]).WithObservation("final_test", finalTest)
            .WithObservation("time_of_min_test", times[best]).WithObservation("rank_at_min_test", SchattenQuasinorm.Rank(noisy.EndToEnd(times[best]), 0.1))
            .WithObservation("noiseless_final_rank", rank).WithObservation("noiseless_final_cost", cEnd);
    }
}
