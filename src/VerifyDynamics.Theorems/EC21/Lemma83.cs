using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 83 (App. I.14, L2102–2113): (θ(t), θ̄(t)) ∈ [0, z_c) × [1, z̄_c) for all t ∈ [t_1, t_{z̄_c}), and (θ_k, θ̄_k) ∈ [0, z_c) × [1, z̄_c) for all k ∈ {k_1, k_1 + 1, …, k_{z̄_c} − 1}.
/// Formalisation note: The band of θ̄ is [1, z̄_c); the inequality t_{z̄_c} ≤ a^{−1}ln(z_c/θ(0)) on the box: a·t_{z̄_c} ≤ 2ln(8e^{12}) − ln(1 − e^{−12}/2) + ln(b + 1) ≤ 30 + ln b − (30 − ln(4/3) − 28.16) (b ≥ 3), and its GD form with three ceilings (+3 ln(1+aη)). See <see cref="Prop20Regions"/> for what is computed and the tolerances. Instances: the Prop. 20
/// setting with η ≤ 1/(6a) (<see cref="Prop20Proof"/>).
/// </summary>
public static class Lemma83
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma83"),
        Source = Ec21.Source("Lemma 83 (App. I.14)", "L2102–2113"),
        Kind = StatementKind.Lemma,
        Title = "isotropic region",
        Text = "(θ(t), θ̄(t)) ∈ [0, z_c) × [1, z̄_c) for all t ∈ [t_1, t_{z̄_c}), and (θ_k, θ̄_k) ∈ [0, z_c) × [1, z̄_c) for all k ∈ {k_1, k_1 + 1, …, k_{z̄_c} − 1}.",
        FormalisationNote = "Along validated DOP853 GF (entry/exit times as crossings) and the literal GD iteration (entry/exit indices as first iterates past the band's ends): both coordinates inside the box; the proof's 'can be verified' inequalities at the instance and as a worst case over the hypothesis box.",
        Fidelity = Fidelity.Full("the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Regions(Prop20Regions.Check(x, p, Prop20Regions.Region.Isotropic, false)),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("IncludesExitIndex", "the GD range extended to k = k_{z̄_c} (off by one): θ̄_{k_{z̄_c}} ≥ z̄_c", s => s.WithConclusion((x, k, p) => Regions(Prop20Regions.Check(x, p, Prop20Regions.Region.Isotropic, true))), trials: 2),
        ],
    };

    private static MarginSet Regions(MarginSet set) => set;
}
