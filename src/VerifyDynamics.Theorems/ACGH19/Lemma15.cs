using MathNet.Numerics.Distributions;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 15 (App. D.5, L952–973, Figure 1): let d ≥ 20, a ≥ 1, Φ ∈ R^d, r = ‖Φ‖/√(ad) and V uniform on the
/// sphere S^d(r). Then with probability at least (3 − 4F(2/√a))/2, V has deficiency margin ‖Φ‖/(ad) w.r.t. Φ.
/// Formalisation note: the probability is computed exactly: with x = 1/(ad) and ‖Φ‖ = 1, the margin event is
/// ⟨V/r, Φ⟩ ≥ τ = √x(3 − x)/2, a spherical cap whose normalized area is ½ I_{1−τ²}((d−1)/2, ½) (catalog "Exact
/// probability (derived)"); for general ‖Φ‖ the threshold (r² + c(2‖Φ‖ − c))/(2r‖Φ‖) is used. The margin is
/// P − bound, tolerance γ_64 of the incomplete beta evaluation. The proof's cap (threshold 2√x, Lemma 14) is
/// smaller than the exact one; the check does not depend on it.
/// </summary>
public static class Lemma15
{
    public static NamedConstant Three { get; } = new("three", Rational.Of(3), "the 3 of (3 − 4F(2/√a))/2");
    public static NamedConstant Two { get; } = new("two", Rational.Of(2), "the argument numerator of F(2/√a)");
    public static NamedConstant MinDimension { get; } = new("dmin", Rational.Of(20), "the lemma's dimension hypothesis d ≥ 20");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma15"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 15 and Figure 1 (App. D.5)", "L952–973"),
        Kind = StatementKind.Lemma,
        Title = "uniform point on a small sphere has a margin with probability ~ 1/2",
        Text = "For d ≥ 20, a ≥ 1, Φ ∈ R^d and V uniform on the sphere of radius ‖Φ‖/√(ad), P[V has deficiency margin ‖Φ‖/(ad) w.r.t. Φ] ≥ (3 − 4F(2/√a))/2.",
        FormalisationNote = "Exact probability: the margin event ‖V − Φ‖ ≤ ‖Φ‖ − c is the cap ⟨V/‖V‖, Φ/‖Φ‖⟩ ≥ (r² + c(2‖Φ‖ − c))/(2r‖Φ‖), "
            + "area ½ I_{1−τ²}((d−1)/2, ½) (regularized incomplete beta, complementary form for small τ). Margin = P − (3 − 4F(2/√a))/2, "
            + "tolerance γ_64 (incomplete-beta rounding). a log-uniform in [1, 1e5], d log-uniform in [20, 2000], ‖Φ‖ log-uniform in [0.1, 10].",
        Constants = [Three, Two, MinDimension],
        Fidelity = Fidelity.Full("the exact probability (incomplete beta) against the bound; d ∈ [20, 2000], a ∈ [1, 1e5]"),
        Hypotheses = new Hypotheses(
            "d log-uniform integer in [20, 2000], a log-uniform in [1, 1e5], ‖Φ‖ log-uniform in [0.1, 10]",
            ctx => Build(ctx, 20, 2000),
            Validate),
        Conclusion = (x, k, p) => Conclude(x, k.Double("three"), k.Double("two")),
        DefaultTrials = 200,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "ArgumentQuarter",
                "bound (3 − 4F(1/(2√a)))/2: exceeds the exact probability (a = 100: 0.4601 > 0.4426)", Two, Rational.Of(1, 2)),
            Variant.ConstantChanged(VariantRole.Control, "ArgumentHalf",
                "bound (3 − 4F(1/√a))/2: still below the exact probability (a = 100: 0.4203 < 0.4426), must not be refuted", Two, Rational.Of(1)),
        ],
    };

    private static Instance Build(Model.TrialContext ctx, int dLo, int dHi)
    {
        var rng = ctx.Rng;
        int d = (int)Math.Round(rng.LogUniform(dLo, dHi));
        return Instance.OfScalars("sphere", ("d", d), ("a", rng.LogUniform(1, 1e5)), ("phiNorm", rng.LogUniform(0.1, 10)));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Scalar("d") >= k.Double("dmin") && x.Scalar("d") == Math.Floor(x.Scalar("d")), "d is an integer ≥ 20"),
        (x.Scalar("a") >= 1, "a ≥ 1"),
        (x.Scalar("phiNorm") > 0, "Φ ≠ 0"));

    /// <summary>The exact probability of the lemma's event for (d, a, ‖Φ‖).</summary>
    public static double ExactProbability(int d, double a, double phiNorm)
    {
        double r = phiNorm / Math.Sqrt(a * d);
        return SphereProbabilities.MarginProbabilityAtRadius(d, r, phiNorm, phiNorm / (a * d));
    }

    /// <summary>(3 − 4F(t/√a))/2 with the paper's t = 2.</summary>
    public static double Bound(double a, double three = 3, double two = 2) => (three - 4 * Normal.CDF(0, 1, two / Math.Sqrt(a))) / 2;

    private static MarginSet Conclude(Instance x, double three, double two)
    {
        int d = (int)x.Scalar("d");
        double a = x.Scalar("a");
        double p = ExactProbability(d, a, x.Scalar("phiNorm"));
        double bound = Bound(a, three, two);
        return MarginSet.Of(Margin.AtLeast("P[margin ‖Φ‖/(ad)] − (3 − 4F(2/√a))/2", p, bound,
                Tolerance.Heuristic(SphereProbabilities.CapRoundingError, "γ_64: assumed accuracy of the library's regularized incomplete beta and normal CDF (not a proven bound)")))
            .WithObservation("probability", p)
            .WithObservation("bound", bound);
    }
}
