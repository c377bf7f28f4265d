using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Cli.Tests;

/// <summary>
/// <c>--assembly DLL</c> with bad input: a one-line reason, exit 2, nothing written (the working path is covered end to end by
/// <see cref="PackagesEndToEndTests"/>). This test assembly itself carries two statements with the same id (below), so pointing
/// --assembly at it exercises the duplicate-id rule.
/// </summary>
public sealed class AssemblyOptionTests
{
    private static string TestAssembly => typeof(AssemblyOptionTests).Assembly.Location;

    public static IEnumerable<object[]> Verbs() =>
    [
        [new[] { "verify", "--no-progress" }], // Relocate adds --certificates/--reports inside the temp folder (an option given twice is a parse error)
        [new[] { "check", "X.Y" }],
        [new[] { "show", "X.Y" }],
        [new[] { "list" }],
        [new[] { "mutants", "--no-progress" }],
    ];

    [Theory]
    [MemberData(nameof(Verbs))]
    public void MissingFile_ExitsTwo_WritesNothing(string[] verb)
    {
        using var cli = new CliRunner();
        var (exit, _, err) = cli.Run([.. verb, "--assembly", Path.Combine(cli.Directory, "Nope.dll"), .. Relocate(verb, cli)]);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("Nope.dll' does not exist", err, StringComparison.Ordinal);
        Assert.Empty(cli.FilesOtherThan());
    }

    [Fact]
    public void NotADotNetAssembly_ExitsTwo_WritesNothing()
    {
        using var cli = new CliRunner();
        string dll = cli.Write("Garbage.dll", "MZ this is not a PE file");
        var (exit, _, err) = cli.Run("verify", "--assembly", dll, "--certificates", Path.Combine(cli.Directory, "c"), "--reports", Path.Combine(cli.Directory, "r"), "--no-progress");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("is not a .NET assembly", err, StringComparison.Ordinal);
        Assert.Equal([dll], cli.FilesOtherThan());
    }

    [Fact]
    public void Folder_ExitsTwo()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = cli.Run("list", "--assembly", cli.Directory);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("is a folder", err, StringComparison.Ordinal);
    }

    [Fact]
    public void AssemblyWithoutStatements_ExitsTwo_WritesNothing()
    {
        using var cli = new CliRunner();
        string dll = typeof(Testing.StatementChecks).Assembly.Location;
        var (exit, _, err) = cli.Run("verify", "--assembly", dll, "--certificates", Path.Combine(cli.Directory, "c"), "--reports", Path.Combine(cli.Directory, "r"), "--no-progress");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("has no statements: expose each as a public static class with a public static property 'Statement'", err, StringComparison.Ordinal);
        Assert.Empty(cli.FilesOtherThan());
    }

    [Fact]
    public void VerifyDynamicsOwnLibrary_ExitsTwo()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = cli.Run("list", "--assembly", typeof(Statement).Assembly.Location);
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("VerifyDynamics' own VerifyDynamics.Theorems", err, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateIds_ExitsTwo_WritesNothing()
    {
        using var cli = new CliRunner();
        var (exit, _, err) = cli.Run("verify", "--assembly", TestAssembly, "--certificates", Path.Combine(cli.Directory, "c"), "--reports", Path.Combine(cli.Directory, "r"), "--no-progress");
        Assert.Equal(ExitCodes.UsageError, exit);
        Assert.Contains("statement ids defined twice", err, StringComparison.Ordinal);
        Assert.Contains("TestPaper.Twice", err, StringComparison.Ordinal);
        Assert.Empty(cli.FilesOtherThan());
    }

    /// <summary>The verify verb's output folders, moved into the scratch directory.</summary>
    private static string[] Relocate(string[] verb, CliRunner cli) => verb[0] == "verify"
        ? ["--certificates", Path.Combine(cli.Directory, "c"), "--reports", Path.Combine(cli.Directory, "r")]
        : [];
}

/// <summary>One of two statements with the same id (the duplicate-id rule of <c>--assembly</c>, <see cref="AssemblyOptionTests"/>).</summary>
public static class PlantedDuplicateA
{
    public static Statement Statement { get; } = Planted.Make("A");
}

/// <summary>The other statement with the id TestPaper.Twice (ids are compared ignoring case).</summary>
public static class PlantedDuplicateB
{
    public static Statement Statement { get; } = Planted.Make("B") with { Id = new StatementId("TestPaper", "twice") };
}

internal static class Planted
{
    public static Statement Make(string which) => new()
    {
        Id = new StatementId("TestPaper", "Twice"),
        Source = new SourceRef("TestPaper", "none", "none"),
        Kind = StatementKind.Lemma,
        Title = "planted duplicate " + which,
        Text = "x ≤ x",
        Fidelity = Fidelity.Full(),
        Hypotheses = new Hypotheses("x = 1", _ => Instance.OfScalars("one", ("x", 1)), (_, _) => HypothesesCheck.Ok),
        Conclusion = (x, _, _) => MarginSet.Of(Margin.AtMost("x − x", x.Scalar("x"), x.Scalar("x"), Core.Numbers.Tolerance.Exact)),
        Variants = [Variant.Mutant("Wrong", "x ≤ x − 1", s => s.WithConclusion((x, _, _) => MarginSet.Of(Margin.AtMost("x − 1 − x", x.Scalar("x"), x.Scalar("x") - 1, Core.Numbers.Tolerance.Exact))))],
    };
}
