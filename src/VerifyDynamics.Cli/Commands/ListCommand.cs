using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Cli.Commands;

[Command("list", "list every statement of the catalog", "vd list [--assembly DLL] [--paper PAPER] [--json]")]
public static class ListCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "json" });
        string? paper = a.Option("paper");
        bool json = a.Flag("json");
        string? assembly = a.Option("assembly");
        a.EnsureAllUsed(0);
        var all = StatementLookup.Statements(assembly);
        var statements = all.Where(s => paper is null || string.Equals(s.Id.Paper, paper, StringComparison.OrdinalIgnoreCase)).ToList();
        if (paper is not null && statements.Count == 0)
        {
            throw new UsageException($"no statements for paper '{paper}' (papers: {string.Join(", ", all.Select(s => s.Id.Paper).Distinct())})");
        }
        if (json)
        {
            stdout.Write(CanonicalJson.Serialize(new JsonArray([.. statements.Select(s => (JsonNode)new JsonObject
            {
                ["id"] = s.Id.ToString(),
                ["kind"] = s.Kind.ToString().ToLowerInvariant(),
                ["title"] = s.Title,
                ["checkability"] = s.Checkability.ToString().ToLowerInvariant(),
                ["variants"] = s.Variants.Count,
                ["obligations"] = s.Obligations.Count,
            })])));
            return ExitCodes.Ok;
        }
        foreach (var s in statements)
        {
            stdout.WriteLine($"{s.Id,-28} {s.Kind.ToString().ToLowerInvariant(),-12} {s.Checkability.ToString().ToLowerInvariant(),-13} {s.Title}");
        }
        stdout.WriteLine($"{statements.Count} statements.");
        return ExitCodes.Ok;
    }
}
