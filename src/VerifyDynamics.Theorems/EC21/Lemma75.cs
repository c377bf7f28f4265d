using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 75 (App. I.14, L1981–2005): (i) t_{1−ρ̄} + a^{−1}ln((4 + ρ̄)/(4 − 3ρ̄)) ≤ t_1 ≤ t_{1−ρ̄} + a^{−1}ln(1/(1 − ρ̄));
/// (ii) θ̄(t_1)/θ(t_1) ≤ ((θ̄(0) + 1 − ρ̄/2)/(2 − 3ρ̄/2))²/θ(0).
/// Formalisation note: τ := t_1 − t_{1−ρ̄} from the Riccati closed form, computed without cancellation as
/// (4ρ̄/(ac))(arctan(2ρ̄/c) − arctan(ρ̄/c)) (the closed form itself is validated against DOP853 by EC21.Fact.Riccati);
/// the bounds with log1p. (ii) with θ̄(t_1) = 1 and θ(t_1) = θ(0)e^{at_1} (Lemma 68; t_1 ≤ a^{−1}ln(z_c/θ(0)) holds on the
/// generated range), e^{at_{1−ρ̄}} = ((2 − 3ρ̄/2)/(θ̄(0) − z_0))² (Lemma 70). Margins are O(ρ̄) relative, ρ̄ ≤ e^{−12}/2, far
/// above the rounding tolerance γ_32.
/// </summary>
public static class Lemma75
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma75"),
        Source = Ec21.Source("Lemma 75 (App. I.14)", "L1981–2005"),
        Kind = StatementKind.Lemma,
        Title = "bounds on t_1",
        Text = "t_{1−ρ̄} + a^{−1}ln((4+ρ̄)/(4−3ρ̄)) ≤ t_1 ≤ t_{1−ρ̄} + a^{−1}ln(1/(1−ρ̄)), and the ratio bound at t_1.",
        FormalisationNote = "τ = t_1 − t_{1−ρ̄} from the (DOP853-validated) Riccati closed form vs the two log bounds; the ratio (ii) via Lemmas 68/70.",
        Fidelity = Fidelity.Full(),
        Hypotheses = new Hypotheses("a ∈ [0.1, 10], b ∈ [3, 100], ε ∈ [1e−8, 0.9] (log-uniform), θ(0) ∈ (0.5, 1), θ_{s,2} ∈ (e^{−12}/2 − 1, e^{−12} − 1)", Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("theta0") is > 0.5 and < 1, "θ(0) ∈ (0.5, 1)"), (x.Scalar("delta0") > 0, "θ̄(0) > z_0"))),
        Conclusion = (x, k, p) => Conclude(x, false),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("UpperAsLower", "t_1 ≥ t_{1−ρ̄} + a^{−1}ln(1/(1−ρ̄)) (the upper bound claimed as a lower bound)", s => s.WithConclusion((x, k, p) => Conclude(x, true)), trials: 4),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        double a = r.LogUniform(0.1, 10), b = r.Uniform(3, 100), eps = r.LogUniform(1e-8, 0.9);
        var ab = new AppendixB(a, b, eps);
        double delta0 = r.Uniform(Math.Exp(-12) / 2, Math.Exp(-12)) - ab.RhoBar / 2;
        return Instance.OfScalars("Appendix B", ("a", a), ("b", b), ("epsilon", eps), ("delta0", delta0), ("theta0", r.Uniform(0.5, 1)));
    }

    private static MarginSet Conclude(Instance x, bool upperAsLower)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, r = ab.RhoBar, c = Math.Sqrt(4 * r * (1 - r));
        double tau = 4 * r / (a * c) * (Math.Atan(2 * r / c) - Math.Atan(r / c));
        double lower = AccurateFunctions.Log1p(4 * r / (4 - 3 * r)) / a, upper = -AccurateFunctions.Log1p(-r) / a;
        var tol = Tolerance.FromRounding(32, tau, "τ and the log bounds");
        double delta0 = x.Scalar("delta0"), theta0 = x.Scalar("theta0");
        double t1 = ab.TimeOneMinusRho(delta0) + tau;
        double lhs = 1 / (theta0 * Math.Exp(a * t1));
        double rhs = Math.Pow(delta0 / (2 - 1.5 * r), 2) / theta0;   // θ̄(0) + 1 − ρ̄/2 = θ̄(0) − z_0 = δ_0
        var margins = new List<Margin>
        {
            upperAsLower ? Margin.AtLeast("t_1 − t_{1−ρ̄} ≥ a^{−1}ln(1/(1−ρ̄))", tau, upper, tol) : Margin.AtLeast("t_1 − t_{1−ρ̄} ≥ a^{−1}ln((4+ρ̄)/(4−3ρ̄))", tau, lower, tol),
            Margin.AtMost("t_1 − t_{1−ρ̄} ≤ a^{−1}ln(1/(1−ρ̄))", tau, upper, tol),
            Margin.AtMost("θ̄(t_1)/θ(t_1) ≤ ((θ̄(0)+1−ρ̄/2)/(2−3ρ̄/2))²/θ(0)", lhs, rhs, Tolerance.FromRounding(32 + (int)Math.Ceiling(a * t1), rhs, "exp(a t_1) and the ratio")),
        };
        return new MarginSet(margins).WithObservation("tau", tau);
    }
}
