using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 17 (App B.3) (L538–547): E[Π_i b_iᵀA_{θ_i}a_i] = Σ over L-tuples of perfect matchings of K_ρ products, w^{|ρ^(ℓ) ∨ ρ^(ℓ+1)|} and the a/b pairings (printed glitches: a_iᵀAb_i for b_iᵀAa_i; last product over ρ^(L−1) for ρ^(L)).
/// Formalisation note: registered as not checked — The catalog's exact-enumeration vs Monte-Carlo check (r = 1, 2; L ≤ 3) was not implemented in this round (time); the r = 1 case's NTK consequence is checked in Cor19.
/// </summary>
public static class Prop17
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop17"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 17 (App B.3)", "L538–547"),
        Kind = StatementKind.Proposition,
        Title = "Wick (pairing) formula for moments of A_θ",
        Text = "E[Π_i b_iᵀA_{θ_i}a_i] = Σ over L-tuples of perfect matchings of K_ρ products, w^{|ρ^(ℓ) ∨ ρ^(ℓ+1)|} and the a/b pairings (printed glitches: a_iᵀAb_i for b_iᵀAa_i; last product over ρ^(L−1) for ρ^(L)).",
        Checkability = Checkability.Pending,
        NotCheckableReason = "The catalog's exact-enumeration vs Monte-Carlo check (r = 1, 2; L ≤ 3) was not implemented in this round (time); the r = 1 case's NTK consequence is checked in Cor19.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
