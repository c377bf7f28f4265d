using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Conjecture 3 (Sec 3.2, L136–140; companion sentences L142–146): for λ = 0 and θ_α(t) = γ(t, αρ_0), with
/// probability 1 over ρ_0 there are critical points ϑ^0 = 0, ϑ^1, …, ϑ^K and paths θ^1, …, θ^K connecting them such that
/// θ_α converges as α → 0 to their concatenation (θ_α(t^k_α + t) → θ^k(t)); each ϑ^k (k &lt; K) is a rotated inclusion of a
/// width-k local minimum; the rank of A_θ grows by one from saddle to saddle, and t^{k+1}_α − t^k_α → ∞.
/// Formalisation note: CONJECTURE — evidence only (Checkability.Conjecture, "conjecture-supported" at best). Instance: whitened
/// C(A) = ½‖A − B‖_F², B 3×3 with well separated singular values b_1 &gt; b_2 &gt; b_3 (ratios ≥ 2), w = 3, L = 2 (even trials,
/// α ∈ {10^{−2}, 10^{−4}, 10^{−6}}) or L = 3 (odd trials, α ∈ {0.2, 0.1, 0.05}); gradient flow by Core's validated DOP853.
/// Catalog metric 8 (derived with Sec 3.2.4's assumption and Eckart–Young): plateau k has cost C_k = ½Σ_{i&gt;k} b_i² and
/// A = B_k, the best rank-k approximation. Crossing times τ_k(α) = first time C ≤ (C_{k−1} + C_k)/2 (bisection on the dense
/// output); plateau k (1 ≤ k &lt; K) is sampled at the time midpoint of [τ_k, τ_{k+1}]. Margins: (1) catalog metric 2 at the
/// smallest α: rank_τ(A) = k on plateau k and K at the end (τ = b_K/10: far below every learned singular value, far above
/// the unlearned ones; exact integer comparison); (2) metric 3: each plateau duration τ_{k+1} − τ_k strictly increases as α
/// decreases (smallest vs largest α; tolerance 2× the bisection/ODE time resolution); (3) metrics 4/8: ‖A(plateau k) − B_k‖_F
/// does not increase from the largest to the smallest α (non-strict: the distances reach 1e−8, below the pessimistic ODE bound). Observations: every τ_k, every distance, the plateau costs.
/// Metrics 5–7 (layer ranks, Hessians at snapped saddles, Algorithm A agreement) are covered by Fact.EscapeDirs and AlgA.
/// </summary>
public static class Conj3
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Conj3"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2, Conjecture 3; companion sentences L142–146; reformulated via Algorithm A", "L136–140, L142–146, L190"),
        Kind = StatementKind.Conjecture,
        Title = "saddle-to-saddle dynamics",
        Text = "With probability 1 over ρ_0 ∈ S^{P_{L,w}−1} there exist K+1 critical points ϑ^0 = 0, ϑ^1, …, ϑ^K and K paths θ^1, …, θ^K "
            + "connecting them (lim_{t→−∞} θ^k(t) = ϑ^{k−1}, lim_{t→+∞} θ^k(t) = ϑ^k) such that θ_α, initialized at αρ_0, converges as α → 0 "
            + "to their concatenation: for all k there are times t^k_α with lim_{α→0} θ_α(t^k_α + t) = θ^k(t). Furthermore, for all k < K "
            + "there is a deterministic path θ̲^k and a local minimum ϑ̲^k of a width-k network such that, for a rotation R depending on ρ_0, "
            + "θ^k(t) = RI^{(k→w)}(θ̲^k(t)) and ϑ^k = RI^{(k→w)}(ϑ̲^k). (L142–146: the rank of A_θ increases by one from saddle to saddle; "
            + "ϑ^K is a global minimum; lim_{α→0} t^{k+1}_α − t^k_α = ∞.)",
        FormalisationNote = "Conjecture: evidence only. Whitened ½‖A − B‖² (3×3, separated singular values), w = 3, L ∈ {2, 3}, 3 values of α; "
            + "rank staircase at the smallest α, plateau durations growing as α → 0, plateau points approaching the best rank-k "
            + "approximations. Printed 'for all k < K there exist times t^k_α' read as k ≤ K (catalog).",
        Checkability = Checkability.Conjecture,
        Errata = ["L138: 'for all k < K, there exists times t^k_α' — the last path θ^K needs times too (k ≤ K, catalog)."],
        Constants =
        [
            new NamedConstant("rankStep", R(1), "rank increase per saddle (paper: 1)"),
        ],
        Fidelity = Fidelity.Restricted("one whitened 3×3 target per trial, w = 3, L ∈ {2, 3}, three finite values of α (the conjecture is about α → 0)"),
        Hypotheses = new Hypotheses(
            "B = U diag(b) Vᵀ 3×3, b_1 ∈ [2, 4], b_{i+1}/b_i ∈ [0.3, 1/2]; L = 2 (even trials) or 3 (odd); w = 3; ρ_0 from a seed",
            Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 2,
        Variants =
        [
            Variant.Mutant("RankStepTwo", "the rank grows by 2 per saddle (first saddle of rank 2): refuted by the staircase 0, 1, 2, 3",
                s => s.WithConstantDefault("rankStep", R(2))),
            Variant.Mutant("DurationsIndependentOfAlpha", "plateau lengths independent of α (within 5%): refuted, they grow like log(1/α) (L = 2) or 1/α (L = 3)",
                s => s.WithSwitch("durationConstant")),
        ],
    };

    private const int N = 3, Width = 3;

    public static double[] Alphas(int depth) => depth == 2 ? [1e-2, 1e-4, 1e-6] : [0.2, 0.1, 0.05];

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = ctx.Index % 2 == 0 ? 2 : 3;
        double b1 = rng.Uniform(2, 4), b2 = b1 * rng.Uniform(0.3, 0.5), b3 = b2 * rng.Uniform(0.3, 0.5);
        return new Instance { Family = $"whitened saddle-to-saddle L={depth}", Target = WithSingularValues(rng, N, N, [b1, b2, b3]) }
            .WithScalar("depth", depth).WithScalar("width", Width).WithScalar("rhoSeed", rng.NextUInt64() >> 12);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var s = x.RequireTarget.Svd(false).S;
        return HypothesesCheck.All(
            (s[1] <= 0.55 * s[0] && s[2] <= 0.55 * s[1], "well separated singular values (ratios ≥ 1.8: one unit escapes at a time)"),
            (s[2] > 0, "B of full rank (K = 3 paths)"),
            (x.Scalar("width") >= N, "w ≥ rank B (the last saddle is a global minimum)"),
            (x.Scalar("depth") >= 2, "L ≥ 2"));
    }

    /// <summary>The run of one α: crossing times τ_1..τ_K and the path.</summary>
    public sealed record Staircase(SmallInitFlow.Path Path, double[] Crossings);

    /// <summary>Gradient flow from αρ_0 up to a little after the last crossing; null when a run fails or misses a crossing.</summary>
    public static Staircase? Run(DeepLinearCost net, Vector<double> rho, double alpha, double[] levels, double settle, Precision precision)
    {
        var path = SmallInitFlow.Solve(net, alpha * rho, 1e9, precision, (t, th) => net.Value(th) <= levels[^1] ? t + settle : null);
        if (path is null)
        {
            return null;
        }
        var crossings = new double[levels.Length];
        for (int i = 0; i < levels.Length; i++)
        {
            if (path.FirstCostBelow(levels[i]) is not { } t)
            {
                return null;
            }
            crossings[i] = t;
        }
        return new Staircase(path, crossings);
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var b = x.RequireTarget;
        int depth = (int)x.Scalar("depth");
        var net = DeepLinearCost.Rectangular(new FrobeniusDistance(b, 0.5), depth, (int)x.Scalar("width"));
        var rho = SmallInitFlow.Direction(new Rng(new Seed((ulong)x.Scalar("rhoSeed"))), net.ParameterCount);
        var svd = b.Svd(true);
        var s = svd.S.ToArray();
        int kMax = s.Length;
        // Plateau costs C_k = ½Σ_{i>k} b_i² and crossing levels halfway between consecutive plateaus.
        var plateau = Enumerable.Range(0, kMax + 1).Select(j => 0.5 * s.Skip(j).Sum(v => v * v)).ToArray();
        var levels = Enumerable.Range(1, kMax).Select(j => 0.5 * (plateau[j - 1] + plateau[j])).ToArray();
        Matrix<double> Best(int rank)
        {
            var m = Matrix<double>.Build.Dense(N, N);
            for (int i = 0; i < rank; i++)
            {
                m += s[i] * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
            }
            return m;
        }
        var alphas = Alphas(depth);
        var runs = new List<Staircase>();
        foreach (double alpha in alphas)
        {
            if (Run(net, rho, alpha, levels, 10 / s[^1], precision) is not { } run)
            {
                return MarginSet.Of(Margin.Uncomputable($"gradient flow from α = {alpha:G3} crossed every plateau level"));
            }
            runs.Add(run);
        }
        double rankThreshold = s[^1] / 10;
        var margins = new List<Margin>();
        var obs = new Dictionary<string, double>();
        var dist = new double[alphas.Length, kMax];
        for (int a = 0; a < alphas.Length; a++)
        {
            var r = runs[a];
            for (int j = 0; j < kMax; j++)
            {
                obs[$"tau_{j + 1}(alpha={alphas[a]:G3})"] = r.Crossings[j];
            }
            for (int j = 1; j < kMax; j++)
            {
                double mid = 0.5 * (r.Crossings[j - 1] + r.Crossings[j]);
                var am = r.Path.EndToEnd(mid);
                dist[a, j] = (am - Best(j)).FrobeniusNorm();
                obs[$"dist_to_B{j}(alpha={alphas[a]:G3})"] = dist[a, j];
                obs[$"plateau_cost_{j}(alpha={alphas[a]:G3})"] = r.Path.Cost(mid);
            }
        }
        // (1) Rank staircase at the smallest α.
        var last = runs[^1];
        double step = k.D("rankStep");
        for (int j = 0; j <= kMax; j++)
        {
            double t = j == 0 ? 0.5 * last.Crossings[0] : j == kMax ? last.Path.TEnd : 0.5 * (last.Crossings[j - 1] + last.Crossings[j]);
            int rank = SchattenQuasinorm.Rank(last.Path.EndToEnd(t), rankThreshold);
            margins.Add(Margin.Deviation($"−|rank_τ(A) − {step}·{j}| on plateau {j} (smallest α, τ = b_K/10)", Math.Abs(rank - step * j), Math.Max(step * j, 1), Tolerance.Heuristic(0, "rank_τ of a floating-point gradient-flow state")));
        }
        // Time resolution: bisection to 1e−15 relative plus the ODE's effect on the crossing (cost error / |dC/dt| is tiny on a drop).
        var tol = Tolerance.Heuristic(2e-9 * last.Crossings[^1], "2e−9·τ_K: bisection and DOP853 resolution of the crossing times");
        for (int j = 1; j < kMax; j++)
        {
            double first = runs[0].Crossings[j] - runs[0].Crossings[j - 1];
            double smallest = last.Crossings[j] - last.Crossings[j - 1];
            obs[$"duration_ratio_plateau_{j}"] = smallest / first;
            margins.Add(k.Switch("durationConstant") != 1
                ? EscapeNumerics.Strictly($"plateau {j} duration at α = {alphas[^1]:G3} > at α = {alphas[0]:G3}", smallest, first, tol)
                : Margin.Deviation($"plateau {j} duration independent of α (within 5%)", Math.Abs(smallest - first), first, Tolerance.Heuristic(0.05 * first, "5% of the duration")));
            // Non-strict: on plateau 2 the distances (≈ 1e−8) can sit below the (pessimistic, whole-path) DOP853 bound.
            margins.Add(Margin.Bound($"‖A(plateau {j}) − B_{j}‖_F at α = {alphas[0]:G3} − at α = {alphas[^1]:G3} (non-increasing)", dist[0, j] - dist[alphas.Length - 1, j], dist[0, j], Tolerance.Heuristic(last.Path.EndToEndError(last.Path.TEnd) + runs[0].Path.EndToEndError(runs[0].Path.TEnd), "DOP853 error propagated to A (product rule)")));
        }
        var set = new MarginSet(margins);
        foreach (var (name, value) in obs)
        {
            set = set.WithObservation(name, value);
        }
        return set;
    }
}
