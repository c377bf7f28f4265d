using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 28 (App C.3) (L725–737): ‖γ_C(α^{2−k}t, αx_0) − αγ_H(t, x_0)‖ ≤ c_1(t)α² for small α.
/// Formalisation note: registered as not checked — Asymptotic in α with unspecified c_1(t); the α-sequence trend was not implemented in this round.
/// </summary>
public static class Lemma28
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma28"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 28 (App C.3)", "L725–737"),
        Kind = StatementKind.Lemma,
        Title = "homogeneous approximation of the small-initialization flow",
        Text = "‖γ_C(α^{2−k}t, αx_0) − αγ_H(t, x_0)‖ ≤ c_1(t)α² for small α.",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Asymptotic in α with unspecified c_1(t); the α-sequence trend was not implemented in this round.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
