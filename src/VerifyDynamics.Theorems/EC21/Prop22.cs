using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 22 (App. C); proof App. I.16 (L570–575): If n ≥ 3 and some θ has Σ_i∇ℓ(0,y_i)ᵀh_θ(x_i) ≠ 0, inf λ_min(∇²f) = −∞ for weight-sharing nets.
/// Formalisation note: Not yet encoded on this branch (checkable): the rescaling construction of EC21.Prop10 applied to weight vectors; needs the conv network model.
/// </summary>
public static class Prop22
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Prop22", "Proposition 22 (App. C); proof App. I.16", "L570–575", StatementKind.Proposition,
        "unbounded negative curvature for conv nets",
        "If n ≥ 3 and some θ has Σ_i∇ℓ(0,y_i)ᵀh_θ(x_i) ≠ 0, inf λ_min(∇²f) = −∞ for weight-sharing nets.",
        "Not yet encoded on this branch (checkable): the rescaling construction of EC21.Prop10 applied to weight vectors; needs the conv network model.");
}
