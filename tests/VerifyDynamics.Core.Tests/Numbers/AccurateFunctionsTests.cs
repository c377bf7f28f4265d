using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Numbers;

/// <summary>
/// Expm1 and Log1p against exact rational series (the argument's exact binary value, summed in <see cref="Rational"/>, then
/// rounded once): an oracle that shares no floating-point operation with the code under test.
/// <para>Tolerance: Kahan's formulas have a relative error of a few units of roundoff u = 2^−53 (Goldberg 1991, Thm 4: ≤ 5u
/// for ln(1 + x) when ln is correctly rounded); .NET's Exp and Log are within one ulp, not half, so we allow 8u. The naive
/// e^x − 1 at x = 1e−10 is off by ≈ 1e−7 relative, so any mutant that falls back to it fails by nine orders of magnitude.</para>
/// </summary>
public sealed class AccurateFunctionsTests
{
    private const double Allowed = 8 * Tolerance.UnitRoundoff;

    /// <summary>e^x − 1 = Σ_{k≥1} x^k/k!, exact in rationals; 60 terms leave a remainder below |x|^61/61! ≤ 1e−60 for |x| ≤ 3.</summary>
    private static double ExactExpm1(double x)
    {
        var r = Rational.FromDouble(x);
        Rational term = Rational.One, sum = Rational.Zero;
        for (int k = 1; k <= 60; k++)
        {
            term = term * r / Rational.Of(k);
            sum += term;
        }
        return sum.ToDouble();
    }

    /// <summary>ln(1 + x) = 2·atanh(z), z = x/(2 + x), = 2 Σ z^{2j+1}/(2j+1), exact in rationals; |z| ≤ 1/3 for x ∈ [−½, 1], 40 terms leave &lt; 1e−38.</summary>
    private static double ExactLog1p(double x)
    {
        var r = Rational.FromDouble(x);
        var z = r / (Rational.Of(2) + r);
        var z2 = z * z;
        Rational power = z, sum = Rational.Zero;
        for (int j = 0; j < 40; j++)
        {
            sum += power / Rational.Of(2 * j + 1);
            power *= z2;
        }
        return (Rational.Of(2) * sum).ToDouble();
    }

    private static void AssertRelative(double expected, double actual, string what)
    {
        Assert.True(Math.Abs(actual - expected) <= Allowed * Math.Abs(expected),
            $"{what}: got {actual:R}, exact {expected:R}, relative error {Math.Abs(actual - expected) / Math.Abs(expected):G3} > 8u");
    }

    [Theory]
    [InlineData(1e-300)]
    [InlineData(-3e-17)]
    [InlineData(1e-16)]
    [InlineData(1e-10)]
    [InlineData(-2.5e-8)]
    [InlineData(1e-5)]
    [InlineData(0.1)]
    [InlineData(-0.3)]
    [InlineData(0.4999)]
    [InlineData(-0.5)]
    [InlineData(0.5)]
    [InlineData(0.7)]
    [InlineData(2)]
    [InlineData(-3)]
    public void Expm1_IsCorrectToAFewUlps(double x) => AssertRelative(ExactExpm1(x), AccurateFunctions.Expm1(x), $"expm1({x:R})");

    [Theory]
    [InlineData(1e-300)]
    [InlineData(-3e-17)]
    [InlineData(1e-16)]
    [InlineData(1e-10)]
    [InlineData(-2.5e-8)]
    [InlineData(1e-5)]
    [InlineData(0.1)]
    [InlineData(-0.3)]
    [InlineData(-0.5)]
    [InlineData(0.75)]
    [InlineData(1)]
    public void Log1p_IsCorrectToAFewUlps(double x) => AssertRelative(ExactLog1p(x), AccurateFunctions.Log1p(x), $"log1p({x:R})");

    [Fact]
    public void BelowHalfAnUlpOfOne_BothReturnTheArgumentItself()
    {
        // 1 + x rounds to 1 (and e^x to 1): the first-order term x is then exact to within u·|x|, and it is what is returned.
        foreach (double x in new[] { 1e-17, -1e-17, 5e-300 })
        {
            Assert.Equal(x, AccurateFunctions.Expm1(x));
            Assert.Equal(x, AccurateFunctions.Log1p(x));
        }
    }
}
