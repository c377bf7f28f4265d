using VerifyDynamics.Symbolic.Evaluation;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Evaluation;

/// <summary>
/// The truncation remainder of the exp and atanh series must widen the enclosure on both sides. Dropping its negative side
/// (Stryker survivors IntervalMath 277 and 329, docs/mutation-survivors-symbolic.md) moves the lower bound up by one ulp for
/// a negative series argument, and no containment test can see it: the partial sum's rounding slack still covers the true
/// value. So these pin the lower bounds' bits: the values were computed by an independent Python replica of the series
/// (exact rational error terms) and agree with this build. Each also contains the true value (50 digits, mpmath-style
/// reference below), and the mutant's bound (one ulp up, also given) is what the pin rejects.
/// </summary>
public sealed class SeriesRemainderPinTests
{
    [Theory]
    // x, pinned Lo, the mutant's Lo, the true value (enough digits to order it against Lo)
    [InlineData(-0.5, 0.6065306597126321, 0.6065306597126322, 0.60653065971263342360379953499118)]
    [InlineData(0.5, 1.648721270700127, 1.6487212707001273, 1.6487212707001281468486507878142)]
    public void ExpPoint_LowerBound_IsPinned(double x, double lo, double mutantLo, double truth)
    {
        var e = IntervalMath.ExpPoint(x);
        Assert.Equal(lo, e.Lo);
        Assert.NotEqual(mutantLo, e.Lo);
        Assert.True(e.Lo <= truth && truth <= e.Hi, $"exp({x}) = {truth:R} outside [{e.Lo:R}, {e.Hi:R}]");
    }

    [Theory]
    [InlineData(0.75, -0.28768207245178296, -0.2876820724517829, -0.28768207245178092743921900599383)]
    [InlineData(2.0, 0.6931471805599443, 0.6931471805599444, 0.69314718055994530941723212145818)]
    public void LnPoint_LowerBound_IsPinned(double x, double lo, double mutantLo, double truth)
    {
        var l = IntervalMath.LnPoint(x);
        Assert.Equal(lo, l.Lo);
        Assert.NotEqual(mutantLo, l.Lo);
        Assert.True(l.Lo <= truth && truth <= l.Hi, $"ln({x}) = {truth:R} outside [{l.Lo:R}, {l.Hi:R}]");
    }
}
