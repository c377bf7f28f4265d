using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 42 (App D.1) (L1118–1156) is the appendix restatement of Prop6; proof version; printed 'VC(A_θ)V(S^T)^{1/2}U_1^T' = ∇C(A_θ)VS^{1/2}U_1^T and the full-rank case's sign slip ∇C = −2λUVᵀ.
/// Formalisation note: shares Prop6's check (same generator, conclusion and variants) with a smaller trial budget.
/// </summary>
public static class Prop42
{
    public static Statement Statement { get; } = Prop6.Statement with
    {
        Id = new StatementId(Papers.JGGSH21, "Prop42"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 42 (App D.1)", "L1118–1156"),
        Title = Prop6.Statement.Title + " (restatement of Prop6)",
        AliasOf = new StatementId(Papers.JGGSH21, "Prop6"),
        DefaultTrials = Math.Min(Prop6.Statement.DefaultTrials, 8),
        Variants = [.. Prop6.Statement.Variants.Take(1)],
    };
}
