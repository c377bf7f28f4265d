using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 70 (App. I.14) (L1925–1943): θ̄(t) = (θ̄(0) − z_0)e^{at/2} + z_0 on [0, t_{1−ρ̄}], t_{1−ρ̄} = (2/a)ln((4−3ρ̄)/(2θ̄(0)+2−ρ̄)).
/// Formalisation note: Not yet encoded as its own check (closed form vs ODE); used by EC21.Prop20.
/// </summary>
public static class Lemma70
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma70", "Lemma 70 (App. I.14)", "L1925–1943", StatementKind.Lemma,
        "anisotropic GF closed form",
        "θ̄(t) = (θ̄(0) − z_0)e^{at/2} + z_0 on [0, t_{1−ρ̄}], t_{1−ρ̄} = (2/a)ln((4−3ρ̄)/(2θ̄(0)+2−ρ̄)).",
        "Not yet encoded as its own check (closed form vs ODE); used by EC21.Prop20.");
}
