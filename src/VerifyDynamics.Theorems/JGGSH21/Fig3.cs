using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fig3 (see catalog): L2 regularization: init scale selects the local minimum (L219–223, L331).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fig3
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fig3"),
        Source = new SourceRef(Papers.JGGSH21, "see catalog", "see catalog"),
        Kind = StatementKind.Example,
        Title = "L2 regularization: init scale selects the local minimum (L219–223, L331)",
        Text = "L2 regularization: init scale selects the local minimum (L219–223, L331)",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fig3') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fig3') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
