using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 29 (App C.3) (L741–809): For ε small there is r &gt; 0 such that on the escape cone C_ε ∩ B(0, r) the flow points inward, the radial speed is within [s* − ε, s* + 2ε]‖θ‖^{k−1}, and the norm follows the corresponding bounds.
/// Formalisation note: registered as not checked — Existence of r with unspecified dependence on ε; the catalog's r-search was not implemented in this round (the ε = 0 global growth bound for pure H is checked in Fact.EscapeBasics (iv)).
/// </summary>
public static class Prop29
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop29"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 29 (App C.3)", "L741–809"),
        Kind = StatementKind.Proposition,
        Title = "escape cone properties",
        Text = "For ε small there is r > 0 such that on the escape cone C_ε ∩ B(0, r) the flow points inward, the radial speed is within [s* − ε, s* + 2ε]‖θ‖^{k−1}, and the norm follows the corresponding bounds.",
        Checkability = Checkability.Pending,
        NotCheckableReason = "Existence of r with unspecified dependence on ε; the catalog's r-search was not implemented in this round (the ε = 0 global growth bound for pure H is checked in Fact.EscapeBasics (iv)).",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
