using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 text after Props 8/12 (L230): f is non-increasing along GF; in S5, ‖w(t) − λ‖ ≤ ‖w(0) − λ‖.
/// Formalisation note: Not yet encoded as its own check (monotone loss along the validated GF).
/// </summary>
public static class Fact_SublevelSmallness
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Fact.SublevelSmallness", "text after Props 8/12", "L230", StatementKind.Unnumbered,
        "GF stays in the initial sublevel set",
        "f is non-increasing along GF; in S5, ‖w(t) − λ‖ ≤ ‖w(0) − λ‖.",
        "Not yet encoded as its own check (monotone loss along the validated GF).");
}
