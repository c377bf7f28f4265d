using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 27 (App C.2) (L706–719): If ‖∂^j e(x)‖ = O(‖x‖^{m−j}) then the localized e_r(x) = e(x)h(‖x‖/r) has ‖∂^j e_r‖_∞ = O(r^{m−j}) as r → 0.
/// Formalisation note: registered as not checked — Asymptotic with unspecified constants; the catalog's slope trend over r was not implemented in this round.
/// </summary>
public static class Lemma27
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma27"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 27 (App C.2)", "L706–719"),
        Kind = StatementKind.Lemma,
        Title = "derivatives of the localized correction",
        Text = "If ‖∂^j e(x)‖ = O(‖x‖^{m−j}) then the localized e_r(x) = e(x)h(‖x‖/r) has ‖∂^j e_r‖_∞ = O(r^{m−j}) as r → 0.",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Asymptotic with unspecified constants; the catalog's slope trend over r was not implemented in this round.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
