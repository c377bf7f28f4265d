using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 77 (App. I.14) (L2010–2056): k_1 ≤ k_{1−ρ̄} + ⌈max{0, −ln θ̄_{k_{1−ρ̄}}/ln(1+aη)}⌉ and the ratio bound at k_1 (uses Topsøe, EC21.Fact.Topsoe).
/// Formalisation note: Not yet encoded as its own check; k_1 is computed by EC21.Prop20's GD passage.
/// </summary>
public static class Lemma77
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma77", "Lemma 77 (App. I.14)", "L2010–2056", StatementKind.Lemma,
        "bounds on k_1",
        "k_1 ≤ k_{1−ρ̄} + ⌈max{0, −ln θ̄_{k_{1−ρ̄}}/ln(1+aη)}⌉ and the ratio bound at k_1 (uses Topsøe, EC21.Fact.Topsoe).",
        "Not yet encoded as its own check; k_1 is computed by EC21.Prop20's GD passage.");
}
