using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Prop. 12/24 proofs (Du et al. 2018, Cor 2.1 / Thm 2.3) (L2300): ‖W_j‖_F² − ‖W_{j′}‖_F² is constant along GF for homogeneous activations.
/// Formalisation note: Not yet encoded as its own check (drift along EC21.Prop12's validated GF).
/// </summary>
public static class Fact_NormBalance
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Fact.NormBalance", "Prop. 12/24 proofs (Du et al. 2018, Cor 2.1 / Thm 2.3)", "L2300", StatementKind.Unnumbered,
        "layer-norm differences are conserved",
        "‖W_j‖_F² − ‖W_{j′}‖_F² is constant along GF for homogeneous activations.",
        "Not yet encoded as its own check (drift along EC21.Prop12's validated GF).");
}
