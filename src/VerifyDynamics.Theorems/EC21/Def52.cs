using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 52 (App. I.12) (L1466): t_c := (3/(2n)) ln(2n/(3u_min)).
/// Formalisation note: not checkable — a definition; used by Lemma 53 and the Lemma 58 chain.
/// </summary>
public static class Def52
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def52", "Definition 52 (App. I.12)", "L1466", StatementKind.Definition,
        "climbing time t_c",
        "t_c := (3/(2n)) ln(2n/(3u_min)).",
        "a definition; used by Lemma 53 and the Lemma 58 chain.");
}
