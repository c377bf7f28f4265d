using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 56 (App. I.12) (L1496–1501): ½‖u(t_a + t_c + t_ε̄) − λ‖² ≤ ε̄.
/// Formalisation note: Not yet encoded on this branch (checkable along the u-IVP).
/// </summary>
public static class Lemma56
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma56", "Lemma 56 (App. I.12)", "L1496–1501", StatementKind.Lemma,
        "ε̄-optimality of u",
        "½‖u(t_a + t_c + t_ε̄) − λ‖² ≤ ε̄.",
        "Not yet encoded on this branch (checkable along the u-IVP).");
}
