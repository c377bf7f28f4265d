using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Appendix F (L725–746): With d_n = 1, Λ_xx = I and square loss, φ(W) = ½‖W − Λ_yx‖² + c.
/// Formalisation note: Not yet encoded as its own check (exact identity at random whitened data); the S5 checks (Prop 14, Thm 15) use the reduced form directly.
/// </summary>
public static class Fact_AppF
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Fact.AppF", "Appendix F", "L725–746", StatementKind.Unnumbered,
        "whitened least squares reduces to ½‖W − Λ_yx‖²",
        "With d_n = 1, Λ_xx = I and square loss, φ(W) = ½‖W − Λ_yx‖² + c.",
        "Not yet encoded as its own check (exact identity at random whitened data); the S5 checks (Prop 14, Thm 15) use the reduced form directly.");
}
