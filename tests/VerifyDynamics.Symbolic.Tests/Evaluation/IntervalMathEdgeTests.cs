using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using Interval = VerifyDynamics.Symbolic.Evaluation.Interval;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Evaluation;

/// <summary>
/// The edge branches of <see cref="IntervalMath"/> pinned to exact values: overflow, infinite and zero operands, the
/// near-underflow ulp step, the definedness and guarantee flags, and tightness (mutation testing, issue 15: the enclosure
/// properties check soundness, so a mutant that only widens a bound or drops a flag survived them).
/// </summary>
public sealed class IntervalMathEdgeTests
{
    private const double Max = double.MaxValue;
    private static readonly double Inf = double.PositiveInfinity;
    private static readonly double OnePlusUlp = Math.BitIncrement(1.0);

    private static Rational R(double x) => Rational.FromDouble(x);

    private static void Same(Interval expected, Interval actual) =>
        Assert.True(expected == actual, $"expected {expected} (defined {expected.IsDefined}, guaranteed {expected.IsGuaranteed}), got {actual} (defined {actual.IsDefined}, guaranteed {actual.IsGuaranteed})");

    [Fact]
    public void AddRounded_IsExactWhenTheSumIsADouble_AndOneUlpOutwardWhenNot()
    {
        Assert.Equal(3.0, IntervalMath.AddRounded(1, 2, true));
        Assert.Equal(3.0, IntervalMath.AddRounded(1, 2, false));
        double tiny = Math.ScaleB(1, -60);
        Assert.Equal(OnePlusUlp, IntervalMath.AddRounded(1, tiny, true));
        Assert.Equal(1.0, IntervalMath.AddRounded(1, tiny, false));
        Assert.Equal(1.0, IntervalMath.AddRounded(1, -tiny, true));
        Assert.Equal(Math.BitDecrement(1.0), IntervalMath.AddRounded(1, -tiny, false));
        // The error term is (a − (s − bb)) + (b − bb): with the small operand first it must come out the same.
        Assert.Equal(OnePlusUlp, IntervalMath.AddRounded(tiny, 1, true));
        Assert.Equal(Math.BitDecrement(1.0), IntervalMath.AddRounded(-tiny, 1, false));
    }

    [Fact]
    public void AddRounded_Overflow_IsTheLargestDoubleOnTheFiniteSide()
    {
        Assert.Equal(Inf, IntervalMath.AddRounded(Max, Max, true));
        Assert.Equal(Max, IntervalMath.AddRounded(Max, Max, false));
        Assert.Equal(-Max, IntervalMath.AddRounded(-Max, -Max, true));
        Assert.Equal(-Inf, IntervalMath.AddRounded(-Max, -Max, false));
        // An infinite operand is not an overflow: the true value is infinite, so no finite bound is substituted.
        Assert.Equal(Inf, IntervalMath.AddRounded(Inf, 1, false));
        Assert.Equal(-Inf, IntervalMath.AddRounded(1, -Inf, true));
    }

    [Fact]
    public void MulRounded_ZeroTimesInfinityIsZero_AndInfiniteOperandsAreNotOverflow()
    {
        Assert.Equal(0.0, IntervalMath.MulRounded(0, Inf, true));
        Assert.Equal(0.0, IntervalMath.MulRounded(-Inf, 0, false));
        Assert.Equal(Inf, IntervalMath.MulRounded(Inf, 2, false));
        Assert.Equal(-Inf, IntervalMath.MulRounded(2, -Inf, true));
        Assert.Equal(Inf, IntervalMath.MulRounded(Max, 2, true));
        Assert.Equal(Max, IntervalMath.MulRounded(Max, 2, false));
        Assert.Equal(-Max, IntervalMath.MulRounded(Max, -2, true));
        Assert.Equal(-Inf, IntervalMath.MulRounded(-2, Max, false));
    }

