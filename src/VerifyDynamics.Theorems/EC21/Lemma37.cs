using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 37 (App. I.12) (L1256–1283): GF is defined on [0, ∞); ‖θ(t)‖² = n‖w(t)‖^{2/n} ≤ n(‖w(0)‖ + 2‖λ‖)^{2/n}.
/// Formalisation note: Not yet encoded on this branch (checkable along EC21.Prop14's validated GF).
/// </summary>
public static class Lemma37
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma37", "Lemma 37 (App. I.12)", "L1256–1283", StatementKind.Lemma,
        "GF is global; balanced norms",
        "GF is defined on [0, ∞); ‖θ(t)‖² = n‖w(t)‖^{2/n} ≤ n(‖w(0)‖ + 2‖λ‖)^{2/n}.",
        "Not yet encoded on this branch (checkable along EC21.Prop14's validated GF).");
}
