using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Prop2 (Sec 3.1, Proposition 2 with proof sketch; App B.2 Proposition 16 with proof): convergence in the linear/lazy regime (alias JGGSH21.Prop16).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Prop2
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop2"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.1, Proposition 2 with proof sketch; App B.2 Proposition 16 with proof", "L112–122, L124–126, L470–520"),
        Kind = StatementKind.Proposition,
        Title = "convergence in the linear/lazy regime (alias JGGSH21.Prop16)",
        Text = "let C be β-PL (β > 0) on matrices with minimum value C_min ∈ R; θ(t) = γ(t, θ_0) is GF on",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Prop2') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Prop2') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
