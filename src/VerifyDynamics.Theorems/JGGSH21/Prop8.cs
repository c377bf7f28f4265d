using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 8 (Sec 4, L241; superseded by Proposition 46 per the Erratum, L317): for every p &lt; 1 there is a
/// sequence B_1*, B_2*, … with B_k* a local minimum of C^Sch_{p,1/k} such that lim_k B_k* is a minimal-rank solution.
/// Formalisation note: the Erratum says this main-text version "requires a small correction" (Prop 46: some λ_k ↘ 0 — the
/// proof's compactness argument only yields a subsequence of λ = 1/i). On the exactly solvable instances of
/// <see cref="MinimalRankSequence"/> the full sequence λ_k = 1/k converges (the restricted minimizer is unique and
/// continuous in λ), so the printed version holds there; a refutation would need an instance where the minimizers of
/// C^Sch_{p,1/k} oscillate, which neither the paper nor the catalog supplies — no erratum variant. Checked on
/// k ∈ {1, 4, 16, …, 4^8} (a subsequence of the printed one).
/// </summary>
public static class Prop8
{
    private static readonly double[] Lambdas = [.. Enumerable.Range(0, 9).Select(i => 1 / Math.Pow(4, i))];

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop8"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 4, Proposition 8; Erratum", "L241, L317"),
        Kind = StatementKind.Proposition,
        Title = "good local minima approximate minimal-rank solutions (main-text version; superseded by Prop46)",
        Text = "For all p < 1 there is a sequence B_1*, B_2*, … where B_k* is a local minimum of C^Sch_{p,1/k} such that lim_k B_k* is a minimal-rank solution.",
        FormalisationNote = "As Prop46 with λ_k = 1/k, k = 4^j, j = 0..8. The paper's Erratum replaces 1/k by some λ_k ↘ 0 (Prop46).",
        Checkability = Checkability.Trend,
        NotCheckableReason = "The limit k → ∞ is only observed along k = 4^0..4^8; the printed-vs-corrected difference (full sequence 1/k vs a subsequence) is not refutable on any instance the paper supplies.",
        Errata = ["Erratum (L317): Proposition 8 requires a small correction — the local minima are for some λ_k ↘ 0 (Proposition 46), not for λ_k = 1/k; the printed form is not refutable on the exactly solvable instances used here (the full sequence converges)."],
        Fidelity = Fidelity.Restricted("λ_k = 1/k for k = 4^j, j ≤ 8 (the k → ∞ limit as a trend), n_0 ≤ 5, L ∈ {3, 4}"),
        Hypotheses = new Hypotheses("MSE C(A) = ‖(A − B)P‖² with B of rank r, P a projector of rank ≥ r; p = 2/L", MinimalRankSequence.Generate, (x, k) => MinimalRankSequence.Validate(x)),
        Conclusion = (x, k, p) => MinimalRankSequence.Conclude(x, Lambdas, MinimalRankSequence.Sequence.Proof),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("EverySequenceOfLocalMinima", "'every sequence of local minima of C^Sch_{p,1/k} converges to a minimal-rank solution': B_k = 0 is one, 0 ∉ S_C",
                s => s.WithConclusion((x, k, p) => MinimalRankSequence.Conclude(x, Lambdas, MinimalRankSequence.Sequence.Zero)), trials: 2),
        ],
    };
}
