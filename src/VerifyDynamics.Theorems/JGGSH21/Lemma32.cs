using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 32 (App C.4.1) (L857–881): For β &gt; |s*| and r, η small, Φ_η is a contraction in ‖·‖_w with factor 1 − (η/2)[1 − (−s* + O(r^{m−2}))/β].
/// Formalisation note: registered as not checked — 'r, η small enough' and the O(r^{m−2}) constant are unspecified (existence statement); not checked.
/// </summary>
public static class Lemma32
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma32"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 32 (App C.4.1)", "L857–881"),
        Kind = StatementKind.Lemma,
        Title = "contraction of the escape-path map (shallow)",
        Text = "For β > |s*| and r, η small, Φ_η is a contraction in ‖·‖_w with factor 1 − (η/2)[1 − (−s* + O(r^{m−2}))/β].",
        Checkability = Checkability.NotCheckable,
        NotCheckableReason = "'r, η small enough' and the O(r^{m−2}) constant are unspecified (existence statement); not checked.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
