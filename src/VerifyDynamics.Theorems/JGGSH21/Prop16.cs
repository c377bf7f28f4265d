using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 16 (App B.2) (L470–520): App B proof version of Proposition 2 (lazy regime: w.h.p. linear convergence, ‖A_θ(t) − A(ηt)‖ = O(w^{−1/2})).
/// Formalisation note: registered as not checked — Alias of JGGSH21.Prop2, which the first-half engineer owns and had not landed on this branch when this file was written; re-point to Prop2.Statement (AliasOf, shared check) once it exists.
/// </summary>
public static class Prop16
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop16"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 16 (App B.2)", "L470–520"),
        Kind = StatementKind.Proposition,
        Title = "convergence in the linear/lazy regime (restatement of Prop2)",
        Text = "App B proof version of Proposition 2 (lazy regime: w.h.p. linear convergence, ‖A_θ(t) − A(ηt)‖ = O(w^{−1/2})).",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Alias of JGGSH21.Prop2, which the first-half engineer owns and had not landed on this branch when this file was written; re-point to Prop2.Statement (AliasOf, shared check) once it exists.",
        AliasOf = new StatementId(Papers.JGGSH21, "Prop2"),
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
