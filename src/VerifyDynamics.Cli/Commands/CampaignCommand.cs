using System.CommandLine;
using VerifyDynamics.Harness.Campaigns;
using VerifyDynamics.Theorems;

namespace VerifyDynamics.Cli.Commands;

/// <summary>
/// <c>vd campaign slurm --shards N --out DIR</c>: a ready-to-submit Slurm campaign folder (an array job of
/// <c>vd verify --shard</c>, a dependent <c>vd merge</c>, <c>submit.sh</c>); the logic is <see cref="SlurmCampaign"/>.
/// </summary>
public static class CampaignCommand
{
    public static Command Create(CliOutput io)
    {
        var scheduler = new Argument<string>("SCHEDULER") { Description = "the batch scheduler to write the campaign for (known: slurm)" };
        var shards = CliOptions.OptionalInt("--shards", "N", "number of shards (array tasks); required, at most the number of matching statements", 1);
        var output = CliOptions.Text("--out", "DIR", "campaign folder to create (must not exist or be empty); required");
        var scale = CliOptions.Int("--trials-scale", "K", "multiply every statement's trial count by K", 1, 1, Core.InputLimits.MaxTrialsScale);
        var filter = CliOptions.Text("--filter", "GLOB", "statement ids to verify (* and ? wildcards)", "*");
        var seed = CliOptions.Seed();
        var partition = CliOptions.Text("--partition", "P", "Slurm partition (sbatch --partition); the cluster's default when absent");
        var time = CliOptions.Text("--time", "[D-]HH:MM:SS", "time limit of each array task and of the merge job", SlurmCampaign.DefaultTime);
        var cpus = CliOptions.Int("--cpus-per-task", "C", "CPUs of each task (vd verify --threads C)", SlurmCampaign.DefaultCpusPerTask, 1, Core.InputLimits.MaxThreads);
        var vd = CliOptions.Text("--vd", "CMD", "how the jobs run vd on the cluster's nodes", "vd");
        var campaign = CliOptions.Text("--campaign", "ID", "campaign identity recorded in every shard's manifest (default: vd-<UTC time>-<8 hex>)");
        var command = new Command("campaign", "write a ready-to-submit Slurm campaign folder (array job of 'vd verify --shard', dependent 'vd merge', submit.sh)")
        {
            scheduler, shards, output, scale, filter, seed, partition, time, cpus, vd, campaign,
        };
        command.SetAction(r => Run(r.GetValue(scheduler)!, r.GetValue(output), shardCount => new SlurmCampaignOptions
        {
            Shards = shardCount,
            TrialsScale = r.GetValue(scale),
            Filter = r.GetValue(filter)!,
            Seed = r.GetValue(seed)!.ToString(),
            Partition = r.GetValue(partition),
            Time = r.GetValue(time)!,
            CpusPerTask = r.GetValue(cpus),
            VdCommand = r.GetValue(vd)!,
            Campaign = r.GetValue(campaign) ?? SlurmCampaign.NewId(),
        }, r.GetValue(shards), io.Out));
        return command;
    }

    private static int Run(string scheduler, string? outDir, Func<int, SlurmCampaignOptions> settings, int? shards, TextWriter stdout)
    {
        if (scheduler != "slurm")
        {
            throw new UsageException($"unknown scheduler '{scheduler}' (known: slurm)");
        }
        var options = settings(shards ?? throw new UsageException("--shards N is required"));
        if (outDir is null)
        {
            throw new UsageException("--out DIR is required");
        }
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
