using System.CommandLine;
using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd list</c>: every statement of the catalog.</summary>
public static class ListCommand
{
    public static Command Create(CliOutput io)
    {
        var paper = CliOptions.Text("--paper", "PAPER", $"only this paper's statements ({string.Join(", ", Theorems.Model.Papers.All)})");
        var assembly = CliOptions.Assembly();
        var json = CliOptions.Flag("--json", "print JSON");
        var command = new Command("list", "list every statement of the catalog") { assembly, paper, json };
        command.SetAction(r => Run(r.GetValue(assembly), r.GetValue(paper), r.GetValue(json), io.Out));
        return command;
    }

    private static int Run(string? assembly, string? paper, bool json, TextWriter stdout)
    {
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
