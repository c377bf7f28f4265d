using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 76 (App. I.14) (L2006): k_1 := inf{k : θ̄_k ≥ 1}.
/// Formalisation note: not checkable — a definition; bounded by Lemma 77 (EC21.Lemma77).
/// </summary>
public static class Def76
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def76", "Definition 76 (App. I.14)", "L2006", StatementKind.Definition,
        "GD index k_1",
        "k_1 := inf{k : θ̄_k ≥ 1}.",
        "a definition; bounded by Lemma 77 (EC21.Lemma77).");
}
