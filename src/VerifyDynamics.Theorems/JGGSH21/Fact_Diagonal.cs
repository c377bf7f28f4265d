using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.Diagonal (Sec 3.2.1; App C.6): diagonal networks (unnumbered).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fact_Diagonal
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.Diagonal"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.1; App C.6", "L148–160, L989–1003"),
        Kind = StatementKind.Unnumbered,
        Title = "diagonal networks (unnumbered)",
        Text = "MSE with diagonal X = diag(x_i), Y = diag(y_i) (rectangular: off-diagonal entries zero), diagonal",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.Diagonal') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.Diagonal') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
