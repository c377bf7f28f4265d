using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 31 (App C.4.1) (L838–855): With ‖y‖_w² = ∫e^{−2βt}‖y‖², ⟨x, ẏ⟩_w = 2β⟨x, y⟩_w − ⟨ẋ, y⟩_w, ⟨x, ẋ⟩_w = β‖x‖_w², and ‖x‖_w ≤ (1/β)‖ẋ‖_w.
/// Formalisation note: registered as not checked — Quadrature check not implemented in this round (time).
/// </summary>
public static class Lemma31
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma31"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 31 (App C.4.1)", "L838–855"),
        Kind = StatementKind.Lemma,
        Title = "exponentially weighted path norm",
        Text = "With ‖y‖_w² = ∫e^{−2βt}‖y‖², ⟨x, ẏ⟩_w = 2β⟨x, y⟩_w − ⟨ẋ, y⟩_w, ⟨x, ẋ⟩_w = β‖x‖_w², and ‖x‖_w ≤ (1/β)‖ẋ‖_w.",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Quadrature check not implemented in this round (time).",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
