using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.Proving;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Proving;

/// <summary>
/// Interval branch-and-bound cases that no test ran before (Symbolic mutation survivors, docs/mutation-survivors-symbolic.md
/// rows 10, 17, 19, 20): a half-bounded domain must come back Unknown with its reason, not crash; claims with abs, whose
/// derivative is not available, must still be decided on one and on two variables (the mean-value form is then skipped
/// for that comparison, not applied with a missing partial derivative); and the claim "true" is proven on any box.
/// </summary>
public sealed class IntervalProverSurvivorTests
{
    private static BranchAndBoundOutcome Decide(string claim) => IntervalBranchAndBound.Decide(ClaimParser.Parse(claim), 10_000);

    [Theory]
    [InlineData("forall x in [0, inf): x >= 0")]
    [InlineData("forall x in (-inf, 1]: x <= 1")]
    public void AHalfBoundedDomain_IsUnknown_WithItsReason(string claim)
    {
        var outcome = Decide(claim);
        Assert.Equal(ProofStatus.Unknown, outcome.Status);
        Assert.Equal("the interval prover needs a bounded domain, and 'x' is unbounded", outcome.Detail);
    }

    [Theory]
    [InlineData("forall x in [0, 1], y in [-1, 1]: exp(x) + abs(y) >= 1")]
    [InlineData("forall x in [-1, 1]: exp(abs(x)) >= 1")]
    [InlineData("forall x in [-1, 1], y in [-1, 1]: max(abs(x), abs(y)) + min(x, 0) >= -1")]
    public void ClaimsWithoutADerivative_AreStillProven(string claim) =>
        Assert.Equal(ProofStatus.Proven, Decide(claim).Status);

    [Fact]
    public void ANonDifferentiableClaimThatIsFalse_IsRefutedWithAWitness()
    {
        var outcome = Decide("forall x in [-1, 1]: abs(x) >= 1/2");
        Assert.Equal(ProofStatus.Refuted, outcome.Status);
        Assert.NotNull(outcome.Witness);
        Assert.True(Math.Abs(outcome.Witness!["x"].ToDouble()) < 0.5);
    }

    [Fact]
    public void True_IsProvenOnAnyBox() =>
        Assert.Equal(ProofStatus.Proven, Decide("forall x in [0, 1]: true").Status);
}
