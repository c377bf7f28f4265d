using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 24 (App. C, Eq. 32); proof App. I.18 (L588–600): On a GF trajectory from ‖θ_s‖ ≤ ε, λ_min ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ‖∇ℓ_i‖‖x_i‖∏‖W_j(·)‖_op(min_j‖w_j‖ + ε)^{n−2}.
/// Formalisation note: Not yet encoded on this branch (checkable): as EC21.Prop12 on conv nets; needs the conv network model.
/// </summary>
public static class Prop24
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Prop24", "Proposition 24 (App. C, Eq. 32); proof App. I.18", "L588–600", StatementKind.Proposition,
        "λ_min along GF for conv nets",
        "On a GF trajectory from ‖θ_s‖ ≤ ε, λ_min ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ‖∇ℓ_i‖‖x_i‖∏‖W_j(·)‖_op(min_j‖w_j‖ + ε)^{n−2}.",
        "Not yet encoded on this branch (checkable): as EC21.Prop12 on conv nets; needs the conv network model.");
}
