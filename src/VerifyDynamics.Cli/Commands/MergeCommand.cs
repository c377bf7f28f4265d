using System.CommandLine;
using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd merge DIR...</c>: the certificate folders of sharded runs, combined, and the reports written.</summary>
public static class MergeCommand
{
    public static Command Create(CliOutput io)
    {
        var folders = new Argument<string[]>("DIR") { Description = "certificate folders of 'vd verify --shard I/N' runs of one campaign", Arity = ArgumentArity.OneOrMore };
        var certificates = CliOptions.Text("--certificates", "OUT", "folder to write the merged certificates into", "certificates");
        var reports = CliOptions.Text("--reports", "DIR", "folder to write the reports into", "reports");
        var campaignId = CliOptions.Text("--campaign", "ID", "require every folder to belong to this campaign (the merge job of 'vd campaign slurm' passes it)");
        var command = new Command("merge", "combine the certificate folders of sharded 'vd verify --shard I/N' runs and write the reports") { folders, certificates, reports, campaignId };
        command.SetAction(r => Run(r.GetValue(folders)!, r.GetValue(certificates)!, r.GetValue(reports)!, r.GetValue(campaignId), io.Out));
        return command;
    }

    private static int Run(string[] inputs, string output, string reports, string? campaignId, TextWriter stdout)
    {
        // --campaign ID: every folder must belong to that campaign (the merge job of 'vd campaign slurm' passes it).
        string? expected = campaignId is { } id ? CampaignManifest.CheckId(id) : null;
        // Read and check everything before writing anything: a broken or conflicting input leaves the output untouched.
        var byStatement = new SortedDictionary<string, (string Source, Certificate Certificate)>(StringComparer.Ordinal);
        CampaignManifest? campaign = null;
        string? campaignSource = null;
        foreach (var dir in inputs)
        {
            if (!Directory.Exists(dir))
            {
                throw new UsageException(File.Exists(dir) ? $"'{dir}' is a regular file, not a certificate folder" : $"certificate folder '{dir}' does not exist");
            }
            var store = new CertificateStore(dir);
            foreach (var path in store.Paths())
            {
                Certificate c;
                try
                {
                    c = Certificate.ReadFile(path);
                }
                catch (CertificateFormatException e)
                {
                    throw new UsageException($"{e.Message}; nothing was written");
                }
                if (!c.SealIntact)
                {
                    throw new UsageException($"{path} was modified after it was sealed (stored {c.StoredHash ?? "none"}, content hashes to {c.RecomputedHash}); nothing was written");
                }
                if (c.Statement != store.IdOf(path))
                {
                    throw new UsageException($"{path} holds the certificate of {c.Statement}, not of {store.IdOf(path)}; nothing was written");
                }
                if (byStatement.TryGetValue(c.Statement, out var earlier) && earlier.Certificate.Text != c.Text)
                {
                    var diff = Certificate.Differences(earlier.Certificate.Json, c.Json, 3);
                    throw new UsageException($"{c.Statement} differs between {earlier.Source} and {path} ({string.Join("; ", diff)}); nothing was written");
                }
                byStatement[c.Statement] = (path, c);
            }
            // Shards of one campaign share seed, budget and vd version: anything else would mix campaigns silently.
            var manifest = CampaignManifest.ReadFrom(dir)
                ?? throw new UsageException($"'{dir}' has no campaign manifest ({CampaignManifest.FileName}: seed, budget, vd version), so it cannot be merged safely; redo it with this vd; nothing was written");
            if (expected is not null && manifest.Campaign != expected)
            {
                throw new UsageException($"'{dir}' is not a shard of campaign {expected} ({manifest}); shards of different campaigns are not merged; nothing was written");
            }
            if (campaign is not null && manifest != campaign)
            {
                throw new UsageException($"'{dir}' is another campaign ({manifest}) than '{campaignSource}' ({campaign}); shards of different campaigns are not merged; nothing was written");
            }
            (campaign, campaignSource) = (manifest, dir);
        }
        Preflight.CheckFolders(output, reports);
        using var folder = CampaignFolder.Open(output, campaign!);
        Preflight.CheckExisting(output, byStatement.Keys.ToHashSet(StringComparer.Ordinal));
        Preflight.ProbeWritable(reports, keep: false);
        folder.Commit(campaign!);
        var outputStore = new CertificateStore(output);
        foreach (var (_, (_, c)) in byStatement)
        {
            AtomicFile.WriteAllText(outputStore.PathFor(c.Paper, c.Name), c.Text);
        }
        VerifyCommand.WriteReport(outputStore, reports);
        stdout.WriteLine($"merged {byStatement.Count} certificates from {inputs.Length} folder(s) into {output}; report: {Path.Combine(reports, "index.md")}");
        return ExitCodes.Ok;
    }
}
