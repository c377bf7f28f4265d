using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 59 (App. I.12) (L1535–1544): f(θ(t̄)) − min f = ½‖w(t̄) − λ‖² ≤ ε̄.
/// Formalisation note: Checked as margin (a) of EC21.Prop14 ('hitting time of ε̄ ≤ t̄', equivalent since f is non-increasing along GF; observed slack 100×–1e9×); no separate statement check because no cheap mutant of this margin alone is refutable.
/// </summary>
public static class Lemma59
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma59", "Lemma 59 (App. I.12)", "L1535–1544", StatementKind.Lemma,
        "t̄ reaches ε̄-optimality",
        "f(θ(t̄)) − min f = ½‖w(t̄) − λ‖² ≤ ε̄.",
        "Checked as margin (a) of EC21.Prop14 ('hitting time of ε̄ ≤ t̄', equivalent since f is non-increasing along GF; observed slack 100×–1e9×); no separate statement check because no cheap mutant of this margin alone is refutable.");
}
