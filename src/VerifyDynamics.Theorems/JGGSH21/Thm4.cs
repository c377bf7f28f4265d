using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Thm4 (Sec 3.2.2, Theorem 4 + proof sketch; App C.5 Theorem 37 with proof): the first escape path (alias JGGSH21.Thm37).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Thm4
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Thm4"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.2, Theorem 4 + proof sketch; App C.5 Theorem 37 with proof", "L166–168, L170, L975–987"),
        Kind = StatementKind.Theorem,
        Title = "the first escape path (alias JGGSH21.Thm37)",
        Text = "let s_1 be the largest singular value of G = ∇C(0) ∈ R^{n_L×n_0}, of multiplicity 1 (Thm 37 adds: if",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Thm4') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Thm4') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
