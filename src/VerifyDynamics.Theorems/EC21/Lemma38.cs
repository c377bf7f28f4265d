using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 38 (App. I.12) (L1284): The IVP u' = −‖u‖(nu − λ) + (n−1)‖u‖^{−1}uuᵀλ, u(0) = w(0) has a unique maximal solution in R^{d0}∖{0} that blows up to 0 or ∞ at a finite end time.
/// Formalisation note: not checkable — pure existence/uniqueness (Theorem 1 applied to a locally Lipschitz field); its consequences (Lemma 41 bounds, t_e = ∞ of Lemma 42) are the checkable part.
/// </summary>
public static class Lemma38
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma38", "Lemma 38 (App. I.12)", "L1284", StatementKind.Lemma,
        "u-IVP has a unique maximal solution",
        "The IVP u' = −‖u‖(nu − λ) + (n−1)‖u‖^{−1}uuᵀλ, u(0) = w(0) has a unique maximal solution in R^{d0}∖{0} that blows up to 0 or ∞ at a finite end time.",
        "pure existence/uniqueness (Theorem 1 applied to a locally Lipschitz field); its consequences (Lemma 41 bounds, t_e = ∞ of Lemma 42) are the checkable part.");
}
