using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 87 (App. I.14) (L2168–2200): ‖θ_k − θ(t̃)‖ &gt; ε for k ≥ k_{z̄_c}.
/// Formalisation note: Not yet encoded as its own check; its bound (z̄_c − θ̄(t̃)) is used inside EC21.Prop20's rigorous bracket.
/// </summary>
public static class Lemma87
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma87", "Lemma 87 (App. I.14)", "L2168–2200", StatementKind.Lemma,
        "late iterates are far",
        "‖θ_k − θ(t̃)‖ > ε for k ≥ k_{z̄_c}.",
        "Not yet encoded as its own check; its bound (z̄_c − θ̄(t̃)) is used inside EC21.Prop20's rigorous bracket.");
}
