using System.CommandLine;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd mutants</c>: every statement's mutants, controls and errata, and the mutation score.</summary>
public static class MutantsCommand
{
    public static Command Create(CliOutput io)
    {
        var filter = CliOptions.Text("--filter", "GLOB", "statement ids to run (* and ? wildcards)", "*");
        var assembly = CliOptions.Assembly();
        var seed = CliOptions.Seed();
        var threads = CliOptions.Threads(Environment.ProcessorCount);
        var noProgress = CliOptions.Flag("--no-progress", "no progress bar (there is none unless stderr is a terminal)");
        var command = new Command("mutants", "run every statement's mutants, controls and errata; print the mutation score") { assembly, filter, seed, threads, noProgress };
        command.SetAction(r => Run(r.GetValue(assembly), r.GetValue(filter)!, r.GetValue(seed)!, r.GetValue(threads), ProgressDisplay.Enabled(io.Err, r.GetValue(noProgress)), io));
        return command;
    }

    private static int Run(string? assembly, string filter, Core.Randomness.Seed runSeed, int threads, bool progress, CliOutput io)
    {
        var (stdout, stderr) = (io.Out, io.Err);
        var statements = StatementLookup.Statements(assembly).Where(s => StatementLookup.MatchesGlob(s.Id.ToString(), filter)).ToList();
        if (statements.Count == 0)
        {
            throw new UsageException($"--filter '{filter}' matches no statement id");
        }
        int mutants = 0, refuted = 0, unexpected = 0;
        using var interruption = new Interruption(stderr, "mutants");
        var work = statements.SelectMany(s => s.Variants.Select(v => (Statement: s, Variant: v))).ToList();
        static string Label((Statement Statement, Variant Variant) w) => $"mutants {w.Statement.Id}/{w.Variant.Name}";
        ProgressDisplay.Run(progress, stderr, work.Count > 0 ? Label(work[0]) : "mutants", work.Count, sink =>
        {
            for (int k = 0; k < work.Count; k++)
            {
                var (s, v) = work[k];
                interruption.Token.ThrowIfCancellationRequested();
                var seed = CheckCommand.StatementSeed(runSeed, s.Id);
                var result = StatementRunner.RunVariant(s, v, seed, v.Trials ?? s.DefaultTrials, threads);
                if (v.Role == VariantRole.Mutant)
                {
                    mutants++;
                    refuted += result.Refuted ? 1 : 0;
                }
                unexpected += result.AsExpected ? 0 : 1;
                stdout.WriteLine($"{(result.AsExpected ? "ok  " : "FAIL")} {s.Id}/{v.Name} [{v.Role.Word()}]: {(result.Refuted ? "refuted" : "not refuted")}");
                sink.Advance(k + 1 < work.Count ? Label(work[k + 1]) : "mutants: done");
            }
            return 0;
        });
        stdout.WriteLine($"mutation score: {refuted}/{mutants} mutants refuted; {unexpected} variant(s) not as expected");
        return unexpected > 0 ? ExitCodes.Refuted : ExitCodes.Ok;
    }
}
