using System.Text.RegularExpressions;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Registry;

/// <summary>The registry matches ../shared/catalog/ and every statement is complete (STYLE 3.1 metadata lints).</summary>
public sealed partial class CatalogTests
{
    /// <summary>The shared catalog folder: beside the repository (as laid for sessions and CI), found by walking up.</summary>
    private static string? CatalogDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "catalog");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }

    /// <summary>
    /// The committed id list (<c>CatalogTests.CatalogIdList.verified.txt</c>): the registry is compared with it, so the
    /// tests run in a clone without <c>shared/</c> beside it; <see cref="CatalogIdList"/> keeps it equal to the shared catalog.
    /// </summary>
    public static IReadOnlySet<string> CatalogIds(string paper)
    {
        string file = Path.Combine(AppContext.BaseDirectory, "Registry", "CatalogTests.CatalogIdList.verified.txt");
        return File.ReadLines(file).Where(l => l.StartsWith(paper + ".", StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The committed id list equals the ids parsed from ../shared/catalog. Where shared/ is not beside the clone (a user's
    /// own checkout) there is nothing to compare with: the test is reported skipped (failed under CI=true), and the registry
    /// tests use the committed list alone.
    /// </summary>
    [CatalogFact]
    public void CatalogIdList()
    {
        // Skipped with the reason (not passed) where shared/ is absent; under CI=true it runs and fails here.
        Assert.True(CatalogDirectory() is not null, "shared/catalog was not found above the test directory (required under CI=true)");
        Testing.Approvals.Verify(string.Join("\n", Papers.All.SelectMany(ParseCatalogIds)) + "\n");
    }

    /// <summary>Catalog ids are the ids that open an entry heading (<c>### ACGH19.Lemma8 (= …) — …</c>).</summary>
    public static IReadOnlySet<string> ParseCatalogIds(string paper)
    {
        string dir = CatalogDirectory() ?? throw new DirectoryNotFoundException("shared/catalog was not found above the test directory");
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        bool inIndex = false;
        foreach (var line in File.ReadLines(Path.Combine(dir, paper + ".md")))
        {
            var m = HeadingId().Match(line);
            if (m.Success && m.Groups[1].Value == paper)
            {
                ids.Add($"{paper}.{m.Groups[2].Value}");
            }
            // A catalog may also enumerate ids without a heading of their own (proof-internal lemmas in tables) in an
            // "Index of ids" section, e.g. "EC21.Lemma33, 35, 36" or "EC21.Fact.AppF, Fact.GradLinear": read those too.
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                inIndex = line.Contains("Index of ids", StringComparison.Ordinal);
                continue;
            }
            if (inIndex)
            {
                string kind = "";
                foreach (Match t in IndexToken().Matches(line))
                {
                    string name = t.Groups[1].Value;
                    if (char.IsAsciiDigit(name[0]))
                    {
                        name = kind + name;
                    }
                    else
                    {
                        kind = new string([.. name.TakeWhile(c => !char.IsAsciiDigit(c))]);
                    }
                    ids.Add($"{paper}.{name}");
                }
            }
        }
        return ids;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9.])(?:[A-Z][A-Z0-9]+\.)?((?:Thm|Cor|Lemma|Prop|Claim|Proc|Rem|Def|Exp)[A-Z]?\d+|(?:Fact|Aux)\.[A-Za-z0-9]+|(?<=, )\d+(?=[,\s]|$))")]
    private static partial Regex IndexToken();

    [GeneratedRegex(@"^### (ACGH19|EC21|JGGSH21)\.([A-Za-z0-9_.]*[A-Za-z0-9])")]
    private static partial Regex HeadingId();

    public static IEnumerable<object[]> PaperCases() => Papers.All.Select(p => new object[] { p });

    [Theory]
    [MemberData(nameof(PaperCases))]
    public void EveryRegisteredId_IsInTheCatalog(string paper)
    {
        var catalog = CatalogIds(paper);
        var extra = Theorems.Catalog.All.Where(s => s.Id.Paper == paper).Select(s => s.Id.ToString()).Where(id => !catalog.Contains(id)).ToList();
        Assert.True(extra.Count == 0, $"registered but not in shared/catalog/{paper}.md: {string.Join(", ", extra)}");
    }

    [Theory]
    [MemberData(nameof(PaperCases))]
    public void EveryCatalogId_IsRegistered(string paper)
    {
        var registered = Theorems.Catalog.All.Select(s => s.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var missing = CatalogIds(paper).Where(id => !registered.Contains(id)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} ids of shared/catalog/{paper}.md have no statement: {string.Join(", ", missing)}");
    }

    public static IEnumerable<object[]> StatementCases() => Theorems.Catalog.All.Select(s => new object[] { s.Id.ToString() });

    [Theory]
    [MemberData(nameof(StatementCases))]
    public void Statement_IsComplete(string id)
    {
        var s = Theorems.Catalog.Get(id);
        Assert.False(string.IsNullOrWhiteSpace(s.Source.Location), "no source location");
        Assert.False(string.IsNullOrWhiteSpace(s.Text), "no statement text");
        Assert.False(string.IsNullOrWhiteSpace(s.Title), "no title");
        Assert.False(string.IsNullOrWhiteSpace(s.Hypotheses.GeneratorDescription), "no generator description");
        if (s.Checkability is Checkability.NotCheckable or Checkability.Pending)
        {
            Assert.False(string.IsNullOrWhiteSpace(s.NotCheckableReason), "not checkable without a reason");
            return;
        }
        Assert.True(s.DefaultTrials > 0, "no trials");
        Assert.True(s.AliasOf is not null || s.Variants.Any(v => v.Role is VariantRole.Mutant or VariantRole.Erratum or VariantRole.ProofErratum),
            "no mutant: a check that cannot fail is a defect (DESIGN.md)");
        Assert.Equal(s.Constants.Count, s.Constants.Select(c => c.Name).Distinct().Count());
        Assert.Equal(s.Variants.Count, s.Variants.Select(v => v.Name).Distinct().Count());
    }
}
