using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Experiments;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Experiments;

/// <summary>The JGGSH21 experiments (and EC21's λ_min trajectory) run in quick mode, write their CSV curves (the JGGSH21 ones with a sealed summary.json naming each CSV's hash), and are discoverable by name.</summary>
public sealed class Jggsh21ExperimentsTests
{
    [Theory]
    [InlineData("jggsh21-saddles", "saddles.csv")]
    [InlineData("jggsh21-l2-minima", "l2-minima.csv")]
    [InlineData("ec21-lambda-min", "lambda-min.csv")]
    public void QuickRun_WritesCurves(string name, string file)
    {
        var experiment = ExperimentRegistry.Find(name);
        Assert.NotNull(experiment);
        var dir = Path.Combine(Path.GetTempPath(), "vd-" + name + "-" + Guid.NewGuid().ToString("N"));
        try
        {
            var result = experiment!.Run(new ExperimentOptions(dir, new Seed(20261201), Quick: true, new Dictionary<string, string>()), TextWriter.Null);
            var path = Path.Combine(dir, file);
            Assert.Contains(path, result.Files);
            Assert.True(File.ReadAllLines(path).Length > 2, $"{file} has no data rows");
            Assert.False(string.IsNullOrWhiteSpace(result.Summary));
            var summary = Path.Combine(dir, "summary.json");
            if (name.StartsWith("jggsh21-", StringComparison.Ordinal))
            {
                // The JGGSH21 experiments seal their summary (sizes, per-run results, SHA-256 of each CSV).
                Assert.Contains(summary, result.Files);
                var (stored, recomputed) = global::VerifyDynamics.Harness.Certificates.CanonicalJson.CheckSeal(File.ReadAllText(summary));
                Assert.Equal(recomputed, stored);
                Assert.Contains(global::VerifyDynamics.Harness.Certificates.CanonicalJson.Sha256Hex(File.ReadAllText(path)), File.ReadAllText(summary), StringComparison.Ordinal);
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
}
