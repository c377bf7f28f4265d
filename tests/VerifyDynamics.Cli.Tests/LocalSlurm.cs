using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// A [Fact] reported as SKIPPED, with the reason, when the Slurm daemons, munge or the Slurm clients are not installed,
/// or the tests do not run as root (the private cluster runs SlurmUser=root). <c>VD_REQUIRE_SLURM=1</c> (set by .ci/run
/// under CI, after installing them) turns the skip into a failure. When they are installed the cluster must start: a
/// failure to start fails the test with the daemons' logs (xunit 2 cannot skip at run time).
/// </summary>
public sealed class SlurmFactAttribute() : Testing.RequiredToolFactAttribute(LocalSlurm.MissingReason is null ? "present" : null, "VD_REQUIRE_SLURM",
    LocalSlurm.MissingReason ?? "")
{
}

/// <summary>
/// A private single-node Slurm cluster for one test: its own munged (temporary key and socket), slurmctld and slurmd
/// (one node on 127.0.0.1 with 2 CPUs, free ports, state, spool and logs in a temporary folder), all started in the
/// foreground as children of the test and killed — with every job cancelled first — by <see cref="Dispose"/>.
/// Clients reach it through <see cref="Environment"/> (<c>SLURM_CONF</c>).
/// </summary>
internal sealed class LocalSlurm : IDisposable
{
    private static readonly string[] Tools = ["munged", "slurmctld", "slurmd", "sbatch", "scontrol", "sinfo", "scancel"];
    private readonly List<Process> _daemons = [];

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "vd-slurm-" + Guid.NewGuid().ToString("N")[..12]);

    public string Conf => Path.Combine(Root, "slurm.conf");

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string> { ["SLURM_CONF"] = Conf };

    /// <summary>Why the cluster cannot be started here, or null when everything it needs is installed.</summary>
    public static string? MissingReason { get; } = FindMissing();

    private static string? FindMissing()
    {
        var missing = Tools.Where(t => Find(t) is null).ToList();
        if (missing.Count > 0)
        {
            return $"Slurm is not installed (missing {string.Join(", ", missing)}; install Debian packages slurmctld slurmd munge slurm-client, as .ci/run does), so no campaign was run on a real scheduler";
        }
        return System.Environment.UserName == "root" ? null : "the private Slurm cluster runs as root (SlurmUser=root) and the tests do not, so no campaign was run on a real scheduler";
    }

    /// <summary>A tool on PATH or in the sbin folders (daemons are there and root's PATH may lack them).</summary>
    public static string? Find(string name) => (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Concat(["/usr/sbin", "/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"])
        .Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    public LocalSlurm()
    {
        if (MissingReason is not null)
        {
            // Only reached when VD_REQUIRE_SLURM=1 kept the test from being skipped.
            throw new InvalidOperationException($"VD_REQUIRE_SLURM=1 but {MissingReason}");
        }
        try
        {
            Start();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private void Start()
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("Slurm runs on Linux");
        }
        const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        Directory.CreateDirectory(Root, Private);
        foreach (var d in new[] { "munge", "state", "spool", "log" })
        {
            Directory.CreateDirectory(Path.Combine(Root, d), Private);
        }
        string key = Path.Combine(Root, "munge", "munge.key");
        File.WriteAllBytes(key, System.Security.Cryptography.RandomNumberGenerator.GetBytes(1024));
        File.SetUnixFileMode(key, UnixFileMode.UserRead);
        string socket = Path.Combine(Root, "munge", "munge.socket");
        StartDaemon("munged", "-F", "--force", $"--key-file={key}", $"--socket={socket}", $"--pid-file={Path.Combine(Root, "munge", "munged.pid")}",
            $"--seed-file={Path.Combine(Root, "munge", "munged.seed")}", $"--log-file={Path.Combine(Root, "log", "munged.log")}");
        WaitFor(() => File.Exists(socket), TimeSpan.FromSeconds(15), "munged did not create its socket");
        string host = Run("hostname", "-s").Trim();
        int ctldPort = FreePort(), slurmdPort = FreePort();
        File.WriteAllText(Conf, $"""
            ClusterName=vdtest
            SlurmctldHost={host}(127.0.0.1)
            SlurmctldPort={ctldPort}
            SlurmdPort={slurmdPort}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            AuthInfo=socket={socket}
            CredType=cred/munge
            StateSaveLocation={Path.Combine(Root, "state")}
            SlurmdSpoolDir={Path.Combine(Root, "spool")}
            SlurmctldPidFile={Path.Combine(Root, "slurmctld.pid")}
            SlurmdPidFile={Path.Combine(Root, "slurmd.pid")}
            SlurmctldLogFile={Path.Combine(Root, "log", "slurmctld.log")}
            SlurmdLogFile={Path.Combine(Root, "log", "slurmd.log")}
            SlurmctldDebug=info
            SlurmdDebug=info
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            SelectType=select/cons_tres
            SelectTypeParameters=CR_CPU
            MpiDefault=none
            SwitchType=switch/none
            ReturnToService=2
            MinJobAge=600
            NodeName={host} NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN
            PartitionName=debug Nodes={host} Default=YES MaxTime=INFINITE State=UP

            """);
        StartDaemon("slurmctld", "-D", "-i", "-f", Conf);
        StartDaemon("slurmd", "-D", "-f", Conf);
        WaitFor(() => Try("sinfo", "-h", "-o", "%t")?.Trim() == "idle", TimeSpan.FromSeconds(45), "the node did not become idle");
    }

    private void StartDaemon(string name, params string[] args)
    {
        var start = new ProcessStartInfo(Find(name) ?? throw new InvalidOperationException($"{name} not found"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["SLURM_CONF"] = Conf;
        var p = Process.Start(start)!;
        string log = Path.Combine(Root, "log", name + ".console");
        p.OutputDataReceived += (_, e) => Append(log, e.Data);
        p.ErrorDataReceived += (_, e) => Append(log, e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _daemons.Add(p);
    }

    private static readonly Lock LogLock = new();

    private static void Append(string path, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (LogLock)
        {
            File.AppendAllText(path, line + "\n");
        }
    }

    private void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (_daemons.FirstOrDefault(d => d.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"private Slurm: {what}: {dead.StartInfo.FileName} exited with {dead.ExitCode}\n{Logs()}");
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"private Slurm: {what} within {timeout.TotalSeconds:F0} s\n{Logs()}");
            }
            Thread.Sleep(250);
        }
    }

    /// <summary>Runs a Slurm client against this cluster; its stdout, or an exception with its stderr.</summary>
    public string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(Find(tool) ?? tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        start.Environment["SLURM_CONF"] = Conf;
        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(30_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} {string.Join(' ', args)} did not finish within 30 s");
        }
        return p.ExitCode == 0 ? stdout.Result : throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {p.ExitCode}: {stderr.Result}{stdout.Result}");
    }

    private string? Try(string tool, params string[] args)
    {
        try
        {
            return Run(tool, args);
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            return null;
        }
    }

    /// <summary>The state of a job (COMPLETED, FAILED, PENDING, ...), with its reason, from scontrol.</summary>
    public (string State, string Reason) JobState(string jobId)
    {
        string line = Run("scontrol", "show", "job", "-o", jobId).Split('\n')[0];
        string Field(string name) => line.Split(' ').FirstOrDefault(f => f.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..] ?? "?";
        return (Field("JobState"), Field("Reason"));
    }

    /// <summary>The tail of every daemon log, for failure messages.</summary>
    public string Logs()
    {
        var text = new StringBuilder();
        string logs = Path.Combine(Root, "log");
        if (Directory.Exists(logs))
        {
            foreach (var f in Directory.GetFiles(logs).Order(StringComparer.Ordinal))
            {
                var lines = File.ReadAllLines(f);
                text.Append("== ").Append(Path.GetFileName(f)).Append('\n').AppendJoin('\n', lines.TakeLast(15)).Append('\n');
            }
        }
        return text.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        // Jobs first (their slurmstepd processes are not children of the test), then the daemons, then the folder.
        if (_daemons.Count >= 3 && _daemons.All(d => !d.HasExited))
        {
            Try("scancel", "--full", "--user=root");
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(15) && (Try("squeue", "-h", "-o", "%i") ?? "").Trim().Length > 0)
            {
                Thread.Sleep(250);
            }
        }
        foreach (var d in Enumerable.Reverse(_daemons))
        {
            try
            {
                if (!d.HasExited)
                {
                    d.Kill(entireProcessTree: true);
                    d.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            d.Dispose();
        }
        _daemons.Clear();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a file still held open by a dying daemon; /tmp is cleaned anyway.
        }
    }
}
