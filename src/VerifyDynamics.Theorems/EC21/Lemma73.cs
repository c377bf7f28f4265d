using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 73 (App. I.14, L1967–1976): (θ(t), θ̄(t)) ∈ [0, z_c] × [ρ̄/2 − 1, 1 − ρ̄] for all t ∈ [0, t_{1−ρ̄}], and (θ_k, θ̄_k) ∈ [0, z_c] × [ρ̄/2 − 1, 1 − ρ̄] for all k ∈ {0, 1, …, k_{1−ρ̄} − 1}.
/// Formalisation note: The band of θ̄ is [z_0, 1 − ρ̄] (offset [0, 2 − 3ρ̄/2]); the proof's inequality t_{1−ρ̄} ≤ a^{−1}ln(z_c/θ(0)) holds on the whole box because a·t_{1−ρ̄} &lt; 2ln(8e^{12}) ≈ 28.16 &lt; 30 + ln 3 &lt; ln(z_c/θ(0)); its GD form k_{1−ρ̄} ≤ ⌈ln(z_c/θ_0)/ln(1+aη)⌉ because ln(1+aη)/ln(1+aη/2) ≤ 2 and ln(1+aη) ≤ ln(7/6). See <see cref="Prop20Regions"/> for what is computed and the tolerances. Instances: the Prop. 20
/// setting with η ≤ 1/(6a) (<see cref="Prop20Proof"/>).
/// </summary>
public static class Lemma73
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma73"),
        Source = Ec21.Source("Lemma 73 (App. I.14)", "L1967–1976"),
        Kind = StatementKind.Lemma,
        Title = "anisotropic region",
        Text = "(θ(t), θ̄(t)) ∈ [0, z_c] × [ρ̄/2 − 1, 1 − ρ̄] for all t ∈ [0, t_{1−ρ̄}], and (θ_k, θ̄_k) ∈ [0, z_c] × [ρ̄/2 − 1, 1 − ρ̄] for all k ∈ {0, 1, …, k_{1−ρ̄} − 1}.",
        FormalisationNote = "Along validated DOP853 GF (entry/exit times as crossings) and the literal GD iteration (entry/exit indices as first iterates past the band's ends): both coordinates inside the box; the proof's 'can be verified' inequalities at the instance and as a worst case over the hypothesis box.",
        Fidelity = Fidelity.Full("the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Regions(Prop20Regions.Check(x, p, Prop20Regions.Region.Anisotropic, false)),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("IncludesExitIndex", "the GD range extended to k = k_{1−ρ̄} (off by one): θ̄_{k_{1−ρ̄}} ≥ 1 − ρ̄ and GD jumps over the band end", s => s.WithConclusion((x, k, p) => Regions(Prop20Regions.Check(x, p, Prop20Regions.Region.Anisotropic, true))), trials: 2),
        ],
    };

    private static MarginSet Regions(MarginSet set) => set;
}
