using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Prop. 14 proof sketch / Lemma 35 (L318): d/dt W_{n:1} = −∇φ(W_{n:1})(‖W_{n:1}‖^{2−2/n}I + (n−1)[W_{n:1}ᵀW_{n:1}]^{1−1/n}).
/// Formalisation note: Not yet encoded on this branch (same check as EC21.Lemma35).
/// </summary>
public static class Fact_E2E
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Fact.E2E", "Prop. 14 proof sketch / Lemma 35", "L318", StatementKind.Unnumbered,
        "end-to-end ODE under balanced init",
        "d/dt W_{n:1} = −∇φ(W_{n:1})(‖W_{n:1}‖^{2−2/n}I + (n−1)[W_{n:1}ᵀW_{n:1}]^{1−1/n}).",
        "Not yet encoded on this branch (same check as EC21.Lemma35).");
}