    [Fact]
    public void MulRounded_IsExactOrOneUlpOutward_AndStepsAnUlpNearUnderflow()
    {
        Assert.Equal(15.0, IntervalMath.MulRounded(3, 5, true));
        Assert.Equal(15.0, IntervalMath.MulRounded(3, 5, false));
        // (1 + u)² = 1 + 2u + u² with u = 2^−52: the nearest double is 1 + 2u, the true value just above it.
        double near = 1 + Math.ScaleB(1, -51);
        Assert.Equal(Math.BitIncrement(near), IntervalMath.MulRounded(OnePlusUlp, OnePlusUlp, true));
        Assert.Equal(near, IntervalMath.MulRounded(OnePlusUlp, OnePlusUlp, false));
        Assert.Equal(-near, IntervalMath.MulRounded(OnePlusUlp, -OnePlusUlp, true));
        Assert.Equal(Math.BitDecrement(-near), IntervalMath.MulRounded(OnePlusUlp, -OnePlusUlp, false));
        // Below 2^−960 the FMA error term may be inexact, so even an exact product moves one ulp outward.
        double t = Math.ScaleB(1, -500);
        double p = Math.ScaleB(1, -1000);
        Assert.Equal(Math.BitIncrement(p), IntervalMath.MulRounded(t, t, true));
        Assert.Equal(Math.BitDecrement(p), IntervalMath.MulRounded(t, t, false));
    }

    [Fact]
    public void DivRounded_BracketsTheQuotient_AndHandlesZeroInfinityOverflowAndUnderflow()
    {
        double up = IntervalMath.DivRounded(1, 3, true), down = IntervalMath.DivRounded(1, 3, false);
        Assert.Equal(Math.BitIncrement(down), up);
        Assert.True(R(down) < Rational.Of(1, 3) && Rational.Of(1, 3) < R(up));
        double nup = IntervalMath.DivRounded(1, -3, true), ndown = IntervalMath.DivRounded(1, -3, false);
        Assert.Equal(Math.BitIncrement(ndown), nup);
        Assert.True(R(ndown) < Rational.Of(-1, 3) && Rational.Of(-1, 3) < R(nup));
        double ndown2 = IntervalMath.DivRounded(-2, 3, false), nup2 = IntervalMath.DivRounded(-2, 3, true);
        Assert.True(R(ndown2) < Rational.Of(-2, 3) && Rational.Of(-2, 3) < R(nup2) && Math.BitIncrement(ndown2) == nup2);
        Assert.Equal(0.5, IntervalMath.DivRounded(1, 2, true));
        Assert.Equal(0.5, IntervalMath.DivRounded(1, 2, false));
        Assert.Equal(0.0, IntervalMath.DivRounded(0, 0, true));
        Assert.Equal(0.0, IntervalMath.DivRounded(1, Inf, false));
        Assert.Equal(Inf, IntervalMath.DivRounded(Inf, 2, false));
        Assert.Equal(Inf, IntervalMath.DivRounded(Max, 0.5, true));
        Assert.Equal(Max, IntervalMath.DivRounded(Max, 0.5, false));
        Assert.Equal(-Max, IntervalMath.DivRounded(Max, -0.5, true));
        // A tiny quotient, or a tiny dividend with a normal quotient: one ulp outward although both are exact.
        double q = Math.ScaleB(1, -1000);
        Assert.Equal(Math.BitIncrement(q), IntervalMath.DivRounded(q, 1, true));
        Assert.Equal(Math.BitDecrement(q), IntervalMath.DivRounded(q, 1, false));
        double a = Math.ScaleB(1, -970), b = Math.ScaleB(1, -100), ab = Math.ScaleB(1, -870);
        Assert.Equal(Math.BitIncrement(ab), IntervalMath.DivRounded(a, b, true));
        Assert.Equal(Math.BitDecrement(ab), IntervalMath.DivRounded(a, b, false));
    }

