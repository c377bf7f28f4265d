using MathNet.Numerics.Integration;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.DiagonalEscapeTime (Sec 3.2.1, L152; Erratum L316; App C.6, L1003–1007; unnumbered): a width-1 coordinate
/// of a diagonal network (cost ½(v_L⋯v_1x − y)², xy > 0) initialized on its optimal escape ray escapes at
/// t^1_α = c − log(α)/(xy) (L = 2) and t^1_α = c + α^{−(L−2)}/((L−2)xy) (L ≥ 3, main text, α = per-weight magnitude a);
/// C.6 prints the constant L^{(L−2)/2}/(L−2), which is right when α is the norm ‖θ_0‖ = √L·a (catalog resolution of the erratum).
/// Formalisation note: on the ray every weight equals d(t) with ḋ = x(y − xd^L)d^{L−1}; the time to reach
/// d_stop = ½(y/x)^{1/L} from a is t(a) = ∫_a^{d_stop} dd/(x(y − xd^L)d^{L−1}), computed by adaptive Gauss–Kronrod
/// quadrature in u = log d (no closed form used). The claim "t(a) = lead(a) + c + o(1)" is checked as a Cauchy bound in a:
/// |Δ(a)| = |[t(a) − lead(a)] − [t(a/10) − lead(a/10)]| ≤ a²/(2y(y − xa^L)) (derived: the integrand minus its leading
/// term d^{−(L−1)}/(xy) is d/(y(y − xd^L)) ≤ d/(y(y − xa^L)) on [a/10, a]). Both α conventions are checked (instance scalar
/// alphaConvention: 0 per weight, 1 norm, with a = α/√L). Tolerance: the quadrature error estimates of both integrals
/// plus γ_16 of the leading terms (cancellation in t − lead); the a ranges keep that tolerance below the bound (L ≤ 5; for L = 6 the
/// times ≈ a^{−4} ≥ 10^8 make t − lead rounding-dominated, so L = 6 is left out).
/// </summary>
public static class Fact_DiagonalEscapeTime
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.DiagonalEscapeTime"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.1; Erratum; App C.6 (unnumbered)", "L152, L316, L1003–1007"),
        Kind = StatementKind.Unnumbered,
        Title = "escape times of diagonal networks (unnumbered; ERRATUM involved)",
        Text = "On the optimal escape ray, t^1_α = c − log(α)/(xy) (L = 2), t^1_α = c + α^{−(L−2)}/((L−2)xy) (L ≥ 3, α per weight); "
            + "with α = ‖θ_0‖ the constant becomes L^{(L−2)/2}/(L−2) (App C.6).",
        FormalisationNote = "Quadrature of the exact scalar ODE on the ray; Cauchy bound in a with the derived O(a²) remainder. Cost with ½ "
            + "(s* = −xy). The printed deep ray formula ((L−2)s*(−t))^{−1/(L−2)} needs |s*| (sign slip, catalog).",
        Errata =
        [
            "App C.6 mixes α conventions: its constant L^{(L−2)/2}/((L−2)X_iiY_ii) is right for α = ‖θ_0‖, the main text's 1/((L−2)X_kkY_kk) for α = per-weight magnitude (catalog); the erratum (L316) calls the main-text constant wrong — it is right under the per-weight convention.",
            "C.6's ray formula ((L−2)s*(−t))^{−1/(L−2)} has s* < 0: read |s*|.",
        ],
        Constants =
        [
            new NamedConstant("leadExponentShift", R(2), "k in the leading term α^{−(L−k)} (paper: 2)"),
            new NamedConstant("shallowRateDivisor", R(1), "m in −log(α)/(m·xy) for L = 2 (paper: 1)"),
        ],
        Fidelity = Fidelity.Restricted("the per-weight α convention and the cost with ½, L ≤ 5, a in a window where the O(a²) remainder dominates the rounding of t − lead"),
        Hypotheses = new Hypotheses("x, y ∈ [0.3, 3]; L ∈ {2..5}; per-weight a log-uniform in [10^{−3}, 10^{−2}] (L = 2), [10^{−3}, 2·10^{−2}] (L = 3), [3·10^{−3}, 2·10^{−2}] (L = 4), [10^{−2}, 2.5·10^{−2}] (L = 5) so that the O(a²) bound dominates the rounding of t − lead; α convention per weight (even trials) or norm (odd)",
            Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("SwappedConvention", "C.6 constant with per-weight α (or main-text constant with norm α): difference grows like a^{−(L−2)} — refuted",
                s => s.WithSwitch("swapConvention", R(1)).WithGenerator("L ≥ 3", ctx => Generate(ctx, minDepth: 3))),
            Variant.Mutant("ExponentLMinus1", "leading term α^{−(L−1)}: refuted",
                s => s.WithConstantDefault("leadExponentShift", R(1))),
            Variant.Mutant("ShallowHalfRate", "shallow rate −log α/(2xy) under the ½-convention: refuted",
                s => s.WithConstantDefault("shallowRateDivisor", R(2)).WithGenerator("L = 2", ctx => Generate(ctx, maxDepth: 2))),
        ],
    };

    private static Instance Generate(TrialContext ctx) => Generate(ctx, 2, 5);

    private static Instance Generate(TrialContext ctx, int minDepth = 2, int maxDepth = 5)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(minDepth, maxDepth);
        var (lo, hi) = depth switch { 2 => (1e-3, 1e-2), 3 => (1e-3, 2e-2), 4 => (3e-3, 2e-2), _ => (1e-2, 2.5e-2) };
        double a = rng.LogUniform(lo, hi);
        int convention = ctx.Index % 2;
        return Instance.OfScalars("diagonal coordinate on its escape ray",
            ("x", rng.Uniform(0.3, 3)), ("y", rng.Uniform(0.3, 3)), ("depth", depth),
            ("alpha", convention == 0 ? a : Math.Sqrt(depth) * a), ("alphaConvention", convention));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        double a = PerWeight(x), depth = x.Scalar("depth");
        return HypothesesCheck.All(
            (x.Scalar("x") * x.Scalar("y") > 0, "xy > 0 (a descent ray exists)"),
            (depth >= 2, "L ≥ 2"),
            (a > 0 && a < DStop(x) / 10, "0 < a/10 < a < d_stop"),
            (depth == 2 || Math.Pow(a / 10, -(depth - 2)) <= 1e9, "(a/10)^{−(L−2)} ≤ 10^9 (the cancellation in t − lead stays below the O(a²) bound)"));
    }

    private static double PerWeight(Instance x) => x.Scalar("alphaConvention") == 0 ? x.Scalar("alpha") : x.Scalar("alpha") / Math.Sqrt(x.Scalar("depth"));

    private static double DStop(Instance x) => 0.5 * Math.Pow(x.Scalar("y") / x.Scalar("x"), 1 / x.Scalar("depth"));

    /// <summary>t(a) by Gauss–Kronrod in u = log d: dt = du / (x(y − xe^{Lu})e^{(L−2)u}).</summary>
    private static (double Time, double Error) EscapeTime(double xv, double yv, int depth, double a, double dStop, double rtol)
    {
        double t = GaussKronrodRule.Integrate(u => 1 / (xv * (yv - xv * Math.Exp(depth * u)) * Math.Exp((depth - 2) * u)),
            Math.Log(a), Math.Log(dStop), out double error, out _, rtol, 20, 21);
        return (t, error);
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        double xv = x.Scalar("x"), yv = x.Scalar("y");
        int depth = (int)x.Scalar("depth");
        bool norm = x.Scalar("alphaConvention") == 1;
        bool useNorm = norm ^ (k.Switch("swapConvention") == 1);
        double shift = k.D("leadExponentShift"), divisor = k.D("shallowRateDivisor");
        double a = PerWeight(x), dStop = DStop(x), rtol = precision == Precision.Confirm ? 1e-14 : 1e-12;
        double Lead(double perWeight)
        {
            double alpha = norm ? Math.Sqrt(depth) * perWeight : perWeight;
            if (depth == 2)
            {
                return -Math.Log(alpha) / (divisor * xv * yv);
            }
            double constant = useNorm ? Math.Pow(depth, (depth - 2) / 2.0) : 1;
            return constant * Math.Pow(alpha, -(depth - shift)) / ((depth - 2) * xv * yv);
        }
        var (t1, e1) = EscapeTime(xv, yv, depth, a, dStop, rtol);
        var (t2, e2) = EscapeTime(xv, yv, depth, a / 10, dStop, rtol);
        double delta = (t1 - Lead(a)) - (t2 - Lead(a / 10));
        double bound = a * a / (2 * yv * (yv - xv * Math.Pow(a, depth)));
        var tol = Tolerance.Heuristic(e1 + e2, "Gauss–Kronrod error estimates of t(a), t(a/10)")
            .Plus(Tolerance.FromRounding(16, Math.Abs(t1) + Math.Abs(t2) + Math.Abs(Lead(a)) + Math.Abs(Lead(a / 10)), "|t| + |lead| (cancellation)"));
        return MarginSet.Of(Margin.Bound("a²/(2y(y − xa^L)) − |[t(a) − lead(a)] − [t(a/10) − lead(a/10)]|", bound - Math.Abs(delta), Math.Max(1, Math.Abs(t2)), tol))
            .WithObservation("t(a) − lead(a)", t1 - Lead(a)).WithObservation("t(a)", t1);
    }
}
