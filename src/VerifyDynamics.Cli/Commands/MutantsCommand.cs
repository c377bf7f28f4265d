using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

[Command("mutants", "run every statement's mutants, controls and errata; print the mutation score",
    "vd mutants [--filter GLOB] [--seed S] [--threads N]")]
public static class MutantsCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string>());
        string filter = a.Option("filter") ?? "*";
        var runSeed = a.Seed() ?? CheckCommand.DefaultRunSeed;
        int threads = a.Int("threads", min: 1) ?? Environment.ProcessorCount;
        a.EnsureAllUsed(0);
        var statements = Catalog.All.Where(s => StatementLookup.MatchesGlob(s.Id.ToString(), filter)).ToList();
        if (statements.Count == 0)
        {
            throw new UsageException($"--filter '{filter}' matches no statement id");
        }
        int mutants = 0, refuted = 0, unexpected = 0;
        foreach (var s in statements)
        {
            var seed = CheckCommand.StatementSeed(runSeed, s.Id);
            foreach (var v in s.Variants)
            {
                var result = StatementRunner.RunVariant(s, v, seed, v.Trials ?? s.DefaultTrials, threads);
                if (v.Role == VariantRole.Mutant)
                {
                    mutants++;
                    refuted += result.Refuted ? 1 : 0;
                }
                unexpected += result.AsExpected ? 0 : 1;
                stdout.WriteLine($"{(result.AsExpected ? "ok  " : "FAIL")} {s.Id}/{v.Name} [{v.Role.Word()}]: {(result.Refuted ? "refuted" : "not refuted")}");
            }
        }
        stdout.WriteLine($"mutation score: {refuted}/{mutants} mutants refuted; {unexpected} variant(s) not as expected");
        return unexpected > 0 ? ExitCodes.Refuted : ExitCodes.Ok;
    }
}
