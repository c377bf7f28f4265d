using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Corollary 18 (App B.3) (L549–556): E[b_1ᵀA_{θ_1}a_1·b_2ᵀA_{θ_2}a_2] = K_12^L w^{L−1}(a_1ᵀa_2)(b_1ᵀb_2); the fourth moment is the 3^L-term pairing sum (display truncated in the file; closed form 3σ̃^{4L}w^{L−1}(w+2)^{L−1}‖a‖⁴‖b‖⁴ derived in the catalog).
/// Formalisation note: registered as not checked — The Monte-Carlo / exact-enumeration checks were not implemented in this round (time).
/// </summary>
public static class Cor18
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Cor18"),
        Source = new SourceRef(Papers.JGGSH21, "Corollary 18 (App B.3)", "L549–556"),
        Kind = StatementKind.Corollary,
        Title = "second and fourth moments",
        Text = "E[b_1ᵀA_{θ_1}a_1·b_2ᵀA_{θ_2}a_2] = K_12^L w^{L−1}(a_1ᵀa_2)(b_1ᵀb_2); the fourth moment is the 3^L-term pairing sum (display truncated in the file; closed form 3σ̃^{4L}w^{L−1}(w+2)^{L−1}‖a‖⁴‖b‖⁴ derived in the catalog).",
        Checkability = Checkability.Pending,
        NotCheckableReason = "The Monte-Carlo / exact-enumeration checks were not implemented in this round (time).",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
