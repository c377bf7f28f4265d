using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>Every verb answers <c>--help</c> with its summary and usage, exit 0, and does nothing else.</summary>
public sealed class HelpTests
{
    public static IEnumerable<object[]> Verbs() => Program.Commands.Select(c => new object[] { c.Verb });

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_PrintsUsage_ExitsZero_WritesNothing(string verb)
    {
        using var cli = new CliRunner();
        var (exit, output, error) = cli.Run(verb, "--help");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Contains($"vd {verb}: ", output, StringComparison.Ordinal);
        Assert.Contains("usage: ", output, StringComparison.Ordinal);
        Assert.Equal("", error);
        Assert.Empty(cli.FilesOtherThan());
    }
}
