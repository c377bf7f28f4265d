using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 84 (App. I.14) (L2114–2119): (θ, θ̄)(t) = (θ, θ̄)(t_1)e^{a(t − t_1)}; (θ_k, θ̄_k) = (θ_{k_1}, θ̄_{k_1})(1 + aη)^{k − k_1}.
/// Formalisation note: Not yet encoded as its own check; the ray structure is what EC21.Prop20's adversarial family and EC21.Lemma86 exploit.
/// </summary>
public static class Lemma84
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma84", "Lemma 84 (App. I.14)", "L2114–2119", StatementKind.Lemma,
        "straight rays",
        "(θ, θ̄)(t) = (θ, θ̄)(t_1)e^{a(t − t_1)}; (θ_k, θ̄_k) = (θ_{k_1}, θ̄_{k_1})(1 + aη)^{k − k_1}.",
        "Not yet encoded as its own check; the ray structure is what EC21.Prop20's adversarial family and EC21.Lemma86 exploit.");
}
