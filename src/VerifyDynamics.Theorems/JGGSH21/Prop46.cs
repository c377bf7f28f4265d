using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 46 (App D.2) (L1182–1186): For all p &lt; 1 there are local minima B_k* of C^Sch_{p,λ_k}, λ_k ↘ 0, converging to a minimal-rank solution.
/// Formalisation note: registered as not checked — Existence of a sequence with a limit; the catalog's consequence check (restricted minimizers at λ_i = 10^{−i}) was not implemented in this round. Its key step is Lemma 45 (checked). The seed file is truncated inside the proof.
/// </summary>
public static class Prop46
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop46"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 46 (App D.2)", "L1182–1186"),
        Kind = StatementKind.Proposition,
        Title = "local minima converging to a minimal-rank solution (corrected Prop 8)",
        Text = "For all p < 1 there are local minima B_k* of C^Sch_{p,λ_k}, λ_k ↘ 0, converging to a minimal-rank solution.",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Existence of a sequence with a limit; the catalog's consequence check (restricted minimizers at λ_i = 10^{−i}) was not implemented in this round. Its key step is Lemma 45 (checked). The seed file is truncated inside the proof.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
