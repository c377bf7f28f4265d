using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 46 (App. I.12) (L1397–1417): t_m &lt; ∞; ‖u‖ strictly decreasing before t_m, non-decreasing after; ‖u‖ &lt; 1; closed form if ν(0) = 1.
/// Formalisation note: Not yet encoded on this branch (checkable along the u-IVP).
/// </summary>
public static class Lemma46
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma46", "Lemma 46 (App. I.12)", "L1397–1417", StatementKind.Lemma,
        "monotonicity of ‖u‖",
        "t_m < ∞; ‖u‖ strictly decreasing before t_m, non-decreasing after; ‖u‖ < 1; closed form if ν(0) = 1.",
        "Not yet encoded on this branch (checkable along the u-IVP).");
}
