using MathNet.Numerics.Distributions;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 14 (App. D.5, L929–950, Eqs. (46), (47)): for d ≥ 20 and 0 ≤ h ≤ 1, the normalized area of a
/// (d, 1)-hyperspherical cap of height h, σ^{d,1}({x ∈ S^{d−1}: ⟨x, u⟩ ≥ 1 − h}), is at least (3 − 4F((1 − h)√(d − 1)))/2.
/// Formalisation note: the exact area ½ I_{1−(1−h)²}((d−1)/2, ½) (Chudnov, used in the proof) is evaluated by the
/// regularized incomplete beta function on an h-grid per d: 60 uniform points in [0, 1] and 200 points
/// h = 1 − t/√(d − 1), t ∈ [0, 8], where the bound is tightest (equality at h = 1, both sides ½). The margin is the
/// worst (area − bound) over the grid, tolerance γ_64 (incomplete beta rounding; both sides are ≤ 1).
/// </summary>
public static class Lemma14
{
    public static NamedConstant Three { get; } = new("three", Rational.Of(3), "the 3 of (3 − 4F(·))/2");
    public static NamedConstant Four { get; } = new("four", Rational.Of(4), "the 4 of (3 − 4F(·))/2");
    public static NamedConstant ArgumentScale { get; } = new("argScale", Rational.Of(1), "factor on the argument (1 − h)√(d − 1) of F (1 in the paper)");
    public static NamedConstant MinDimension { get; } = new("dmin", Rational.Of(20), "the lemma's dimension hypothesis d ≥ 20");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma14"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 14 and cap definitions (App. D.5), Eqs. (46), (47)", "L929–950"),
        Kind = StatementKind.Lemma,
        Title = "lower bound on the area of a spherical cap",
        Text = "For d ≥ 20 and 0 ≤ h ≤ 1, the normalized area of the cap {x ∈ S^{d−1}: ⟨x, u⟩ ≥ 1 − h} is at least (3 − 4F((1 − h)√(d − 1)))/2.",
        FormalisationNote = "Exact area ½ I_{1−(1−h)²}((d−1)/2, ½) against the bound on 260 h-values per d (60 uniform, 200 at h = 1 − t/√(d−1), "
            + "t ∈ [0, 8]); margin = min over the grid, tolerance γ_64. d log-uniform in [20, 10⁴]. The bound is an equality at h = 1. "
            + "The proof yields the stronger argument (1 − h)√(d − 3) (catalog §12.3 item 11).",
        Constants = [Three, Four, ArgumentScale, MinDimension],
        Fidelity = Fidelity.Full("the cap-area bound on a 260-point h-grid per d (dense near h = 1, where it is an equality), d ∈ [20, 1e4]"),
        Hypotheses = new Hypotheses("d log-uniform integer in [20, 10⁴] with a fixed h-grid dense near h = 1", ctx => Build(ctx, 20, 10_000), Validate),
        Conclusion = (x, k, p) => Conclude(x, k),
        DefaultTrials = 100,
        Variants =
        [
            Variant.Mutant("ArgumentOverTwoPointOne", "argument (1 − h)√(d − 1)/2.1: fails just below h = 1 (d = 5000: −0.0045)",
                s => s.WithConstantDefault("argScale", Rational.Of(10, 21)).WithGenerator("d log-uniform in [1000, 20000]", ctx => Build(ctx, 1000, 20_000))),
            Variant.ConstantChanged(VariantRole.Mutant, "ThreeQuarters", "(3 − 3F(·))/2: at h = 1 the bound is 3/4 > 1/2", Four, Rational.Of(3)),
            Variant.Control("ArgumentOverTwo", "argument (1 − h)√(d − 1)/2 still holds for d ≥ 20 (observed, slopes at h = 1 agree to first order)",
                s => s.WithConstantDefault("argScale", Rational.Of(1, 2))),
            Variant.Control("DimensionsBelow20", "dropping d ≥ 20: the bound holds for every d ≥ 2 (observed; d ≥ 20 is a proof artifact)",
                s => s.WithConstantDefault("dmin", Rational.Of(2)).WithGenerator("d uniform in [2, 19]", ctx => Build(ctx, 2, 19))),
        ],
    };

    private static Instance Build(TrialContext ctx, int dLo, int dHi) =>
        Instance.OfScalars("cap", ("d", (int)Math.Round(ctx.Rng.LogUniform(dLo, dHi))));

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Scalar("d") >= k.Double("dmin") && x.Scalar("d") == Math.Floor(x.Scalar("d")), $"d is an integer ≥ {k["dmin"]}"));

    /// <summary>Exact normalized area of the (d, 1)-cap of height h.</summary>
    public static double CapArea(int d, double h) => SphereProbabilities.UpperCap(d, 1 - h);

    private static IEnumerable<double> HeightGrid(int d)
    {
        for (int i = 0; i <= 59; i++)
        {
            yield return i / 59.0;
        }
        for (int i = 0; i < 200; i++)
        {
            double h = 1 - 8.0 * i / 199 / Math.Sqrt(d - 1);
            if (h >= 0)
            {
                yield return h;
            }
        }
    }

    private static MarginSet Conclude(Instance x, ConstantValues k)
    {
        int d = (int)x.Scalar("d");
        double three = k.Double("three"), four = k.Double("four"), scale = k.Double("argScale");
        double worst = double.PositiveInfinity, worstH = double.NaN, worstBound = double.NaN;
        foreach (double h in HeightGrid(d))
        {
            double bound = (three - four * Normal.CDF(0, 1, scale * (1 - h) * Math.Sqrt(d - 1))) / 2;
            double margin = CapArea(d, h) - bound;
            if (margin < worst)
            {
                worst = margin;
                worstH = h;
                worstBound = bound;
            }
        }
        // area ≥ bound at the worst h: the bound's own size there (an equality at h = 1, where both are ½).
        return MarginSet.Of(Margin.Bound("min over h of area − (3 − 4F((1 − h)√(d − 1)))/2", worst, Math.Max(Math.Abs(worstBound), Math.Abs(worstBound + worst)),
                Tolerance.Heuristic(SphereProbabilities.CapRoundingError, "γ_64: assumed accuracy of the library's incomplete beta and normal CDF (not a proven bound)")))
            .WithObservation("worstHeight", worstH);
    }
}
