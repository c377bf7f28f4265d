using System.Text.Json.Nodes;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Committed;

/// <summary>
/// The committed certificates keep the honest-evidence promises (issue "Honest evidence"): every certificate states its
/// fidelity and utilization; a certified statement is of full fidelity, rests on tolerances that are bounds, and came near
/// its bounds; a refutation graded proven rests on an exact-arithmetic counterexample margin.
/// </summary>
public sealed class CommittedCertificateTests
{
    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VerifyDynamics.sln")) && Directory.Exists(Path.Combine(dir.FullName, "certificates")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("the repository root (VerifyDynamics.sln beside certificates/) was not found above " + AppContext.BaseDirectory);
    }

    public static IEnumerable<object[]> Certificates() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), "certificates"), "*.json", SearchOption.AllDirectories)
            .Where(f => JsonNode.Parse(File.ReadAllText(f)) is JsonObject o && o["schema"]?.GetValue<string>() == VerifyDynamics.Harness.Certificates.CertificateBuilder.Schema)
            .Order(StringComparer.Ordinal)
            .Select(f => new object[] { Path.GetRelativePath(RepositoryRoot(), f) });

    [Fact]
    public void TheCatalogIsCommitted() => Assert.True(Certificates().Count() >= 201, $"only {Certificates().Count()} certificates are committed");

    [Theory]
    [MemberData(nameof(Certificates))]
    public void Certificate_KeepsTheHonestEvidencePromises(string relative)
    {
        var c = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), relative)))!.AsObject();
        string verdict = c["verdict"]!.GetValue<string>();
        var fidelity = c["fidelity"] as JsonObject;
        Assert.True(fidelity is not null, $"{relative} has no fidelity");
        var utilization = c["utilization"] as JsonObject;
        Assert.True(utilization is not null, $"{relative} has no utilization");
        string checkability = c["checkability"]!.GetValue<string>();
        if (checkability is not ("notcheckable" or "pending"))
        {
            Assert.NotEqual("undeclared", fidelity!["kind"]!.GetValue<string>());
        }
        if (verdict == "certified")
        {
            Assert.Equal("full", fidelity!["kind"]!.GetValue<string>());
            string kind = c["trials"]!["weakestTolerance"]?["kind"]?.GetValue<string>() ?? "missing";
            Assert.True(kind is "exact" or "rigorous" or "validated", $"{relative} is certified on a {kind} tolerance");
            Assert.True(utilization!["approached"]!.GetValue<bool>(), $"{relative} is certified but its bound was never approached: {utilization["text"]}");
            Assert.True(c["obligations"]!.AsArray().Where(o => o!["expect"]!.GetValue<string>() == "proven").All(o => o!["status"]!.GetValue<string>() == "proven"));
        }
        if (verdict == "refuted" && c["evidence"]?["grade"]?.GetValue<string>() == "proven")
        {
            // The headline refutation (the printed form where an erratum exists) rests on an exact counterexample margin.
            var margins = (c["correctedForm"] is null ? c["trials"]!["counterexamples"] : c["variants"]!.AsArray()
                    .FirstOrDefault(v => v!["role"]!.GetValue<string>() == "erratum" && v["outcome"]!.GetValue<string>() == "refuted")?["counterexample"] is JsonObject cx ? new JsonArray(cx.DeepClone()) : null)
                as JsonArray;
            Assert.True(margins is { Count: > 0 }, $"{relative}: refuted and graded proven without a stored counterexample");
            Assert.Equal("exact", margins![0]!["margin"]!["toleranceKind"]!.GetValue<string>());
        }
    }
}
