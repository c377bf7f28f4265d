using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 16 (App B.2) (L470–520) is the appendix restatement of Prop2 with its proof (lazy regime: w.h.p.
/// linear convergence, ‖A_θ(t) − A(ηt)‖ = O(w^{−1/2})).
/// Formalisation note: shares Prop2's check (same generator, conclusion and variants). The proof's typos (β' without the
/// factor L at L482, "r is given by ??") are Prop2's EtaWithoutL mutant and the r of Prop 2(c).
/// </summary>
public static class Prop16
{
    public static Statement Statement { get; } = Prop2.Statement with
    {
        Id = new StatementId(Papers.JGGSH21, "Prop16"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 16 (App B.2)", "L470–520"),
        Title = Prop2.Statement.Title.Replace(" (alias JGGSH21.Prop16)", "", StringComparison.Ordinal) + " (restatement of Prop2)",
        AliasOf = new StatementId(Papers.JGGSH21, "Prop2"),
        Variants = [.. Prop2.Statement.Variants.Take(1)],
    };
}
