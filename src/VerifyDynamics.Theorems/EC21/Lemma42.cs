using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 42 (App. I.12) (L1342): The maximal solution of the u-IVP (59) is defined on [0, ∞).
/// Formalisation note: not checkable — an existence statement (t_e = ∞); its quantitative reason is Lemma 41 (‖u(0)‖e^{−2nt} ≤ ‖u(t)‖ ≤ ‖u(0)‖e^{nt}), which rules out blow-up in finite time.
/// </summary>
public static class Lemma42
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma42", "Lemma 42 (App. I.12)", "L1342", StatementKind.Lemma,
        "the u-solution is global",
        "The maximal solution of the u-IVP (59) is defined on [0, ∞).",
        "an existence statement (t_e = ∞); its quantitative reason is Lemma 41 (‖u(0)‖e^{−2nt} ≤ ‖u(t)‖ ≤ ‖u(0)‖e^{nt}), which rules out blow-up in finite time.");
}
