using VerifyDynamics.Harness.Certificates;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

public sealed class VerifyTests
{
    [Fact]
    public void Verify_WritesSealedCertificates_AndTheReport()
    {
        using var cli = new CliRunner();
        string certs = Path.Combine(cli.Directory, "certificates");
        string reports = Path.Combine(cli.Directory, "reports");
        var (exit, output, _) = cli.Run("verify", "--filter", "ACGH19.Claim1", "--certificates", certs, "--reports", reports, "--threads", "2");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("verified 1 statements", output, StringComparison.Ordinal);
        string text = File.ReadAllText(Path.Combine(certs, "ACGH19", "Claim1.json"));
        var (stored, recomputed) = CanonicalJson.CheckSeal(text);
        Assert.Equal(stored, recomputed);
        Assert.Contains("ACGH19.Claim1", File.ReadAllText(Path.Combine(reports, "index.md")), StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(cli.Directory, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Check_OnAUserInstance_ReportsTheMargins()
    {
        using var cli = new CliRunner();
        string path = cli.Write("claim1.json", """{"target":[[2,0],[0,1]],"matrices":{"W":[[2,0],[0,1.5]],"Wprime":[[2,0],[0,0.6]]}}""");
        var (exit, output, _) = cli.Run("check", "ACGH19.Claim1", "--instance", path);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("σ_min(W′) − c", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_OnAnInstanceOutsideTheHypotheses_SaysWhich()
    {
        using var cli = new CliRunner();
        string path = cli.Write("claim1.json", """{"target":[[2,0],[0,1]],"matrices":{"W":[[2,0],[0,1.5]],"Wprime":[[2,0],[0,0.1]]}}""");
        var (exit, output, _) = cli.Run("check", "ACGH19.Claim1", "--instance", path);
        Assert.Equal(ExitCodes.Inconclusive, exit);
        Assert.Contains("hypothesis not met", output, StringComparison.Ordinal);
    }
}
