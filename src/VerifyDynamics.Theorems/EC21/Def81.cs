using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 81 (App. I.14) (L2086): k_{z̄_c} := k_1 + ⌈ln(z̄_c/θ̄_{k_1})/ln(1 + aη)⌉.
/// Formalisation note: not checkable — a definition; used by Lemma 82.
/// </summary>
public static class Def81
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def81", "Definition 81 (App. I.14)", "L2086", StatementKind.Definition,
        "GD exit index k_{z̄_c}",
        "k_{z̄_c} := k_1 + ⌈ln(z̄_c/θ̄_{k_1})/ln(1 + aη)⌉.",
        "a definition; used by Lemma 82.");
}
