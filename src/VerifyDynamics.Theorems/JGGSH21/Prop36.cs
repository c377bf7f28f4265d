using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 36 (App C.4.2) (L947–969): For 1 &lt; β &lt; (2m−3k+4)/(k−2) and c &gt; 2k(k−1)‖H‖_∞/(β+1) there is a bijection between F_C[β, c] and F_H[β, c] with deviation O((−t)^{−(β+1)/2}).
/// Formalisation note: registered as not checked — Existence of a bijection with an O(·) rate; the exponent bookkeeping is a scalar obligation (obligation bank), the deviation-slope consequence needs the Thm4 escape-path machinery, not implemented in this round.
/// </summary>
public static class Prop36
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop36"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 36 (App C.4.2)", "L947–969"),
        Kind = StatementKind.Proposition,
        Title = "deep: bijection of polynomially escaping paths",
        Text = "For 1 < β < (2m−3k+4)/(k−2) and c > 2k(k−1)‖H‖_∞/(β+1) there is a bijection between F_C[β, c] and F_H[β, c] with deviation O((−t)^{−(β+1)/2}).",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Existence of a bijection with an O(·) rate; the exponent bookkeeping is a scalar obligation (obligation bank), the deviation-slope consequence needs the Thm4 escape-path machinery, not implemented in this round.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
