using System.Diagnostics;
using System.Text.Json.Nodes;
using VerifyDynamics.Symbolic.Native;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// SLOW (about 1–3 minutes; it runs dotnet pack, dotnet new, dotnet test, dotnet tool install and vd as child processes):
/// the researcher's path of README "Your own statements", end to end, against the packages this build makes. The libraries,
/// vd (as a .NET tool) and the template are packed into a local folder feed in a temporary folder under a version of their
/// own (so no package cache can serve an older build), the template is installed into a private template hive and
/// instantiated, its tests run against the packed packages (restore sources: the feed plus the configured ones), and the
/// installed vd verifies the built statements assembly with --assembly: a sealed certificate with the expected verdict is
/// written and the template's mutant is refuted. Filter it out of a quick run with <c>--filter Category!=Slow</c>.
/// </summary>
[Trait("Category", "Slow")]
[Collection(PackagesRunAlone.Name)]
public sealed class PackagesEndToEndTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void Template_BuildsAgainstThePackedLibraries_AndVdVerifiesItWithAssembly()
    {
        string repo = RepositoryRoot();
        string configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
        string version = $"0.0.0-e2e.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";
        var temp = Directory.CreateTempSubdirectory("vd-packages-");
        try
        {
            string feed = Path.Combine(temp.FullName, "feed");
            // The packable projects of the solution (the libraries, vd as a tool, the template), as built by this test run.
            Run(repo, "dotnet", "pack", Path.Combine(repo, "VerifyDynamics.sln"), "-c", configuration, "--no-build", "-o", feed, $"-p:Version={version}",
                $"-p:NuspecOutputPath={Path.Combine(temp.FullName, "nuspec")}", "-nologo");
            foreach (var id in new[] { "VerifyDynamics.Core", "VerifyDynamics.Symbolic", "VerifyDynamics.Theorems", "VerifyDynamics.Harness", "VerifyDynamics.Cli", "VerifyDynamics.Templates" })
            {
                Assert.True(File.Exists(Path.Combine(feed, $"{id}.{version}.nupkg")), $"{id} {version} was not packed; feed: {string.Join(", ", Directory.GetFiles(feed).Select(Path.GetFileName))}");
            }

            string hive = Path.Combine(temp.FullName, "hive");
            string work = Path.Combine(temp.FullName, "work");
            Directory.CreateDirectory(work);
            Run(work, "dotnet", "new", "install", Path.Combine(feed, $"VerifyDynamics.Templates.{version}.nupkg"), "--debug:custom-hive", hive);
            Run(work, "dotnet", "new", "vd-statements", "-n", "Bernoulli", "-o", "Bernoulli", "--debug:custom-hive", hive);
            // Restore sources: the local feed plus whatever is configured (this file adds, it does not clear).
            File.WriteAllText(Path.Combine(work, "nuget.config"),
                $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"vd-e2e\" value=\"{feed}\" />\n  </packageSources>\n</configuration>\n");
            string project = Path.Combine(work, "Bernoulli");
            Assert.Contains(version, File.ReadAllText(Path.Combine(project, "Bernoulli", "Bernoulli.csproj")), StringComparison.Ordinal);

            var tests = Run(project, "dotnet", "test", "Bernoulli.slnx", "-c", "Release", "-nologo");
            Assert.Contains("Passed!", tests, StringComparison.Ordinal);

            string tools = Path.Combine(temp.FullName, "tools");
            Run(work, "dotnet", "tool", "install", "VerifyDynamics.Cli", "--version", version, "--tool-path", tools, "--add-source", feed);
            string vd = Path.Combine(tools, "vd");
            string dll = Path.Combine(project, "Bernoulli", "bin", "Release", "net10.0", "Bernoulli.dll");
            Assert.True(File.Exists(dll), $"the template's build wrote no {dll}");

            string list = Run(work, vd, "list", "--assembly", dll);
            Assert.Contains("MyPaper.Lemma1", list, StringComparison.Ordinal);
            Assert.Contains("1 statements.", list, StringComparison.Ordinal);

            string certificates = Path.Combine(temp.FullName, "certificates"), reports = Path.Combine(temp.FullName, "reports");
            Run(work, vd, "verify", "--assembly", dll, "--certificates", certificates, "--reports", reports, "--threads", "2", "--no-progress");
            var certificate = JsonNode.Parse(File.ReadAllText(Path.Combine(certificates, "MyPaper", "Lemma1.json")))!.AsObject();
            Assert.Equal("MyPaper.Lemma1", certificate["statement"]!.GetValue<string>());
            // With libz3 the induction step is proven and the full-fidelity check is certified; without it the obligation is
            // skipped, which keeps the verdict at holds-on-trials (never a pass it did not earn).
            bool z3 = Z3Library.TryLoad(null, out _, out _);
            Assert.True(z3 || Environment.GetEnvironmentVariable("VD_REQUIRE_Z3") != "1", "libz3 is required here (VD_REQUIRE_Z3=1) but did not load");
            Assert.Equal(z3 ? "certified" : "holds-on-trials", certificate["verdict"]!.GetValue<string>());
            var mutant = certificate["variants"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "DoubleSlope")!;
            Assert.Equal("refuted", mutant["outcome"]!.GetValue<string>());
            Assert.Contains("MyPaper.Lemma1", File.ReadAllText(Path.Combine(reports, "index.md")), StringComparison.Ordinal);

            string mutants = Run(work, vd, "mutants", "--assembly", dll, "--threads", "2", "--no-progress");
            Assert.Contains("mutation score: 1/1 mutants refuted", mutants, StringComparison.Ordinal);
        }
        finally
        {
            temp.Delete(recursive: true);
            // The packages of this run's version were restored into the global package cache: remove them (nothing else uses it).
            string cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            foreach (var dir in Directory.Exists(cache) ? Directory.EnumerateDirectories(cache, "verifydynamics.*") : [])
            {
                string versioned = Path.Combine(dir, version);
                if (Directory.Exists(versioned))
                {
                    Directory.Delete(versioned, recursive: true);
                }
            }
        }
    }

    /// <summary>Runs a child process; fails with its output when it exits non-zero or runs past <see cref="StepTimeout"/>.</summary>
    private static string Run(string workingDirectory, string fileName, params string[] args)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }
        // The test host runs under dotnet test: its MSBuild and test-platform variables must not leak into the nested builds.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)
            || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k.StartsWith("TESTINGPLATFORM", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(StepTimeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"'{Path.GetFileName(fileName)} {string.Join(' ', args)}' ran past {StepTimeout.TotalMinutes} minutes");
        }
        process.WaitForExit();
        string output = stdout.Result + stderr.Result;
        Assert.True(process.ExitCode == 0, $"'{Path.GetFileName(fileName)} {string.Join(' ', args)}' exited {process.ExitCode}:\n{output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VerifyDynamics.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("VerifyDynamics.sln was not found above the test directory");
    }
}

/// <summary>
/// Runs the end-to-end packaging test alone, after the parallel tests: its child builds load the machine enough to push the
/// timing bounds of other tests (FaultTests waits 60 s for a first certificate) past their limits on a busy 2-core machine.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PackagesRunAlone
{
    public const string Name = "Packages end to end (slow, alone)";
}
