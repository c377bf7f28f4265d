using System.Diagnostics;
using VerifyDynamics.Harness.Certificates;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// End to end: the real <c>vd</c> process is sent SIGTERM or SIGINT once the first certificate exists. It must exit with
/// 130, leave no temporary or partial file (every certificate on disk passes its seal check, no report is written), and
/// <c>vd verify --resume</c> must then end byte-identical to an uninterrupted run.
/// </summary>
public sealed class InterruptionTests
{
    // Seven cheap statements: the signal lands while most are still to do, and the whole test stays well under a minute.
    private const string Filter = "ACGH19.Aux.*";

    // 7 statements at their default budgets finish in well under a second on an idle machine, before the signal can
    // arrive (seen from a fresh clone; at ×40 the signal still arrived during the report writing once). Scaling every
    // trial budget by 400 makes each statement take about a second, so the signal lands mid-run; the resumed and the
    // single runs use the same scale.
    private const string TrialsScale = "400";

    /// <summary>Sends a signal with kill(1), as a user or a batch scheduler would; returns kill's exit code and message.</summary>
    private static (int Exit, string Message) Kill(int pid, string signal)
    {
        var start = new ProcessStartInfo("kill") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }
        using var kill = Process.Start(start)!;
        string message = kill.StandardError.ReadToEnd() + kill.StandardOutput.ReadToEnd();
        kill.WaitForExit();
        return (kill.ExitCode, message);
    }

    /// <summary>Whether this process was started with SIGINT (signal 2) ignored (Linux: bit 1 of SigIgn in /proc/self/status).</summary>
    private static bool SigintIgnoredHere()
    {
        var line = File.Exists("/proc/self/status") ? File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal)) : null;
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

    private static Dictionary<string, string> Files(string dir) =>
        Directory.GetFiles(dir, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(dir, f), File.ReadAllText);

    [Theory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task Signal_StopsCleanly_AndResumeEndsByteIdenticalToOneRun(string signal)
    {
        if (OperatingSystem.IsWindows())
        {
            return; // POSIX signals only.
        }
        // A background job of a non-interactive shell (`cmd &` in a script) starts with SIGINT ignored, children inherit
        // that, and POSIX keeps it ignored: vd then never sees the signal and finishes the run. Say so instead of failing
        // on the exit code.
        Assert.False(signal == "INT" && SigintIgnoredHere(),
            "SIGINT is ignored by the environment that started the tests (SigIgn in /proc/self/status; e.g. '.ci/run &' from a script), so vd inherits that: run the tests as a foreground job");
        using var cli = new CliRunner();
        string certs = Path.Combine(cli.Directory, "c");
        string reports = Path.Combine(cli.Directory, "r");
        string vd = CliProcess.VdDll;
        Assert.True(File.Exists(vd), $"the built CLI is expected next to the tests: {vd}");

        using var process = CliProcess.Start(cli.Directory, null, "verify", "--filter", Filter, "--trials-scale", TrialsScale, "--threads", "1", "--certificates", certs, "--reports", reports);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        var deadline = Stopwatch.StartNew();
        while (!(Directory.Exists(certs) && new CertificateStore(certs).Paths().Any()))
        {
            if (process.HasExited)
            {
                Assert.Fail($"vd exited before writing a certificate: {await stderr}");
            }
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "no certificate appeared within 60 s");
            await Task.Delay(20);
        }
        var (killExit, killMessage) = Kill(process.Id, signal);
        Assert.True(killExit == 0, $"kill -s {signal} {process.Id} failed ({killExit}): {killMessage}; vd exited: {process.HasExited} {(process.HasExited ? await stderr : "")}");
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)))
        {
            await process.WaitForExitAsync(timeout.Token); // throws if vd does not stop within 60 s of the signal
        }
        string err = await stderr;
        Assert.True(process.ExitCode == ExitCodes.Interrupted, $"exit {process.ExitCode}; stderr: {err}");
        Assert.Contains("interrupted; every file already written is complete", err, StringComparison.Ordinal);
        Assert.DoesNotContain("verified", await stdout, StringComparison.Ordinal);

        // Nothing partial: no temporary file, no report, and every certificate on disk is intact and sealed.
        Assert.Empty(Directory.GetFiles(cli.Directory, "*.tmp", SearchOption.AllDirectories));
        Assert.False(Directory.Exists(reports), "an interrupted run must leave the reports to the resumed run");
        // The campaign manifest (campaign.json) and the lock file (.vd.lock, left only when the watchdog had to end the process)
        // sit at the root and are not certificates.
        var written = Directory.GetFiles(certs, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not (CampaignManifest.FileName or CampaignFolder.LockName)).ToArray();
        Assert.NotEmpty(written);
        Assert.True(written.Length < 7, $"the signal came too late to test anything: all {written.Length} certificates were written");
        foreach (var path in written)
        {
            Assert.EndsWith(".json", path, StringComparison.Ordinal);
            var (stored, recomputed) = CanonicalJson.CheckSeal(File.ReadAllText(path));
            Assert.Equal(recomputed, stored);
        }
        var interrupted = Files(certs);

        var (resumeExit, _, resumeErr) = cli.Run("verify", "--filter", Filter, "--trials-scale", TrialsScale, "--certificates", certs, "--reports", reports, "--resume");
        Assert.True(resumeExit == ExitCodes.Ok, resumeErr);
        string singleCerts = Path.Combine(cli.Directory, "single");
        string singleReports = Path.Combine(cli.Directory, "single-reports");
        Assert.Equal(ExitCodes.Ok, cli.Run("verify", "--filter", Filter, "--trials-scale", TrialsScale, "--certificates", singleCerts, "--reports", singleReports).Exit);
        var resumed = Files(certs);
        Assert.Equal(Files(singleCerts), resumed);
        Assert.Equal(Files(singleReports), Files(reports));
        // The certificates written before the signal were kept as they were, not recomputed differently.
        // (The lock file is left only when the watchdog had to end the process; the resumed run removes it.)
        foreach (var (name, text) in interrupted.Where(kv => kv.Key != CampaignFolder.LockName))
        {
            Assert.Equal(text, resumed[name]);
        }
    }
}
