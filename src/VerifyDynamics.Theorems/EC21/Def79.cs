using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 79 (App. I.14) (L2067): t_{z̄_c} := t_1 + a^{−1} ln(z̄_c).
/// Formalisation note: not checkable — a definition; used by Lemma 80.
/// </summary>
public static class Def79
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def79", "Definition 79 (App. I.14)", "L2067", StatementKind.Definition,
        "GF exit time t_{z̄_c}",
        "t_{z̄_c} := t_1 + a^{−1} ln(z̄_c).",
        "a definition; used by Lemma 80.");
}
