using FsCheck;
using FsCheck.Fluent;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using Interval = VerifyDynamics.Symbolic.Evaluation.Interval;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Evaluation;

/// <summary>Outward rounding checked against exact rational arithmetic and 20-digit constants (independent oracles).</summary>
public sealed class IntervalMathTests
{
    private static readonly Config Seeded = Config.QuickThrowOnFailure.WithReplay(12345UL, 67891UL).WithMaxTest(300);

    private static bool Encloses(Interval i, Rational r) => Rational.FromDouble(i.Lo) <= r && r <= Rational.FromDouble(i.Hi);

    private static Rational R(double x) => Rational.FromDouble(x);

    [Fact]
    public void Exp_EnclosesEulersNumberToTwentyDigits()
    {
        var e = IntervalMath.ExpPoint(1);
        Assert.True(Rational.FromDouble(e.Lo) <= Rational.Parse("2.71828182845904523536"));
        Assert.True(Rational.FromDouble(e.Hi) >= Rational.Parse("2.71828182845904523537"));
        Assert.True(e.IsGuaranteed);
    }

    [Fact]
    public void Ln_EnclosesLnTwoToTwentyDigits()
    {
        var l = IntervalMath.LnPoint(2);
        Assert.True(Rational.FromDouble(l.Lo) <= Rational.Parse("0.69314718055994530941"));
        Assert.True(Rational.FromDouble(l.Hi) >= Rational.Parse("0.69314718055994530942"));
    }

    [Fact]
    public void Exp_AtZeroIsExactlyOne_AndLnAtOneContainsZero()
    {
        Assert.Equal(Interval.Point(1), IntervalMath.ExpPoint(0));
        Assert.True(IntervalMath.LnPoint(1).Contains(0));
    }

    [Fact]
    public void AddMulDiv_EncloseTheExactRationalResult()
    {
        Prop.ForAll<NormalFloat, NormalFloat>((a, b) =>
        {
            double x = a.Get, y = b.Get;
            var ix = Interval.Point(x);
            var iy = Interval.Point(y);
            bool ok = Encloses(IntervalMath.Add(ix, iy), R(x) + R(y)) && Encloses(IntervalMath.Mul(ix, iy), R(x) * R(y));
            if (y != 0)
            {
                ok &= Encloses(IntervalMath.Div(ix, iy), R(x) / R(y));
            }
            return ok;
        }).Check(Seeded);
    }

    [Fact]
    public void Sqrt_SquaredBoundsBracketTheArgument()
    {
        Prop.ForAll<NormalFloat>(a =>
        {
            double x = Math.Abs(a.Get);
            var s = IntervalMath.Sqrt(Interval.Point(x));
            return R(s.Lo) * R(s.Lo) <= R(x) && R(x) <= R(s.Hi) * R(s.Hi);
        }).Check(Seeded);
    }

    [Fact]
    public void ExpAndLn_AreMutuallyConsistent()
    {
        // ln(exp([x, x])) must contain x: a check that does not use the C library at all.
        Prop.ForAll(Gen.Choose(-700_000, 700_000).ToArbitrary(), k =>
        {
            double x = k / 1000.0;
            var e = IntervalMath.ExpPoint(x);
            var back = IntervalMath.Ln(e);
            return back.Contains(x) && e.Lo > 0;
        }).Check(Seeded);
    }

    [Fact]
    public void Rational_EnclosureIsTightAndContainsTheValue()
    {
        var third = Rational.Of(1, 3);
        var i = Interval.Enclose(third);
        Assert.True(Encloses(i, third));
        Assert.Equal(Math.BitIncrement(i.Lo), i.Hi);
    }

    [Fact]
    public void UnsafeInterval_IsFlaggedNotGuaranteed_AndTheFlagPropagates()
    {
        // A plain library double (not rounding-controlled) leaking into a computation taints the result.
        var leaked = Interval.UnsafeCreate(Math.Exp(1), Math.Exp(1));
        var sum = IntervalMath.Add(leaked, Interval.Point(1));
        Assert.False(sum.IsGuaranteed);
        Assert.Contains("not guaranteed", sum.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Division_ByAnIntervalContainingZero_IsPossiblyUndefined()
    {
        Assert.False(IntervalMath.Div(Interval.Point(1), Interval.Of(-1, 1)).IsDefined);
        Assert.False(IntervalMath.Ln(Interval.Of(-1, 1)).IsDefined);
    }
}
