using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>Sharded runs merged equal one run byte for byte; --resume keeps intact certificates and redoes the rest.</summary>
public sealed class CampaignTests
{
    private const string Filter = "ACGH19.Aux.*";

    private static Dictionary<string, string> Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);

    [Fact]
    public void ShardsMerged_AreByteIdenticalToASingleRun()
    {
        using var cli = new CliRunner();
        string D(string name) => Path.Combine(cli.Directory, name);
        Assert.Equal(ExitCodes.Ok, cli.Run("verify", "--filter", Filter, "--certificates", D("single"), "--reports", D("single-reports")).Exit);
        Assert.Equal(ExitCodes.Ok, cli.Run("verify", "--filter", Filter, "--shard", "1/2", "--certificates", D("s1"), "--reports", D("unused")).Exit);
        Assert.Equal(ExitCodes.Ok, cli.Run("verify", "--filter", Filter, "--shard", "2/2", "--certificates", D("s2"), "--reports", D("unused")).Exit);
        Assert.False(Directory.Exists(D("unused")), "a shard must not write partial reports");
        var (exit, _, err) = cli.Run("merge", D("s1"), D("s2"), "--certificates", D("merged"), "--reports", D("merged-reports"));
        Assert.True(exit == ExitCodes.Ok, err);
        Assert.Equal(Files(D("single")), Files(D("merged")));
        Assert.Equal(Files(D("single-reports")), Files(D("merged-reports")));
    }

    [Fact]
    public void Merge_RefusesATamperedCertificate_AndWritesNothing()
    {
        using var cli = new CliRunner();
        string D(string name) => Path.Combine(cli.Directory, name);
        Assert.Equal(ExitCodes.Ok, cli.Run("verify", "--filter", "ACGH19.Lemma3", "--certificates", D("s1"), "--reports", D("r")).Exit);
        string path = Path.Combine(D("s1"), "ACGH19", "Lemma3.json");
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"holds-on-trials\"", "\"certified\"", StringComparison.Ordinal));
        var (exit, _, err) = cli.Run("merge", D("s1"), "--certificates", D("merged"), "--reports", D("merged-reports"));
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("Lemma3.json", err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(D("merged")));
    }

    [Fact]
    public void Resume_KeepsIntactCertificates_AndRedoesMissingOrBrokenOnes()
    {
        using var cli = new CliRunner();
        string certs = Path.Combine(cli.Directory, "c");
        string reports = Path.Combine(cli.Directory, "r");
        Assert.Equal(ExitCodes.Ok, cli.Run("verify", "--filter", Filter, "--certificates", certs, "--reports", reports).Exit);
        var before = Files(certs);
        string kept = Path.Combine(certs, "ACGH19", "Aux.Grad.json");
        string broken = Path.Combine(certs, "ACGH19", "Aux.Residual.json");
        string missing = Path.Combine(certs, "ACGH19", "Aux.EndToEnd.json");
        var keptTime = File.GetLastWriteTimeUtc(kept);
        File.WriteAllText(broken, "{ \"truncated\": ");
        File.Delete(missing);
        Assert.Equal(ExitCodes.Ok, cli.Run("verify", "--filter", Filter, "--certificates", certs, "--reports", reports, "--resume").Exit);
        Assert.Equal(before, Files(certs));
        Assert.Equal(keptTime, File.GetLastWriteTimeUtc(kept));
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1-2")]
    public void BadShard_IsAUsageError(string shard)
    {
        using var cli = new CliRunner();
        Assert.Equal(ExitCodes.UsageError, cli.Run("verify", "--shard", shard).Exit);
        Assert.Empty(cli.FilesOtherThan());
    }
}
