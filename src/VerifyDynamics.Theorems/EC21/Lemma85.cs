using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 85 (App. I.14) (L2120–2131): ‖θ_k − θ(t̃)‖ &gt; ε for k &lt; k_1.
/// Formalisation note: Not yet encoded as its own check; its bound (θ̄(t̃) − 1) is used inside EC21.Prop20's rigorous bracket.
/// </summary>
public static class Lemma85
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma85", "Lemma 85 (App. I.14)", "L2120–2131", StatementKind.Lemma,
        "early iterates are far",
        "‖θ_k − θ(t̃)‖ > ε for k < k_1.",
        "Not yet encoded as its own check; its bound (θ̄(t̃) − 1) is used inside EC21.Prop20's rigorous bracket.");
}
