using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 48 (App. I.12) (L1424–1443): u_min ≥ ‖w(0)‖·min{1, ((2/3)(1+ν)/(1−ν))^n}.
/// Formalisation note: Not yet encoded on this branch (checkable along the u-IVP; catalog: ν = −0.99, r = 0.2, n = 3 gives u_min = 4.7e−4 ≥ 7.5e−9).
/// </summary>
public static class Lemma48
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma48", "Lemma 48 (App. I.12)", "L1424–1443", StatementKind.Lemma,
        "lower bound on u_min",
        "u_min ≥ ‖w(0)‖·min{1, ((2/3)(1+ν)/(1−ν))^n}.",
        "Not yet encoded on this branch (checkable along the u-IVP; catalog: ν = −0.99, r = 0.2, n = 3 gives u_min = 4.7e−4 ≥ 7.5e−9).");
}