    [Fact]
    public void SqrtRounded_IsExactOnSquares_BracketsOtherwise_AndStepsAnUlpNearUnderflow()
    {
        Assert.Equal(2.0, IntervalMath.SqrtRounded(4, true));
        Assert.Equal(2.0, IntervalMath.SqrtRounded(4, false));
        Assert.Equal(0.0, IntervalMath.SqrtRounded(0, true));
        Assert.Equal(Inf, IntervalMath.SqrtRounded(Inf, false));
        double up = IntervalMath.SqrtRounded(2, true), down = IntervalMath.SqrtRounded(2, false);
        Assert.Equal(Math.BitIncrement(down), up);
        Assert.True(R(down) * R(down) < 2 && 2 < R(up) * R(up));
        double x = Math.ScaleB(1, -1000), s = Math.ScaleB(1, -500);
        Assert.Equal(Math.BitIncrement(s), IntervalMath.SqrtRounded(x, true));
        Assert.Equal(Math.BitDecrement(s), IntervalMath.SqrtRounded(x, false));
    }

    [Fact]
    public void FlagsPropagate_ThroughEveryBinaryOperation()
    {
        var ok = Interval.Of(1, 2);
        var undefined = new Interval(1, 2, false, true);
        var unsafeI = Interval.UnsafeCreate(1, 2);
        foreach (var op in new Func<Interval, Interval, Interval>[] { IntervalMath.Add, IntervalMath.Sub, IntervalMath.Mul, IntervalMath.Div, IntervalMath.Min, IntervalMath.Max, IntervalMath.Intersect })
        {
            foreach (var (a, b) in new[] { (ok, undefined), (undefined, ok) })
            {
                var r = op(a, b);
                Assert.False(r.IsDefined);
                Assert.True(r.IsGuaranteed);
            }
            foreach (var (a, b) in new[] { (ok, unsafeI), (unsafeI, ok) })
            {
                var r = op(a, b);
                Assert.True(r.IsDefined);
                Assert.False(r.IsGuaranteed);
            }
            Assert.True(op(ok, ok) is { IsDefined: true, IsGuaranteed: true });
        }
        foreach (var op in new Func<Interval, Interval>[] { IntervalMath.Neg, IntervalMath.Abs, IntervalMath.Exp, IntervalMath.Ln, IntervalMath.Sqrt, a => IntervalMath.Pow(a, 0), a => IntervalMath.Pow(a, 3), a => IntervalMath.Pow(a, 2) })
        {
            Assert.False(op(undefined).IsDefined);
            Assert.True(op(undefined).IsGuaranteed);
            Assert.False(op(unsafeI).IsGuaranteed);
            Assert.True(op(unsafeI).IsDefined);
        }
    }

    [Fact]
    public void ExactOperations_GiveTheExactInterval()
    {
        Same(Interval.Of(4, 6), IntervalMath.Add(Interval.Of(1, 2), Interval.Of(3, 4)));
        Same(Interval.Of(-3, -1), IntervalMath.Sub(Interval.Of(1, 2), Interval.Of(3, 4)));
        Same(Interval.Of(-4, -1), IntervalMath.Neg(Interval.Of(1, 4)));
        Same(Interval.Of(-8, 6), IntervalMath.Mul(Interval.Of(-4, 3), Interval.Of(-1, 2)));
        Same(Interval.Of(-12, 9), IntervalMath.Mul(Interval.Of(-4, 3), Interval.Of(-2, 3)));
        Same(Interval.Of(0.25, 2), IntervalMath.Div(Interval.Of(1, 4), Interval.Of(2, 4)));
        Same(Interval.Of(-2, -0.25), IntervalMath.Div(Interval.Of(1, 4), Interval.Of(-4, -2)));
        Same(Interval.Of(-2, 1), IntervalMath.Div(Interval.Of(-4, 2), Interval.Of(2, 4)));
        Same(Interval.Of(-1, 2), IntervalMath.Div(Interval.Of(-4, 2), Interval.Of(-4, -2)));
        Same(Interval.Of(1, 3), IntervalMath.Min(Interval.Of(1, 5), Interval.Of(2, 3)));
        Same(Interval.Of(2, 5), IntervalMath.Max(Interval.Of(1, 5), Interval.Of(2, 3)));
        Same(Interval.Of(2, 3), IntervalMath.Intersect(Interval.Of(1, 3), Interval.Of(2, 5)));
        Same(Interval.Of(2, 3), IntervalMath.Intersect(Interval.Of(2, 5), Interval.Of(1, 3)));
    }

