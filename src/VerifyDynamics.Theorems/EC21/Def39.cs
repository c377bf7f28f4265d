using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 39 (App. I.12) (L1296): ν(t) := λᵀu(t)/‖u(t)‖.
/// Formalisation note: not checkable — a definition; ν(t) is computed in the checks of Lemmas 44 and 50.
/// </summary>
public static class Def39
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def39", "Definition 39 (App. I.12)", "L1296", StatementKind.Definition,
        "alignment ν(t)",
        "ν(t) := λᵀu(t)/‖u(t)‖.",
        "a definition; ν(t) is computed in the checks of Lemmas 44 and 50.");
}
