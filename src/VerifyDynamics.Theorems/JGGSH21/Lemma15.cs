using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma15 (App B.2 Lemma 15): Jacobian and NTK regularity on a ball around initialization.
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Lemma15
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma15"),
        Source = new SourceRef(Papers.JGGSH21, "App B.2 Lemma 15", "L436–468"),
        Kind = StatementKind.Lemma,
        Title = "Jacobian and NTK regularity on a ball around initialization",
        Text = "θ_0 iid N(0,σ̃²), σ̃² = σ^{2/L}w^{−(L−1)/L}, n_0, n_L ≤ w (implicit: used √n_ℓ ≤ √w). With probability",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Lemma15') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Lemma15') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
