using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Claim 2 (App. B, L322; proof App. D.4 via Lemma 10 and a union bound, L862–874): if all entries of
/// W_j ∈ R^{d_j×d_{j−1}} (j = 1..N) are i.i.d. N(0, s²), s &gt; 0, then for any δ &gt; 0,
/// P[W_1..W_N are δ-balanced] ≥ max{0, 1 − 10δ^{−2}Ns⁴d_max³}, d_max = max{d_0, …, d_N}.
/// Formalisation note: δ is chosen so the bound equals q ∈ {0.1, 0.5, 0.9}: δ = s² √(10Nd_max³/(1 − q)) (with the statement's
/// constants, so a mutated constant moves δ too). The probability is estimated by Monte Carlo: δ-balanced means
/// max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F ≤ δ (Def. 1); margin CP-upper − bound (level 1e-3, tolerance 0).
/// </summary>
public static class Claim2
{
    public static NamedConstant Ten { get; } = new("ten", Rational.Of(10), "the constant 10 of 10δ^{−2}Ns⁴d_max³");
    public static NamedConstant ScalePower { get; } = new("sPower", Rational.Of(4), "the power of s");
    public static NamedConstant WidthPower { get; } = new("dPower", Rational.Of(3), "the power of d_max");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Claim2"),
        Source = new SourceRef(Papers.ACGH19, "Claim 2 (App. B); proof App. D.4 (Lemma 10 + union bound)", "L322, L862–874"),
        Kind = StatementKind.Claim,
        Title = "Gaussian init is approximately balanced w.h.p.",
        Text = "With i.i.d. N(0, s²) entries in every layer, P[δ-balanced] ≥ max{0, 1 − 10δ^{−2}Ns⁴d_max³} for every δ > 0.",
        FormalisationNote = "N ∈ 1..5, widths d_j ∈ 1..16, s log-uniform in [0.05, 2], δ = (s^{sPower} ten·N·d_max^{dPower}/(1 − q))^{1/2} so the bound is "
            + "q ∈ {0.1, 0.5, 0.9}. Monte Carlo over n = 400 networks; margin CP-upper(P[imb ≤ δ]) − bound. The bound is very loose (observed "
            + "probability ≈ 1 whenever the bound ≥ 0.1; exact E imb_j² = s⁴[d((a−b)² + 2(a+b)) + d(d−1)(a+b)]).",
        Checkability = Checkability.Statistical,
        Constants = [Ten, ScalePower, WidthPower],
        Fidelity = Fidelity.Full("P[δ-balanced] ≥ 1 − 10δ^{−2}Ns⁴d_max³ by Monte Carlo (Clopper–Pearson) at δ chosen so the bound is 0.1, 0.5 or 0.9; N ≤ 5, widths ≤ 16"),
        Hypotheses = new Hypotheses("N ∈ 1..5, d_j ∈ 1..16, s ∈ [0.05, 2], bound q ∈ {0.1, 0.5, 0.9}; n = 400 draws",
            ctx => Build(ctx, ctx.Rng.NextInt(1, 5), 1, 16, ctx.Rng.LogUniform(0.05, 2), ctx.Rng.Pick([0.1, 0.5, 0.9]), 400), Validate),
        Conclusion = Conclude,
        DefaultTrials = 4,
        Variants =
        [
            Variant.Mutant("WidthSquared", "d_max³ → d_max²: with N = 2 and widths 46..50, δ set for a mutated bound 1/2 (≈ 316s² at width 50) is far below the typical imbalance (≈ 505s²)",
                s => s.WithConstantDefault("dPower", Rational.Of(2))
                    .WithGenerator("N = 2, widths 46..50, s ∈ [0.05, 2], q = 1/2, n = 30", ctx => Build(ctx, 2, 46, 50, ctx.Rng.LogUniform(0.05, 2), 0.5, 30)), trials: 1),
            Variant.Mutant("ScaleSquared", "s⁴ → s²: scaling-inconsistent, refuted with s ≫ 1 (s ∈ [20, 40])",
                s => s.WithConstantDefault("sPower", Rational.Of(2))
                    .WithGenerator("N = 2, widths 8..16, s ∈ [20, 40], q = 1/2", ctx => Build(ctx, 2, 8, 16, ctx.Rng.Uniform(20, 40), 0.5, 400)), trials: 2),
            Variant.Mutant("ConstantHundredth", "10 → 1/100: δ becomes 0.2 s² d^{3/2} against a typical imbalance ≈ 1.4 s² d^{3/2}",
                s => s.WithConstantDefault("ten", Rational.Of(1, 100))
                    .WithGenerator("N = 2, widths 8..16, q = 1/2", ctx => Build(ctx, 2, 8, 16, ctx.Rng.LogUniform(0.05, 2), 0.5, 400)), trials: 2),
        ],
    };

    private static Instance Build(TrialContext ctx, int depth, int wLo, int wHi, double s, double q, int draws)
    {
        var rng = ctx.Rng;
        var dims = Enumerable.Range(0, depth + 1).Select(_ => rng.NextInt(wLo, wHi)).ToArray();
        var k = ctx.Constants;
        double delta = Math.Sqrt(Math.Pow(s, k.Double("sPower")) * k.Double("ten") * depth * Math.Pow(dims.Max(), k.Double("dPower")) / (1 - q));
        return new Instance { Family = "gaussian-layers", Dims = [.. dims] }
            .WithScalar("s", s).WithScalar("delta", delta).WithDraws(rng, draws);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Dims.Length >= 2 && x.Dims.All(w => w >= 1), "N ≥ 1 and every width ≥ 1"),
        (x.Scalar("s") > 0, "s > 0"),
        (x.Scalar("delta") > 0, "δ > 0"),
        (x.Scalar("draws") >= 1, "at least one Monte-Carlo draw"));

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var dims = x.Dims.ToArray();
        double s = x.Scalar("s"), delta = x.Scalar("delta");
        int depth = dims.Length - 1;
        double bound = Math.Max(0, 1 - k.Double("ten") * depth * Math.Pow(s, k.Double("sPower")) * Math.Pow(dims.Max(), k.Double("dPower")) / (delta * delta));
        var estimate = MonteCarlo.Estimate(MonteCarlo.Draws(x, precision), MonteCarlo.Stream(x, precision),
            r => GaussianInitialization.Create(dims, s, r).BalancednessGap() <= delta);
        return estimate.Observe(MarginSet.Of(estimate.AtLeast("CP-upper(P[δ-balanced]) − max{0, 1 − 10δ⁻²Ns⁴d_max³}", bound)), "mc")
            .WithObservation("bound", bound);
    }
}
