using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Search;

/// <summary>
/// Tightening directions declared for constants where the automatic rule (<see cref="ConstantTightener.DecideDirection"/>)
/// measures the wrong thing: hypothesis caps whose value the generator uses to place instances at the edge of the
/// hypothesis. There, moving the constant moves the instances, and the margins may move either way, but the statement is
/// stronger exactly when the hypothesis is weaker. Keyed by paper and constant name (the constants are shared across a
/// paper's statements, e.g. ACGH19's Theorem 1 setting).
/// </summary>
public static class ConstantDirections
{
    private static readonly Dictionary<(string Paper, string Constant), (TightenDirection Direction, string Reason)> Table = new()
    {
        [("ACGH19", "delta_denominator")] = (TightenDirection.Down,
            "declared: δ ≤ c²/(delta_denominator·N³·‖Φ‖^{2(N−1)/N}) is a hypothesis cap; a smaller denominator admits less balanced initializations (weaker hypothesis, stronger statement)"),
        [("ACGH19", "eta_denominator")] = (TightenDirection.Down,
            "declared: η ≤ c^{(4N−2)/N}/(eta_denominator·N³·‖Φ‖^{(6N−4)/N}) is a hypothesis cap; a smaller denominator admits larger steps (weaker hypothesis, stronger statement)"),
        [("ACGH19", "dmin")] = (TightenDirection.Down,
            "declared: d ≥ dmin is a hypothesis; a smaller dmin admits smaller dimensions (weaker hypothesis, stronger statement)"),
    };

    /// <summary>The declared direction and why, or null when the automatic rule decides.</summary>
    public static (TightenDirection Direction, string Reason)? For(Statement statement, NamedConstant constant) =>
        Table.TryGetValue((statement.Id.Paper, constant.Name), out var d) ? d : null;

    /// <summary>Whether the direction comes from a hypothesis (declared above, or decided by the validator rather than by the margins).</summary>
    public static bool IsHypothesisConstant(string directionReason) =>
        directionReason.StartsWith("declared:", StringComparison.Ordinal) || directionReason.StartsWith("margins unchanged;", StringComparison.Ordinal);
}
