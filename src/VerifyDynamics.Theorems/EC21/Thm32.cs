using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Theorem 32 (App. G, Eqs. 34–36); proof App. I.20 (L761–786): With unbalancedness ≤ ε̂ (34) and η ≤ (35), GD reaches ε̃-optimality for some k ≤ (36).
/// Formalisation note: Direct simulation is infeasible (ε̂ ≈ 1.3e−48 and η ≈ 6.4e−33 for n = 3, r = 0.1, ν = 0, ε̃ = 0.1, catalog); its scalar chain belongs to the obligation bank (not this engineer's); its checkable ingredients are EC21.Lemma31 and Lemma 88 (the latter not yet encoded). Eq. (34) typesets L′^{−2} inside the denominator (catalog §18-T4).
/// </summary>
public static class Thm32
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Thm32", "Theorem 32 (App. G, Eqs. 34–36); proof App. I.20", "L761–786", StatementKind.Theorem,
        "GD from approximately balanced initialization",
        "With unbalancedness ≤ ε̂ (34) and η ≤ (35), GD reaches ε̃-optimality for some k ≤ (36).",
        "Direct simulation is infeasible (ε̂ ≈ 1.3e−48 and η ≈ 6.4e−33 for n = 3, r = 0.1, ν = 0, ε̃ = 0.1, catalog); its scalar chain belongs to the obligation bank (not this engineer's); its checkable ingredients are EC21.Lemma31 and Lemma 88 (the latter not yet encoded). Eq. (34) typesets L′^{−2} inside the denominator (catalog §18-T4).");
}
