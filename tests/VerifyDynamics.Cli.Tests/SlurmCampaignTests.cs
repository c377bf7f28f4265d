using System.Diagnostics;
using VerifyDynamics.Harness.Certificates;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// <c>vd campaign slurm</c>: the generated folder, run as Slurm would run it (each array task, then the merge), gives
/// certificates and reports byte-identical to one <c>vd verify</c>; a shard of another campaign is refused; bad input
/// writes nothing; and on a private single-node Slurm cluster the submitted campaign gives the same bytes.
/// </summary>
public sealed class SlurmCampaignTests
{
    private const string Filter = "ACGH19.Aux.*";

    private static Dictionary<string, string> Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);

    /// <summary>How the generated scripts start vd in these tests: the vd.dll the tests were built with.</summary>
    private static string VdCommand => $"dotnet {Harness.Campaigns.SlurmCampaign.Quote(CliProcess.VdDll)}";

    private static (int Exit, string Out, string Err) Bash(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        foreach (var (k, v) in environment)
        {
            start.Environment[k] = v;
        }
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(180_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"bash {string.Join(' ', args)} did not finish within 180 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private static string Generate(CliRunner cli, string name, string campaign, params string[] extra)
    {
        string dir = Path.Combine(cli.Directory, name);
        var (exit, stdout, stderr) = cli.Run(["campaign", "slurm", "--shards", "2", "--filter", Filter, "--seed", "11", "--out", dir,
            "--vd", VdCommand, "--campaign", campaign, "--cpus-per-task", "1", .. extra]);
        Assert.True(exit == ExitCodes.Ok, stderr);
        Assert.Contains(campaign, stdout, StringComparison.Ordinal);
        return dir;
    }

    /// <summary>Runs array task <paramref name="task"/> of the campaign's shard script the way slurmd would (working folder = campaign folder).</summary>
    private static void RunTask(string campaignDir, int task)
    {
        var (exit, _, err) = Bash(campaignDir, new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = task.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SLURM_CPUS_PER_TASK"] = "1" },
            Harness.Campaigns.SlurmCampaign.ShardScript);
        Assert.True(exit == 0, $"task {task}: exit {exit}: {err}");
        Assert.Equal("0", File.ReadAllText(Path.Combine(campaignDir, "logs", $"shard-{task}.exit")).Trim());
    }

    private static void AssertSameAsSingleRun(CliRunner cli, string campaignDir, string campaign)
    {
        string single = Path.Combine(cli.Directory, "single"), singleReports = Path.Combine(cli.Directory, "single-reports");
        if (!Directory.Exists(single))
        {
            var (exit, _, err) = cli.Run("verify", "--filter", Filter, "--seed", "11", "--campaign", campaign, "--certificates", single, "--reports", singleReports);
            Assert.True(exit == ExitCodes.Ok, err);
        }
        var expected = Files(single);
        Assert.Contains(CampaignManifest.FileName, expected.Keys);
        Assert.True(expected.Count >= 4, $"the filter should select several statements, got {expected.Count - 1}");
        AssertSameFiles(expected, Files(Path.Combine(campaignDir, "certificates")), "certificates");
        AssertSameFiles(Files(singleReports), Files(Path.Combine(campaignDir, "reports")), "reports");
    }

    /// <summary>Same file names and, file by file, the same bytes (the message names the first file that differs).</summary>
    private static void AssertSameFiles(Dictionary<string, string> expected, Dictionary<string, string> actual, string what)
    {
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), actual.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, text) in expected)
        {
            Assert.True(text == actual[name], $"{what}/{name} differs from the single run's");
        }
    }

    [Fact]
    public void GeneratedScripts_RunTaskByTask_MergeToTheBytesOfASingleRun()
    {
        using var cli = new CliRunner();
        string dir = Generate(cli, "campaign", "test-local");
        foreach (var script in new[] { "shards.sbatch", "merge.sbatch", "submit.sh" })
        {
            var (syntax, _, err) = Bash(dir, new Dictionary<string, string>(), "-n", script);
            Assert.True(syntax == 0, $"{script}: {err}");
        }
        string shards = File.ReadAllText(Path.Combine(dir, "shards.sbatch"));
        Assert.Contains("#SBATCH --array=1-2", shards, StringComparison.Ordinal);
        Assert.Contains("--shard \"$shard/2\" --filter 'ACGH19.Aux.*' --seed 11 --trials-scale 1", shards, StringComparison.Ordinal);
        Assert.Contains("--dependency=\"afterok:$array_job\"", File.ReadAllText(Path.Combine(dir, "submit.sh")), StringComparison.Ordinal);
        RunTask(dir, 1);
        RunTask(dir, 2);
        var (exit, stdout, stderr) = Bash(dir, new Dictionary<string, string>(), "merge.sbatch");
        Assert.True(exit == 0, $"merge: exit {exit}: {stderr}");
        Assert.Contains("merged 2 shard(s)", stdout, StringComparison.Ordinal);
        AssertSameAsSingleRun(cli, dir, "test-local");
    }

    [Fact]
    public void AShardOfAnotherCampaign_WithTheSameSeed_IsRefused_AndNothingIsMerged()
    {
        using var cli = new CliRunner();
        string a = Generate(cli, "a", "campaign-a");
        string b = Generate(cli, "b", "campaign-b");
        RunTask(a, 1);
        RunTask(b, 2);
        // The foreign shard takes the place of the missing one: same seed, budget, filter and vd, another campaign.
        Directory.Move(Path.Combine(b, "shards", "2"), Path.Combine(a, "shards", "2"));
        var (exit, _, stderr) = Bash(a, new Dictionary<string, string>(), "merge.sbatch");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("not a shard of campaign campaign-a", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(a, "certificates")));
        Assert.False(Directory.Exists(Path.Combine(a, "reports")));
        // vd merge by hand, without --campaign, refuses the mix as well (the manifests differ).
        var (exit2, _, err2) = cli.Run("merge", Path.Combine(a, "shards", "1"), Path.Combine(a, "shards", "2"), "--certificates", Path.Combine(cli.Directory, "m"), "--reports", Path.Combine(cli.Directory, "r"));
        Assert.Equal(ExitCodes.UsageError, exit2);
        Assert.Contains("another campaign", err2, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(cli.Directory, "m")));
    }

    [Theory]
    [InlineData("--shards 0", "--shards must be an integer ≥ 1")]
    [InlineData("--shards 9", "--shards must be between 1 and 7")]
    [InlineData("--shards 2 --trials-scale 0", "--trials-scale must be an integer ≥ 1")]
    [InlineData("--shards 2 --trials-scale 1001", "--trials-scale must be at most 1000")]
    [InlineData("--shards 2 --time 1:60:00", "--time must be HH:MM:SS")]
    [InlineData("--shards 2 --time 2h", "--time must be HH:MM:SS")]
    [InlineData("--shards 2 --cpus-per-task 0", "--cpus-per-task must be an integer ≥ 1")]
    [InlineData("--shards 2 --partition a;b", "--partition must be a Slurm partition name")]
    [InlineData("--shards 2 --campaign ../x", "is not a campaign identity")]
    [InlineData("--shards 2 --seed -1", "--seed must be an unsigned 64-bit integer")]
    [InlineData("--shards 2 --filter Nope.*", "matches no statement id")]
    [InlineData("--shards 2 --vd \n", "--vd must be a non-empty shell command")]
    public void BadInput_IsAUsageError_AndWritesNothing(string options, string message)
    {
        using var cli = new CliRunner();
        string[] parsed = [.. options.Split(' ')];
        if (!options.Contains("--filter", StringComparison.Ordinal))
        {
            parsed = [.. parsed, "--filter", Filter];
        }
        var (exit, _, stderr) = cli.Run(["campaign", "slurm", .. parsed, "--out", Path.Combine(cli.Directory, "out", "c")]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(message, stderr, StringComparison.Ordinal);
        Assert.Single(stderr.Trim().Split('\n'), l => l.StartsWith("vd campaign:", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFileSystemEntries(cli.Directory));
    }

    [Fact]
    public void OutFolder_ThatIsAFile_OrNotEmpty_OrMissing_IsAUsageError()
    {
        using var cli = new CliRunner();
        string file = cli.Write("file", "x");
        string[] common = ["campaign", "slurm", "--shards", "1", "--filter", Filter];
        var (exit, _, err) = cli.Run([.. common, "--out", file]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("is a regular file", err, StringComparison.Ordinal);
        string used = Path.Combine(cli.Directory, "used");
        Directory.CreateDirectory(used);
        File.WriteAllText(Path.Combine(used, "keep"), "");
        (exit, _, err) = cli.Run([.. common, "--out", used]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("not empty", err, StringComparison.Ordinal);
        (exit, _, err) = cli.Run([.. common]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--out DIR is required", err, StringComparison.Ordinal);
        (exit, _, err) = cli.Run("campaign", "pbs", "--shards", "1", "--out", Path.Combine(cli.Directory, "p"));
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("unknown scheduler 'pbs'", err, StringComparison.Ordinal);
        Assert.Equal([file, Path.Combine(used, "keep")], cli.FilesOtherThan().Order(StringComparer.Ordinal));
    }

    [SlurmFact]
    public void OnAPrivateSlurmCluster_TheSubmittedCampaign_MergesToTheBytesOfASingleRun()
    {
        using var cli = new CliRunner();
        string dir = Generate(cli, "campaign", "test-slurm", "--time", "00:10:00", "--partition", "debug");
        using var slurm = new LocalSlurm();
        var env = new Dictionary<string, string>(slurm.Environment);
        var (exit, stdout, stderr) = Bash(dir, env, Path.Combine(dir, "submit.sh"));
        Assert.True(exit == 0, $"submit.sh: exit {exit}: {stderr}{stdout}\n{slurm.Logs()}");
        var jobs = File.ReadAllLines(Path.Combine(dir, "jobs.env")).Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal("test-slurm", jobs["VD_CAMPAIGN"]);
        Assert.Contains($"VD_MERGE_JOB={jobs["VD_MERGE_JOB"]}", stdout, StringComparison.Ordinal);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (state, reason) = slurm.JobState(jobs["VD_MERGE_JOB"]);
            if (state == "COMPLETED")
            {
                break;
            }
            if (state is not ("PENDING" or "RUNNING" or "CONFIGURING" or "COMPLETING") || clock.Elapsed > TimeSpan.FromSeconds(150))
            {
                string logs = string.Join("\n", Directory.GetFiles(Path.Combine(dir, "logs")).Order(StringComparer.Ordinal)
                    .Select(f => $"== {Path.GetFileName(f)}\n{File.ReadAllText(f)}"));
                Assert.Fail($"merge job {jobs["VD_MERGE_JOB"]} is {state} ({reason}) after {clock.Elapsed.TotalSeconds:F0} s; array job: {slurm.Run("scontrol", "show", "job", "-o", jobs["VD_ARRAY_JOB"])}\n{logs}\n{slurm.Logs()}");
            }
            Thread.Sleep(500);
        }
        var arrayTasks = slurm.Run("scontrol", "show", "job", "-o", jobs["VD_ARRAY_JOB"]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, arrayTasks.Length);
        Assert.All(arrayTasks, t => Assert.Contains("JobState=COMPLETED", t, StringComparison.Ordinal));
        AssertSameAsSingleRun(cli, dir, "test-slurm");
    }
}
