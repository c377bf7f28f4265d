using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>Bad input gets a clear message naming what is wrong, exit code 2, and nothing written.</summary>
public sealed class BadInputTests
{
    private const string GoodInstance = """{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,0.2]],"eta":0.01}""";

    public static IEnumerable<object[]> MalformedInstances() =>
    [
        ["{not json", "not valid JSON"],
        ["[1,2,3]", "must be a JSON object"],
        ["""{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,"x"]]}""", "target[0][1]"],
        ["""{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,NaN]]}""", "not valid JSON"],
        ["""{"dims":[2,3,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,0]]}""", "weights[0]"],
        ["""{"dims":[2,2,1],"weights":[[[1,0],[0]],[[0.5,0.5]]],"target":[[1,0]]}""", "weights[0][1]"],
        ["""{"dims":[2,2,1],"weights":[[[1,0],[0,1]]],"target":[[1,0]]}""", "weights"],
        ["""{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,0],[0,1]]}""", "target"],
        ["""{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,0]],"eta":-1}""", "eta"],
        ["""{"dims":[2,-2,1]}""", "dims[1]"],
        ["""{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,0.5]]],"target":[[1,0]],"learning_rate":1}""", "learning_rate"],
        ["""{"dims":[2,2,1],"weights":[[[1,0],[0,1]],[[0.5,1e400]]],"target":[[1,0]]}""", "weights[1][0][1]"],
    ];

    [Theory]
    [MemberData(nameof(MalformedInstances))]
    public void MalformedInstance_NamesTheField_ExitsTwo_WritesNothing(string json, string expectedFragment)
    {
        using var cli = new CliRunner();
        string path = cli.Write("instance.json", json);
        var (exit, _, err) = cli.Run("eval", "--instance", path, "--gd", "3");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains(expectedFragment, err, StringComparison.Ordinal);
        Assert.Empty(cli.FilesOtherThan(path));
    }

    [Fact]
    public void UnknownStatement_SuggestsNearestIds()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = cli.Run("check", "ACGH19.Claim");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("Did you mean: ACGH19.Claim1", err, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_SuggestsTheVerb()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = cli.Run("chek");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("check", err, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownConstant_IsAUsageError()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = cli.Run("check", "ACGH19.Claim1", "--set", "delta_den=128");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("delta_den", err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "ACGH19.Claim1", "--trials", "zero")]
    [InlineData("check", "ACGH19.Claim1", "--seed", "-4")]
    [InlineData("check", "ACGH19.Claim1", "--frobnicate")]
    [InlineData("check")]
    [InlineData("eval")]
    [InlineData("eval", "--instance", "/nonexistent/instance.json")]
    [InlineData("verify", "--filter", "NOPE.*")]
    [InlineData("show", "ACGH19.Claim1", "extra")]
    [InlineData("experiment", "no-such-experiment")]
    public void BadArguments_ExitTwo_WithAMessage(params string[] args)
    {
        using var cli = new CliRunner();
        var (exit, _, err) = cli.Run(args);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.False(string.IsNullOrWhiteSpace(err));
        Assert.Empty(cli.FilesOtherThan());
    }

    [Fact]
    public void GoodInstance_Evaluates()
    {
        using var cli = new CliRunner();
        string path = cli.Write("instance.json", GoodInstance);
        var (exit, output, _) = cli.Run("eval", "--instance", path, "--gd", "10", "--json");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains("\"deficiencyMargin\"", output, StringComparison.Ordinal);
        Assert.Contains("\"afterGradientDescent\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LambdaMin_PrintsTheEigenvalueAndACertifiedLowerBound()
    {
        using var cli = new CliRunner();
        string path = cli.Write("instance.json", GoodInstance);
        var (exit, output, err) = cli.Run("eval", "--instance", path, "--lambda-min", "--json");
        Assert.True(exit == ExitCodes.Ok, err);
        var hessian = System.Text.Json.Nodes.JsonNode.Parse(output)!["hessian"]!;
        double lambda = hessian["lambdaMin"]!.GetValue<double>();
        double lower = hessian["lowerBound"]!.GetValue<double>();
        // Small instance: the bound is the Cholesky certificate on the dense Hessian, just below the Lanczos value.
        Assert.True(hessian["lowerBoundCertified"]!.GetValue<bool>());
        Assert.True(lower <= lambda && lambda - lower <= 1e-6 * Math.Max(1, Math.Abs(lambda)), $"{lower} vs {lambda}");
    }

    [Fact]
    public void DivergingRun_IsReported_NotACrash()
    {
        using var cli = new CliRunner();
        string path = cli.Write("instance.json", """{"dims":[1,1],"weights":[[[0.5]]],"target":[[1]],"eta":3}""");
        var (exit, _, err) = cli.Run("eval", "--instance", path, "--gd", "5000");
        Assert.Equal(ExitCodes.Inconclusive, exit);
        Assert.Contains("diverged", err, StringComparison.Ordinal);
    }
}