    [Fact]
    public void Div_ByAnIntervalTouchingZero_IsEntireAndPossiblyUndefined()
    {
        Same(Interval.Entire(false, true), IntervalMath.Div(Interval.Of(1, 2), Interval.Of(0, 1)));
        Same(Interval.Entire(false, true), IntervalMath.Div(Interval.Of(1, 2), Interval.Of(-1, 0)));
        Same(Interval.Entire(false, false), IntervalMath.Div(Interval.UnsafeCreate(1, 2), Interval.Of(-1, 1)));
    }

    [Fact]
    public void Pow_EveryBranch_GivesTheExactRange()
    {
        Same(new Interval(1, 1, false, true), IntervalMath.Pow(new Interval(-5, 7, false, true), 0));
        Same(Interval.Of(1, 1), IntervalMath.Pow(Interval.Of(-5, 7), 0));
        Same(Interval.Of(8, 27), IntervalMath.Pow(Interval.Of(2, 3), 3));
        Same(Interval.Of(-27, -8), IntervalMath.Pow(Interval.Of(-3, -2), 3));
        Same(Interval.Of(-8, 27), IntervalMath.Pow(Interval.Of(-2, 3), 3));
        Same(Interval.Of(0, 27), IntervalMath.Pow(Interval.Of(0, 3), 3));
        Same(Interval.Of(-8, 0), IntervalMath.Pow(Interval.Of(-2, 0), 3));
        Same(Interval.Of(-2, 3), IntervalMath.Pow(Interval.Of(-2, 3), 1));
        Same(Interval.Of(4, 9), IntervalMath.Pow(Interval.Of(2, 3), 2));
        Same(Interval.Of(4, 9), IntervalMath.Pow(Interval.Of(-3, -2), 2));
        Same(Interval.Of(0, 9), IntervalMath.Pow(Interval.Of(-3, 2), 2));
        Same(Interval.Of(0, 9), IntervalMath.Pow(Interval.Of(-2, 3), 2));
        Same(Interval.Of(0, 16), IntervalMath.Pow(Interval.Of(0, 2), 4));
        Same(Interval.Of(0, 16), IntervalMath.Pow(Interval.Of(-2, 0), 4));
        Same(Interval.Of(16, 81), IntervalMath.Pow(Interval.Of(-3, -2), 4));
        Same(Interval.Of(32, 243), IntervalMath.Pow(Interval.Of(2, 3), 5));
        Same(Interval.Of(64, 729), IntervalMath.Pow(Interval.Of(2, 3), 6));
        Same(Interval.Of(0.25, 0.5), IntervalMath.Pow(Interval.Of(2, 4), -1));
        Same(Interval.Of(0.0625, 0.25), IntervalMath.Pow(Interval.Of(-4, -2), -2));
        Assert.False(IntervalMath.Pow(Interval.Of(-1, 2), -2).IsDefined);
    }

    [Fact]
    public void SqrtAbsAndLn_EveryBranch()
    {
        Same(Interval.Of(2, 3), IntervalMath.Sqrt(Interval.Of(4, 9)));
        Same(new Interval(0, 3, false, true), IntervalMath.Sqrt(Interval.Of(-1, 9)));
        Same(Interval.Of(0, 3), IntervalMath.Sqrt(Interval.Of(0, 9)));
        Same(Interval.Of(0, 0), IntervalMath.Sqrt(Interval.Of(0, 0)));
        Same(Interval.Entire(false, true), IntervalMath.Sqrt(Interval.Of(-9, -1)));
        Same(Interval.Entire(false, false), IntervalMath.Sqrt(Interval.UnsafeCreate(-9, -1)));
        Same(Interval.Of(2, 3), IntervalMath.Abs(Interval.Of(2, 3)));
        Same(Interval.Of(2, 3), IntervalMath.Abs(Interval.Of(-3, -2)));
        Same(Interval.Of(0, 3), IntervalMath.Abs(Interval.Of(-3, 2)));
        Same(Interval.Of(0, 3), IntervalMath.Abs(Interval.Of(-2, 3)));
        Same(Interval.Entire(false, true), IntervalMath.Ln(Interval.Of(-2, 0)));
        Same(Interval.Entire(false, false), IntervalMath.Ln(Interval.UnsafeCreate(-2, -1)));
        var half = IntervalMath.Ln(Interval.Of(0, 1));
        Assert.False(half.IsDefined);
        Assert.Equal(double.NegativeInfinity, half.Lo);
        Assert.True(half.Hi >= 0 && half.Hi <= 1e-300);
        var l = IntervalMath.Ln(Interval.Of(1, 2));
        Assert.True(l.IsDefined && l.Lo <= 0 && l.Lo >= -1e-300 && l.Contains(Math.Log(2)) && l.Hi - Math.Log(2) < 1e-14);
    }

