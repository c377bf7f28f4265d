using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma14 (App B.2 Lemma 14; (i),(ii) proven in B.3 (Cor 19)): mean, variance and extreme eigenvalues of the NTK at initialization.
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Lemma14
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma14"),
        Source = new SourceRef(Papers.JGGSH21, "App B.2 Lemma 14; (i),(ii) proven in B.3 (Cor 19)", "L419–434"),
        Kind = StatementKind.Lemma,
        Title = "mean, variance and extreme eigenvalues of the NTK at initialization",
        Text = "same init. (i) E[Θ(θ)] = Lσ^{2(L−1)/L}w^{(L−1)/L} I_{n_0n_L} = η I; (ii) E||Θ(θ) − EΘ||_F² ≤",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Lemma14') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Lemma14') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
