using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 55 (App. I.12) (L1494): t_ε̄ := (3(n+1)/(2n)) ln(6/(5√(2ε̄))).
/// Formalisation note: not checkable — a definition; used by Lemmas 56–58.
/// </summary>
public static class Def55
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def55", "Definition 55 (App. I.12)", "L1494", StatementKind.Definition,
        "convergence time t_ε̄",
        "t_ε̄ := (3(n+1)/(2n)) ln(6/(5√(2ε̄))).",
        "a definition; used by Lemmas 56–58.");
}
