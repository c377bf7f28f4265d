using System.Text.Json.Nodes;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Experiments;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Experiments;

/// <summary>
/// <c>vd experiment acgh19-thm1</c>: the quick run writes its rows, curves and a sealed results.json whose file hashes match, and
/// every instance holds over its whole T(ε); the committed full run under reports/experiments/acgh19-thm1 is intact.
/// </summary>
public sealed class Acgh19Thm1ExperimentTests
{
    [Fact]
    public void QuickRun_WritesSealedResults_AndEveryInstanceHolds()
    {
        var experiment = ExperimentRegistry.Find("acgh19-thm1");
        Assert.NotNull(experiment);
        var dir = Path.Combine(Path.GetTempPath(), "vd-acgh19-thm1-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = experiment!.Run(new ExperimentOptions(dir, new Seed(20261201), Quick: true, new Dictionary<string, string>()), TextWriter.Null);
            Assert.Equal(3, result.Files.Count);
            var json = File.ReadAllText(Path.Combine(dir, "results.json"));
            var (stored, recomputed) = CanonicalJson.CheckSeal(json);
            Assert.Equal(recomputed, stored);
            var doc = JsonNode.Parse(json)!.AsObject();
            foreach (var file in new[] { "results.csv", "curves.csv" })
            {
                Assert.Equal(doc["files"]![file]!.GetValue<string>(), CanonicalJson.Sha256Hex(File.ReadAllText(Path.Combine(dir, file))));
            }
            var rows = doc["instances"]!.AsArray();
            Assert.Equal(2, rows.Count);
            foreach (var row in rows)
            {
                Assert.True(row!["holds"]!.GetValue<bool>());
                Assert.Equal("satisfied", row["hypotheses"]!.GetValue<string>());
                Assert.True(row["l_T_over_eps"]!.GetValue<double>() <= 1);
                Assert.InRange(row["printed_over_attained_rate"]!.GetValue<double>(), 0.3, 0.55);
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
    }

    [Fact]
    public void CommittedFullRun_IsSealed_AndHolds()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "VerifyDynamics.sln")))
        {
            root = Path.GetDirectoryName(root);
        }
        Assert.NotNull(root);
        var dir = Path.Combine(root!, "reports", "experiments", "acgh19-thm1");
        var json = File.ReadAllText(Path.Combine(dir, "results.json"));
        var (stored, recomputed) = CanonicalJson.CheckSeal(json);
        Assert.Equal(recomputed, stored);
        var doc = JsonNode.Parse(json)!.AsObject();
        Assert.False(doc["quick"]!.GetValue<bool>());
        foreach (var file in new[] { "results.csv", "curves.csv" })
        {
            Assert.Equal(doc["files"]![file]!.GetValue<string>(), CanonicalJson.Sha256Hex(File.ReadAllText(Path.Combine(dir, file))));
        }
        foreach (var row in doc["instances"]!.AsArray())
        {
            Assert.True(row!["holds"]!.GetValue<bool>(), row["instance"]!.GetValue<string>());
        }
    }
}
