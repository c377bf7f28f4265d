using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 58 (App. I.12) (L1508–1534): t̄ ≥ ξ(t_a + t_c + t_ε̄).
/// Formalisation note: Its content is a scalar log-linear chain (catalog S8) for the obligation bank; the empirical consequence (hitting time ≤ t̄) is EC21.Lemma59 / Prop14.
/// </summary>
public static class Lemma58
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma58", "Lemma 58 (App. I.12)", "L1508–1534", StatementKind.Lemma,
        "t̄ dominates the hitting time",
        "t̄ ≥ ξ(t_a + t_c + t_ε̄).",
        "Its content is a scalar log-linear chain (catalog S8) for the obligation bank; the empirical consequence (hitting time ≤ t̄) is EC21.Lemma59 / Prop14.");
}
