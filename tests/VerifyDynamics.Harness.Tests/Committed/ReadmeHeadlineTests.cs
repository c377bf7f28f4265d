using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Committed;

/// <summary>
/// The README's headline counts ("On the committed catalog it exits 0: 201 ids, 14 certified, …; every mutant refuted
/// (268/268). Fidelity: 69 full, …") against the committed certificates. Every "N word" in that paragraph whose word is a
/// verdict, an evidence grade or a fidelity kind is checked, so a count added there later is checked too.
/// </summary>
public sealed partial class ReadmeHeadlineTests
{
    private const string Anchor = "On the committed catalog it exits 0:";

    private static string Headline()
    {
        string readme = File.ReadAllText(RepositoryFiles.PathOf("README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf(Anchor, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md no longer has the headline sentence starting '{Anchor}' (update {nameof(ReadmeHeadlineTests)} with it)");
        int end = readme.IndexOf("\n\n", start, StringComparison.Ordinal);
        return Regex.Replace(readme[start..(end < 0 ? readme.Length : end)], @"\s+", " ");
    }

    private static List<JsonObject> Certificates() =>
        [.. RepositoryFiles.CertificatePaths().Select(p => JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(p)))!.AsObject())];

    private static readonly string[] VerdictWords = ["certified", "holds-on-trials", "refuted", "construction-reproduced", "conjecture-supported", "inconclusive", "not-checkable"];
    private static readonly string[] GradeWords = ["proven", "proven-assuming", "numerical-with-error-bound", "sampled", "unknown"];
    private static readonly string[] FidelityWords = ["full", "restricted", "substitute"];

    [GeneratedRegex(@"(?<![\w/.-])(\d+) ([a-z][a-z-]*[a-z])\b")]
    private static partial Regex CountWord();

    [Fact]
    public void HeadlineCounts_AreTheCommittedCertificates()
    {
        string text = Headline();
        var certificates = Certificates();
        int Count(Func<JsonObject, bool> p) => certificates.Count(p);
        var problems = new List<string>();
        void Check(string what, int stated, int actual)
        {
            if (stated != actual)
            {
                problems.Add($"README says {stated} {what}; the committed certificates have {actual}");
            }
        }

        var ids = Regex.Match(text, @"(\d+) ids");
        Assert.True(ids.Success, $"the headline states no id count: {text}");
        Check("ids", int.Parse(ids.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), certificates.Count);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in CountWord().Matches(text))
        {
            int stated = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            string word = m.Groups[2].Value;
            if (VerdictWords.Contains(word))
            {
                Check($"{word} (verdict)", stated, Count(c => c["verdict"]!.GetValue<string>() == word));
            }
            else if (GradeWords.Contains(word))
            {
                Check($"{word} (grade)", stated, Count(c => c["evidence"]!["grade"]!.GetValue<string>() == word));
            }
            else if (FidelityWords.Contains(word))
            {
                Check($"{word} (fidelity)", stated, Count(c => c["fidelity"]!["kind"]!.GetValue<string>() == word));
            }
            else
            {
                continue;
            }
            seen.Add(word);
        }
        // The verdict counts are the headline: each verdict that occurs must be stated (a new verdict class cannot hide).
        foreach (var word in VerdictWords.Where(w => Count(c => c["verdict"]!.GetValue<string>() == w) > 0))
        {
            Assert.True(seen.Contains(word), $"the README headline does not state how many statements are {word}: {text}");
        }

        var notChecked = Regex.Match(text, @"\((\d+) not checked\)");
        if (notChecked.Success)
        {
            Check("not checked (fidelity none)", int.Parse(notChecked.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Count(c => c["fidelity"]!["kind"]!.GetValue<string>() == "none"));
        }
        var mutants = Regex.Match(text, @"every mutant refuted \((\d+)/(\d+)\)");
        Assert.True(mutants.Success, $"the headline states no mutant count: {text}");
        var allMutants = certificates.SelectMany(c => c["variants"]!.AsArray()).Where(v => v!["role"]!.GetValue<string>() == "mutant").ToList();
        Check("mutants refuted", int.Parse(mutants.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), allMutants.Count(v => v!["outcome"]!.GetValue<string>() == "refuted"));
        Check("mutants", int.Parse(mutants.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture), allMutants.Count);

        Assert.True(problems.Count == 0, $"README.md's headline disagrees with certificates/ (update the README, or find out why the results changed):\n  {string.Join("\n  ", problems)}\nHeadline: {text}");
    }

    [Fact]
    public void ValidatedEstimateCount_IsTheCommittedCertificates()
    {
        // "4 of the 14 certified statements rest on one" (an a-posteriori validated estimate, README "Evidence grades").
        string readme = Regex.Replace(File.ReadAllText(RepositoryFiles.PathOf("README.md")), @"\s+", " ");
        var m = Regex.Match(readme, @"(\d+) of the (\d+) certified statements rest on one");
        Assert.True(m.Success, "README.md no longer says how many certified statements rest on a validated estimate");
        var certified = Certificates().Where(c => c["verdict"]!.GetValue<string>() == "certified").ToList();
        Assert.Equal(certified.Count, int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(certified.Count(c => c["trials"]!["weakestTolerance"]?["kind"]?.GetValue<string>() == "validated"), int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }
}
