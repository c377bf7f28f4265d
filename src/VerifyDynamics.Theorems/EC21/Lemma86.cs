using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 86 (App. I.14, L2132): for k_1 ≤ k &lt; k_{z̄_c} (GD in the isotropic region), η ≤ 1/(6a) and ρ̄ ≤ aη/10,
/// ‖θ_k − θ(t̃)‖ ≥ (1/20)((2θ̄(0) + 2 − ρ̄)/(4 − 3ρ̄))²·aη·e^{at̃} &gt; 10^{−14}aηe^{at̃}.
/// Formalisation note: checked at the adversarial pairs of Prop. 20 (t̃ := kL/a, so the first coordinates coincide
/// and only the angle between the GD and GF rays remains): the matched distance, computed as
/// e^{at̃}|θ̄_{k_1}e^{−k_1L} − e^{−at_1}| in offset coordinates, against the lemma's bound.
/// </summary>
public static class Lemma86
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma86"),
        Source = Ec21.Source("Lemma 86 (App. I.14)", "L2132–2167"),
        Kind = StatementKind.Lemma,
        Title = "isotropic-region distance between GD and GF rays",
        Text = "For k_1 ≤ k < k_{z̄_c}: ‖θ_k − θ(t̃)‖ ≥ (1/20)((2θ̄(0)+2−ρ̄)/(4−3ρ̄))² aη e^{at̃} > 10^{−14} aη e^{at̃}.",
        FormalisationNote = "Adversarial t̃ = kL/a (Prop. 20 generator, b = 1e6, aη ∈ [1e−6, 1e−4]); semi-closed-form GD/GF; the matched distance vs the lemma's constant.",
        Fidelity = Fidelity.Restricted("the adversarial pairs t̃ = kL/a of Prop. 20's generator (b = 1e6, aη ∈ [1e−6, 1e−4]), where the first coordinates coincide"),
        Hypotheses = new Hypotheses("Prop. 20 adversarial family", ctx => Prop20.Generate(ctx.Rng, 1, 1e14), Validate),
        Conclusion = (x, k, p) => Conclude(x, 1.0 / 20),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("ConstantTenThousand", "1/20 → 10^4: the bound then exceeds the observed matched distance", s => s.WithConclusion((x, k, p) => Conclude(x, 1e4))),
        ],
    };

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta");
        var passage = ab.Passage(x.Scalar("u") - ab.RhoBar / 2, eta);
        double kk = x.Scalar("kmatch");
        double logBar = Math.Log(passage.BarAtKOne) + (kk - passage.KOne) * AccurateFunctions.Log1p(a * eta);
        return HypothesesCheck.All(
            (eta <= 1 / (6 * a), "η ≤ 1/(6a)"),
            (ab.RhoBar <= a * eta / 10, "ρ̄ ≤ aη/10"),
            (kk >= passage.KOne && logBar < Math.Log(ab.ZbarC), "k_1 ≤ k < k_{z̄_c}"));
    }

    private static MarginSet Conclude(Instance x, double constant)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), u = x.Scalar("u");
        var (_, atMatch, scale, ops) = Prop20.MinDistance(x);
        double at = a * Prop20.TTilde(x);
        // 2θ̄(0) + 2 − ρ̄ = 2u − ρ̄ with u = θ̄(0) + 1 (offset form; no cancellation).
        double ratio = (2 * u - ab.RhoBar) / (4 - 3 * ab.RhoBar);
        double bound = constant * ratio * ratio * a * eta * Math.Exp(at);
        var tol = Tolerance.FromRounding(ops, scale, "e^{a(t̃ − t_1)}");
        return MarginSet.Of(
            Margin.AtLeast("‖θ_k − θ(t̃)‖ ≥ (1/20)(…)² aη e^{at̃}", atMatch, bound, tol),
            Margin.AtLeast("(1/20)(…)² > 10^{−14}", constant * ratio * ratio, 1e-14, Tolerance.FromRounding(8, 1e-14, "10^{−14}")))
            .WithObservation("distance_over_a_eta_exp", atMatch / (a * eta * Math.Exp(at)));
    }
}
