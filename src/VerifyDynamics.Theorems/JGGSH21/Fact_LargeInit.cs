using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.LargeInit (Sec 3.1; consistent with Lemma 14(i); Cor 19 prints the mean without the factor L (typo)): σ²-large-norm initialization and the mean NTK (unnumbered).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fact_LargeInit
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.LargeInit"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.1; consistent with Lemma 14(i); Cor 19 prints the mean without the factor L (typo)", "L99–103, L419"),
        Kind = StatementKind.Unnumbered,
        Title = "σ²-large-norm initialization and the mean NTK (unnumbered)",
        Text = "with iid N(0,σ̃²) parameters on an (L,w)-DLN, Var((A_θ)_{ij}) = σ̃^{2L} w^{L−1}; choosing",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.LargeInit') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.LargeInit') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
