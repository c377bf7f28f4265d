using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Cli.Commands;

[Command("merge", "combine the certificate folders of sharded 'vd verify --shard I/N' runs and write the reports",
    "vd merge DIR... [--certificates OUT] [--reports DIR]")]
public static class MergeCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string>());
        string output = a.Option("certificates") ?? "certificates";
        string reports = a.Option("reports") ?? "reports";
        a.EnsureAllUsed(int.MaxValue);
        if (a.Positionals.Count == 0)
        {
            throw new UsageException("merge needs at least one certificate folder");
        }
        // Read and check everything before writing anything: a broken or conflicting input leaves the output untouched.
        var byStatement = new SortedDictionary<string, (string Source, string Text, string Paper, string Name)>(StringComparer.Ordinal);
        foreach (var dir in a.Positionals)
        {
            if (!Directory.Exists(dir))
            {
                throw new UsageException($"certificate folder '{dir}' does not exist");
            }
            foreach (var (path, text) in new CertificateStore(dir).ReadAll())
            {
                string id, paper;
                try
                {
                    var (stored, recomputed) = CanonicalJson.CheckSeal(text);
                    if (stored != recomputed)
                    {
                        throw new UsageException($"{path} was modified after it was sealed (stored {stored ?? "none"}, content hashes to {recomputed}); nothing was written");
                    }
                    var c = CertificateStore.Parse(text);
                    string? schema = c["schema"]?.GetValue<string>();
                    if (schema != CertificateBuilder.Schema)
                    {
                        throw new UsageException($"{path} is not a readable certificate: it has schema '{schema ?? "none"}', but this vd reads '{CertificateBuilder.Schema}'; nothing was written");
                    }
                    id = c["statement"]!.GetValue<string>();
                    paper = c["paper"]!.GetValue<string>();
                }
                catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
                {
                    throw new UsageException($"{path} is not a readable certificate ({e.Message}); nothing was written");
                }
                if (byStatement.TryGetValue(id, out var earlier) && earlier.Text != text)
                {
                    throw new UsageException($"{id} differs between {earlier.Source} and {path} (different seeds or budgets?); nothing was written");
                }
                byStatement[id] = (path, text, paper, id[(paper.Length + 1)..]);
            }
        }
        var store = new CertificateStore(output);
        foreach (var (_, (_, text, paper, name)) in byStatement)
        {
            AtomicFile.WriteAllText(store.PathFor(paper, name), text);
        }
        VerifyCommand.WriteReport(store, reports);
        stdout.WriteLine($"merged {byStatement.Count} certificates from {a.Positionals.Count} folder(s) into {output}; report: {Path.Combine(reports, "index.md")}");
        return ExitCodes.Ok;
    }
}
