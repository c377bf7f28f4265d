using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma13 (App B.2 Lemma 13): expected cost at large-norm initialization.
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Lemma13
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma13"),
        Source = new SourceRef(Papers.JGGSH21, "App B.2 Lemma 13", "L403–415"),
        Kind = StatementKind.Lemma,
        Title = "expected cost at large-norm initialization",
        Text = "for iid N(0,σ̃²) parameters with σ̃² = σ^{2/L}w^{−(L−1)/L}, E_θ[C(A_θ)] → E_A[C(A)] as w → ∞, A with iid",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Lemma13') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Lemma13') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
