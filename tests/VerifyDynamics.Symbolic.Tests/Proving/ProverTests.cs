using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.Native;
using VerifyDynamics.Symbolic.Proving;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Proving;

public sealed class ProverTests
{
    private static readonly ProofOptions Hidden = new(Z3Library: "/nonexistent/libz3.so.4");

    [Z3Fact]
    public void Z3_ProvesAKnownTrueInequality()
    {
        Z3Requirement.AssertLoaded();
        var r = ObligationProver.Prove("forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y");
        Assert.Equal(ProofStatus.Proven, r.Status);
        Assert.StartsWith("z3 ", r.Method, StringComparison.Ordinal);
        Assert.NotNull(r.Z3Version);
        Assert.Equal(ProofOptions.DefaultRlimit, r.Rlimit);
        Assert.Contains("negated_claim", r.UnsatCore!);
        Assert.Contains("(check-sat)", r.SmtLib, StringComparison.Ordinal);
    }

    [Z3Fact]
    public void Z3_RefutesAKnownFalseInequality_WithAnExactlyRecheckedWitness()
    {
        Z3Requirement.AssertLoaded();
        var r = ObligationProver.Prove("forall y in (0, 1/2): 1/(1-y) <= 1 + y");
        Assert.Equal(ProofStatus.Refuted, r.Status);
        Assert.Contains("exact rational", r.Detail, StringComparison.Ordinal);
        var y = Core.Numbers.Rational.Parse(r.Witness!["y"]);
        // Independent check of the witness: 1/(1-y) > 1 + y  <=>  y^2 > 0 on (0, 1/2).
        Assert.True(y.Sign > 0 && y < Core.Numbers.Rational.Of(1, 2));
    }

    [Z3Fact]
    public void Z3_AnswersUnknownWhenTheRlimitIsTooSmall_AndSaysWhy()
    {
        Z3Requirement.AssertLoaded();
        var claim = "forall a in R, b in R, c in R: (a^2 + b^2 + c^2)^3 >= 27*a^2*b^2*c^2";
        var r = ObligationProver.Prove(claim, new ProofOptions(Rlimit: 1));
        Assert.Equal(ProofStatus.Unknown, r.Status);
        Assert.Contains("Z3 returned unknown", r.Detail, StringComparison.Ordinal);
        Assert.Equal(1, r.Rlimit);
    }

    [Z3Fact]
    public void Z3_DivisionByZeroModelIsNotAcceptedAsACounterexample()
    {
        // Z3 reads 0/0 as some value, so "x/x = 1" has a model at x = 0; the exact re-check rejects it. Without libz3 both
        // claims are merely skipped, which would pass vacuously: hence [Z3Fact] and the check that Z3 did run.
        Z3Requirement.AssertLoaded();
        var r = ObligationProver.Prove("forall x in [-1, 1]: x/x = 1 || x = 0", new ProofOptions(IntervalBudget: 200));
        Assert.NotEqual(ProofStatus.Refuted, r.Status);
        var s = ObligationProver.Prove("forall x in R: x/x = 1", new ProofOptions(IntervalBudget: 200));
        Assert.NotEqual(ProofStatus.Refuted, s.Status);
    }

    [Fact]
    public void IntervalProver_ProvesAKnownTrueTranscendentalClaim()
    {
        var r = IntervalBranchAndBound.Decide(ClaimParser.Parse("forall x in [0, 1]: 1 - x <= exp(-x)"), 10_000);
        Assert.Equal(ProofStatus.Proven, r.Status);
    }

