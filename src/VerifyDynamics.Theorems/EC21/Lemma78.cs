using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 78 (App. I.14, L2057–2066): (θ(t), θ̄(t)) ∈ [0, z_c) × [1 − ρ̄, 1) for all t ∈ [t_{1−ρ̄}, t_1), and (θ_k, θ̄_k) ∈ [0, z_c) × [1 − ρ̄, 1) for all k ∈ {k_{1−ρ̄}, k_{1−ρ̄} + 1, …, k_1 − 1}.
/// Formalisation note: The band of θ̄ is [1 − ρ̄, 1); GD usually jumps over it (ρ̄ ≤ aη/10), so the GD index range is often empty (observation gd_indices_in_region); the inequality t_{1−ρ̄} + a^{−1}ln(1/(1−ρ̄)) ≤ a^{−1}ln(z_c/θ(0)) on the box as for Lemma 73 with the extra −ln(1 − e^{−12}/2). See <see cref="Prop20Regions"/> for what is computed and the tolerances. Instances: the Prop. 20
/// setting with η ≤ 1/(6a) (<see cref="Prop20Proof"/>).
/// </summary>
public static class Lemma78
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma78"),
        Source = Ec21.Source("Lemma 78 (App. I.14)", "L2057–2066"),
        Kind = StatementKind.Lemma,
        Title = "transition region",
        Text = "(θ(t), θ̄(t)) ∈ [0, z_c) × [1 − ρ̄, 1) for all t ∈ [t_{1−ρ̄}, t_1), and (θ_k, θ̄_k) ∈ [0, z_c) × [1 − ρ̄, 1) for all k ∈ {k_{1−ρ̄}, k_{1−ρ̄} + 1, …, k_1 − 1}.",
        FormalisationNote = "Under the hypotheses ρ̄ ≤ aη/10 (derived in Lemma 77's proof) while a GD step near θ̄ = 1 is ≥ aη(1 − ρ̄) > ρ̄, so at most one GD iterate lies in the band [1 − ρ̄, 1): the GD half is usually vacuous (observation gd_indices_in_region). Along validated DOP853 GF (entry/exit times as crossings) and the literal GD iteration (entry/exit indices as first iterates past the band's ends): both coordinates inside the box; the proof's 'can be verified' inequalities at the instance and as a worst case over the hypothesis box.",
        Fidelity = Fidelity.Restricted("the gradient-flow half: for aη ≥ 1e−4 ≫ ρ̄ gradient descent jumps over the band, so its index range is empty on every trial (the GD half is vacuous); the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Regions(Prop20Regions.Check(x, p, Prop20Regions.Region.Transition, false)),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("IncludesExitIndex", "the GD range extended to k = k_1 (off by one): θ̄_{k_1} ≥ 1", s => s.WithConclusion((x, k, p) => Regions(Prop20Regions.Check(x, p, Prop20Regions.Region.Transition, true))), trials: 2),
        ],
    };

    private static MarginSet Regions(MarginSet set) => set;
}
