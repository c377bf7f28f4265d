using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Claim 29 (App. E) (L697–724): For n = 2, λ_min ≥ −max{|α|,|ᾱ|}(1/|S|)Σ‖∇ℓ_i‖‖x_i‖∏_{j=1}^2‖W_j(·)‖_op; bounded ∇ℓ ⇒ inf &gt; −∞. (Proof typo: W_2(w_1) should read W_2(w_2), catalog §18-T12.)
/// Formalisation note: Not yet encoded on this branch (checkable): the certificate of EC21.Claim28 with operator norms; needs the conv network model.
/// </summary>
public static class Claim29
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Claim29", "Claim 29 (App. E)", "L697–724", StatementKind.Claim,
        "Proposition 22 needs depth ≥ 3 and non-degeneracy",
        "For n = 2, λ_min ≥ −max{|α|,|ᾱ|}(1/|S|)Σ‖∇ℓ_i‖‖x_i‖∏_{j=1}^2‖W_j(·)‖_op; bounded ∇ℓ ⇒ inf > −∞. (Proof typo: W_2(w_1) should read W_2(w_2), catalog §18-T12.)",
        "Not yet encoded on this branch (checkable): the certificate of EC21.Claim28 with operator norms; needs the conv network model.");
}
