using System.Text.Json.Nodes;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Committed;

/// <summary>
/// Results are pinned (issue "Tests that can fail"): every committed certificate against the reviewed table
/// <c>expected-verdicts.tsv</c> (the README's headline counts: <see cref="ReadmeHeadlineTests"/>; every committed seal:
/// <c>Certificates/SealTests.EveryCommittedCertificate_HasAValidSeal</c>).
/// <c>.ci/check-committed-outputs</c> pins the certificates to a fresh run, so a changed verdict or grade shows here as a
/// table mismatch that only a reviewed edit of the table accepts.
/// </summary>
public sealed class ExpectedVerdictTests
{
    private static IReadOnlyList<(string Path, JsonObject Json)> Committed() =>
        [.. RepositoryFiles.CertificatePaths().Select(p => (p, JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(p)))!.AsObject()))];

    [Fact]
    public void CommittedCertificates_MatchTheReviewedTable()
    {
        var certificates = Committed();
        Assert.True(certificates.Count >= 201, $"only {certificates.Count} committed certificates found");
        string tablePath = RepositoryFiles.PathOf(ExpectedVerdict.RelativePath);
        if (Environment.GetEnvironmentVariable("VD_UPDATE_EXPECTED") == "1")
        {
            Assert.False(Environment.GetEnvironmentVariable("CI") == "true", "VD_UPDATE_EXPECTED=1 rewrites a reviewed table: never under CI");
            File.WriteAllText(tablePath, ExpectedVerdict.Format(certificates.Select(c => ExpectedVerdict.Of(c.Json))));
            return;
        }
        var table = ExpectedVerdict.Parse(File.ReadAllText(tablePath)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var (path, json) in certificates)
        {
            string id = json["statement"]!.GetValue<string>();
            if (!table.Remove(id, out var row))
            {
                problems.Add($"{id} ({path}): no row in the table (new statement: {ExpectedVerdict.Of(json).ToLine().Replace('\t', ' ')})");
                continue;
            }
            var mismatches = row.Mismatches(json).ToList();
            if (mismatches.Count > 0)
            {
                problems.Add($"{id} ({path}): {string.Join("; ", mismatches)}");
            }
        }
        problems.AddRange(table.Keys.Order(StringComparer.Ordinal).Select(id => $"{id}: in the table but no certificate is committed"));
        Assert.True(problems.Count == 0,
            $"{problems.Count} committed certificate(s) differ from {ExpectedVerdict.RelativePath}:\n  {string.Join("\n  ", problems)}\n{ExpectedVerdict.HowToUpdate}");
    }

    [Fact]
    public void TheTable_IsNotTrivial()
    {
        // A table that accepts anything pins nothing: every row names a verdict word, and the minimum rates are real.
        var rows = ExpectedVerdict.Parse(File.ReadAllText(RepositoryFiles.PathOf(ExpectedVerdict.RelativePath)));
        Assert.True(rows.Count >= 201, $"{ExpectedVerdict.RelativePath} has only {rows.Count} rows");
        Assert.All(rows, r => Assert.DoesNotContain(r.Verdict, new[] { "-", "" }));
        Assert.All(rows, r => Assert.True(r.MinAcceptance == "-" || double.Parse(r.MinAcceptance, System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 1, $"{r.Id}: minAcceptance {r.MinAcceptance}"));
        Assert.Equal(rows.Count, rows.Select(r => r.Id).Distinct(StringComparer.Ordinal).Count());
    }
}
