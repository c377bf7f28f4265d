using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 71 (App. I.14) (L1944): k_{1−ρ̄} := inf{k : θ̄_k ≥ 1 − ρ̄}.
/// Formalisation note: not checkable — a definition; its closed form is Lemma 72 (EC21.Lemma72).
/// </summary>
public static class Def71
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def71", "Definition 71 (App. I.14)", "L1944", StatementKind.Definition,
        "GD entry index k_{1−ρ̄}",
        "k_{1−ρ̄} := inf{k : θ̄_k ≥ 1 − ρ̄}.",
        "a definition; its closed form is Lemma 72 (EC21.Lemma72).");
}
