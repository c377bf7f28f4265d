using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 46 (App D.2, L1182–1186; corrected Proposition 8): for every p &lt; 1 there is a sequence B_1*, B_2*, …
/// with B_k* a local minimum of C^Sch_{p,λ_k} = C + λ_k‖·‖_p^p for some λ_k ↘ 0, such that lim_k B_k* is a minimal-rank
/// solution (an element of S_C* = argmin_{A ∈ S_C} Rank A).
/// Formalisation note: an existence statement; the check builds the proof's witnesses — the global minimizers of C^Sch_{p,λ_i}
/// restricted to rank ≤ k* — exactly (<see cref="MinimalRankSequence"/>) for λ_i = 10^{−i}, i = 1..6, on under-determined MSE
/// instances with a planted rank-r solution, p = 2/L ∈ {2/3, 1/2}, and checks the proof's inequalities, local minimality
/// (Lemma 45, cross-checked by the Morse–Bott test of the balanced factorization) and the limit's rank. The proof in the
/// seed file is truncated after the first inequality; the printed M_i minimizes "C^Sch_{p,λ}" (read λ = 1/i). The limit
/// itself is asymptotic: evidence on a finite sequence (Trend), never a certificate.
/// </summary>
public static class Prop46
{
    private static readonly double[] Lambdas = [.. Enumerable.Range(1, 6).Select(i => Math.Pow(10, -i))];

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop46"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 46 (App D.2)", "L1182–1186"),
        Kind = StatementKind.Proposition,
        Title = "local minima converging to a minimal-rank solution (corrected Prop 8)",
        Text = "For all p < 1 there is a sequence B_1*, B_2*, … where B_k* is a local minimum of C^Sch_{p,λ_k} for some λ_k ↘ 0, such that lim_k B_k* is a minimal-rank solution.",
        FormalisationNote = "n_0 ∈ 3..5, n_L ∈ 2..4, r ∈ {1, 2}, rank P ∈ r+1..n_0, L ∈ {3, 4} (p = 2/L), width r + 1 for the factorization; λ_i = 10^{−i}, i = 1..6.",
        Checkability = Checkability.Trend,
        NotCheckableReason = "The limit k → ∞ is only observed along λ = 10^{−1..−6}; local minimality is certified through the Morse–Bott test only for λ ≥ 1e−4.",
        Fidelity = Fidelity.Restricted("λ_i = 10^{−i}, i ≤ 6 (the λ → 0 limit as a trend), n_0 ≤ 5, L ∈ {3, 4}"),
        Hypotheses = new Hypotheses("MSE C(A) = ‖(A − B)P‖² with B of rank r, P a projector of rank ≥ r (so S_C* has rank r); p = 2/L", MinimalRankSequence.Generate, (x, k) => MinimalRankSequence.Validate(x)),
        Conclusion = (x, k, p) => MinimalRankSequence.Conclude(x, Lambdas, MinimalRankSequence.Sequence.Proof),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("EverySequenceOfLocalMinima", "'every sequence of local minima converges to a minimal-rank solution': B_k = 0 is a local minimum of C^Sch_{p,λ} for p < 1 and every λ, but 0 ∉ S_C",
                s => s.WithConclusion((x, k, p) => MinimalRankSequence.Conclude(x, Lambdas, MinimalRankSequence.Sequence.Zero)), trials: 2),
            Variant.Mutant("RestrictBelowMinimalRank", "the proof with the rank restriction k* − 1: the restricted minimizers stay away from S_C",
                s => s.WithConclusion((x, k, p) => MinimalRankSequence.Conclude(x, Lambdas, MinimalRankSequence.Sequence.RankBelowMinimal)), trials: 2),
        ],
    };
}
