using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 38 (App C.7, L1013–1027): x(t) ≥ 0 with ẋ ≤ c x^α, c &gt; 0, α &gt; 1, implies
/// x(t) ≤ [x(0)^{1−α} − c(α−1)t]^{−1/(α−1)} for 0 ≤ t &lt; x(0)^{1−α}/(c(α−1)).
/// Formalisation note: ẋ = c x^α u(t) with u(t) = (1 + sin(ωt + φ))/2 ∈ [0, 1] (odd trials), or u ≡ 1 (even trials:
/// the equality case, margin 0), integrated to 95% of the comparison blow-up time. Tolerance: two-tolerance ODE error bound.
/// </summary>
public static class Lemma38
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma38"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 38 (App C.7)", "L1013–1027"),
        Kind = StatementKind.Lemma,
        Title = "polynomial Grönwall inequality",
        Text = "ẋ ≤ c x^α (α > 1) implies x(t) ≤ [x(0)^{1−α} − c(α−1)t]^{−1/(α−1)} before the blow-up time.",
        FormalisationNote = "Sharp on u ≡ 1. Times t_j = (j/4)·0.95·T*, j = 1..4.",
        Fidelity = Fidelity.Restricted("constant and sinusoidal coefficient functions, c ∈ [1/2, 2], α ∈ [1.2, 3], times up to 0.95·T*"),
        Hypotheses = new Hypotheses("c ∈ [1/2, 2], α ∈ [1.2, 3], x(0) ∈ [1/2, 2], ω ∈ [1, 10], φ ∈ [0, 2π]", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, p, 0, 1),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("ExponentOverAlpha", "exponent −1/α: refuted on the equality case", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1, 1)), trials: 8),
            Variant.Mutant("PlusSign", "[x(0)^{1−α} + c(α−1)t]^{−1/(α−1)}: refuted", s => s.WithConclusion((x, k, p) => Conclude(x, p, 0, -1)), trials: 8),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        return Instance.OfScalars(ctx.Index % 2 == 0 ? "equality" : "oscillating",
            ("c", rng.Uniform(0.5, 2)), ("alpha", rng.Uniform(1.2, 3)), ("x0", rng.Uniform(0.5, 2)),
            ("omega", rng.Uniform(1, 10)), ("phi", rng.Uniform(0, 2 * Math.PI)), ("modulated", ctx.Index % 2));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Scalar("c") > 0, "c > 0"), (x.Scalar("alpha") > 1, "α > 1"), (x.Scalar("x0") >= 0, "x(0) ≥ 0"));

    private static MarginSet Conclude(Instance inst, Precision precision, int exponentShift, int sign)
    {
        double c = inst.Scalar("c"), alpha = inst.Scalar("alpha"), x0 = inst.Scalar("x0"), omega = inst.Scalar("omega"), phi = inst.Scalar("phi");
        bool modulated = inst.Scalar("modulated") == 1;
        double tStar = Math.Pow(x0, 1 - alpha) / (c * (alpha - 1));
        double[] times = [.. Enumerable.Range(1, 4).Select(j => j / 4.0 * 0.95 * tStar)];
        var sol = EscapeNumerics.SolveFlow(
            (t, x) => [c * Math.Pow(Math.Max(x[0], 0), alpha) * (modulated ? (1 + Math.Sin(omega * t + phi)) / 2 : 1)], [x0], times, precision);
        var margins = new List<Margin>();
        for (int j = 0; j < times.Length; j++)
        {
            double bound = Math.Pow(Math.Pow(x0, 1 - alpha) - sign * c * (alpha - 1) * times[j], -1 / (alpha - 1 + exponentShift));
            double xt = sol is null ? double.NaN : sol.States[j][0];
            var tol = Tolerance.ValidatedEstimate(sol?.ErrorBounds[j] ?? 0, "ODE two-tolerance error").Plus(Tolerance.FromRounding(32, bound, "bound"));
            margins.Add(Margin.Bound($"bound − x(t) at t = {j + 1}/4·0.95T*", bound - xt, bound, tol));
        }
        return new MarginSet(margins);
    }
}
