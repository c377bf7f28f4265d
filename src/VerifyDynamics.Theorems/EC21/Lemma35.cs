using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 35 (App. I.12; Arora et al. 2018, Thm 1) (L1234–1241): w_{n:1}(t) solves w′ = −h(w), w(0) = w_{n:1,s}.
/// Formalisation note: Not yet encoded on this branch (checkable): compare the end-to-end matrix of the full validated GF (EC21.Prop14's solver) with the ODE w′ = −h(w).
/// </summary>
public static class Lemma35
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma35", "Lemma 35 (App. I.12; Arora et al. 2018, Thm 1)", "L1234–1241", StatementKind.Lemma,
        "end-to-end dynamics under balanced init",
        "w_{n:1}(t) solves w′ = −h(w), w(0) = w_{n:1,s}.",
        "Not yet encoded on this branch (checkable): compare the end-to-end matrix of the full validated GF (EC21.Prop14's solver) with the ODE w′ = −h(w).");
}
