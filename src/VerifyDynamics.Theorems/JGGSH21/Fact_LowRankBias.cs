using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.LowRankBias (Sec 3.2.4): low-rank bias of the saddle-to-saddle regime (unnumbered).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fact_LowRankBias
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.LowRankBias"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.4", "L206"),
        Kind = StatementKind.Unnumbered,
        Title = "low-rank bias of the saddle-to-saddle regime (unnumbered)",
        Text = "(i) with early stopping the network learns a low-rank map that does not fit the data (useful for low-rank",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.LowRankBias') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.LowRankBias') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
