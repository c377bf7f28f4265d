using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 30 (App C.3, L811–822): for θ_α(t) = γ_C(t, αθ_0), C = C^NN (λ = 0), with probability 1 over θ_0
/// (under Assumption 26 when L &gt; 3) there are times t^1_α → ∞ (α → 0) and a path θ^1 : R → R^P with
/// lim_{α→0} θ_α(t^1_α + t) = θ^1(t) for all t, and for every ε &gt; 0 there is T with (1) shallow (L = 2):
/// e^{−(s*+2ε)(T+t)} ≤ ‖θ^1(t)‖ ≤ e^{−(s*−ε)(T+t)}; (2) deep (L ≥ 3):
/// [(L−2)(s*+2ε)(T+t)]^{−1/(L−2)} ≤ ‖θ^1(t)‖ ≤ [(L−2)(s*−ε)(T+t)]^{−1/(L−2)}.
/// Formalisation note: the printed bands are empty for T + t &lt; 0 (erratum, kept as the PrintedBandsNonEmpty variant);
/// the main check encodes their asymptotic content (catalog): L = 2: lim_{t→−∞} log‖θ^1(t)‖/t = −s* = s_1;
/// L ≥ 3: lim_{t→−∞} ‖θ^1(t)‖^{−(L−2)}/(−t) = (L−2)|s*| = (L−2)s_1L^{−(L−2)/2} (s* = −s_1L^{−(L−2)/2} is the
/// minimum of H(θ) = ⟨∇C(0), A_θ⟩ on the unit sphere, Fact.DLNEscape). Fixture as in Thm 4: whitened C(A) = ½‖A − B‖_F²
/// (∇C(0) = −B, s_1 = σ_1(B) with a gap), n_0 = n_L = w = 3, L = 2 (even trials) or 3 (odd). θ^1 is approximated by one
/// small-α gradient flow (<see cref="SmallInitFlow"/>, Core's DOP853 validated against rtol/100) with the time shifted so
/// that t = 0 is the first time ‖θ_α‖ = r_ref (t^1_α); the limit in α only shifts time and the slopes are
/// shift-invariant, so a single α far below the window suffices (α ≤ r_lo·10^{−3}: the initial direction has aligned
/// with the escape direction). The window t ∈ [t_min, t_min/4], t_min = the shifted first time ‖θ_α‖ = r_lo, lies
/// well before the escape (‖θ‖ ≤ r_ref there). Fit (OLS, 41 samples; 81 at Confirm): L = 2 log‖θ‖ against t; L = 3
/// ‖θ‖^{−(L−2)} against −t. Margin |slope − predicted| ≤ tol_fit, tol_fit = 3 standard errors of the slope + the
/// difference of the slopes fitted on the two window halves (the drift left by the t → −∞ limit) + the ODE error
/// propagated to the slope (worst case of the OLS weights Σ|x_i − x̄|/S_xx times the largest error of a y_i).
/// Checkability.Trend (a limit observed on a finite window).
/// </summary>
public static class Prop30
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop30"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 30 (App C.3)", "L811–822"),
        Kind = StatementKind.Proposition,
        Title = "limiting escape path and its rate",
        Text = "Let θ_α(t) = γ_C(t, αθ_0) with C = C^NN (λ = 0). With probability 1 over θ_0 (under Assumption 26 when L > 3) there are "
            + "times t^1_α → ∞ as α → 0 and a path θ^1 : R → R^P such that lim_{α→0} θ_α(t^1_α + t) = θ^1(t) for all t, and for every ε > 0 "
            + "there is T such that (1) if L = 2: e^{−(s*+2ε)(T+t)} ≤ ‖θ^1(t)‖ ≤ e^{−(s*−ε)(T+t)}; (2) if L ≥ 3: "
            + "[(L−2)(s*+2ε)(T+t)]^{−1/(L−2)} ≤ ‖θ^1(t)‖ ≤ [(L−2)(s*−ε)(T+t)]^{−1/(L−2)}.",
        FormalisationNote = "The printed bands are empty for T + t < 0 (erratum); checked is their asymptotic content: L = 2: "
            + "lim_{t→−∞} log‖θ^1(t)‖/t = −s* = s_1; L ≥ 3: lim_{t→−∞} ‖θ^1(t)‖^{−(L−2)}/(−t) = (L−2)|s*| = (L−2)s_1L^{−(L−2)/2}. "
            + "Whitened ½‖A − B‖², n = w = 3, L ∈ {2, 3}; θ^1 ≈ one small-α gradient flow (validated DOP853) with t = 0 where ‖θ_α‖ = r_ref; "
            + "OLS slopes on t ∈ [t_min, t_min/4] (t_min: ‖θ_α‖ = r_lo), |slope − predicted| ≤ 3 SE + half-window drift + ODE error. "
            + "The convergence θ_α(t^1_α + ·) → θ^1 itself is Thm 4's check (matrix level); Assumption 26 (L > 3) is not exercised.",
        Checkability = Checkability.Trend,
        Errata = ["The printed two-sided bounds of Prop 30 are inverted: for T + t < 0 the band is empty (catalog §13 item 7); running Prop 29(3) backwards swaps s* + 2ε and s* − ε. The main check encodes the asymptotic rates."],
        Constants =
        [
        ],
        Fidelity = Fidelity.Substitute("the asymptotic content of the escape-time bands (fitted slopes), because the printed two-sided bands are empty for T + t < 0 (erratum)"),
        Hypotheses = new Hypotheses(
            "B = U diag(s) Vᵀ 3×3 with s_1 ∈ [1, 2], s_2 ≤ s_1/2, s_3 ≤ s_2/2 (multiplicity 1 with a gap); L = 2 (even trials) or 3 (odd); "
            + "w = 3; θ_0 = αρ_0, ρ_0 from a seed; L = 2: α = 10^{−10}, r_lo = 10^{−6}, r_ref = 10^{−2}; L = 3: α = 10^{−6}, r_lo = 10^{−3}, r_ref = 10^{−1}",
            Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 4,
        Variants =
        [
            Variant.Erratum("PrintedBandsNonEmpty", "the printed shallow band e^{−(s*+2ε)(T+t)} ≤ e^{−(s*−ε)(T+t)} at T + t < 0 is empty: refuted",
                s => s.WithHypotheses("s* ∈ [−2, −1/2], ε = |s*|/10, T + t ∈ [−20, −1]",
                    ctx => Instance.OfScalars("band", ("sStar", -ctx.Rng.Uniform(0.5, 2)), ("Tt", -ctx.Rng.Uniform(1, 20))),
                    (x, k) => HypothesesCheck.All((x.Scalar("sStar") < 0, "s* < 0"), (x.Scalar("Tt") < 0, "T + t < 0 (the escape happens after the reference time)")))
                .WithConclusion((x, k, p) =>
                {
                    double sStar = x.Scalar("sStar"), eps = Math.Abs(sStar) / 10, tt = x.Scalar("Tt");
                    return MarginSet.Of(Margin.AtLeast("upper − lower band", Math.Exp(-(sStar - eps) * tt), Math.Exp(-(sStar + 2 * eps) * tt)));
                }), trials: 4),
            Variant.Mutant("ExponentialRateDeep", "exponential rate log‖θ^1(t)‖/t → s_1 also for L = 3: the deep path escapes polynomially (fitted slope ≈ 1/|t| ≪ s_1) — refuted",
                s => s.WithSwitch("exponentialLaw", R(1)).WithGenerator("L = 3 only", ctx => Generate(ctx with { Index = 1 })), trials: 2),
            Variant.Mutant("MissingDepthFactor", "deep rate (L−2)s_1 without L^{−(L−2)/2}: the fitted slope is (L−2)s_1/√3 for L = 3 — refuted",
                s => s.WithSwitch("noDepthFactor").WithGenerator("L = 3 only", ctx => Generate(ctx with { Index = 1 })), trials: 2),
        ],
    };

    private const int N = 3, Width = 3;

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = ctx.Index % 2 == 0 ? 2 : 3;
        double s1 = rng.Uniform(1, 2), s2 = s1 * rng.Uniform(0.2, 0.5), s3 = s2 * rng.Uniform(0.1, 0.5);
        // L = 2: ‖θ‖ grows like e^{s_1t}; the subleading directions fade like e^{−(s_1−s_2)t}, so 4 decades from α to r_lo
        // leave a relative deviation ≈ 10^{−2}; the window ends near ‖θ‖ = 10^{−3}, where the cubic correction ‖θ‖²/2 to the
        // rate is 10^{−6}. L = 3: the direction aligns like a power of α/‖θ‖ (3 decades), the quadratic correction d³ at
        // ‖θ‖ ≈ 4r_lo is ≈ 10^{−8}.
        (double alpha, double rLo, double rRef) = depth == 2 ? (1e-10, 1e-6, 1e-2) : (1e-6, 1e-3, 1e-1);
        return new Instance { Family = $"whitened limiting escape path L={depth}", Target = WithSingularValues(rng, N, N, [s1, s2, s3]) }
            .WithScalar("depth", depth)
            .WithScalar("width", Width)
            .WithScalar("alpha", alpha)
            .WithScalar("rLo", rLo)
            .WithScalar("rRef", rRef)
            .WithScalar("rhoSeed", rng.NextUInt64() >> 12);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var s = x.RequireTarget.Svd(false).S;
        double alpha = x.Scalar("alpha"), rLo = x.Scalar("rLo"), rRef = x.Scalar("rRef");
        return HypothesesCheck.All(
            (s[0] - s[1] >= 0.25 * s[0], "s_1 has multiplicity 1 (gap s_1 − s_2 ≥ s_1/4)"),
            (x.Scalar("depth") is 2 or 3, "L ∈ {2, 3} (Assumption 26 is needed for L > 3)"),
            (x.Scalar("width") >= 1, "w ≥ 1"),
            (alpha > 0 && alpha <= 1e-3 * rLo, "0 < α ≤ r_lo/1000 (the window starts after the initial direction is forgotten)"),
            (rLo < rRef && rRef <= 0.1 * s[0], "r_lo < r_ref ≤ s_1/10 (the window lies well before the escape)"));
    }

    /// <summary>The first time ‖θ‖ ≥ r on the validated path: first step point at or above r, then bisection on the dense output.</summary>
    private static double? FirstNormAbove(SmallInitFlow.Path path, double r)
    {
        var times = path.Reference.Times;
        for (int i = 0; i < times.Count; i++)
        {
            if (Vector<double>.Build.Dense(path.Reference.States[i]).L2Norm() >= r)
            {
                if (i == 0)
                {
                    return 0;
                }
                double lo = times[i - 1], hi = times[i];
                for (int j = 0; j < 80 && hi - lo > 1e-15 * Math.Max(1, hi); j++)
                {
                    double mid = 0.5 * (lo + hi);
                    if (path.Theta(mid).L2Norm() >= r)
                    {
                        hi = mid;
                    }
                    else
                    {
                        lo = mid;
                    }
                }
                return hi;
            }
        }
        return null;
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        int depth = (int)x.Scalar("depth");
        double alpha = x.Scalar("alpha"), rLo = x.Scalar("rLo"), rRef = x.Scalar("rRef");
        double s1 = x.RequireTarget.Svd(false).S[0];
        bool exponential = depth == 2 || k.Switch("exponentialLaw") == 1;
        double predicted = exponential ? s1
            : (depth - 2) * s1 * (k.Switch("noDepthFactor") != 1 ? Math.Pow(depth, -(depth - 2) / 2.0) : 1);

        var net = DeepLinearCost.Rectangular(new FrobeniusDistance(x.RequireTarget, 0.5), depth, (int)x.Scalar("width"));
        var rho = SmallInitFlow.Direction(new Rng(new Seed((ulong)x.Scalar("rhoSeed"))), net.ParameterCount);
        // Stop shortly after ‖θ‖ = r_ref: only the part before the escape is needed.
        var path = SmallInitFlow.Solve(net, alpha * rho, 1e12, precision, (t, th) => th.L2Norm() >= rRef ? t * (1 + 1e-6) + 1e-6 : null);
        if (path is null || FirstNormAbove(path, rRef) is not { } t1 || FirstNormAbove(path, rLo) is not { } tLo)
        {
            return MarginSet.Of(Margin.Uncomputable("gradient flow from αρ_0 reached ‖θ‖ = r_ref"));
        }
        double tMin = tLo - t1;
        // The slopes are invariant under time shifts, so the ODE error in t^1_α only moves the window (still well before the
        // escape). The error that matters is the one inside the window: re-solve (validated) on [0, t^1_α + t_min/4] only,
        // so that the deviation is not dominated by the fast part near ‖θ‖ = r_ref.
        if (SmallInitFlow.Solve(net, alpha * rho, t1 + tMin / 4, precision) is not { } window)
        {
            return MarginSet.Of(Margin.Uncomputable("gradient flow on the fitting window"));
        }
        int samples = precision == Precision.Confirm ? 81 : 41;
        var ts = Enumerable.Range(0, samples).Select(j => tMin + j * (tMin / 4 - tMin) / (samples - 1)).ToArray();
        var xs = ts.Select(t => exponential ? t : -t).ToArray();
        var norms = ts.Select(t => window.Theta(t1 + t).L2Norm()).ToArray();
        var ys = norms.Select(r => exponential ? Math.Log(r) : Math.Pow(r, -(depth - 2))).ToArray();

        // ODE error: ‖θ − θ_ref‖_2 ≤ √P·Error; |Δlog r| ≤ δ/(r − δ), |Δr^{−m}| ≤ m(r − δ)^{−m−1}δ.
        double delta = Math.Sqrt(net.ParameterCount) * window.Error;
        double yError = norms.Max(r => exponential ? delta / (r - delta) : (depth - 2) * Math.Pow(r - delta, -(depth - 1)) * delta);
        double mean = xs.Average(), sxx = xs.Sum(v => (v - mean) * (v - mean));
        double odeSlopeError = yError * xs.Sum(v => Math.Abs(v - mean)) / sxx;

        var (slope, se, intercept, r2) = Jggsh21Fixtures.FitWithError(xs, ys);
        int half = samples / 2;
        var first = Jggsh21Fixtures.FitWithError(xs[..(half + 1)], ys[..(half + 1)]);
        var second = Jggsh21Fixtures.FitWithError(xs[half..], ys[half..]);
        double drift = Math.Abs(first.Slope - second.Slope);
        double tol = 3 * se + drift + odeSlopeError;
        string law = exponential ? "log‖θ^1(t)‖ against t (rate s_1)" : $"‖θ^1(t)‖^{{−(L−2)}} against −t (rate (L−2)s_1{(k.Switch("noDepthFactor") != 1 ? "L^{−(L−2)/2}" : "")})";
        var margin = Margin.Deviation($"|fitted slope of {law} − predicted| ≤ tol_fit (L = {depth})", Math.Abs(slope - predicted), Math.Abs(predicted), Tolerance.Heuristic(tol, $"3 SE of the OLS slope ({se:G3}) + drift between window halves ({drift:G3}) + ODE error on the slope ({odeSlopeError:G3})"));
        return new MarginSet([margin])
            .WithObservation("fitted_slope", slope).WithObservation("predicted_slope", predicted)
            .WithObservation("slope_standard_error", se).WithObservation("half_window_drift", drift)
            .WithObservation("ode_slope_error", odeSlopeError).WithObservation("ode_path_error_on_window", window.Error).WithObservation("intercept", intercept).WithObservation("r_squared", r2)
            .WithObservation("alpha", alpha).WithObservation("window_t_min", tMin).WithObservation("window_t_max", tMin / 4)
            .WithObservation("t1_alpha", t1).WithObservation("norm_at_window_end", norms[^1]).WithObservation("s1", s1);
    }
}