    [Fact]
    public void ExpPoint_SpecialArguments()
    {
        Same(Interval.Entire(false, true), IntervalMath.ExpPoint(double.NaN));
        Same(Interval.Point(0), IntervalMath.ExpPoint(double.NegativeInfinity));
        Same(Interval.Of(Max, Inf), IntervalMath.ExpPoint(710));
        Same(Interval.Of(Max, Inf), IntervalMath.ExpPoint(Inf));
        Same(Interval.Of(0, double.Epsilon), IntervalMath.ExpPoint(-746));
        // Just inside the thresholds the series is used and the enclosure is finite and tight.
        var big = IntervalMath.ExpPoint(709.78);
        Assert.True(big.Contains(Math.Exp(709.78)) && double.IsFinite(big.Hi) && big.Hi - big.Lo <= 1e-11 * Math.Exp(709.78), $"{big}");
        var small = IntervalMath.ExpPoint(-700);
        Assert.True(small.Contains(Math.Exp(-700)) && small.Lo > 0 && small.Hi - small.Lo <= 1e-11 * Math.Exp(-700), $"{small}");
        var neg = IntervalMath.ExpPoint(-745);
        Assert.True(neg.Lo >= 0 && neg.Hi <= 1e-320, $"{neg}");
        // Range reduction: e^0.5 (no halving) and e^0.75 (one halving, then squaring).
        var h = IntervalMath.ExpPoint(0.5);
        Assert.True(h.Contains(Math.Exp(0.5)) && h.Hi - h.Lo <= 1e-14, $"{h}");
        var t = IntervalMath.ExpPoint(0.75);
        Assert.True(t.Contains(Math.Exp(0.75)) && t.Hi - t.Lo <= 1e-14 * Math.Exp(0.75), $"{t}");
    }

    [Fact]
    public void LnPoint_SpecialArguments_AndTheSplitAtRootTwo()
    {
        Same(Interval.Entire(false, true), IntervalMath.LnPoint(0));
        Same(Interval.Entire(false, true), IntervalMath.LnPoint(-1));
        Same(Interval.Entire(false, true), IntervalMath.LnPoint(double.NaN));
        Same(Interval.Of(Max, Inf), IntervalMath.LnPoint(Inf));
        foreach (double x in new[] { 1.4142135623730951, Math.BitIncrement(1.4142135623730951), 1.5, 0.75, 3, 1e300, 1e-300 })
        {
            var l = IntervalMath.LnPoint(x);
            Assert.True(l.Contains(Math.Log(x)) && l.Hi - l.Lo <= 1e-13 * Math.Max(1, Math.Abs(Math.Log(x))), $"ln({x:R}) = {Math.Log(x):R} not tightly in {l}");
        }
        Same(Interval.Point(0), IntervalMath.LnPoint(1));
    }

