using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 33 (App. I.7) (L989–1000): If ‖Δ_i‖_s ≤ 1/(2n) then max_i‖A_i‖_s^n ≤ ‖A_{n:1}‖_s + 2n√(max‖Δ_i‖_s)·max{1, max‖A_i‖_s}^{2n}.
/// Formalisation note: Not yet encoded on this branch (checkable): random near-balanced matrices (catalog: 289 instances, min margin 0.025); used inside EC21.Prop8's proof.
/// </summary>
public static class Lemma33
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma33", "Lemma 33 (App. I.7)", "L989–1000", StatementKind.Lemma,
        "near-balanced spectral norms",
        "If ‖Δ_i‖_s ≤ 1/(2n) then max_i‖A_i‖_s^n ≤ ‖A_{n:1}‖_s + 2n√(max‖Δ_i‖_s)·max{1, max‖A_i‖_s}^{2n}.",
        "Not yet encoded on this branch (checkable): random near-balanced matrices (catalog: 289 instances, min margin 0.025); used inside EC21.Prop8's proof.");
}
