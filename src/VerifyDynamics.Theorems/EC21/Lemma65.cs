using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 65 (App. I.12) (L1734–1880): Eq. (22) holds for m of Eq. (71).
/// Formalisation note: Checked empirically inside EC21.Prop14 (margin '∫ m (71) ≤ (22)'); its scalar chain (S7a/S7b) is for the obligation bank.
/// </summary>
public static class Lemma65
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma65", "Lemma 65 (App. I.12)", "L1734–1880", StatementKind.Lemma,
        "integral of the curvature witness",
        "Eq. (22) holds for m of Eq. (71).",
        "Checked empirically inside EC21.Prop14 (margin '∫ m (71) ≤ (22)'); its scalar chain (S7a/S7b) is for the obligation bank.");
}
