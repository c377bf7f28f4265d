using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 69 (App. I.14) (L1921): t_{1−ρ̄} := inf{t : θ̄(t) ≥ 1 − ρ̄}.
/// Formalisation note: not checkable — a definition; its closed form is Lemma 70 (EC21.Lemma70).
/// </summary>
public static class Def69
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def69", "Definition 69 (App. I.14)", "L1921", StatementKind.Definition,
        "GF entry time t_{1−ρ̄}",
        "t_{1−ρ̄} := inf{t : θ̄(t) ≥ 1 − ρ̄}.",
        "a definition; its closed form is Lemma 70 (EC21.Lemma70).");
}
