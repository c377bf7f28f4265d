using System.Text.Json.Nodes;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary><c>vd tighten</c> and <c>vd falsify</c> on cheap real statements, and their bad-input behaviour (exit 2, nothing written).</summary>
public sealed class TightenFalsifyTests
{
    [Fact]
    public void Tighten_Acgh19Lemma6_PaperConstantHolds_SlackAtLeastOne()
    {
        using var cli = new CliRunner();
        var (exit, output, err) = cli.Run("tighten", "ACGH19.Lemma6", "--constant", "thirty", "--trials", "8", "--local", "8", "--json");
        Assert.True(exit == ExitCodes.Ok, err);
        var doc = JsonNode.Parse(output)!;
        Assert.True(doc["paperHolds"]!.GetValue<bool>());
        Assert.Equal("empirical", doc["evidence"]!.GetValue<string>());
        Assert.True(doc["slackRatio"]!.GetValue<double>() >= 1);
        Assert.NotNull(doc["counterexample"]?["instance"]);
    }

    [Fact]
    public void Falsify_KnownFalseVariant_FindsShrinksAndReplays()
    {
        using var cli = new CliRunner();
        string path = Path.Combine(cli.Directory, "cx.json");
        // JGGSH21.Prop10's BetaDoubled mutant: the 2β-PL inequality fails along the λ_min eigenvector.
        var (exit, output, err) = cli.Run("falsify", "JGGSH21.Prop10", "--set", "betaFactor=2", "--budget", "40", "--shrink-budget", "150", "--out", path);
        Assert.True(exit == ExitCodes.Refuted, output + err);
        Assert.Contains("COUNTEREXAMPLE", output, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
        var replay = cli.Run("check", "JGGSH21.Prop10", "--instance", path, "--set", "betaFactor=2");
        Assert.True(replay.Exit == ExitCodes.Refuted, replay.Out + replay.Err);
        // At the paper's constant the same instance is fine.
        Assert.Equal(ExitCodes.Ok, cli.Run("check", "JGGSH21.Prop10", "--instance", path).Exit);
    }

    [Fact]
    public void TightenAll_Filtered_WritesJsonAndMarkdown()
    {
        using var cli = new CliRunner();
        string path = Path.Combine(cli.Directory, "reports", "slack.json");
        var (exit, _, err) = cli.Run("tighten", "--all", "--filter", "JGGSH21.Prop10", "--budget", "8", "--out", path);
        Assert.True(exit == ExitCodes.Ok, err);
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal("betaFactor", doc["entries"]![0]!["constant"]!.GetValue<string>());
        Assert.Contains("| JGGSH21.Prop10 | `betaFactor` |", File.ReadAllText(Path.ChangeExtension(path, ".md")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("unknown statement id", "tighten", "ACGH19.Lemma66", "--constant", "thirty")]
    [InlineData("did you mean thirty", "tighten", "ACGH19.Lemma6", "--constant", "thirt")]
    [InlineData("no named constants", "tighten", "ACGH19.Claim1", "--constant", "x")]
    [InlineData("--constant NAME is required", "tighten", "ACGH19.Lemma6")]
    [InlineData("--direction", "tighten", "ACGH19.Lemma6", "--constant", "thirty", "--direction", "sideways")]
    [InlineData("NAME=VALUE", "falsify", "JGGSH21.Prop10", "--set", "betaFactor")]
    [InlineData("not an exact number", "falsify", "JGGSH21.Prop10", "--set", "betaFactor=two")]
    [InlineData("did you mean betaFactor", "falsify", "JGGSH21.Prop10", "--set", "betafactr=2")]
    [InlineData("no named constants", "falsify", "ACGH19.Claim1", "--set", "x=1")]
    [InlineData("unknown statement id", "falsify", "NOPE.Nothing")]
    public void BadInput_ExitTwo_ClearMessage_NothingWritten(string expected, params string[] args)
    {
        using var cli = new CliRunner();
        string outPath = Path.Combine(cli.Directory, "out.json");
        var (exit, _, err) = cli.Run([.. args, "--out", outPath]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(expected, err, StringComparison.Ordinal);
        Assert.Empty(cli.FilesOtherThan());
    }
}
