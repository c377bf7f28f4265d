using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 68 (App. I.14) (L1901–1920): θ(t) = θ(0)e^{at} and θ_k = θ_0(1 + aη)^k before z_c.
/// Formalisation note: Not yet encoded as its own check; the closed forms are used by EC21.Prop20.
/// </summary>
public static class Lemma68
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma68", "Lemma 68 (App. I.14)", "L1901–1920", StatementKind.Lemma,
        "first-coordinate closed forms",
        "θ(t) = θ(0)e^{at} and θ_k = θ_0(1 + aη)^k before z_c.",
        "Not yet encoded as its own check; the closed forms are used by EC21.Prop20.");
}
