using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 51 (App. I.12) (L1454–1465): ‖u(t_a + t)‖ ≥ (2/3)e^{(2/3)nt}/(e^{(2/3)nt} + (2/3)u_min^{−1} − 1).
/// Formalisation note: Not yet encoded on this branch (checkable along the u-IVP).
/// </summary>
public static class Lemma51
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma51", "Lemma 51 (App. I.12)", "L1454–1465", StatementKind.Lemma,
        "norm growth after t_a",
        "‖u(t_a + t)‖ ≥ (2/3)e^{(2/3)nt}/(e^{(2/3)nt} + (2/3)u_min^{−1} − 1).",
        "Not yet encoded on this branch (checkable along the u-IVP).");
}
