using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 40 (App. I.12) (L1300–1311): d‖u‖/dt = n‖u‖(ν(t) − ‖u‖).
/// Formalisation note: Not yet encoded on this branch (checkable along the u-IVP of EC21.Lemma41/44 by comparing the derivative of ‖u‖ with the right-hand side).
/// </summary>
public static class Lemma40
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma40", "Lemma 40 (App. I.12)", "L1300–1311", StatementKind.Lemma,
        "norm dynamics",
        "d‖u‖/dt = n‖u‖(ν(t) − ‖u‖).",
        "Not yet encoded on this branch (checkable along the u-IVP of EC21.Lemma41/44 by comparing the derivative of ‖u‖ with the right-hand side).");
}
