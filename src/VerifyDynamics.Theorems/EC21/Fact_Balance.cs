using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Prop. 8 proof (Du et al. 2018, Thm 2.2) (L960): W_jW_jᵀ − W_{j+1}ᵀW_{j+1} is constant along GF for linear nets.
/// Formalisation note: Not yet encoded as its own check (drift along the validated GF ≤ ODE tolerance; O(η²) drift under GD).
/// </summary>
public static class Fact_Balance
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Fact.Balance", "Prop. 8 proof (Du et al. 2018, Thm 2.2)", "L960", StatementKind.Unnumbered,
        "balancedness is conserved by GF",
        "W_jW_jᵀ − W_{j+1}ᵀW_{j+1} is constant along GF for linear nets.",
        "Not yet encoded as its own check (drift along the validated GF ≤ ODE tolerance; O(η²) drift under GD).");
}
