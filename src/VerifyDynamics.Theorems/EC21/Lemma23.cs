using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 23 (App. C, Eq. 31); proof App. I.17 (L576–587): λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖∏_j‖W_j(·)‖_op max_{|J|=n−2}∏_{j∈J}‖w_j‖.
/// Formalisation note: Not yet encoded on this branch (checkable): as EC21.Lemma11 with operator norms √(max multiplicity); needs the conv network model.
/// </summary>
public static class Lemma23
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma23", "Lemma 23 (App. C, Eq. 31); proof App. I.17", "L576–587", StatementKind.Lemma,
        "λ_min lower bound for conv nets",
        "λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖∏_j‖W_j(·)‖_op max_{|J|=n−2}∏_{j∈J}‖w_j‖.",
        "Not yet encoded on this branch (checkable): as EC21.Lemma11 with operator norms √(max multiplicity); needs the conv network model.");
}
