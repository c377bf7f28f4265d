using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary><c>vd eval --repeat K</c> (the λ_min batch benchmark): the same output as one evaluation, and K is bounded.</summary>
public sealed class EvalRepeatTests
{
    private const string Instance = """{"dims":[2,3,2],"weights":[[[0.5,0.1],[0.2,-0.3],[0.1,0.4]],[[0.3,0.2,-0.1],[0.1,0.5,0.2]]],"target":[[1,0.2],[0.1,0.8]],"eta":0.05}""";

    [Fact]
    public void Repeat_PrintsTheSameResultAsOneEvaluation()
    {
        using var cli = new CliRunner();
        string path = cli.Write("instance.json", Instance);
        var once = cli.Run("eval", "--instance", path, "--lambda-min", "--gd", "50", "--json");
        var thrice = cli.Run("eval", "--instance", path, "--lambda-min", "--gd", "50", "--json", "--repeat", "3");
        Assert.Equal(ExitCodes.Ok, once.Exit);
        Assert.Equal(once, thrice);
        Assert.Contains("\"lambdaMin\"", once.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Repeat_ReportsADivergedRunOnce()
    {
        using var cli = new CliRunner();
        string path = cli.Write("instance.json", """{"dims":[1,1],"weights":[[[0.5]]],"target":[[1]],"eta":3}""");
        var (exit, _, err) = cli.Run("eval", "--instance", path, "--gd", "5000", "--repeat", "2");
        Assert.Equal(ExitCodes.Inconclusive, exit);
        Assert.Single(err.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("diverged", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void Repeat_OutOfRange_IsAUsageError(string k)
    {
        using var cli = new CliRunner();
        string path = cli.Write("instance.json", Instance);
        var (exit, _, err) = cli.Run("eval", "--instance", path, "--repeat", k);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("--repeat", err, StringComparison.Ordinal);
    }
}
