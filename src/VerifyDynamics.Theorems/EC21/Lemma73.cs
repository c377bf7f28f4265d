using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 73 (App. I.14) (L1967–1976): Both trajectories stay in [0, z_c] × [z_0, 1 − ρ̄] until t_{1−ρ̄} (resp. k_{1−ρ̄} − 1).
/// Formalisation note: Not yet encoded on this branch (interval check).
/// </summary>
public static class Lemma73
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma73", "Lemma 73 (App. I.14)", "L1967–1976", StatementKind.Lemma,
        "anisotropic region",
        "Both trajectories stay in [0, z_c] × [z_0, 1 − ρ̄] until t_{1−ρ̄} (resp. k_{1−ρ̄} − 1).",
        "Not yet encoded on this branch (interval check).");
}
