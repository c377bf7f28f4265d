using System.Text.RegularExpressions;

namespace VerifyDynamics.Testing;

/// <summary>Replaces unstable values (versions, hashes, durations) with counted placeholders, as Verify does.</summary>
public static partial class Scrubbers
{
    public static string Versions(string text) => Counted(text, VersionPattern(), "Version");

    public static string Hashes(string text) => Counted(text, HashPattern(), "Hash");

    public static string Durations(string text) => Counted(text, DurationPattern(), "Duration");

    /// <summary>Git object ids (the source id certificates record, BuildInfo): they change with every change of src/.</summary>
    public static string GitIds(string text) => Counted(text, GitIdPattern(), "GitId");

    public static string All(string text) => Durations(GitIds(Hashes(Versions(text))));

    private static string Counted(string text, Regex pattern, string label)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        return pattern.Replace(text, m =>
        {
            if (!seen.TryGetValue(m.Value, out int n))
            {
                n = seen.Count + 1;
                seen[m.Value] = n;
            }
            return $"{label}_{n}";
        });
    }

    [GeneratedRegex(@"\b\d+\.\d+\.\d+(\.\d+)?\b")]
    private static partial Regex VersionPattern();

    [GeneratedRegex(@"\b[0-9a-f]{64}\b")]
    private static partial Regex HashPattern();

    [GeneratedRegex(@"\b[0-9a-f]{40}\b")]
    private static partial Regex GitIdPattern();

    [GeneratedRegex(@"\b\d+(\.\d+)?\s?(ms|s)\b")]
    private static partial Regex DurationPattern();
}
