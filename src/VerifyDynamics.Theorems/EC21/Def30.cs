using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 30 (App. G, Eq. 33) (L747): The unbalancedness of θ is max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_nuclear.
/// Formalisation note: not checkable — a definition; computed in the checks of Proc. 13 (EC21.Proc13), Lemma 31 and Lemma 88.
/// </summary>
public static class Def30
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def30", "Definition 30 (App. G, Eq. 33)", "L747", StatementKind.Definition,
        "unbalancedness magnitude",
        "The unbalancedness of θ is max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_nuclear.",
        "a definition; computed in the checks of Proc. 13 (EC21.Proc13), Lemma 31 and Lemma 88.");
}
