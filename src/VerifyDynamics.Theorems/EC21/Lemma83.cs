using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 83 (App. I.14) (L2102–2113): Trajectories stay in [0, z_c) × [1, z̄_c) between t_1 and t_{z̄_c} (resp. k_1 and k_{z̄_c} − 1).
/// Formalisation note: Not yet encoded on this branch (interval check).
/// </summary>
public static class Lemma83
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma83", "Lemma 83 (App. I.14)", "L2102–2113", StatementKind.Lemma,
        "isotropic region",
        "Trajectories stay in [0, z_c) × [1, z̄_c) between t_1 and t_{z̄_c} (resp. k_1 and k_{z̄_c} − 1).",
        "Not yet encoded on this branch (interval check).");
}
