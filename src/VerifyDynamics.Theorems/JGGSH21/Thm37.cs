using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Theorem 37 (App C.5) (L975–987): App C.5 restatement of Theorem 4, adding Assumption 26 for L &gt; 3; θ̲^1 ∈ R^{P_{L,1}}; ρ* = (1/√L)RI^{(1→w)}(−v_1ᵀ, 1, …, 1, u_1).
/// Formalisation note: registered as not checked — Alias of JGGSH21.Thm4, which the first-half engineer owns and had not landed on this branch when this file was written; re-point to Thm4.Statement once it exists. Proof typo: exponent k−1 → k−2.
/// </summary>
public static class Thm37
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Thm37"),
        Source = new SourceRef(Papers.JGGSH21, "Theorem 37 (App C.5)", "L975–987"),
        Kind = StatementKind.Theorem,
        Title = "the first escape path (restatement of Thm4)",
        Text = "App C.5 restatement of Theorem 4, adding Assumption 26 for L > 3; θ̲^1 ∈ R^{P_{L,1}}; ρ* = (1/√L)RI^{(1→w)}(−v_1ᵀ, 1, …, 1, u_1).",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Alias of JGGSH21.Thm4, which the first-half engineer owns and had not landed on this branch when this file was written; re-point to Thm4.Statement once it exists. Proof typo: exponent k−1 → k−2.",
        AliasOf = new StatementId(Papers.JGGSH21, "Thm4"),
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
