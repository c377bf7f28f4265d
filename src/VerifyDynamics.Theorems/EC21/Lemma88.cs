using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 88 (App. I.20) (L2348–2400): Under Thm 32's hypotheses: ‖W_{n:1,0} − Ŵ_{n:1,0}‖ ≤ ‖W_{n:1,0}‖/3, ν̂ ≥ min{−1/2, sign(ν)(|ν|+1)/2}, ‖Ŵ_{n:1,0}‖^{−1} ≤ (3/2)‖W_{n:1,0}‖^{−1}, max{1,(1−ν̂)/(1+ν̂)} ≤ max{3,(3−ν)/(1+ν)}.
/// Formalisation note: Not yet encoded on this branch (checkable): pairs (balanced θ̂_0, θ_0 within √(n³ε̂)) with moderate ε̂, per the catalog; proof typo §18-T13.
/// </summary>
public static class Lemma88
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma88", "Lemma 88 (App. I.20)", "L2348–2400", StatementKind.Lemma,
        "balanced neighbour keeps the Prop. 14 hypotheses",
        "Under Thm 32's hypotheses: ‖W_{n:1,0} − Ŵ_{n:1,0}‖ ≤ ‖W_{n:1,0}‖/3, ν̂ ≥ min{−1/2, sign(ν)(|ν|+1)/2}, ‖Ŵ_{n:1,0}‖^{−1} ≤ (3/2)‖W_{n:1,0}‖^{−1}, max{1,(1−ν̂)/(1+ν̂)} ≤ max{3,(3−ν)/(1+ν)}.",
        "Not yet encoded on this branch (checkable): pairs (balanced θ̂_0, θ_0 within √(n³ε̂)) with moderate ε̂, per the catalog; proof typo §18-T13.");
}
