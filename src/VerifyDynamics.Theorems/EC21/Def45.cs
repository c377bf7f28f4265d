using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 45 (App. I.12) (L1393): t_m := inf{t ≥ 0 : ν(t) ≥ ‖u(t)‖}.
/// Formalisation note: not checkable — a definition; its claimed properties are Lemmas 46–47.
/// </summary>
public static class Def45
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def45", "Definition 45 (App. I.12)", "L1393", StatementKind.Definition,
        "turning time t_m",
        "t_m := inf{t ≥ 0 : ν(t) ≥ ‖u(t)‖}.",
        "a definition; its claimed properties are Lemmas 46–47.");
}
