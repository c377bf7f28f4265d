using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Theorem 37 (App C.5, L975–987) is the appendix restatement of Theorem 4 with its proof: the first escape path,
/// with θ̲^1 ∈ R^{P_{L,1}} (the main text prints R^L) and the optimal escape direction ρ* = (1/√L)RI^{(1→w)}(−v_1ᵀ, 1, …, 1, u_1);
/// for L &gt; 3 it additionally assumes Assumption 26.
/// Formalisation note: shares Thm4's check (same generator, conclusion and variants): the check uses L ∈ {2, 3}, where both
/// statements are unconditional, so the added Assumption 26 is not exercised. The proof's typo (ray exponent k−1 → k−2, s* → |s*|)
/// is listed in Thm4's errata.
/// </summary>
public static class Thm37
{
    public static Statement Statement { get; } = Thm4.Statement with
    {
        Id = new StatementId(Papers.JGGSH21, "Thm37"),
        Source = new SourceRef(Papers.JGGSH21, "Theorem 37 (App C.5)", "L975–987"),
        Title = "the first escape path (restatement of Thm4)",
        Text = Thm4.Statement.Text + " (Thm 37: if L > 3, assume Assumption 26; θ̲^1 ∈ R^{P_{L,1}}; ρ* = (1/√L)RI^{(1→w)}(−v_1ᵀ, 1, …, 1, u_1).)",
        AliasOf = new StatementId(Papers.JGGSH21, "Thm4"),
        Variants = [.. Thm4.Statement.Variants.Take(1)],
    };
}
