using VerifyDynamics.Harness.Campaigns;
using VerifyDynamics.Theorems;

namespace VerifyDynamics.Cli.Commands;

[Command("campaign", "write a ready-to-submit Slurm campaign folder (array job of 'vd verify --shard', dependent 'vd merge', submit.sh)",
    "vd campaign slurm --shards N --out DIR [--trials-scale K] [--filter GLOB] [--seed S] [--partition P] [--time HH:MM:SS] [--cpus-per-task C] [--vd CMD] [--campaign ID]")]
public static class CampaignCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string>());
        if (a.Positionals.Count == 0 || a.Positionals[0] != "slurm")
        {
            throw new UsageException(a.Positionals.Count == 0 ? "campaign needs a scheduler: 'slurm'" : $"unknown scheduler '{a.Positionals[0]}' (known: slurm)");
        }
        int shards = a.Int("shards", min: 1) ?? throw new UsageException("--shards N is required");
        string outDir = a.Option("out") ?? throw new UsageException("--out DIR is required");
        var options = new SlurmCampaignOptions
        {
            Shards = shards,
            TrialsScale = a.Int("trials-scale", min: 1, max: Core.InputLimits.MaxTrialsScale) ?? 1,
            Filter = a.Option("filter") ?? "*",
            Seed = (a.Seed() ?? CheckCommand.DefaultRunSeed).ToString(),
            Partition = a.Option("partition"),
            Time = a.Option("time") ?? SlurmCampaign.DefaultTime,
            CpusPerTask = a.Int("cpus-per-task", min: 1, max: Core.InputLimits.MaxThreads) ?? SlurmCampaign.DefaultCpusPerTask,
            VdCommand = a.Option("vd") ?? "vd",
            Campaign = a.Option("campaign") ?? SlurmCampaign.NewId(),
        };
        a.EnsureAllUsed(1);
        var matching = Catalog.All.Where(s => StatementLookup.MatchesGlob(s.Id.ToString(), options.Filter)).ToList();
        var files = SlurmCampaign.Write(outDir, options, matching);
        stdout.WriteLine($"campaign {options.Campaign}: {options.Shards} shard(s) over {matching.Count} statement(s), seed {options.Seed}, trials ×{options.TrialsScale}");
        foreach (var f in files)
        {
            stdout.WriteLine($"  {Path.Combine(outDir, f)}");
        }
        stdout.WriteLine($"submit on the cluster with: {Path.Combine(outDir, SlurmCampaign.SubmitScript)}  (results: certificates/ and reports/ in {outDir})");
        return ExitCodes.Ok;
    }
}
