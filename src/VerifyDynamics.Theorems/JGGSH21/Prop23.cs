using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 23 (App C.1) (L639–658): For a k-homogeneous polynomial H with s* &lt; 0 and negative curvature v ⊥ ρ at non-optimal escape directions, the set of initial directions whose flow does not converge (in direction) to an optimal escape direction has measure zero.
/// Formalisation note: registered as not checked — Measure-zero statement; the catalog's Monte-Carlo sphere-flow check was not implemented in this round. The hypothesis mismatch (printed 'vᵀHH(ρ)v &lt; s*vᵀv' vs the needed '&lt; s_ρvᵀv') is checked as Lemma24's mutant Prop23PrintedHypothesis (refuted: equality).
/// </summary>
public static class Prop23
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop23"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 23 (App C.1)", "L639–658"),
        Kind = StatementKind.Proposition,
        Title = "almost every direction escapes along an optimal escape direction",
        Text = "For a k-homogeneous polynomial H with s* < 0 and negative curvature v ⊥ ρ at non-optimal escape directions, the set of initial directions whose flow does not converge (in direction) to an optimal escape direction has measure zero.",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Measure-zero statement; the catalog's Monte-Carlo sphere-flow check was not implemented in this round. The hypothesis mismatch (printed 'vᵀHH(ρ)v < s*vᵀv' vs the needed '< s_ρvᵀv') is checked as Lemma24's mutant Prop23PrintedHypothesis (refuted: equality).",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
