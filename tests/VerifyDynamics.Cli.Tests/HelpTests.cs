using System.CommandLine;
using VerifyDynamics.Harness.Certificates;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// Help, version and parse errors (issue 13): every verb answers <c>--help</c> with every option, its description and its
/// default, exit 0, writing nothing; <c>vd</c> alone prints the overview and exits 0; <c>--version</c> names the commit and
/// the source id; a command line that does not parse exits 2 with the error and a pointer to the verb's help.
/// </summary>
public sealed class HelpTests
{
    public static IEnumerable<object[]> Verbs() => Program.VerbNames.Select(v => new object[] { v });

    private static Command VerbCommand(string verb) =>
        Program.BuildRoot(new CliOutput(TextWriter.Null, TextWriter.Null), out _).Subcommands.Single(c => c.Name == verb);

    [Theory]
    [MemberData(nameof(Verbs))]
    public void Help_ListsEveryOptionWithDescriptionAndDefault_ExitsZero_WritesNothing(string verb)
    {
        using var cli = new CliRunner();
        var (exit, output, error) = cli.Run(verb, "--help");
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", error);
        Assert.Empty(cli.FilesOtherThan());
        Assert.Contains($"vd {verb}", output, StringComparison.Ordinal);
        var command = VerbCommand(verb);
        Assert.False(string.IsNullOrWhiteSpace(command.Description));
        Assert.Contains(command.Description!, output, StringComparison.Ordinal);
        foreach (var option in command.Options)
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"{verb} {option.Name} has no description");
            var line = output.Split('\n').SingleOrDefault(l => l.TrimStart().StartsWith(option.Name + " ", StringComparison.Ordinal) || l.Contains(", " + option.Name, StringComparison.Ordinal));
            Assert.True(line is not null, $"{verb} --help does not list {option.Name}:\n{output}");
            Assert.Contains(option.Description![..Math.Min(20, option.Description!.Length)], line, StringComparison.Ordinal);
            if (option.HasDefaultValue && option.GetDefaultValue() is { } value && value.ToString() is { Length: > 0 } shown && value is not System.Collections.IEnumerable and not bool)
            {
                Assert.Contains($"[default: {shown}]", line, StringComparison.Ordinal);
            }
        }
        foreach (var argument in command.Arguments)
        {
            Assert.False(string.IsNullOrWhiteSpace(argument.Description), $"{verb} <{argument.Name}> has no description");
            Assert.Contains(argument.Description!, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Check_Help_ShowsTheDefaults()
    {
        using var cli = new CliRunner();
        var (_, output, _) = cli.Run("check", "--help");
        Assert.Contains("--seed <S>", output, StringComparison.Ordinal);
        Assert.Contains("[default: 20190101]", output, StringComparison.Ordinal);
        Assert.Contains($"[default: {Environment.ProcessorCount}]", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("--verbose")]
    public void Alone_PrintsTheOverview_ExitsZero(params string[] args)
    {
        using var cli = new CliRunner();
        var (exit, output, error) = cli.Run(args);
        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("", error);
        Assert.Contains("Commands:", output, StringComparison.Ordinal);
        Assert.Contains("Exit codes: 0 ok", output, StringComparison.Ordinal);
        foreach (var verb in Program.VerbNames)
        {
            Assert.Contains("  " + verb + " ", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_PrintsTheCommitAndTheSourceId()
    {
        using var cli = new CliRunner();
        var (exit, output, _) = cli.Run("--version");
        Assert.Equal(ExitCodes.Ok, exit);
        var build = BuildInfo.Current;
        Assert.Contains($"vd {build.Version}", output, StringComparison.Ordinal);
        Assert.Contains($"commit {build.Commit}", output, StringComparison.Ordinal);
        Assert.Contains($"source {build.SourceId}", output, StringComparison.Ordinal);
        // Built from a git checkout (the tests run from one): a 40-hex commit and tree id, not "unknown".
        Assert.Matches("^[0-9a-f]{40}(-dirty)?$", build.Commit);
        Assert.Matches("^[0-9a-f]{40}$", build.SourceId);
    }

    [Theory]
    [InlineData("--trials zero", "--trials must be an integer ≥ 1, got 'zero'", "vd check --help")]
    [InlineData("--frobnicate", "unknown option(s): --frobnicate", "vd check --help")]
    [InlineData("--seed", "option --seed needs a value", "vd check --help")]
    public void ParseError_ExitsTwo_WithTheErrorAndAPointerToHelp(string extra, string message, string pointer)
    {
        using var cli = new CliRunner();
        var (exit, output, error) = cli.Run(["check", "ACGH19.Claim1", .. extra.Split(' ')]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Equal("", output);
        Assert.Contains("vd check: " + message, error, StringComparison.Ordinal);
        Assert.Contains(pointer, error, StringComparison.Ordinal);
        Assert.Empty(cli.FilesOtherThan());
    }
}
