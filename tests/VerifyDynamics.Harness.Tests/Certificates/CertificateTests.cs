using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Testing;
using VerifyDynamics.Theorems;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Certificates;

public sealed class CertificateTests
{
    [Fact]
    public void Claim1Certificate_MatchesApprovedSnapshot()
    {
        var result = StatementRunner.Run(Catalog.Get("ACGH19.Claim1"), new RunOptions(new Seed(7), Trials: 6, Parallelism: 2));
        Approvals.Verify(CanonicalJson.Seal(CertificateBuilder.Build(result)), "json", Scrubbers.All);
    }

    [Fact]
    public void Seal_DetectsTampering()
    {
        var result = StatementRunner.Run(ToyStatements.UniformBelowOne(trials: 3), new RunOptions(new Seed(7)));
        string text = CanonicalJson.Seal(CertificateBuilder.Build(result));
        var (stored, recomputed) = CanonicalJson.CheckSeal(text);
        Assert.Equal(stored, recomputed);
        var (stored2, recomputed2) = CanonicalJson.CheckSeal(text.Replace("\"holds-on-trials\"", "\"certified\"", StringComparison.Ordinal));
        Assert.NotEqual(stored2, recomputed2);
    }

    [Fact]
    public void AtomicWrite_LeavesNoTemporaryFile()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vd-atomic-" + Guid.NewGuid().ToString("N"));
        try
        {
            string path = Path.Combine(dir, "a", "b.json");
            AtomicFile.WriteAllText(path, "one");
            AtomicFile.WriteAllText(path, "two");
            Assert.Equal("two", File.ReadAllText(path));
            Assert.Single(Directory.GetFiles(Path.Combine(dir, "a")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
