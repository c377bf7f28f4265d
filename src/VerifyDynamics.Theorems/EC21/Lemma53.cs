using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 53 (App. I.12) (L1468–1475): ‖u(t_a + t_c + t)‖ ≥ 2n/(3(n+1)).
/// Formalisation note: Not yet encoded on this branch (checkable along the u-IVP).
/// </summary>
public static class Lemma53
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma53", "Lemma 53 (App. I.12)", "L1468–1475", StatementKind.Lemma,
        "norm after t_a + t_c",
        "‖u(t_a + t_c + t)‖ ≥ 2n/(3(n+1)).",
        "Not yet encoded on this branch (checkable along the u-IVP).");
}
