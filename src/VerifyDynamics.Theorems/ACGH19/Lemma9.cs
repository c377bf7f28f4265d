using MathNet.Numerics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 9 (App. D.3, L796–798; cited from Laurent &amp; Massart 2000, Lemma 1): for V ∈ R^d with i.i.d. N(0, s²)
/// entries and any k &gt; 0, P[‖V‖² ≥ s²(d + 2k + 2√(kd))] ≤ e^{−k} and P[‖V‖² ≤ s²(d − 2√(kd))] ≤ e^{−k}.
/// Formalisation note: ‖V‖²/s² ~ χ²_d, so both tails are exact: Q(d/2, x/2) and P(d/2, x/2) (regularized incomplete
/// gamma); s cancels and is not drawn. A lower threshold ≤ 0 has probability 0. The tolerance is the measured
/// inconsistency |P + Q − 1| of the two incomplete gamma evaluations plus γ_32 (the margins are probabilities ≤ 1).
/// </summary>
public static class Lemma9
{
    public static NamedConstant TwoK { get; } = new("twoK", Rational.Of(2), "coefficient of k in the upper threshold d + 2k + 2√(kd)");
    public static NamedConstant TwoRoot { get; } = new("twoRoot", Rational.Of(2), "coefficient of √(kd) in both thresholds");
    public static NamedConstant ExponentFactor { get; } = new("expFactor", Rational.Of(1), "the tail bound is exp(−expFactor·k)");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma9"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 9 (App. D.3), cited from Laurent & Massart (2000), Lemma 1", "L796–802"),
        Kind = StatementKind.Lemma,
        Title = "chi-square tails",
        Text = "For V ∈ R^d with i.i.d. N(0, s²) entries and k > 0: P[‖V‖² ≥ s²(d + 2k + 2√(kd))] ≤ e^{−k} and P[‖V‖² ≤ s²(d − 2√(kd))] ≤ e^{−k}.",
        FormalisationNote = "Exact χ²_d tails by the regularized incomplete gamma functions (no sampling). d log-uniform integer in [1, 2000] "
            + "(every 4th trial d ∈ {1, 2, 5, 20}), k log-uniform in [0.01, 30]; also k = d/16 (the use in Thm 2) on every 8th trial. "
            + "Tolerance: |P(d/2, x/2) + Q(d/2, x/2) − 1| (measured inconsistency) + γ_32.",
        Constants = [TwoK, TwoRoot, ExponentFactor],
        Fidelity = Fidelity.Full("both χ² tails exactly (incomplete gamma), d ≤ 2000, k ∈ [0.01, 30] and k = d/16"),
        Hypotheses = new Hypotheses("d log-uniform integer in [1, 2000] (or small), k log-uniform in [0.01, 30] (or d/16)", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, k),
        DefaultTrials = 300,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "DropRootTerm", "upper threshold s²(d + 2k) without 2√(kd): refuted by the exact tail (catalog: −0.391)",
                TwoRoot, Rational.Zero),
            Variant.ConstantChanged(VariantRole.Mutant, "DoubleExponent", "tail bound e^{−2k}: refuted by the exact tail", ExponentFactor, Rational.Of(2)),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = ctx.Index % 4 == 0 ? rng.Pick([1, 2, 5, 20]) : (int)Math.Round(rng.LogUniform(1, 2000));
        double k = ctx.Index % 8 == 1 ? d / 16.0 : rng.LogUniform(0.01, 30);
        return Instance.OfScalars(ctx.Index % 8 == 1 ? "thm2-use" : "grid", ("d", d), ("k", k));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Scalar("d") >= 1 && x.Scalar("d") == Math.Floor(x.Scalar("d")), "d is a positive integer"),
        (x.Scalar("k") > 0, "k > 0"));

    private static MarginSet Conclude(Instance x, ConstantValues c)
    {
        double d = x.Scalar("d"), k = x.Scalar("k");
        double root = c.Double("twoRoot") * Math.Sqrt(k * d);
        double upperThreshold = d + c.Double("twoK") * k + root;
        double lowerThreshold = d - root;
        double bound = Math.Exp(-c.Double("expFactor") * k);
        double upperTail = SpecialFunctions.GammaUpperRegularized(d / 2, upperThreshold / 2);
        double upperError = Math.Abs(SpecialFunctions.GammaLowerRegularized(d / 2, upperThreshold / 2) + upperTail - 1);
        double lowerTail = lowerThreshold <= 0 ? 0 : SpecialFunctions.GammaLowerRegularized(d / 2, lowerThreshold / 2);
        double lowerError = lowerThreshold <= 0 ? 0 : Math.Abs(SpecialFunctions.GammaUpperRegularized(d / 2, lowerThreshold / 2) + lowerTail - 1);
        return MarginSet.Of(
                Margin.AtMost("e^{−k} − P[χ²_d ≥ d + 2k + 2√(kd)]", upperTail, bound,
                    Tolerance.Heuristic(upperError + Tolerance.Gamma(32), "|P + Q − 1| of the incomplete gamma pair + γ_32 (a consistency proxy for the library's accuracy, not a bound)")),
                Margin.AtMost("e^{−k} − P[χ²_d ≤ d − 2√(kd)]", lowerTail, bound,
                    Tolerance.Heuristic(lowerError + Tolerance.Gamma(32), "|P + Q − 1| of the incomplete gamma pair + γ_32 (a consistency proxy for the library's accuracy, not a bound)")))
            .WithObservation("upperTail", upperTail)
            .WithObservation("lowerTail", lowerTail);
    }
}
