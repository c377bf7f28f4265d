using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fig1 (see catalog): matrix completion: lazy vs saddle-to-saddle (L49–53).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fig1
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fig1"),
        Source = new SourceRef(Papers.JGGSH21, "see catalog", "see catalog"),
        Kind = StatementKind.Example,
        Title = "matrix completion: lazy vs saddle-to-saddle (L49–53)",
        Text = "matrix completion: lazy vs saddle-to-saddle (L49–53)",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fig1') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fig1') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
