using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 catalog §7 (ours), used for Prop. 20 (L1981): on the transition region [1 − ρ̄, 1] of Appendix B, GF of the second
/// coordinate, θ̄′ = −φ̄′(θ̄) = aθ̄ + (a/(4ρ̄))(θ̄ − 1)² (Eq. 80), from θ̄(t_{1−ρ̄}) = 1 − ρ̄, has the closed form
/// θ̄(t) = 1 − 2ρ̄ + c·tan(arctan(ρ̄/c) + ac(t − t_{1−ρ̄})/(4ρ̄)), c = √(4ρ̄(1 − ρ̄)), reaching 1 at
/// t_1 = t_{1−ρ̄} + (4ρ̄/(ac))(arctan(2ρ̄/c) − arctan(ρ̄/c)).
/// Formalisation note: the closed form as implemented for EC21.Prop20 (<see cref="AppendixB.TransitionFlow"/>,
/// <see cref="AppendixB.TimeOne"/>) vs Core's DOP853 (validated; Confirm 100× tighter) on the offset v = θ̄ − (1 − ρ̄)
/// with the paper's −φ̄′ (<see cref="AppendixB.MinusPhiBarPrime"/>), at s = t − t_{1−ρ̄} ∈ {τ/4, τ/2, 3τ/4, τ}, τ = t_1 − t_{1−ρ̄};
/// plus |θ̄(t_1) − 1|. Tolerance: ODE deviation + rounding of the closed form (absolute γ·1 on θ̄ ≈ 1, and the tangent's
/// slope times the rounding of its argument, which contains t_{1−ρ̄} + s − t_{1−ρ̄}).
/// </summary>
public static class Fact_Riccati
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.Riccati"),
        Source = Ec21.Source("catalog §7 (ours), used for Prop. 20", "L1981"),
        Kind = StatementKind.Unnumbered,
        Title = "transition-region closed form",
        Text = "θ̄(t) = 1 − 2ρ̄ + c·tan(arctan(ρ̄/c) + ac(t − t_{1−ρ̄})/(4ρ̄)), c = √(4ρ̄(1−ρ̄)).",
        FormalisationNote = "Closed form (AppendixB.TransitionFlow / TimeOne) vs validated DOP853 on θ̄′ = −φ̄′(θ̄) over the transition region; θ̄(t_1) = 1.",
        Fidelity = Fidelity.Full(),
        Hypotheses = new Hypotheses("a ∈ [0.1, 10], b ∈ [3, 100], ε ∈ [1e−8, 0.9] (log-uniform), θ_{s,2} − z_0 ∈ (e^{−12}/2 − ρ̄/2, e^{−12} − ρ̄/2)", Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("a") > 0, "a > 0"), (x.Scalar("b") >= 3, "b ≥ 3"), (x.Scalar("epsilon") is > 0 and < 1, "ε ∈ (0, 1)"), (x.Scalar("delta0") > 0, "θ_{s,2} > z_0"))),
        Conclusion = (x, k, p) => Conclude(x, p, 4),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("TwoRhoInArgument", "ac(t − t_{1−ρ̄})/(2ρ̄) instead of /(4ρ̄)", s => s.WithConclusion((x, k, p) => Conclude(x, p, 2)), trials: 4),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        double a = r.LogUniform(0.1, 10), b = r.Uniform(3, 100), eps = r.LogUniform(1e-8, 0.9);
        var ab = new AppendixB(a, b, eps);
        double delta0 = r.Uniform(Math.Exp(-12) / 2, Math.Exp(-12)) - ab.RhoBar / 2;
        return Instance.OfScalars("Appendix B transition", ("a", a), ("b", b), ("epsilon", eps), ("delta0", delta0));
    }

    private static MarginSet Conclude(Instance x, Precision p, double denominator)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, r = ab.RhoBar, c = Math.Sqrt(4 * r * (1 - r)), delta0 = x.Scalar("delta0");
        double t0 = ab.TimeOneMinusRho(delta0), tau = ab.TimeOne(delta0) - t0;
        double Closed(double s) => denominator == 4
            ? ab.TransitionFlow(delta0, t0 + s)
            : 1 - 2 * r + c * Math.Tan(Math.Atan(r / c) + a * c * s / (denominator * r));
        double rtol = p == Precision.Confirm ? 1e-12 : 1e-10;
        var solved = OdeSolver.SolveValidated(new OdeProblem((t, y, dy) => dy[0] = ab.MinusPhiBarPrime(1 - r + y[0]), 0, [0.0], tau, "EC21 Fact.Riccati transition GF"),
            new OdeSettings(Rtol: rtol, Atol: rtol * r * 1e-2, MaxSteps: 20_000));
        if (!solved.Succeeded)
        {
            return MarginSet.Of(Margin.Uncomputable("closed form vs DOP853"));
        }
        var margins = new List<Margin>();
        foreach (double frac in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            double s = frac * tau;
            double ode = solved.Reference.Evaluate(s)[0];
            double closed = Closed(s) - (1 - r);
            double arg = Math.Atan(r / c) + a * c * s / (4 * r);
            double slope = c / Math.Pow(Math.Cos(arg), 2);
            double argRounding = Tolerance.Gamma(8) * (Math.Abs(arg) + a * c / (4 * r) * (t0 + s));
            var tol = Tolerance.ValidatedEstimate(1.1 * Math.Abs(ode - solved.Solution.Evaluate(s)[0]), $"DOP853 deviation rtol {rtol:G2} vs {rtol / 100:G2}")
                .Plus(Tolerance.Bound(Tolerance.Gamma(8) + slope * argRounding, "closed-form rounding (θ̄ ≈ 1; tangent slope × argument rounding)"));
            margins.Add(Ec21.AtMost($"|θ̄_ODE − closed form| at s = {frac}τ", Math.Abs(ode - closed), 0, tol));
        }
        double end = Closed(tau);
        margins.Add(Ec21.AtMost("|θ̄(t_1) − 1|", Math.Abs(end - 1), 0, Tolerance.FromRounding(16, 1 + c / Math.Pow(Math.Cos(Math.Atan(2 * r / c)), 2) * (a * c / (4 * r)) * (t0 + tau), "closed form at t_1")));
        return new MarginSet(margins).WithObservation("tau", tau);
    }
}
