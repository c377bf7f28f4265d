using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Theorem 4 (Sec 3.2.2, L166–168, proof sketch L170; restated with proof as Theorem 37, App C.5, L975–987):
/// if the largest singular value s_1 of ∇C(0) has multiplicity 1, then with probability 1 over ρ_0 ∈ S^{P−1} there is a
/// path θ^1 with θ^1(t) → 0 as t → −∞ and times t^1_α with lim_{α→0} θ_α(t^1_α + t) = θ^1(t), θ_α(t) = γ(t, αρ_0);
/// θ^1(t) converges to a critical point ϑ^1 as t → +∞; θ^1 = R I^{(1→w)}(θ̲^1) for a unique deterministic width-1 path θ̲^1
/// and a random rotation R.
/// Formalisation note: whitened cost C(A) = ½‖A − B‖_F² (G = ∇C(0) = −B, s_1 = σ_1(B), u_1, v_1 its singular vectors up to
/// the sign of G), n_0 = n_L = 3, w = 3, L = 2 (even trials) or 3 (odd). The width-1 path θ̲^1 is the paper's scalar
/// reduction: from the optimal escape direction ρ* = (1/√L)(−v_1ᵀ, 1, …, 1, u_1) (Thm 37, G's vectors) the ray is invariant, every
/// weight has magnitude d with ḋ = d^{L−1}(s_1 − d^L), so A_{θ̲^1}(t) = a(t)·u_Bv_Bᵀ with ȧ = L a^{2−2/L}(s_1 − a): for L = 2 the
/// logistic closed form a(t) = s_1/(1 + (s_1/a* − 1)e^{−2s_1t}), for L = 3 solved forward and backward from a* by Core's
/// validated DOP853. Time origin: t^1_α = the first time C(A_θ_α) = C(0) − ε with ε = s_1²/4 (the proof sketch's
/// definition), so a(0) = a* = s_1(1 − 1/√2). The limit is checked at the matrix level (where it is deterministic; the
/// parameter path carries the random R) as a TREND over α (L = 2: 10^{−2..−5}; L = 3: 0.08·2^{−i}, i &lt; 4):
/// D(α) = max over 41 offsets t ∈ [−T_−, T_+] of ‖A_θ_α(t^1_α + t) − A_{θ̲^1}(t)‖_F (T_− = time from a*/20 to a*, T_+ = time
/// from a* to 0.99s_1, by Gauss–Kronrod) must decay: fitted slope of log D against log α ≥ 1/10 (a harness choice: the
/// theorem gives no rate; the mutants give slope ≈ 0), tolerance 3 standard errors of the OLS slope. The gradient flows use
/// Core's DOP853 validated against rtol/100; the deviation is propagated to A by the product rule and recorded.
/// Observations: D(α), t^1_α, σ_2/σ_1 of A at the crossing (rank-one structure), the slope fit. Checkability.Trend.
/// </summary>
public static class Thm4
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Thm4"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.2, Theorem 4 + proof sketch; App C.5 Theorem 37 with proof", "L166–168, L170, L975–987"),
        Kind = StatementKind.Theorem,
        Title = "the first escape path (alias JGGSH21.Thm37)",
        Text = "Assume the largest singular value s_1 of ∇C(0) ∈ R^{n_L×n_0} has multiplicity 1. With probability 1 over ρ_0 ∈ S^{P_{L,w}−1} "
            + "there is a path θ^1 with lim_{t→−∞} θ^1(t) = ϑ^0 = 0 and times t^1_α such that lim_{α→0} θ_α(t^1_α + t) = θ^1(t); θ^1 converges "
            + "to a critical point ϑ^1 as t → +∞. Furthermore there is a unique deterministic path θ̲^1 in the space of width-1 DLNs and a "
            + "random rotation R with θ^1 = R I^{(1→w)}(θ̲^1).",
        FormalisationNote = "Whitened ½‖A − B‖², n = w = 3, L ∈ {2, 3}; matrix-level limit against the exact width-1 scalar path "
            + "(logistic closed form for L = 2, validated DOP853 for L = 3), trend of D(α) over 4 values of α (slope ≥ 1/10 within 3 SE). "
            + "Thm 37 adds Assumption 26 for L > 3: not exercised (L ≤ 3 here). The theorem's codomain R^L (main text) is R^{P_{L,1}} (Thm 37).",
        Checkability = Checkability.Trend,
        Errata =
        [
            "Main text: θ̲^1 : R → R^L — the width-1 parameter space is R^{P_{L,1}} = R^{n_0 + (L−2) + n_L} (Thm 37).",
            "Thm 37's proof writes the ray ρ*((k−1)s*(−t−T))^{−1/(k−1)}: the exponent is k−2 and s* < 0 must be |s*| (catalog).",
            "The printed escape directions of Sec 3.2.3/Alg A omit the sign: (v_1ᵀ, 1, …, 1, u_1) gives A ∝ +u_1v_1ᵀ, an ascent direction; Thm 37's ρ* has −v_1ᵀ.",
        ],
        Constants =
        [
            new NamedConstant("escapeSign", R(1), "sign of A on the limit path relative to −u_1v_1ᵀ of G = ∇C(0) (paper: +1, i.e. A ∝ −u_1v_1ᵀ)"),
            new NamedConstant("escapeIndex", R(1), "singular pair of G the path escapes along (paper: 1)"),
            new NamedConstant("minDecaySlope", R(1, 10), "required decay exponent of D(α) in α (harness choice; the theorem gives no rate)"),
        ],
        Fidelity = Fidelity.Restricted("whitened 3×3 targets, w = 3, L ∈ {2, 3}, a finite α sequence (the α → 0 limit as a trend)"),
        Hypotheses = new Hypotheses(
            "B = U diag(s) Vᵀ 3×3 with s_1 ∈ [1, 2], s_2 ≤ s_1/2, s_3 ≤ s_2/2 (multiplicity 1 with a gap); L = 2 (even trials) or 3 (odd); w = 3; ρ_0 from a seed",
            Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, k, p),
        DefaultTrials = 2,
        Variants =
        [
            Variant.Mutant("PlusSign", "A ∝ +u_1v_1ᵀ of ∇C(0) at escape (the printed Sec 3.2.3 sign): D(α) stays ≈ 2a(t) — refuted",
                s => s.WithConstantDefault("escapeSign", R(-1))),
            Variant.Mutant("SecondSingularPair", "escape along (u_2, v_2) with speed s_2: D(α) stays O(1) — refuted",
                s => s.WithConstantDefault("escapeIndex", R(2))),
            Variant.Mutant("ExponentialEscapeDeep", "exponential (shallow-law) escape for L = 3: the polynomial escape of the limit path differs — refuted",
                s => s.WithSwitch("shallowLaw", R(1)).WithGenerator("L = 3 only", ctx => Generate(ctx with { Index = 1 }))),
            Variant.Mutant("ParameterLevelDeterminism", "θ^1 independent of ρ_0 at the parameter level (no rotation R): two ρ_0 give parameter points at the crossing that differ by O(‖θ‖) — refuted",
                s => s.WithConclusion(ParameterLevel)),
        ],
    };

    /// <summary>The α sequences: L = 2 escapes in time ≈ log(1/α)/s_1, L = 3 in time ∝ 1/α.</summary>
    public static double[] Alphas(int depth) => depth == 2 ? [1e-2, 1e-3, 1e-4, 1e-5] : [0.08, 0.04, 0.02, 0.01];

    private const int N = 3, Width = 3, Offsets = 41;

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = ctx.Index % 2 == 0 ? 2 : 3;
        double s1 = rng.Uniform(1, 2), s2 = s1 * rng.Uniform(0.2, 0.5), s3 = s2 * rng.Uniform(0.1, 0.5);
        return new Instance { Family = $"whitened first escape L={depth}", Target = WithSingularValues(rng, N, N, [s1, s2, s3]) }
            .WithScalar("depth", depth)
            .WithScalar("width", Width)
            .WithScalar("rhoSeed", rng.NextUInt64() >> 12)
            .WithScalar("rhoSeed2", rng.NextUInt64() >> 12);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var s = x.RequireTarget.Svd(false).S;
        return HypothesesCheck.All(
            (s[0] - s[1] >= 0.25 * s[0], "s_1 has multiplicity 1 (gap s_1 − s_2 ≥ s_1/4)"),
            (x.Scalar("depth") is 2 or 3, "L ∈ {2, 3} (Thm 37 needs Assumption 26 for L > 3)"),
            (x.Scalar("width") >= 1, "w ≥ 1"));
    }

    /// <summary>One small-α run: the path, the crossing time t^1_α and ε.</summary>
    private sealed record Escape(SmallInitFlow.Path Path, double T1);

    private static DeepLinearCost Net(Instance x) =>
        DeepLinearCost.Rectangular(new FrobeniusDistance(x.RequireTarget, 0.5), (int)x.Scalar("depth"), (int)x.Scalar("width"));

    private static double Epsilon(double s1) => s1 * s1 / 4;

    private static Escape? Run(Instance x, double alpha, double tPlus, Precision precision, string seedName = "rhoSeed")
    {
        var net = Net(x);
        var rho = SmallInitFlow.Direction(new Rng(new Seed((ulong)x.Scalar(seedName))), net.ParameterCount);
        double s1 = x.RequireTarget.Svd(false).S[0];
        double level = net.Value(Vector<double>.Build.Dense(net.ParameterCount)) - Epsilon(s1);
        var path = SmallInitFlow.Solve(net, alpha * rho, 1e9, precision, (t, th) => net.Value(th) <= level ? t + tPlus + 1 : null);
        return path?.FirstCostBelow(level) is { } t1 ? new Escape(path, t1) : null;
    }

    /// <summary>ȧ = L a^κ (s − a), κ = 2 − 2/L (paper) or 1 (shallow law).</summary>
    private static double Rate(double a, double s, int depth, bool shallow) =>
        shallow ? 2 * a * (s - a) : depth * Math.Pow(Math.Max(a, 0), 2 - 2.0 / depth) * (s - a);

    /// <summary>Time for the paper's law to go from a_0 to a_1 (Gauss–Kronrod in log a), used for the offset window.</summary>
    private static double TravelTime(double a0, double a1, double s, int depth) =>
        GaussKronrodRule.Integrate(u => Math.Exp(u) / Rate(Math.Exp(u), s, depth, false), Math.Log(a0), Math.Log(a1), out _, out _, 1e-12, 20, 21);

    /// <summary>a(t) on the offset grid and its error: closed form (L = 2, paper law) or validated DOP853 both ways from a*.</summary>
    private static (double[] Values, double Error) Reference(double[] offsets, double s, double aStar, int depth, bool shallow, Precision precision)
    {
        if (depth == 2 || shallow)
        {
            // Logistic: ȧ = 2a(s − a) ⇒ a(t) = s/(1 + (s/a* − 1)e^{−2st}); rounding only.
            return ([.. offsets.Select(t => s / (1 + (s / aStar - 1) * Math.Exp(-2 * s * t)))], Tolerance.Gamma(16) * s);
        }
        double rtol = SmallInitFlow.Rtol(precision);
        var settings = new OdeSettings(rtol, rtol * 1e-3 * aStar);
        ValidatedOdeSolution Side(double sign, double tEnd) => OdeSolver.SolveValidated(new OdeProblem(
            (t, y, dy) => dy[0] = sign * Rate(y[0], s, depth, false), 0, [aStar], tEnd, "width-1 escape path"), settings);
        var forward = Side(1, offsets.Max());
        var backward = Side(-1, -offsets.Min());
        var values = offsets.Select(t => t >= 0 ? forward.Reference.Evaluate(t)[0] : backward.Reference.Evaluate(-t)[0]).ToArray();
        return (values, forward.MaxDeviation + backward.MaxDeviation);
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        int depth = (int)x.Scalar("depth");
        var b = x.RequireTarget;
        var svd = b.Svd(true);
        int index = (int)k.D("escapeIndex");
        double s1 = svd.S[0], s = svd.S[index - 1];
        bool shallow = k.Switch("shallowLaw") == 1;
        var direction = k.D("escapeSign") * svd.U.Column(index - 1).OuterProduct(svd.VT.Row(index - 1));
        double aStar = s1 * (1 - 1 / Math.Sqrt(2));
        double tMinus = TravelTime(aStar / 20, aStar, s1, depth), tPlus = TravelTime(aStar, 0.99 * s1, s1, depth);
        var offsets = Enumerable.Range(0, Offsets).Select(j => -tMinus + j * (tMinus + tPlus) / (Offsets - 1)).ToArray();
        var (aRef, refError) = Reference(offsets, s, aStar, depth, shallow, precision);
        var alphas = Alphas(depth);
        var logA = new List<double>();
        var logD = new List<double>();
        var set = new MarginSet([]);
        double worstError = 0;
        foreach (double alpha in alphas)
        {
            if (Run(x, alpha, tPlus, precision) is not { } run)
            {
                return MarginSet.Of(Margin.Uncomputable($"gradient flow from α = {alpha:G3} reached the crossing C = C(0) − ε"));
            }
            double dMax = 0, err = 0;
            for (int j = 0; j < offsets.Length; j++)
            {
                double t = run.T1 + offsets[j];
                dMax = Math.Max(dMax, (run.Path.EndToEnd(t) - aRef[j] * direction).FrobeniusNorm());
                err = Math.Max(err, run.Path.EndToEndError(t));
            }
            worstError = Math.Max(worstError, err + refError);
            logA.Add(Math.Log(alpha));
            logD.Add(Math.Log(dMax));
            var atCrossing = run.Path.EndToEnd(run.T1).Svd(false).S;
            set = set.WithObservation($"D(alpha={alpha:G3})", dMax)
                .WithObservation($"t1(alpha={alpha:G3})", run.T1)
                .WithObservation($"sigma2_over_sigma1_at_crossing(alpha={alpha:G3})", atCrossing[1] / atCrossing[0]);
        }
        var (slope, se, intercept, r2) = Jggsh21Fixtures.FitWithError(logA, logD);
        double minSlope = k.D("minDecaySlope");
        // The ODE errors (≤ worstError) are far below every D(α) here (recorded); the fit's scatter is the error source.
        var margin = Margin.Bound($"fitted slope of log D(α) vs log α − {minSlope} (D → 0 as α → 0: limit path = width-1 path)", slope - minSlope, Math.Max(Math.Abs(minSlope), 1e-300), Tolerance.Heuristic(3 * se, $"3 standard errors of the OLS slope over {alphas.Length} values of α (SE = {se:G3})"));
        return new MarginSet([margin], set.Observations)
            .WithObservation("slope", slope).WithObservation("slope_standard_error", se).WithObservation("intercept", intercept)
            .WithObservation("r_squared", r2).WithObservation("ode_error_bound_on_D", worstError)
            .WithObservation("T_minus", tMinus).WithObservation("T_plus", tPlus);
    }

    /// <summary>Mutant conclusion: parameter points of two ρ_0 at their crossings agree (within 1% of ‖θ‖) at the smallest α.</summary>
    private static MarginSet ParameterLevel(Instance x, ConstantValues k, Precision precision)
    {
        int depth = (int)x.Scalar("depth");
        double alpha = Alphas(depth)[^1];
        if (Run(x, alpha, 0, precision) is not { } r1 || Run(x, alpha, 0, precision, "rhoSeed2") is not { } r2)
        {
            return MarginSet.Of(Margin.Uncomputable("gradient flows reached the crossing"));
        }
        var th1 = r1.Path.Theta(r1.T1);
        var th2 = r2.Path.Theta(r2.T1);
        double norm = Math.Max(th1.L2Norm(), th2.L2Norm());
        return MarginSet.Of(Margin.Deviation("−‖θ^{(ρ_0)}(t^1_α) − θ^{(ρ_0')}(t^1_α')‖ (parameter-level determinism)", (th1 - th2).L2Norm(), norm, Tolerance.Heuristic(0.01 * norm, "1% of ‖θ‖ at the crossing (generous: the A-paths agree far better)")));
    }
}
