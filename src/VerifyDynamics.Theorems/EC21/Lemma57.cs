using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 57 (App. I.12) (L1502–1507): ½‖w(ξ(t_a + t_c + t_ε̄)) − λ‖² ≤ ε̄.
/// Formalisation note: Not yet encoded on this branch (checkable: u-IVP with the time change of Lemma 43).
/// </summary>
public static class Lemma57
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma57", "Lemma 57 (App. I.12)", "L1502–1507", StatementKind.Lemma,
        "ε̄-optimality of w",
        "½‖w(ξ(t_a + t_c + t_ε̄)) − λ‖² ≤ ε̄.",
        "Not yet encoded on this branch (checkable: u-IVP with the time change of Lemma 43).");
}
