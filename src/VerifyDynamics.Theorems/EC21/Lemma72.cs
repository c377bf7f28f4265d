using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 72 (App. I.14) (L1946–1966): θ̄_k = (θ̄_0 − z_0)(1 + aη/2)^k + z_0 for k ≤ k_{1−ρ̄}.
/// Formalisation note: Not yet encoded as its own check (closed form vs iteration); used by EC21.Prop20.
/// </summary>
public static class Lemma72
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma72", "Lemma 72 (App. I.14)", "L1946–1966", StatementKind.Lemma,
        "anisotropic GD closed form",
        "θ̄_k = (θ̄_0 − z_0)(1 + aη/2)^k + z_0 for k ≤ k_{1−ρ̄}.",
        "Not yet encoded as its own check (closed form vs iteration); used by EC21.Prop20.");
}
