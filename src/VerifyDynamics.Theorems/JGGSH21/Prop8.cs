using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Prop8 (Sec 4, Proposition 8; Erratum): good local minima approximate minimal-rank solutions (main-text version; superseded by Prop46).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Prop8
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop8"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 4, Proposition 8; Erratum", "L241, L317"),
        Kind = StatementKind.Proposition,
        Title = "good local minima approximate minimal-rank solutions (main-text version; superseded by Prop46)",
        Text = "good local minima approximate minimal-rank solutions (main-text version; superseded by Prop46)",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Prop8') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Prop8') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
