using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 74 (App. I.14) (L1977): t_1 := inf{t : θ̄(t) ≥ 1}.
/// Formalisation note: not checkable — a definition; bounded by Lemma 75 (EC21.Lemma75).
/// </summary>
public static class Def74
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def74", "Definition 74 (App. I.14)", "L1977", StatementKind.Definition,
        "GF time t_1",
        "t_1 := inf{t : θ̄(t) ≥ 1}.",
        "a definition; bounded by Lemma 75 (EC21.Lemma75).");
}
