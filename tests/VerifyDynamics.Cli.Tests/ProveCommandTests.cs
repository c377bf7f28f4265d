using Xunit;

namespace VerifyDynamics.Cli.Tests;

public sealed class ProveCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = Program.Run(["prove", .. args], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Prove_TrueClaim_ExitsZeroAndNamesTheProver()
    {
        var (code, output, _) = Run("forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y");
        Assert.Equal(0, code);
        Assert.Contains("verdict:  proven", output, StringComparison.Ordinal);
        Assert.Contains("evidence: z3", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_FalseClaim_ExitsOneWithACounterexample()
    {
        var (code, output, _) = Run("forall y in (0, 1/2): 1/(1-y) <= 1 + y");
        Assert.Equal(1, code);
        Assert.Contains("verdict:  refuted", output, StringComparison.Ordinal);
        Assert.Contains("counterexample: y = ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_ParseError_ExitsTwoAndPointsAtTheColumn()
    {
        var (code, _, error) = Run("forall y in (0, 1/2): 1/(1-y) <= 1 + 2*z");
        Assert.Equal(2, code);
        Assert.Contains("column 40", error, StringComparison.Ordinal);
        Assert.Contains(new string(' ', 2 + 39) + "^", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_Json_CarriesTheEvidence()
    {
        var (code, output, _) = Run("forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y", "--json", "--rlimit", "3000000");
        Assert.Equal(0, code);
        Assert.Contains("\"verdict\": \"proven\"", output, StringComparison.Ordinal);
        Assert.Contains("\"rlimit\": 3000000", output, StringComparison.Ordinal);
        Assert.Contains("\"z3Version\"", output, StringComparison.Ordinal);
        Assert.Contains("\"smtLib\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Prove_UsageErrors_ExitTwo()
    {
        Assert.Equal(2, Run().Code);
        Assert.Equal(2, Run("x", "--rlimit").Code);
        Assert.Equal(2, Run("x", "--frobnicate").Code);
    }

    [Fact]
    public void Prove_SmallBudget_ExitsThreeForUnknown()
    {
        var (code, output, _) = Run("forall x in [0, 1]: exp(x) <= 1 + 2*x", "--budget", "1");
        Assert.Equal(3, code);
        Assert.Contains("verdict:  unknown", output, StringComparison.Ordinal);
    }
}

public sealed class ProveCommandWithoutZ3Tests
{
    [Fact]
    public void Prove_WithLibz3Hidden_IsSkippedWithExitThreeAndSaysWhy()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        int code = Program.Run(["prove", "forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y", "--z3-library", "/nonexistent/libz3.so.4"], stdout, stderr);
        Assert.Equal(3, code);
        Assert.Contains("verdict:  skipped", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("/nonexistent/libz3.so.4 not found", stdout.ToString(), StringComparison.Ordinal);
        Assert.Contains("not evidence", stdout.ToString(), StringComparison.Ordinal);
    }
}
