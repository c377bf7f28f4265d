using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.DiagonalEscapeTime (Sec 3.2.1; Erratum (L316: \"for the deep case the exponent is correct but the constant): escape times of diagonal networks (unnumbered; ERRATUM involved).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fact_DiagonalEscapeTime
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.DiagonalEscapeTime"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.1; Erratum (L316: \"for the deep case the exponent is correct but the constant", "L152, L316"),
        Kind = StatementKind.Unnumbered,
        Title = "escape times of diagonal networks (unnumbered; ERRATUM involved)",
        Text = "escape times of diagonal networks (unnumbered; ERRATUM involved)",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.DiagonalEscapeTime') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.DiagonalEscapeTime') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
