using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 47 (App. I.12) (L1418–1423): ‖u(t_m)‖ = u_min; if ν(0) ≤ ‖u(0)‖ then ν(t_m) = u_min.
/// Formalisation note: Not yet encoded on this branch (checkable along the u-IVP).
/// </summary>
public static class Lemma47
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma47", "Lemma 47 (App. I.12)", "L1418–1423", StatementKind.Lemma,
        "minimum norm",
        "‖u(t_m)‖ = u_min; if ν(0) ≤ ‖u(0)‖ then ν(t_m) = u_min.",
        "Not yet encoded on this branch (checkable along the u-IVP).");
}
