using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 87 (App. I.14, L2168–2200): ‖θ_k − θ(t̃)‖ &gt; ε for all k ∈ {k_{z̄_c}, k_{z̄_c} + 1, …} (GD iterates past z̄_c are far
/// from GF at t̃). Proof: θ̄(t̃) ≤ θ̄(t_1 + a^{−1}ln b) = b and θ̄_k ≥ θ̄_{k_{z̄_c}} ≥ b + 1, so the distance is ≥ 1 &gt; ε.
/// Formalisation note: literal GD on coordinates 1–3 from k_{z̄_c} for ⌈3/ln(1 + aη)⌉ + 16 further steps (into the quartic piece of φ̄),
/// full distance to closed-form GF(t̃); beyond, the proof's monotone bound θ̄_{k_{z̄_c}} − θ̄(t̃) (Lemma 67, checked by EC21.Lemma67).
/// Tolerances as in Lemma 85 (<see cref="Prop20Far"/>). Adversarial t̃: even trials at the window's upper end (θ̄(t̃) closest to b).
/// </summary>
public static class Lemma87
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma87"),
        Source = Ec21.Source("Lemma 87 (App. I.14)", "L2168–2200"),
        Kind = StatementKind.Lemma,
        Title = "late iterates are far",
        Text = "‖θ_k − θ(t̃)‖ > ε for all k ∈ {k_{z̄_c}, k_{z̄_c} + 1, k_{z̄_c} + 2, …}, where k_{z̄_c} is given by Definition 81.",
        FormalisationNote = "Literal GD (coordinates 1–3) from k_{z̄_c} on vs closed-form GF at t̃, then the monotone tail bound; the proof's θ̄(t̃) ≤ b and θ̄_{k_{z̄_c}} ≥ b + 1. t̃ at the window's upper end in even trials (adversarial).",
        Fidelity = Fidelity.Full("GD simulated to ⌈3/ln(1+aη)⌉ + 16 steps past k_{z̄_c}; beyond, the proof's monotone tail bound θ̄_{k_{z̄_c}} − θ̄(t̃) (monotonicity: Lemma 67); the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = new Hypotheses("the Prop. 20 setting with η ≤ 1/(6a) (see Lemma 68); t̃ at the window's upper end (even trials) or uniform (odd)",
            ctx => Prop20Proof.Generate(ctx.Rng, Prop20Proof.Standard, ctx.Index % 2 == 0 ? Prop20Proof.TChoice.WindowHigh : Prop20Proof.TChoice.Uniform),
            (x, k) => Prop20Proof.Validate(x, false)),
        Conclusion = (x, k, p) => Prop20Far.Check(x, early: false),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("WindowToZbarC", "the window's upper end a^{−1}ln b → a^{−1}ln(b + 1) = a^{−1}ln z̄_c (t̃ up to t_{z̄_c}): the proof's θ̄(t̃) ≤ b and the gap ≥ 1 fail (the full distance stays large through the first coordinate)",
                s => s.WithHypotheses("as the statement, t̃ at the extended upper end t_{1−ρ̄}-bound + a^{−1}ln(b + 1)",
                    ctx =>
                    {
                        var x = Prop20Proof.Generate(ctx.Rng, Prop20Proof.Standard, Prop20Proof.TChoice.WindowHigh);
                        return x.WithScalar("ttilde", x.Scalar("ttilde") + AccurateFunctions.Log1p(1 / x.Scalar("b")) / x.Scalar("a"));
                    },
                    (x, k) => Prop20Proof.Validate(x, false, 0, AccurateFunctions.Log1p(1 / x.Scalar("b")))), trials: 2),
        ],
    };
}
