using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.EscapeDirs (Sec 3.2.3): escape directions at saddles and Hessian structure (unnumbered).
/// Formalisation note: registered so that every catalog id has a status; no check is implemented yet (Pending → inconclusive).
/// </summary>
public static class Fact_EscapeDirs
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.EscapeDirs"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.2.3", "L180–188"),
        Kind = StatementKind.Unnumbered,
        Title = "escape directions at saddles and Hessian structure (unnumbered)",
        Text = "(i) at the origin, escape directions are R I^{(1→w)}(ρ), ρ = (v_1^T, 1, …, 1, u_1) (order (W_1..W_L);",
        Checkability = Checkability.Pending,
        NotCheckableReason = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.EscapeDirs') describes the proposed check.",
        FormalisationNote = "No check is implemented yet for this id (time); the catalog entry (shared/catalog/JGGSH21.md, 'Fact.EscapeDirs') describes the proposed check.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
