using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Conj3 (Sec 3.2, Conjecture 3; companion sentences L142–146; reformulated via Algorithm A): saddle-to-saddle dynamics.
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Conj3
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Conj3"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2, Conjecture 3; companion sentences L142–146; reformulated via Algorithm A", "L136–140, L142–146, L190"),
        Kind = StatementKind.Conjecture,
        Title = "saddle-to-saddle dynamics",
        Text = "λ = 0, θ_α(t) = γ(t, αρ_0). With probability 1 over ρ_0 ∈ S^{P_{L,w}−1} there exist K+1 critical points",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Conj3') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Conj3') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
