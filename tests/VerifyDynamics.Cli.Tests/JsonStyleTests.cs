using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// One JSON style across verbs (issue 13): every verb's <c>--json</c> is one JSON document with camelCase member names,
/// unescaped UTF-8 (no \uXXXX), two-space indentation and a final newline, and the same outcome words everywhere.
/// </summary>
public sealed partial class JsonStyleTests
{
    private const string Instance = """{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,0.2]],"eta":0.01}""";

    /// <summary>Members whose children are names from the user's input (constants, claim variables), not members of the format.</summary>
    private static readonly HashSet<string> DataMaps = ["constants", "counterexample", "scalars", "matrices", "vectors", "overrides"];

    private const string Claim1Instance = """{"target":[[2,0],[0,1]],"matrices":{"W":[[2,0],[0,1.5]],"Wprime":[[2,0],[0,0.6]]}}""";

    /// <summary>Every outcome word a verb may print.</summary>
    private static readonly HashSet<string> OutcomeWords =
    [
        "completed", "diverged", "stopped", "max-steps-reached", "step-size-underflow",
        "holds", "rejected", "inconclusive", "confirmed", "error", "refuted", "not-refuted",
    ];

    /// <summary>Every verb with --json, on a small input; {instance} is an instance file.</summary>
    private static readonly string[] CommandLines =
    [
        "check ACGH19.Aux.Grad --trials 3 --no-variants --json",
        "check ACGH19.Claim1 --instance {claim1} --json",
        "eval --instance {instance} --gd 5 --lambda-min --json",
        "simulate gd --instance {instance} --steps 4 --points 3 --json",
        "simulate gf --instance {instance} --t 0.5 --points 3 --json",
        "list --paper EC21 --json",
        "prove forall_y_in_(0,_1/2):_1/(1-y)_<=_1_+_2*y --json",
        "prove forall_y_in_(0,_1):_y*y_<=_y/2 --json",
        "falsify JGGSH21.Prop10 --set betaFactor=2 --budget 20 --shrink-budget 20 --json",
        "tighten ACGH19.Lemma6 --constant thirty --trials 4 --local 4 --max-evaluations 12 --json",
    ];

    public static TheoryData<string> Commands() => [.. CommandLines];

    [Fact]
    public void EveryVerbWithJson_IsCovered()
    {
        var covered = CommandLines.Select(line => line.Split(' ')[0]).ToHashSet();
        foreach (var verb in Program.VerbNames)
        {
            using var cli = new CliRunner();
            if (cli.Run(verb, "--help").Out.Contains("--json", StringComparison.Ordinal))
            {
                Assert.Contains(verb, covered);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Json_IsCamelCase_UnescapedUtf8_SameOutcomeWords(string commandLine)
    {
        using var cli = new CliRunner();
        string instance = cli.Write("instance.json", Instance);
        string claim1 = cli.Write("claim1.json", Claim1Instance);
        string[] args = [.. commandLine.Split(' ').Select(a => a.Replace("{instance}", instance, StringComparison.Ordinal).Replace("{claim1}", claim1, StringComparison.Ordinal).Replace('_', ' '))];
        var (exit, output, error) = cli.Run(args);
        Assert.True(exit is ExitCodes.Ok or ExitCodes.Refuted, $"exit {exit}: {error}");
        Assert.DoesNotMatch(EscapePattern(), output);
        Assert.EndsWith("\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", output, StringComparison.Ordinal);
        var problems = new List<string>();
        Visit(JsonNode.Parse(output), "", problems);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void TheStyleCheck_CatchesKebabKeys_Escapes_AndOtherOutcomeWords()
    {
        var problems = new List<string>();
        Visit(JsonNode.Parse("""{"z3-version": "4", "gradientFlow": {"outcome": "Success"}}"""), "", problems);
        Assert.Equal(2, problems.Count);
        Assert.Matches(EscapePattern(), "{\"loss\": \"\\u00bd\"}");
    }

    private static void Visit(JsonNode? node, string path, List<string> problems)
    {
        switch (node)
        {
            case JsonObject o:
                bool dataMap = DataMaps.Contains(path.Split('.')[^1]);
                foreach (var (key, child) in o)
                {
                    if (!dataMap && !CamelCase().IsMatch(key))
                    {
                        problems.Add($"{path}.{key}: not camelCase");
                    }
                    if (key == "outcome" && child is JsonValue v && v.TryGetValue(out string? word) && !OutcomeWords.Contains(word))
                    {
                        problems.Add($"{path}.{key}: outcome word '{word}' is not one of {string.Join(", ", OutcomeWords)}");
                    }
                    Visit(child, path + "." + key, problems);
                }
                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Visit(child, path, problems);
                }
                break;
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex(@"\\u[0-9a-fA-F]{4}")]
    private static partial Regex EscapePattern();
}
