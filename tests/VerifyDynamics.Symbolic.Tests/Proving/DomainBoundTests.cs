using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.Proving;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Proving;

/// <summary>
/// <see cref="DomainCheck"/> on the domain's bounds and on every position a partial operation can take in a claim. Found by
/// classifying the Symbolic mutation survivors (docs/mutation-survivors-symbolic.md, 2026-12-08): a bound like sqrt(−1) was
/// never checked, and <c>vd prove "forall x in [sqrt(-1), 1]: x &lt;= -5"</c> answered "proven" (Z3's definition of
/// sqrt(−1) is unsatisfiable, so the domain was empty); a bound naming another variable crashed the exact evaluator; and no
/// test put a partial operation only on a comparison's right side, only on the left of ∧ or ∨, under ¬, or only in an
/// implication's hypothesis, so dropping any of those from the check went unnoticed.
/// </summary>
public sealed class DomainBoundTests
{
    private static readonly ProofOptions NoZ3 = new(Z3Library: "/nonexistent/libz3.so.4");

    [Theory]
    [InlineData("forall x in [sqrt(-1), 1]: x <= -5", "the lower bound of x, sqrt((-1)), is not defined for certain: sqrt(")]
    [InlineData("forall x in [0, ln(0)]: x >= 0", "the upper bound of x, ln(0), is not defined for certain: ln(0) needs its argument 0 > 0")]
    [InlineData("forall x in [0, ln(1 - 2)): x >= 0", "the upper bound of x, ln((1 - 2)), is not defined for certain")]
    [InlineData("forall y in [0, 1], x in ((-2)^(1/2), 1]: x >= 0", "the lower bound of x, ")]
    public void UndefinedBounds_AreReported_NotProvenVacuously(string claim, string start)
    {
        var problem = DomainCheck.FindProblem(ClaimParser.Parse(claim), NoZ3);
        Assert.NotNull(problem);
        Assert.StartsWith(start, problem, StringComparison.Ordinal);
        Assert.Contains(" is not defined for certain: ", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ABoundNamingAVariable_IsReported()
    {
        var problem = DomainCheck.FindProblem(ClaimParser.Parse("forall y in [-1, 1], x in [sqrt(y), 1]: y >= 0"), NoZ3);
        Assert.Equal("the lower bound of x, sqrt(y), names y: a bound must be a constant (write the dependence into the claim, e.g. as the hypothesis of an implication)", problem);
        Assert.StartsWith("the upper bound of x, (1 + y), names y:", DomainCheck.FindProblem(ClaimParser.Parse("forall y in [0, 1], x in [0, 1 + y]: x >= 0"), NoZ3), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forall x in [sqrt(2), ln(10)]: x >= 1")]
    [InlineData("forall x in [0, 2^(1/2)]: x >= 0")]
    [InlineData("forall x in (0, exp(1)]: ln(x) <= 1")]
    public void DefinedConstantBounds_PassTheCheck(string claim) =>
        Assert.Null(DomainCheck.FindProblem(ClaimParser.Parse(claim), NoZ3));

    [Theory]
    [InlineData("forall x in [-1, 1]: 0 <= sqrt(x)", "sqrt(x)")]                     // a comparison's right side
    [InlineData("forall x in [-1, 1]: sqrt(x) >= 0 && x <= 1", "sqrt(x)")]           // the left of ∧
    [InlineData("forall x in [-1, 1]: ln(x) <= 0 || x >= -1", "ln(x)")]              // the left of ∨
    [InlineData("forall x in [-1, 1]: !(sqrt(x) < 0)", "sqrt(x)")]                   // under ¬
    [InlineData("forall x in [-1, 1]: ln(x) <= 5 -> x <= 1", "ln(x)")]               // an implication's hypothesis
    public void PartialOperations_AreFound_InEveryPositionOfTheClaim(string claim, string what)
    {
        var problem = DomainCheck.FindProblem(ClaimParser.Parse(claim), NoZ3);
        Assert.NotNull(problem);
        Assert.StartsWith($"{what} is undefined on part of the domain at x = ", problem, StringComparison.Ordinal);
    }
}
