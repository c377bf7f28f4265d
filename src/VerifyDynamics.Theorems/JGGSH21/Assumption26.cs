using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Assumption 26 (App C.1.1) (L692–696): For L &gt; 3, the set of initializations whose gradient flow on H(θ) = Tr[GA_θ] converges to a saddle of H has measure zero.
/// Formalisation note: registered as not checked — An assumption (evidence only, Checkability.Conjecture at best); the sphere-flow statistics were not implemented in this round. Its ingredient (b), conservation of balancedness, is checked as JGGSH21.Fact.Balancedness.
/// </summary>
public static class Assumption26
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Assumption26"),
        Source = new SourceRef(Papers.JGGSH21, "Assumption 26 (App C.1.1)", "L692–696"),
        Kind = StatementKind.Assumption,
        Title = "saddles of H are avoided for L > 3",
        Text = "For L > 3, the set of initializations whose gradient flow on H(θ) = Tr[GA_θ] converges to a saddle of H has measure zero.",
        Checkability = Checkability.Pending,
        NotCheckableReason = "An assumption (evidence only, Checkability.Conjecture at best); the sphere-flow statistics were not implemented in this round. Its ingredient (b), conservation of balancedness, is checked as JGGSH21.Fact.Balancedness.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
