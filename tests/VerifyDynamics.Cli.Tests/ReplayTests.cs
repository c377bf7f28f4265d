using Xunit;

namespace VerifyDynamics.Cli.Tests;

public sealed class ReplayTests
{
    private static string MakeCertificate(CliRunner cli)
    {
        string certs = Path.Combine(cli.Directory, "certificates");
        var (exit, _, _) = cli.Run("verify", "--filter", "ACGH19.Claim1", "--certificates", certs, "--reports", Path.Combine(cli.Directory, "reports"));
        Assert.Equal(ExitCodes.Ok, exit);
        return Path.Combine(certs, "ACGH19", "Claim1.json");
    }

    [Fact]
    public void Replay_ReproducesTheRecordedMargins_AndTheWholeCertificate()
    {
        using var cli = new CliRunner();
        string path = MakeCertificate(cli);
        var (exit, output, _) = cli.Run("replay", path, "--full");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("seal intact", output, StringComparison.Ordinal);
        Assert.Contains("byte-identical certificate", output, StringComparison.Ordinal);
        Assert.DoesNotContain("DIFFERENT", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_Full_OfACertificateOfAnotherBuild_ComparesTheResults_AndSaysWhichBuild()
    {
        // Provenance (issue 13): a certificate records the source id of the build that made it; a full replay by another
        // build (e.g. the committed certificates replayed from a work tree with changes) compares everything else.
        using var cli = new CliRunner();
        string path = MakeCertificate(cli);
        var c = VerifyDynamics.Harness.Certificates.CertificateStore.Parse(File.ReadAllText(path));
        Assert.Equal(VerifyDynamics.Harness.Certificates.BuildInfo.Current.SourceId, c["tools"]!["source"]!.GetValue<string>());
        c["tools"]!["source"] = "0123456789012345678901234567890123456789";
        File.WriteAllText(path, VerifyDynamics.Harness.Certificates.CanonicalJson.Seal(c));
        var (exit, output, _) = cli.Run("replay", path, "--full");
        Assert.True(exit == ExitCodes.Ok, output);
        Assert.Contains("identical results, made by another build of vd (tools.source: \"0123456789012345678901234567890123456789\" in the certificate", output, StringComparison.Ordinal);

        // Another result under another build's name is still a difference.
        c["verdict"] = "certified";
        File.WriteAllText(path, VerifyDynamics.Harness.Certificates.CanonicalJson.Seal(c));
        (exit, output, _) = cli.Run("replay", path, "--full");
        Assert.Equal(ExitCodes.Refuted, exit);
        Assert.Contains("DIFFERENT certificate", output, StringComparison.Ordinal);
        Assert.Contains("verdict", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_KeepsTheConstantThatAMutantChanges()
    {
        // Regression: replay used to re-impose every recorded constant, undoing ConstantChanged mutants (ACGH19.Aux.Residual's threshold).
        using var cli = new CliRunner();
        string certs = Path.Combine(cli.Directory, "certificates");
        Assert.Equal(ExitCodes.Ok, cli.Run("verify", "--filter", "ACGH19.Aux.Residual", "--certificates", certs, "--reports", Path.Combine(cli.Directory, "reports")).Exit);
        var (exit, output, _) = cli.Run("replay", Path.Combine(certs, "ACGH19", "Aux.Residual.json"), "--full");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.DoesNotContain("DIFFERENT", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TamperedCertificate_IsDetected_AndNamed()
    {
        using var cli = new CliRunner();
        string path = MakeCertificate(cli);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"holds-on-trials\"", "\"certified\"", StringComparison.Ordinal));
        var (exit, output, _) = cli.Run("replay", path);
        Assert.Equal(ExitCodes.Refuted, exit);
        Assert.Contains("BROKEN", output, StringComparison.Ordinal);
        Assert.Contains(path, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("{\"statement\":\"NOPE.Thing\"}")]
    [InlineData("[]")]
    public void UnreadableCertificate_IsAUsageError(string contents)
    {
        using var cli = new CliRunner();
        string path = cli.Write("bad.json", contents);
        var (exit, _, err) = cli.Run("replay", path);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("not a readable certificate", err, StringComparison.Ordinal);
    }
}
