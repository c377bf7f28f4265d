using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 77 (App. I.14, L2010–2056): (i) k_1 ≤ k_{1−ρ̄} + ⌈max{0, −ln(θ̄_{k_{1−ρ̄}})/ln(1 + aη)}⌉; (ii) θ̄_{k_1}/θ_{k_1} ≥
/// ((θ̄_0 + 1 − ρ̄/2)/(2 − 3ρ̄/2))²/(θ_0(1 − aη/10)). The proof uses Topsøe's bounds (EC21.Fact.Topsoe), η ≤ 1/(6a), and
/// ρ̄ ≤ aη/10, which it derives from η ≥ (10^{14}/a)e^{−at̃}ε via Eq. (81) a·t̃ ≤ 30 + ln b.
/// Formalisation note: literal GD iteration (<see cref="Prop20Proof.IterateGd"/>) gives k_{1−ρ̄}, k_1, θ̄_{k_{1−ρ̄}}, θ_{k_1}, θ̄_{k_1};
/// (i) as exact integers with the ceiling's argument known to ±γ_16(|x| + 1); (ii) relative tolerance γ_{4k_1 + 32} (the iterates'
/// rounding). The proof's intermediate steps are checked at the instance as margins: ρ̄ ≤ aη/10, Eq. (81), the Topsøe consequence
/// ln(1 + aη)/ln(1 + aη/2) ≤ 2 − aη/3, and (1 − aη/5)/(1 − ρ̄) ≤ 1 − aη/10.
/// </summary>
public static class Lemma77
{
    public enum Rule { Paper, FlippedRatio, TopsoeAEta, EightAEta, NoStepFactor }

    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma77"),
        Source = Ec21.Source("Lemma 77 (App. I.14)", "L2010–2056"),
        Kind = StatementKind.Lemma,
        Title = "bounds on k_1 and the GD ratio at k_1",
        Text = "(i) k_1 ≤ k_{1−ρ̄} + ⌈max{0, −ln(θ̄_{k_{1−ρ̄}})/ln(1 + aη)}⌉; and (ii) θ̄_{k_1}/θ_{k_1} ≥ ((θ̄_0 + 1 − ρ̄/2)/(2 − 3ρ̄/2))²/(θ_0(1 − aη/10)).",
        FormalisationNote = "Literal GD gives k_{1−ρ̄}, k_1 and the iterates; (i) exact integers, (ii) with the iterates' rounding; plus the proof's steps ρ̄ ≤ aη/10, Eq. (81), the Topsøe ratio bound and (1 − aη/5)/(1 − ρ̄) ≤ 1 − aη/10 at the instance. The proof's first display uses ⌈x⌉ + ⌈y⌉ ≤ x + y + 2 and θ̄_{k_1} ≥ 1 (θ_{k_1}/θ̄_{k_1} ≤ θ_{k_1}); the scalar steps are obligations S10 (Ec21Obligations).",
        Fidelity = Fidelity.Full("the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Conclude(x, Rule.Paper),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("RatioFlipped", "(ii) with ≤ instead of ≥ (the GD ratio at k_1 exceeds the bound strictly)", s => s.WithConclusion((x, k, p) => Conclude(x, Rule.FlippedRatio)), trials: 2),
            Variant.Mutant("EightAEta", "(ii) with 1/(1 − aη/10) → 1 + 8aη (aη ∈ [1e−4, 1e−2]): the GD ratio exceeds the GF-like value ((θ̄_0+1−ρ̄/2)/(2−3ρ̄/2))²/θ_0 only by ≈ (1 + aη)(2/δ̄_0)^{aη/2} ≤ 1 + 7.6aη, so the bound's aη/10 is within a factor < 80 of tight",
                s => s.WithHypotheses("as the statement with aη ∈ [1e−4, 1e−2]",
                    ctx =>
                    {
                        Instance x;
                        do
                        {
                            x = Prop20Proof.Generate(ctx.Rng, Prop20Proof.Standard);
                        }
                        while (x.Scalar("a") * x.Scalar("eta") > 1e-2);
                        return x;
                    },
                    (x, k) => Prop20Proof.Validate(x, false)).WithConclusion((x, k, p) => Conclude(x, Rule.EightAEta)), trials: 2),
            Variant.Control("WithoutStepFactor", "(ii) without the factor 1/(1 − aη/10) (a weaker claim: the GD ratio at k_1 is at least the GF-like value): must hold", s => s.WithConclusion((x, k, p) => Conclude(x, Rule.NoStepFactor)), trials: 4),
            Variant.Mutant("TopsoeStepAEta", "the proof's step ln(1+aη)/ln(1+aη/2) ≤ 2 − aη/3 strengthened to ≤ 2 − aη (the ratio is ≈ 2 − aη/2)", s => s.WithConclusion((x, k, p) => Conclude(x, Rule.TopsoeAEta)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Rule rule)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), aeta = a * eta, th0 = x.Scalar("theta1"), delta0 = x.Scalar("u") - ab.RhoBar / 2, r = ab.RhoBar;
        var idx = Prop20Proof.IterateGd(x, null);
        if (idx.KOneMinusRho < 0 || idx.KOne < 0)
        {
            return MarginSet.Of(Margin.Uncomputable("GD reaches θ̄ ≥ 1 within the iteration budget"));
        }
        double l = AccurateFunctions.Log1p(aeta);
        double barA = ab.Z0 + idx.DeltaAtKOneMinusRho, barK1 = ab.Z0 + idx.DeltaAtKOne;
        double xArg = Math.Max(0, -Math.Log(barA) / l);
        double ratio = barK1 / idx.ThetaAtKOne;
        double q = delta0 / (2 - 1.5 * r);   // (θ̄_0 + 1 − ρ̄/2)/(2 − 3ρ̄/2) in offset form
        double bound = rule switch
        {
            Rule.EightAEta => q * q * (1 + 8 * aeta) / th0,
            Rule.NoStepFactor => q * q / th0,
            _ => q * q / (th0 * (1 - aeta / 10)),
        };
        var ratioTol = Tolerance.FromRounding((int)Math.Min(int.MaxValue / 2, 4 * idx.KOne + 32), bound, "the GD iterates (relative) and the bound");
        double topsoe = AccurateFunctions.Log1p(aeta) / AccurateFunctions.Log1p(aeta / 2);
        double t = x.Scalar("ttilde");
        return MarginSet.Of(
                Prop20Proof.AtMostCeiling("(i) k_1 − k_{1−ρ̄} ≤ ⌈max{0, −ln(θ̄_{k_{1−ρ̄}})/ln(1+aη)}⌉", idx.KOne - idx.KOneMinusRho, xArg, Tolerance.Gamma(16) * (xArg + 1)),
                rule == Rule.FlippedRatio
                    ? Margin.AtMost("(ii) flipped: θ̄_{k_1}/θ_{k_1} ≤ ((θ̄_0+1−ρ̄/2)/(2−3ρ̄/2))²/(θ_0(1−aη/10))", ratio, bound, ratioTol)
                    : Margin.AtLeast(rule switch
                    {
                        Rule.EightAEta => "(ii) mutated: θ̄_{k_1}/θ_{k_1} ≥ ((θ̄_0+1−ρ̄/2)/(2−3ρ̄/2))²(1 + 8aη)/θ_0",
                        Rule.NoStepFactor => "(ii) control: θ̄_{k_1}/θ_{k_1} ≥ ((θ̄_0+1−ρ̄/2)/(2−3ρ̄/2))²/θ_0",
                        _ => "(ii) θ̄_{k_1}/θ_{k_1} ≥ ((θ̄_0+1−ρ̄/2)/(2−3ρ̄/2))²/(θ_0(1−aη/10))",
                    }, ratio, bound, ratioTol),
                Margin.AtMost("proof: ρ̄ ≤ aη/10 (derived from the threshold on η and Eq. 81)", r, aeta / 10, Tolerance.FromRounding(8, aeta, "aη")),
                Margin.AtMost("proof (Eq. 81): a·t̃ ≤ 30 + ln b", a * t, 30 + Math.Log(ab.B), Tolerance.FromRounding(8, 30 + Math.Log(ab.B), "a·t̃")),
                Margin.AtMost(rule == Rule.TopsoeAEta ? "proof (mutated): ln(1+aη)/ln(1+aη/2) ≤ 2 − aη" : "proof (Topsøe): ln(1+aη)/ln(1+aη/2) ≤ 2 − aη/3", topsoe, 2 - aeta / (rule == Rule.TopsoeAEta ? 1 : 3),
                    Tolerance.FromRounding(16, 2, "log1p ratio")),
                Margin.AtMost("proof: (1 − aη/5)/(1 − ρ̄) ≤ 1 − aη/10", (1 - aeta / 5) / (1 - r), 1 - aeta / 10, Tolerance.FromRounding(8, 1, "")))
            .WithObservation("k_1_minus_k_one_minus_rho", idx.KOne - idx.KOneMinusRho)
            .WithObservation("ratio_over_bound", ratio / bound);
    }
}
