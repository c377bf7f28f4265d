using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 82 (App. I.14) (L2090–2101): θ̄_k = θ̄_{k_1}(1 + aη)^{k − k_1} for k_1 ≤ k ≤ k_{z̄_c}.
/// Formalisation note: Not yet encoded as its own check; used by EC21.Prop20.
/// </summary>
public static class Lemma82
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma82", "Lemma 82 (App. I.14)", "L2090–2101", StatementKind.Lemma,
        "isotropic GD closed form",
        "θ̄_k = θ̄_{k_1}(1 + aη)^{k − k_1} for k_1 ≤ k ≤ k_{z̄_c}.",
        "Not yet encoded as its own check; used by EC21.Prop20.");
}
