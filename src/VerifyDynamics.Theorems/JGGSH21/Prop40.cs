using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 40 (App D) (L1068–1076) is the appendix restatement of Prop5; proof: restrict the minimization to {Ψ(A)} (Lemma 39).
/// Formalisation note: shares Prop5's check (same generator, conclusion and variants) with a smaller trial budget.
/// </summary>
public static class Prop40
{
    public static Statement Statement { get; } = Prop5.Statement with
    {
        Id = new StatementId(Papers.JGGSH21, "Prop40"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 40 (App D)", "L1068–1076"),
        Title = Prop5.Statement.Title + " (restatement of Prop5)",
        AliasOf = new StatementId(Papers.JGGSH21, "Prop5"),
        DefaultTrials = Math.Min(Prop5.Statement.DefaultTrials, 8),
        Variants = [.. Prop5.Statement.Variants.Take(1)],
    };
}
