using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 44 (App D.2) (L1166–1176) is the appendix restatement of Prop7; proof via Lemma 39 + Lemma 43 with ψ = θ ↦ A_θ and ψ = Ψ (needs the continuous Ψ, see Lemma39's erratum).
/// Formalisation note: shares Prop7's check (same generator, conclusion and variants) with a smaller trial budget.
/// </summary>
public static class Prop44
{
    public static Statement Statement { get; } = Prop7.Statement with
    {
        Id = new StatementId(Papers.JGGSH21, "Prop44"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 44 (App D.2)", "L1166–1176"),
        Title = Prop7.Statement.Title + " (restatement of Prop7)",
        AliasOf = new StatementId(Papers.JGGSH21, "Prop7"),
        DefaultTrials = Math.Min(Prop7.Statement.DefaultTrials, 8),
        Variants = [.. Prop7.Statement.Variants.Take(1)],
    };
}
