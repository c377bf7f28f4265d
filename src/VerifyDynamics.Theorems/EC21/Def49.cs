using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 49 (App. I.12) (L1444): t_a := ½ ln(max{5ρ, 1}) with ρ = (1 − ν(0))/(1 + ν(0)).
/// Formalisation note: not checkable — a definition; Lemma 50 (EC21.Lemma50) checks ν(t) ≥ 2/3 for t ≥ t_a.
/// </summary>
public static class Def49
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def49", "Definition 49 (App. I.12)", "L1444", StatementKind.Definition,
        "alignment time t_a",
        "t_a := ½ ln(max{5ρ, 1}) with ρ = (1 − ν(0))/(1 + ν(0)).",
        "a definition; Lemma 50 (EC21.Lemma50) checks ν(t) ≥ 2/3 for t ≥ t_a.");
}