    [Fact]
    public void IntervalProver_RefutesAKnownFalseClaim_WithAVerifiedPoint()
    {
        var o = ClaimParser.Parse("forall x in [1, 3]: ln(x) <= x/3");
        var r = IntervalBranchAndBound.Decide(o, 10_000);
        Assert.Equal(ProofStatus.Refuted, r.Status);
        Assert.True(WitnessCheck.Confirm(o, r.Witness!).Confirmed);
        Assert.Contains("guaranteed interval", r.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void IntervalProver_SaysUnknownWhenTheBudgetRunsOut()
    {
        var o = ClaimParser.Parse("forall x in [0, 1]: exp(x) <= 1 + 2*x");
        var r = IntervalBranchAndBound.Decide(o, 1);
        Assert.Equal(ProofStatus.Unknown, r.Status);
        Assert.Contains("budget of 1 boxes", r.Detail, StringComparison.Ordinal);
        Assert.Equal(ProofStatus.Proven, IntervalBranchAndBound.Decide(o, 100_000).Status);
    }

    [Fact]
    public void Dispatch_UsesTheIntervalProverForExpWhenZ3RelaxationIsNotEnough()
    {
        var r = ObligationProver.Prove("forall x in [0, 1]: exp(x) <= 1 + 2*x");
        Assert.Equal(ProofStatus.Proven, r.Status);
        Assert.StartsWith("interval branch-and-bound", r.Method, StringComparison.Ordinal);
        Assert.NotNull(r.IntervalBoxes);
    }

    [Fact]
    public void HiddenZ3_SkipsPolynomialObligationsWithAClearReason()
    {
        var r = ObligationProver.Prove("forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y", Hidden);
        Assert.Equal(ProofStatus.Skipped, r.Status);
        // The reason names the missing library and the package, or (VD_DISABLE_Z3=1, which takes precedence) the switch.
        Assert.True(r.Detail.Contains("not found (install Debian package libz3-4", StringComparison.Ordinal)
            || r.Detail.Contains("Z3 disabled by VD_DISABLE_Z3", StringComparison.Ordinal), r.Detail);
        Assert.Null(r.Z3Version);
    }

    [Fact]
    public void HiddenZ3_StillDecidesTranscendentalObligationsWithTheIntervalProver()
    {
        var r = ObligationProver.Prove("forall x in [0, 1]: 1 - x <= exp(-x)", Hidden);
        Assert.Equal(ProofStatus.Proven, r.Status);
        Assert.StartsWith("interval", r.Method, StringComparison.Ordinal);
    }

    [Fact]
    public void Z3Library_EnvironmentVariablesHideOrRedirectTheLibrary()
    {
        Assert.Empty(Z3Library.Candidates(null, v => v == Z3Library.DisableVariable ? "1" : null));
        Assert.Equal(["/nonexistent"], Z3Library.Candidates(null, v => v == Z3Library.LibraryVariable ? "/nonexistent" : null));
        Assert.Equal(["libz3.so.4", "libz3.so"], Z3Library.Candidates(null, _ => null));
        Assert.False(Z3Library.TryLoad(null, v => v == Z3Library.DisableVariable ? "1" : null, out _, out var reason));
        Assert.Contains(Z3Library.DisableVariable, reason, StringComparison.Ordinal);
        Assert.False(Z3Library.TryLoad(null, v => v == Z3Library.LibraryVariable ? "/nonexistent" : null, out _, out reason));
        Assert.Contains("/nonexistent not found", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseError_IsUnknownWithTheColumn()
    {
        var r = ObligationProver.Prove("forall x in [0, 1]: x <=");
        Assert.Equal(ProofStatus.Unknown, r.Status);
        Assert.Contains("column 25", r.Detail, StringComparison.Ordinal);
    }
}

/// <summary>
/// Z3 contexts are freed. Measured on the process working set, so it runs alone (other test classes allocating in
/// parallel made it flaky) and after a full garbage collection.
/// </summary>
[Collection(nameof(Z3MemoryTests))]
public sealed class Z3MemoryTests
{
    private static long SettledWorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return Environment.WorkingSet;
    }

    [Z3Fact]
    public void Z3_ContextsAreFreedInLoops()
    {
        Z3Requirement.AssertLoaded();
        // A fresh context per obligation, deleted in finally: many runs must not grow the process much.
        for (int i = 0; i < 50; i++)
        {
            ObligationProver.Prove($"forall x in [0, {i + 1}]: x^2 >= 0");
        }
        long before = SettledWorkingSet();
        for (int i = 0; i < 200; i++)
        {
            ObligationProver.Prove($"forall x in [0, {i + 1}]: x^2 >= 0");
        }
        long growth = SettledWorkingSet() - before;
        // A leaked Z3 context costs well over 100 kB; 200 of them would exceed 20 MB.
        Assert.True(growth < 20_000_000, $"working set grew by {growth} bytes over 200 obligations");
    }
}

[CollectionDefinition(nameof(Z3MemoryTests), DisableParallelization = true)]
public sealed class Z3MemoryTestsRunAlone;
