using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 34 (App C.4.2) (L911–925): With weight (−t)^β on (−∞, 0]: ⟨x, −tẏ⟩ = (β+1)⟨x, y⟩ − ⟨−tẋ, y⟩, (2/(β+1))⟨x, −tẋ⟩ = ‖x‖², ‖x‖ ≤ (2/(β+1))‖−tẋ‖.
/// Formalisation note: registered as not checked — Quadrature check not implemented in this round (time).
/// </summary>
public static class Lemma34
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma34"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 34 (App C.4.2)", "L911–925"),
        Kind = StatementKind.Lemma,
        Title = "polynomially weighted path norm",
        Text = "With weight (−t)^β on (−∞, 0]: ⟨x, −tẏ⟩ = (β+1)⟨x, y⟩ − ⟨−tẋ, y⟩, (2/(β+1))⟨x, −tẋ⟩ = ‖x‖², ‖x‖ ≤ (2/(β+1))‖−tẋ‖.",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Quadrature check not implemented in this round (time).",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
