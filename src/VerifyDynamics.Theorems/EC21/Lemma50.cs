using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 50 (App. I.12) (L1446–1453): ν(t) ≥ 2/3 for t ≥ t_a.
/// Formalisation note: Not yet encoded as its own check; follows from the closed form checked in EC21.Lemma44.
/// </summary>
public static class Lemma50
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma50", "Lemma 50 (App. I.12)", "L1446–1453", StatementKind.Lemma,
        "alignment after t_a",
        "ν(t) ≥ 2/3 for t ≥ t_a.",
        "Not yet encoded as its own check; follows from the closed form checked in EC21.Lemma44.");
}
