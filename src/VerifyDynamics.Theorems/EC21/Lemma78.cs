using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 78 (App. I.14) (L2057–2066): Trajectories stay in [0, z_c) × [1 − ρ̄, 1) between t_{1−ρ̄} and t_1 (resp. k_{1−ρ̄} and k_1 − 1).
/// Formalisation note: Not yet encoded on this branch (interval check).
/// </summary>
public static class Lemma78
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma78", "Lemma 78 (App. I.14)", "L2057–2066", StatementKind.Lemma,
        "transition region",
        "Trajectories stay in [0, z_c) × [1 − ρ̄, 1) between t_{1−ρ̄} and t_1 (resp. k_{1−ρ̄} and k_1 − 1).",
        "Not yet encoded on this branch (interval check).");
}