    [Fact]
    public void RealPow_EveryBranch()
    {
        var half = Interval.Enclose(Rational.Of(1, 2));
        var minusHalf = Interval.Enclose(Rational.Of(-1, 2));
        var r = IntervalMath.RealPow(Interval.Of(0, 4), half, true);
        Assert.True(r.IsDefined && r.IsGuaranteed && r.Lo == 0 && r.Contains(2) && r.Hi - 2 < 1e-13, $"{r}");
        var s = IntervalMath.RealPow(Interval.Of(0, 4), minusHalf, false);
        Assert.True(!s.IsDefined && s.Hi == Inf && s.Contains(0.5) && 0.5 - s.Lo < 1e-13, $"{s}");
        var t = IntervalMath.RealPow(Interval.Of(1, 4), minusHalf, false);
        Assert.True(t.IsDefined && t.Contains(0.5) && t.Contains(1) && t.Hi - 1 < 1e-13 && 0.5 - t.Lo < 1e-13, $"{t}");
        var u = IntervalMath.RealPow(Interval.Of(1, Inf), half, true);
        Assert.True(u.IsDefined && u.Hi == Inf && u.Contains(1) && 1 - u.Lo < 1e-13, $"{u}");
        var v = IntervalMath.RealPow(Interval.Of(1, Inf), minusHalf, false);
        Assert.True(v.IsDefined && v.Lo == 0 && v.Contains(1) && v.Hi - 1 < 1e-13, $"{v}");
        var w = IntervalMath.RealPow(Interval.Of(-1, 4), half, true);
        Assert.True(!w.IsDefined && w.Lo == 0 && w.Contains(2), $"{w}");
        Same(Interval.Entire(false, true), IntervalMath.RealPow(Interval.Of(-4, -1), half, true));
        Same(Interval.Entire(false, false), IntervalMath.RealPow(Interval.UnsafeCreate(-4, -1), half, true));
        Assert.False(IntervalMath.RealPow(Interval.Of(1, 4), Interval.UnsafeCreate(0.5, 0.5), true).IsGuaranteed);
        Assert.False(IntervalMath.RealPow(Interval.UnsafeCreate(1, 4), half, true).IsGuaranteed);
        Assert.False(IntervalMath.RealPow(new Interval(1, 4, false, true), half, true).IsDefined);
        Assert.True(IntervalMath.RealPow(Interval.Of(1, 4), half, true).IsGuaranteed);
    }

    [Fact]
    public void Interval_EncloseOfHugeAndExactRationals_AndItsText()
    {
        Same(Interval.Point(0.5), Interval.Enclose(Rational.Of(1, 2)));
        Same(Interval.Point(-3), Interval.Enclose(Rational.Of(-3)));
        var huge = Rational.FromDouble(Max) * 2;
        Same(Interval.Of(Max, Inf), Interval.Enclose(huge));
        Same(Interval.Of(-Inf, -Max), Interval.Enclose(-huge));
        var third = Interval.Enclose(Rational.Of(-1, 3));
        Assert.True(R(third.Lo) < Rational.Of(-1, 3) && Rational.Of(-1, 3) < R(third.Hi) && Math.BitIncrement(third.Lo) == third.Hi);
        // A rational just above and just below a double: the double is one end, its neighbour the other.
        var justAbove = Rational.One + Rational.Of(1, 1L << 60);
        Same(Interval.Of(1, OnePlusUlp), Interval.Enclose(justAbove));
        var justBelow = Rational.One - Rational.Of(1, 1L << 60);
        Same(Interval.Of(Math.BitDecrement(1.0), 1), Interval.Enclose(justBelow));
        Assert.Equal("[1, 2]", Interval.Of(1, 2).ToString());
        Assert.Equal("[-Infinity, Infinity] (possibly undefined) (not guaranteed)", Interval.Entire(false, false).ToString());
        Assert.Equal(1.5, Interval.Of(0.5, 2).Width);
        Assert.True(Interval.Of(1, 2).Contains(1) && Interval.Of(1, 2).Contains(2) && !Interval.Of(1, 2).Contains(Math.BitIncrement(2.0)) && !Interval.Of(1, 2).Contains(Math.BitDecrement(1.0)));
        Same(new Interval(-Inf, Inf, true, false), Interval.Entire(true, false));
    }
}
