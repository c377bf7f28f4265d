using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Prop11 (App B.1 Proposition 11): PL in a ball ⇒ linear convergence inside the ball.
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Prop11
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop11"),
        Source = new SourceRef(Papers.JGGSH21, "App B.1 Proposition 11", "L363–394"),
        Kind = StatementKind.Proposition,
        Title = "PL in a ball ⇒ linear convergence inside the ball",
        Text = "if C satisfies β-PL on the ball B(x_0, r), r = √((2/β)(C(x_0) − C_min)) (C_min = global minimum value),",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Prop11') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Prop11') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
