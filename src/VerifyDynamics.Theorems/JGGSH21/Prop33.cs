using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 33 (App C.4.1) (L883–901): There is a unique bijection between fast escape paths of C and of H with ‖x(t) − Ψ(x)(t)‖ = O(e^{βt}).
/// Formalisation note: registered as not checked — Existence of a bijection with an O(·) rate; the catalog's consequence check (deviation slope of the escape path) needs the Thm4 escape-path machinery, not implemented in this round.
/// </summary>
public static class Prop33
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop33"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 33 (App C.4.1)", "L883–901"),
        Kind = StatementKind.Proposition,
        Title = "shallow: bijection of fast escape paths",
        Text = "There is a unique bijection between fast escape paths of C and of H with ‖x(t) − Ψ(x)(t)‖ = O(e^{βt}).",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Existence of a bijection with an O(·) rate; the catalog's consequence check (deviation slope of the escape path) needs the Thm4 escape-path machinery, not implemented in this round.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
