using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Appendix C, footnote 27 (L576): ‖W_j(·)‖_op = √(max multiplicity of a coordinate).
/// Formalisation note: Not yet encoded on this branch (needs the conv network model).
/// </summary>
public static class Fact_OpNorm
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Fact.OpNorm", "Appendix C, footnote 27", "L576", StatementKind.Unnumbered,
        "operator norm of a weight-sharing map",
        "‖W_j(·)‖_op = √(max multiplicity of a coordinate).",
        "Not yet encoded on this branch (needs the conv network model).");
}
