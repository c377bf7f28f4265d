namespace VerifyDynamics.Cli;

/// <summary>Nearest known names for a mistyped one (Levenshtein ≤ 3, case-insensitive), as BenchmarkDotNet's CorrectionsSuggester.</summary>
public static class IdSuggestions
{
    public static IReadOnlyList<string> For(string unknown, IEnumerable<string> known, int maxDistance = 3, int max = 5) =>
        [.. known
            .Select(k => (Name: k, Distance: Distance(unknown.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(x => x.Distance <= maxDistance || x.Name.Contains(unknown, StringComparison.OrdinalIgnoreCase))
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(max)
            .Select(x => x.Name)];

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
