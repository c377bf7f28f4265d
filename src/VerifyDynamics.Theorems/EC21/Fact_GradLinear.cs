using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 62 proof (Arora et al. 2018, App. A) (L1630): ∇_{W_j}f = W_{n:j+1}ᵀ∇φ(W_{n:1})W_{j−1:1}ᵀ.
/// Formalisation note: Not yet encoded as its own check (vs finite differences); it is the gradient every linear-net check here uses (Core DeepLinearNetwork.GradientsOfEndToEnd), and EC21.Lemma5's finite differences of it agree with Eq. (12).
/// </summary>
public static class Fact_GradLinear
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Fact.GradLinear", "Lemma 62 proof (Arora et al. 2018, App. A)", "L1630", StatementKind.Unnumbered,
        "gradient of a deep linear net",
        "∇_{W_j}f = W_{n:j+1}ᵀ∇φ(W_{n:1})W_{j−1:1}ᵀ.",
        "Not yet encoded as its own check (vs finite differences); it is the gradient every linear-net check here uses (Core DeepLinearNetwork.GradientsOfEndToEnd), and EC21.Lemma5's finite differences of it agree with Eq. (12).");
}
