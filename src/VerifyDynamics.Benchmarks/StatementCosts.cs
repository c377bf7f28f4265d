using System.Diagnostics;
using System.Globalization;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems;

namespace VerifyDynamics.Benchmarks;

/// <summary>
/// <c>statement-costs</c>: regenerates src/VerifyDynamics.Harness/Trials/statement-costs.tsv, the cost table by which
/// <c>vd verify</c> starts statements longest first. Each catalog statement runs as <c>vd verify</c> runs it at one
/// thread (default run seed, statement seed = run seed split by the id, trials, variants, obligations, boundary search,
/// certificate built and sealed) and its cost is the process CPU time it took, which a loaded machine inflates far less
/// than wall time (at load ~80 the wall times of one run varied several-fold between statements of equal work).
/// </summary>
public static class StatementCosts
{
    public static void Write(TextWriter output)
    {
        output.WriteLine("# Process CPU seconds per statement, as vd verify runs it at --threads 1 (default seed); vd verify starts");
        output.WriteLine("# statements longest first by this table (Trials/StatementSchedule.cs). Only the order matters.");
        output.WriteLine("# Regenerate: src/VerifyDynamics.Benchmarks/bin/Release/net10.0/VerifyDynamics.Benchmarks statement-costs > src/VerifyDynamics.Harness/Trials/statement-costs.tsv");
        var process = Process.GetCurrentProcess();
        foreach (var statement in Catalog.All)
        {
            process.Refresh();
            var before = process.TotalProcessorTime;
            var result = StatementRunner.Run(statement, new RunOptions(Seed.Default.Split(statement.Id.ToString()), statement.DefaultTrials, null, 1));
            _ = CanonicalJson.Seal(CertificateBuilder.Build(result));
            process.Refresh();
            double seconds = (process.TotalProcessorTime - before).TotalSeconds;
            output.WriteLine($"{statement.Id}\t{seconds.ToString("F2", CultureInfo.InvariantCulture)}");
            output.Flush();
        }
    }
}
