using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Definition 9 (App. B.1, L345): "the PL inequality" — a verbatim restatement of Definition 1 without naming β.
/// Formalisation note: shares Def1's check.
/// </summary>
public static class Def9
{
    public static Statement Statement { get; } = Def1.Statement with
    {
        Id = new StatementId(Papers.JGGSH21, "Def9"),
        Source = new SourceRef(Papers.JGGSH21, "Definition 9 (App. B.1)", "L345"),
        Title = "PL inequality (restatement of Def. 1)",
        AliasOf = new StatementId(Papers.JGGSH21, "Def1"),
        DefaultTrials = 12,
        Variants = [.. Def1.Statement.Variants.Take(1)],
    };
}
