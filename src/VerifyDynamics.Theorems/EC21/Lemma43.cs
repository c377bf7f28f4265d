using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 43 (App. I.12) (L1348–1373): w_{n:1}(ξ(t)) = u(t) with ξ(t) = ∫_0^t ‖u‖^{−(1−2/n)}.
/// Formalisation note: Not yet encoded on this branch (checkable: u-IVP plus quadrature vs the full GF).
/// </summary>
public static class Lemma43
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma43", "Lemma 43 (App. I.12)", "L1348–1373", StatementKind.Lemma,
        "time change",
        "w_{n:1}(ξ(t)) = u(t) with ξ(t) = ∫_0^t ‖u‖^{−(1−2/n)}.",
        "Not yet encoded on this branch (checkable: u-IVP plus quadrature vs the full GF).");
}
