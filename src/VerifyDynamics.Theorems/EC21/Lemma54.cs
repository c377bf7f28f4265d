using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 54 (App. I.12) (L1476–1493): ‖λ − u(t_a + t_c + t)‖ ≤ (6/5)e^{−(2n/(3(n+1)))t}.
/// Formalisation note: Not yet encoded on this branch (checkable along the u-IVP).
/// </summary>
public static class Lemma54
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma54", "Lemma 54 (App. I.12)", "L1476–1493", StatementKind.Lemma,
        "convergence of u",
        "‖λ − u(t_a + t_c + t)‖ ≤ (6/5)e^{−(2n/(3(n+1)))t}.",
        "Not yet encoded on this branch (checkable along the u-IVP).");
}
