using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// <c>vd verify</c> at 1 and at 2 threads writes byte-identical certificates and reports (trial i always uses
/// root.Split(i) and records are gathered by index). The Harness tests check one statement; this checks the CLI on a
/// subset with variants and obligations.
/// </summary>
public sealed class ThreadDeterminismTests
{
    private static Dictionary<string, string> Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);

    [Fact]
    public void Verify_AtOneAndTwoThreads_IsByteIdentical()
    {
        using var cli = new CliRunner();
        string D(string name) => Path.Combine(cli.Directory, name);
        foreach (var threads in new[] { "1", "2" })
        {
            var (exit, _, err) = cli.Run("verify", "--filter", "ACGH19.Aux.*", "--threads", threads, "--certificates", D("c" + threads), "--reports", D("r" + threads));
            Assert.True(exit == ExitCodes.Ok, err);
        }
        var one = Files(D("c1"));
        Assert.Equal(8, one.Count); // 7 certificates and the campaign manifest (campaign.json)
        Assert.Equal(one, Files(D("c2")));
        Assert.Equal(Files(D("r1")), Files(D("r2")));
    }
    /// <summary>
    /// Two separate processes give byte-identical certificates for statements that draw large Gaussian vectors (JGGSH21
    /// Lemma 14: θ with 16,896 entries). Regression: MathNet's <c>Vector.Build.Dense(n, init)</c> may run <c>init</c> on
    /// several threads, which assigned the seeded draws to entries in a process-dependent order; draws now go through
    /// <c>SequentialBuild</c>.
    /// </summary>
    [Fact]
    public async Task Check_InTwoProcesses_IsByteIdentical_ForLargeRandomVectors()
    {
        using var cli = new CliRunner();
        var outputs = new List<string>();
        for (int run = 0; run < 2; run++)
        {
            var (exit, output, err) = await CliProcess.RunAsync(cli.Directory, null, "check", "JGGSH21.Lemma14", "--no-variants", "--json");
            Assert.True(exit == ExitCodes.Ok, err);
            outputs.Add(output);
        }
        Assert.Equal(outputs[0], outputs[1]);
    }
}
