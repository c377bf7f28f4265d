using System.Text.RegularExpressions;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Theorems.Tests.Registry;

/// <summary>
/// Lints of the honest-evidence model: every checked statement declares its fidelity, constants lie in their domains,
/// and obligations name the constants they depend on (so <c>--set</c> re-derives them) instead of hard-coding their values.
/// </summary>
public sealed partial class EvidenceLintTests
{
    public static IEnumerable<object[]> CheckedStatements() => Theorems.Catalog.All
        .Where(s => s.Checkability is not (Checkability.NotCheckable or Checkability.Pending))
        .Select(s => new object[] { s.Id.ToString() });

    public static IEnumerable<object[]> AllStatements() => Theorems.Catalog.All.Select(s => new object[] { s.Id.ToString() });

    [Theory]
    [MemberData(nameof(CheckedStatements))]
    public void Statement_DeclaresItsFidelity(string id)
    {
        var s = Theorems.Catalog.Get(id);
        Assert.True(s.Fidelity.Kind != FidelityKind.Undeclared, $"{id} does not declare its fidelity (full, restricted to …, substitute for …)");
        if (s.Fidelity.Kind != FidelityKind.Full)
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Fidelity.Note), $"{id}: a {s.Fidelity.Word} fidelity must say to what / for what");
        }
    }

    [Theory]
    [MemberData(nameof(AllStatements))]
    public void Constants_DefaultsLieInTheirDomains(string id)
    {
        var s = Theorems.Catalog.Get(id);
        foreach (var c in s.Constants)
        {
            Assert.True(c.OutsideDomain(c.Default) is null, $"{id}: constant {c.Name} = {c.Default}: {c.OutsideDomain(c.Default)}");
        }
    }

    [Theory]
    [MemberData(nameof(AllStatements))]
    public void Obligations_NameTheConstantsTheyUse(string id)
    {
        var s = Theorems.Catalog.Get(id);
        var names = s.Constants.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var o in s.Obligations)
        {
            foreach (var n in o.ConstantNames)
            {
                Assert.True(names.Contains(n), $"{id}: obligation {o.Id} names {{{n}}}, which is not one of its constants ({string.Join(", ", names)})");
            }
            // A paper constant of some size (an integer ≥ 10, e.g. 256 or 6144) written into a claim as a literal instead of
            // {name}: an override would leave the obligation proven for the paper's value, not the one in force.
            if (o.Expect != ObligationExpectation.Holds)
            {
                continue;
            }
            foreach (var c in s.Constants.Where(c => c.Default.IsInteger && c.Default.Numerator >= 10))
            {
                string literal = c.Default.Numerator.ToString(System.Globalization.CultureInfo.InvariantCulture);
                bool hardCoded = Regex.IsMatch(o.Claim, $@"(?<![0-9.]){literal}(?![0-9.])") && !o.ConstantNames.Contains(c.Name);
                Assert.False(hardCoded, $"{id}: obligation {o.Id} writes constant {c.Name} = {literal} as a literal; write {{{c.Name}}} so --set re-derives it");
            }
        }
    }

    /// <summary>
    /// No statement builds a margin without a shape (<c>new Margin(</c>) or a tolerance of unstated kind: the source of the
    /// Theorems project is read as text (Tolerance has no public constructor, so that is the only way left).
    /// </summary>
    [Fact]
    public void TheoremsSource_StatesEveryMarginShapeAndToleranceKind()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "VerifyDynamics.sln")))
        {
            dir = dir.Parent;
        }
        Assert.NotNull(dir);
        var offenders = Directory.EnumerateFiles(Path.Combine(dir!.FullName, "src", "VerifyDynamics.Theorems"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith("Margins.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => x.line.Contains("new Margin(", StringComparison.Ordinal) || x.line.Contains("ToleranceKind.Unstated", StringComparison.Ordinal))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();
        Assert.True(offenders.Count == 0, "margins without a shape or tolerances of unstated kind:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Resolve_SubstitutesExactValues()
    {
        var o = new ObligationSpec("x", "here", "forall y in (0, 1): y*{k} <= {k}");
        var k = ConstantValues.Defaults([new NamedConstant("k", new Core.Numbers.Rational(3, 2), "")]);
        Assert.Equal("forall y in (0, 1): y*(3/2) <= (3/2)", o.Resolve(k).Claim);
        Assert.Equal(["k"], o.ConstantNames);
    }
}
