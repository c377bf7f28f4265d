using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 80 (App. I.14) (L2071–2085): θ̄(t) = e^{a(t − t_1)} on [t_1, t_{z̄_c}].
/// Formalisation note: Not yet encoded as its own check; used by EC21.Prop20.
/// </summary>
public static class Lemma80
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma80", "Lemma 80 (App. I.14)", "L2071–2085", StatementKind.Lemma,
        "isotropic GF closed form",
        "θ̄(t) = e^{a(t − t_1)} on [t_1, t_{z̄_c}].",
        "Not yet encoded as its own check; used by EC21.Prop20.");
}
