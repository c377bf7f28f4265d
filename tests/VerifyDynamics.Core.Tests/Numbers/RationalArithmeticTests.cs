using System.Globalization;
using System.Numerics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Numbers;

/// <summary>
/// Rational parsing and arithmetic against independent oracles: hand-reduced fractions, integer cross-multiplication in BigInteger,
/// the IEEE bit pattern of a double, and .NET's correctly rounded double.Parse.
/// </summary>
public sealed class RationalArithmeticTests
{
    [Theory]
    [InlineData("7", 7, 1)]
    [InlineData("-3/4", -3, 4)]
    [InlineData("6/-8", -3, 4)]
    [InlineData("0.125", 1, 8)]
    [InlineData("1e-3", 1, 1000)]
    [InlineData("2.5E+4", 25000, 1)]
    [InlineData("-0.5e1", -5, 1)]
    [InlineData("+12/18", 2, 3)]
    [InlineData("0/5", 0, 1)]
    [InlineData("  3/6 ", 1, 2)]
    public void Parse_GivesTheReducedFraction(string text, long numerator, long denominator)
    {
        var r = Rational.Parse(text);
        Assert.Equal(new BigInteger(numerator), r.Numerator);
        Assert.Equal(new BigInteger(denominator), r.Denominator);
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("1/0")]
    [InlineData("1e")]
    [InlineData("--1")]
    [InlineData("1.2.3")]
    [InlineData("0x10")]
    public void Parse_RejectsMalformedText(string text)
    {
        Assert.False(Rational.TryParse(text, out _));
        Assert.Throws<FormatException>(() => Rational.Parse(text));
    }

    [Fact]
    public void Arithmetic_AgreesWithIntegerCrossMultiplication()
    {
        var rng = new Seed(31).CreateRng();
        for (int i = 0; i < 500; i++)
        {
            long a = rng.NextInt(-1000, 1000), b = rng.NextInt(1, 1000), c = rng.NextInt(-1000, 1000), d = rng.NextInt(1, 1000);
            var x = Rational.Of(a, b);
            var y = Rational.Of(c, d);
            // (a/b) ∘ (c/d) = p/q  ⇔  p·(denominator of the oracle) = q·(numerator of the oracle), all in BigInteger.
            AssertEqualsFraction(x + y, (BigInteger)a * d + (BigInteger)c * b, (BigInteger)b * d);
            AssertEqualsFraction(x - y, (BigInteger)a * d - (BigInteger)c * b, (BigInteger)b * d);
            AssertEqualsFraction(x * y, (BigInteger)a * c, (BigInteger)b * d);
            if (c != 0)
            {
                AssertEqualsFraction(x / y, (BigInteger)a * d, (BigInteger)b * c);
            }
            Assert.Equal(((BigInteger)a * d).CompareTo((BigInteger)c * b), Math.Sign(x.CompareTo(y)));
            Assert.True(x.Denominator.Sign > 0);
            Assert.True(BigInteger.GreatestCommonDivisor(x.Numerator, x.Denominator).IsOne || x.Numerator.IsZero);
        }
    }

    [Fact]
    public void Pow_AndPowerOfTen_AreExact()
    {
        Assert.Equal(Rational.Of(27, 8), Rational.Of(3, 2).Pow(3));
        Assert.Equal(Rational.Of(8, 27), Rational.Of(3, 2).Pow(-3));
        Assert.Equal(Rational.Of(1, 100_000), Rational.PowerOfTen(-5));
        Assert.Equal(Rational.Of(6144), Rational.Of(3) * Rational.Of(2).Pow(11));
    }

    [Fact]
    public void FromDouble_IsTheExactBinaryValue()
    {
        // 0.1 is stored as 3602879701896397 / 2^55 (its IEEE mantissa and exponent).
        Assert.Equal(Rational.Of(3602879701896397, 36028797018963968), Rational.FromDouble(0.1));
        Assert.NotEqual(Rational.Parse("0.1"), Rational.FromDouble(0.1));
        Assert.Equal(Rational.Of(-3, 4), Rational.FromDouble(-0.75));
        Assert.Equal(Rational.Of(BigInteger.One, BigInteger.One << 1074), Rational.FromDouble(double.Epsilon));
        Assert.Throws<ArgumentException>(() => Rational.FromDouble(double.NaN));
    }

    [Fact]
    public void ToDouble_RoundTripsDoubles_AndMatchesDoubleParse()
    {
        var rng = new Seed(32).CreateRng();
        for (int i = 0; i < 500; i++)
        {
            double x = rng.NextGaussian() * Math.Pow(10, rng.NextInt(-30, 30));
            Assert.Equal(x, Rational.FromDouble(x).ToDouble());
            string text = x.ToString("R", CultureInfo.InvariantCulture);
            Assert.Equal(double.Parse(text, CultureInfo.InvariantCulture), Rational.Parse(text).ToDouble());
        }
        Assert.Equal(1.0 / 3.0, Rational.Of(1, 3).ToDouble());
        // Ties round to even: 2^53 + 1 lies halfway between 2^53 and 2^53 + 2.
        Assert.Equal(9007199254740992.0, Rational.Of(9007199254740993).ToDouble());
        Assert.Equal(9007199254740996.0, Rational.Of(9007199254740995).ToDouble());
        Assert.Equal(-0.75, Rational.Of(-3, 4).ToDouble());
        Assert.Equal(7.5092341511114905E+27, Rational.Parse("7.5092341511114905E+27").ToDouble());
        Assert.Equal(0.1, Rational.Parse("1/10").ToDouble());
    }

    [Fact]
    public void ToString_IsExactAndCultureInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // A decimal-comma culture with a Unicode minus (InvariantGlobalization forbids loading ru-RU by name).
            var culture = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            culture.NumberFormat.NumberDecimalSeparator = ",";
            culture.NumberFormat.NegativeSign = "\u2212";
            CultureInfo.CurrentCulture = culture;
            Assert.Equal("-3/4", Rational.Of(6, -8).ToString());
            Assert.Equal("12", Rational.Of(12).ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    private static void AssertEqualsFraction(Rational r, BigInteger numerator, BigInteger denominator) =>
        Assert.True(r.Numerator * denominator == numerator * r.Denominator, $"{r} ≠ {numerator}/{denominator}");
}
