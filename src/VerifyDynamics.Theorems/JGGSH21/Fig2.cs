using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fig2 (see catalog): noisy low-rank regression, shallow vs deep (L106–110, L324–328).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fig2
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fig2"),
        Source = new SourceRef(Papers.JGGSH21, "see catalog", "see catalog"),
        Kind = StatementKind.Example,
        Title = "noisy low-rank regression, shallow vs deep (L106–110, L324–328)",
        Text = "noisy low-rank regression, shallow vs deep (L106–110, L324–328)",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fig2') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fig2') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
