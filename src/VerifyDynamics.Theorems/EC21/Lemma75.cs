using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 75 (App. I.14) (L1981–2005): t_{1−ρ̄} + a^{−1}ln((4+ρ̄)/(4−3ρ̄)) ≤ t_1 ≤ t_{1−ρ̄} + a^{−1}ln(1/(1−ρ̄)), and the ratio bound at t_1.
/// Formalisation note: Not yet encoded as its own check; t_1 is computed in closed form (Riccati) by EC21.Prop20.
/// </summary>
public static class Lemma75
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma75", "Lemma 75 (App. I.14)", "L1981–2005", StatementKind.Lemma,
        "bounds on t_1",
        "t_{1−ρ̄} + a^{−1}ln((4+ρ̄)/(4−3ρ̄)) ≤ t_1 ≤ t_{1−ρ̄} + a^{−1}ln(1/(1−ρ̄)), and the ratio bound at t_1.",
        "Not yet encoded as its own check; t_1 is computed in closed form (Riccati) by EC21.Prop20.");
}
