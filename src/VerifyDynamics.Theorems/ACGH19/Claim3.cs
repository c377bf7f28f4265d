using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Claim 3 (App. B, L328–336, footnotes 8, 9; proof App. D.5, L993–1011, Eqs. (48), (49)): there is a constant
/// C_1 &gt; 0 such that, if d_N = 1, d_0 ≥ 20, all entries of all W_j are i.i.d. N(0, s²) with
/// s ≤ ‖Φ‖^{1/N}/(10⁵ d_0³ d_1⋯d_{N−1} C_1)^{1/(2N)}, then for any 0 &lt; c ≤ ‖Φ‖/(10⁵ d_0³ C_1 (C_1 N)^{2N}),
/// P[W_{1:N} has deficiency margin c] ≥ 0.49 provided s ≥ c^{1/(2N)} C_1 N ‖Φ‖^{1/(2N)}/(d_1⋯d_{N−1})^{1/(2N)}.
/// Formalisation note: C_1 is existential (it depends on the Carbery–Wright constant C_0 of Lemma 11), so the claim
/// is checked with a SURROGATE C_1 = 2000 = max{2000, 2000 C_0} at C_0 = 1 (catalog Claim3 (b); the observed
/// C_0 ≳ 0.8, Lemma 11). s is log-uniform inside the window and c is the largest value the lower threshold on s
/// allows, c = s^{2N} d_1⋯d_{N−1}/(‖Φ‖ (C_1 N)^{2N}) (never above the c window, footnote 9). The probability is
/// estimated by Monte Carlo (CP-upper − 0.49 ≥ 0); the claimed value is also held to the exact symmetry bound 1/2.
/// </summary>
public static class Claim3
{
    public static NamedConstant SurrogateC1 { get; } = new("C1", Rational.Of(2000), "SURROGATE for the existential C_1 (= max{2000, 2000 C_0} with C_0 = 1)");
    public static NamedConstant WindowConstant { get; } = new("window", Rational.Of(100_000), "the 10⁵ of the s and c windows");
    public static NamedConstant Probability { get; } = new("p", Rational.Of(49, 100), "the claimed success probability 0.49");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Claim3"),
        Source = new SourceRef(Papers.ACGH19, "Claim 3 and footnotes 8, 9 (App. B); proof App. D.5, Eqs. (48), (49)", "L328–336, L993–1011"),
        Kind = StatementKind.Claim,
        Title = "Gaussian init meets a deficiency margin w.p. ~ 0.49 (scalar regression)",
        Text = "With d_N = 1, d_0 ≥ 20 and i.i.d. N(0, s²) layers, s in the window set by C_1, and c ≤ ‖Φ‖/(10⁵d_0³C_1(C_1N)^{2N}), "
            + "W_{1:N} has deficiency margin c with probability ≥ 0.49.",
        FormalisationNote = "Surrogate C_1 = 2000 (C_0 = 1). d_0 ∈ {20, 50, 100}, N ∈ 2..4, hidden widths 1..10, ‖Φ‖ log-uniform in [0.1, 10], Φ a random direction; "
            + "s = s_max·u with u log-uniform in [10⁻³, 1], c = s^{2N}d_1⋯d_{N−1}/(‖Φ‖(C_1N)^{2N}). The event ‖W − Φ‖ ≤ ‖Φ‖ − c is evaluated as "
            + "2⟨W, Φ⟩ − ‖W‖² ≥ c(2‖Φ‖ − c) (c is far below the rounding unit of ‖Φ‖). Margins: Monte-Carlo CP-upper − p (level 1e-3, tolerance 0) "
            + "and the exact symmetry bound 1/2 − p (P[margin > 0] < P[⟨W, Φ⟩ > 0] = 1/2 for the rotation-invariant law of W_{1:N}, Lemma 13).",
        NotCheckableReason = "C_1 is existential (through the unspecified Carbery–Wright constant C_0), so the claim as stated can be neither certified nor "
            + "refuted numerically. The check uses the surrogate C_1 = 2000: a failure would refute only the surrogate, not the claim. The bookkeeping "
            + "(48), (49) and footnote 9 are scalar obligations (Z-C3.*).",
        Checkability = Checkability.Statistical,
        Constants = [SurrogateC1, WindowConstant, Probability],
        Fidelity = Fidelity.Substitute("the claim with the surrogate C_1 = 2000 for its existential C_1 (which depends on the unspecified Carbery–Wright constant): a failure would refute only the surrogate"),
        Hypotheses = new Hypotheses(
            "d_0 ∈ {20, 50, 100}, N ∈ 2..4, hidden widths 1..10, s log-uniform in [10⁻³s_max, s_max], c at the s-threshold; n = 2000 draws",
            Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 4,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "ProbabilityAboveHalf",
                "success probability ≥ 0.51: impossible for a rotation-invariant law (exact symmetry bound 1/2)", Probability, Rational.Of(51, 100), trials: 2),
        ],
    };

    private static double Hidden(Instance x) => x.Dims.Skip(1).Take(x.Dims.Length - 2).Aggregate(1.0, (p, w) => p * w);

    private static double SMax(double phiNorm, int d0, double hidden, int depth, ConstantValues k) =>
        Math.Pow(phiNorm, 1.0 / depth) / Math.Pow(k.Double("window") * Math.Pow(d0, 3) * hidden * k.Double("C1"), 1.0 / (2 * depth));

    private static double CMax(double phiNorm, int d0, int depth, ConstantValues k) =>
        phiNorm / (k.Double("window") * Math.Pow(d0, 3) * k.Double("C1") * Math.Pow(k.Double("C1") * depth, 2 * depth));

    /// <summary>The largest c allowed by the lower threshold on s: c = s^{2N} d_1⋯d_{N−1}/(‖Φ‖(C_1N)^{2N}).</summary>
    private static double CAtThreshold(double s, double phiNorm, double hidden, int depth, ConstantValues k) =>
        Math.Pow(s, 2 * depth) * hidden / (phiNorm * Math.Pow(k.Double("C1") * depth, 2 * depth));

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d0 = rng.Pick([20, 50, 100]);
        int depth = rng.NextInt(2, 4);
        var dims = new int[depth + 1];
        dims[0] = d0;
        dims[depth] = 1;
        for (int j = 1; j < depth; j++)
        {
            dims[j] = rng.NextInt(1, 10);
        }
        double phiNorm = rng.LogUniform(0.1, 10);
        var direction = rng.GaussianMatrix(1, d0);
        var x = new Instance { Family = "gaussian-layers", Dims = [.. dims], Target = direction * (phiNorm / direction.FrobeniusNorm()) };
        double s = SMax(phiNorm, d0, Hidden(x), depth, ctx.Constants) * rng.LogUniform(1e-3, 1);
        return x.WithScalar("s", s).WithScalar("c", CAtThreshold(s, phiNorm, Hidden(x), depth, ctx.Constants)).WithDraws(rng, 2000);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var phi = x.RequireTarget;
        int d0 = phi.ColumnCount, depth = x.Dims.Length - 1;
        double phiNorm = phi.FrobeniusNorm(), s = x.Scalar("s"), c = x.Scalar("c"), hidden = Hidden(x);
        // Both sides of each window test are formed by ≤ 8N + 16 roundings of positive numbers.
        double slack = 1 + Tolerance.Gamma(8 * depth + 16);
        return HypothesesCheck.All(
            (depth >= 1 && x.Dims[^1] == 1 && x.Dims[0] == d0 && phi.RowCount == 1 && phiNorm > 0, "d_N = 1, Φ ∈ R^{1×d_0}, Φ ≠ 0"),
            (d0 >= 20, "d_0 ≥ 20"),
            (s > 0 && s <= SMax(phiNorm, d0, hidden, depth, k) * slack, "s ≤ ‖Φ‖^{1/N}/(10⁵d_0³d_1⋯d_{N−1}C_1)^{1/(2N)}"),
            (c > 0 && c <= CMax(phiNorm, d0, depth, k) * slack, "0 < c ≤ ‖Φ‖/(10⁵d_0³C_1(C_1N)^{2N})"),
            (c <= CAtThreshold(s, phiNorm, hidden, depth, k) * slack, "s ≥ c^{1/(2N)}C_1N‖Φ‖^{1/(2N)}/(d_1⋯d_{N−1})^{1/(2N)}"),
            (x.Scalar("draws") >= 1, "at least one Monte-Carlo draw"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var phi = x.RequireTarget;
        int d0 = phi.ColumnCount;
        double phiNorm = phi.FrobeniusNorm(), s = x.Scalar("s"), c = x.Scalar("c"), p = k.Double("p");
        var phiRow = phi.Row(0).ToArray();
        var dims = x.Dims.ToArray();
        var w = new double[d0];
        var estimate = MonteCarlo.Estimate(MonteCarlo.Draws(x, precision), MonteCarlo.Stream(x, precision), r =>
        {
            GaussianEndToEnd.Draw(dims, s, r, w);
            return SphereProbabilities.HasMargin(w, phiRow, phiNorm, c);
        });
        var set = MarginSet.Of(
            estimate.AtLeast("CP-upper(P[W_{1:N} has margin c]) − 0.49 (Monte Carlo, surrogate C_1)", p),
            // p is the rational constant 49/100 (or its override): the comparison with 1/2 is exact; the double only displays it.
            Margin.AtMost("1/2 − claimed probability (symmetry bound for rotation-invariant laws)", p, 0.5, Tolerance.Exact));
        return estimate.Observe(set, "mc").WithObservation("c", c).WithObservation("s", s);
    }
}
