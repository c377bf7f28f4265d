using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.LambdaToZero (Sec 4 after Prop 5): vanishing-regularization limit (unnumbered).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fact_LambdaToZero
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.LambdaToZero"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 4 after Prop 5", "L221"),
        Kind = StatementKind.Unnumbered,
        Title = "vanishing-regularization limit (unnumbered)",
        Text = "with the right λ one can recover a low-rank signal from noise; as λ → 0 the minimizer",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.LambdaToZero') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.LambdaToZero') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
