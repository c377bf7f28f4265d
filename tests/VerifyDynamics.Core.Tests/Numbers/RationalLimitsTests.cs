using System.Numerics;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Numbers;

/// <summary>
/// The input limits of <see cref="Rational.Parse"/> at their boundaries (README "Input limits"), the messages that name them,
/// and the normal form of edge values; oracles are BigInteger powers of ten and hand-counted digits.
/// </summary>
public sealed class RationalLimitsTests
{
    [Fact]
    public void DecimalExponent_AtTheLimit_IsExact_AndOneBeyondIsRefusedByName()
    {
        Assert.Equal(new Rational(BigInteger.Pow(10, InputLimits.MaxDecimalExponent), 1), Rational.Parse("1e1000"));
        Assert.Equal(new Rational(1, BigInteger.Pow(10, InputLimits.MaxDecimalExponent)), Rational.Parse("1e-1000"));
        foreach (string text in new[] { "1e1001", "1e-1001", "2.5E+99999", "1e99999999999999999999" })
        {
            var ex = Assert.Throws<InputLimitException>(() => Rational.Parse(text));
            Assert.Equal($"the number '{text}' has a decimal exponent beyond ±1000, the limit (README \"Input limits\")", ex.Message);
        }
    }

    [Fact]
    public void AnExponentThatIsNotANumber_IsAFormatError_NotALimit()
    {
        foreach (string text in new[] { "1e", "1e1.5", "1ex", "1e-x" })
        {
            Assert.False(Rational.TryParse(text, out _), text);
        }
    }

    [Fact]
    public void Digits_AtTheLimit_AreExact_AndOneMoreIsRefusedWithAShortenedEcho()
    {
        string atLimit = new('7', InputLimits.MaxDigits);
        Assert.Equal(new Rational(BigInteger.Parse(atLimit), 1), Rational.Parse(atLimit));
        // The dot is not a digit: 2000 digits around a dot are still within the limit.
        string withDot = "0." + new string('3', InputLimits.MaxDigits - 1);
        Assert.Equal(new Rational(BigInteger.Parse(new string('3', InputLimits.MaxDigits - 1)), BigInteger.Pow(10, InputLimits.MaxDigits - 1)), Rational.Parse(withDot));

        string tooLong = "-" + new string('7', InputLimits.MaxDigits + 1);
        var ex = Assert.Throws<InputLimitException>(() => Rational.Parse(tooLong));
        // The sign is stripped before the echo; a text longer than 40 characters is cut to 37 and "...".
        Assert.Equal($"the number '{new string('7', 37)}...' has 2001 digits; the limit is 2000 (README \"Input limits\")", ex.Message);

        string long40 = new string('1', 20) + "e" + new string('9', 19);
        var ex40 = Assert.Throws<InputLimitException>(() => Rational.Parse(long40));
        Assert.Equal(40, long40.Length);
        Assert.Contains($"'{long40}'", ex40.Message);
        string long41 = new string('1', 21) + "e" + new string('9', 19);
        var ex41 = Assert.Throws<InputLimitException>(() => Rational.Parse(long41));
        Assert.Contains($"'{long41[..37]}...'", ex41.Message);
    }

    [Fact]
    public void Parse_FormatErrorMessage_NamesTheTextAndTheForms()
    {
        var ex = Assert.Throws<FormatException>(() => Rational.Parse("1/x"));
        Assert.Equal("'1/x' is not a rational number (expected forms: 7, -3/4, 0.125, 1e-3).", ex.Message);
        Assert.False(Rational.TryParse(null, out var zero));
        Assert.Equal(Rational.Zero, zero);
        Assert.False(Rational.TryParse("  ", out _));
        Assert.False(Rational.TryParse(".", out _));
        Assert.False(Rational.TryParse("-", out _));
        Assert.False(Rational.TryParse("3/0.0", out _));
    }

    [Theory]
    [InlineData(".5", 1, 2)]
    [InlineData("5.", 5, 1)]
    [InlineData("-.25", -1, 4)]
    [InlineData("12.5e-1", 5, 4)]
    [InlineData("0.0", 0, 1)]
    [InlineData("-0", 0, 1)]
    [InlineData("1.5/-0.25", -6, 1)]
    [InlineData("003.1400", 157, 50)]
    public void Parse_HandlesDotsSignsAndScaledFractions(string text, long numerator, long denominator)
    {
        var r = Rational.Parse(text);
        Assert.Equal((new BigInteger(numerator), new BigInteger(denominator)), (r.Numerator, r.Denominator));
    }

    [Fact]
    public void Constructor_NormalizesSignAndZero_AndRefusesAZeroDenominator()
    {
        var r = new Rational(0, -7);
        Assert.Equal((BigInteger.Zero, BigInteger.One), (r.Numerator, r.Denominator));
        var s = new Rational(-10, -4);
        Assert.Equal((new BigInteger(5), new BigInteger(2)), (s.Numerator, s.Denominator));
        Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));
        Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
        Assert.True(Rational.Of(4, 2).IsInteger);
        Assert.False(Rational.Of(3, 2).IsInteger);
        Assert.Equal(-1, Rational.Of(-3, 2).Sign);
        Assert.Equal(0, Rational.Zero.Sign);
        Assert.Equal(Rational.Of(5), (Rational)5L);
    }

    [Fact]
    public void Comparisons_AreStrictWhereTheyShouldBe()
    {
        Rational a = Rational.Of(1, 3), b = Rational.Of(2, 6), c = Rational.Of(1, 2);
        Assert.True(a <= b && a >= b && !(a < b) && !(a > b));
        Assert.True(a < c && c > a && a <= c && c >= a && !(a > c) && !(c < a) && !(a >= c) && !(c <= a));
    }

    [Fact]
    public void Pow_OfZeroExponent_IsOne_AndNegativeExponentsInvert()
    {
        Assert.Equal(Rational.One, Rational.Of(-7, 3).Pow(0));
        Assert.Equal(Rational.Of(-27, 343), Rational.Of(-7, 3).Pow(-3));
        Assert.Equal(Rational.One, Rational.PowerOfTen(0));
        Assert.Equal(Rational.Of(10), Rational.PowerOfTen(1));
        Assert.Equal(Rational.Of(1, 10), Rational.PowerOfTen(-1));
    }

    [Fact]
    public void ToDouble_RoundsToNearest_AcrossTheRange()
    {
        // Oracles: values whose nearest double is known from the IEEE layout.
        Assert.Equal(0.0, Rational.Zero.ToDouble());
        Assert.Equal(1.0, (Rational.One + Rational.One / Rational.Of(2).Pow(54)).ToDouble());            // below half an ulp: down
        Assert.Equal(Math.BitIncrement(1.0), (Rational.One + Rational.Of(3) / Rational.Of(2).Pow(54)).ToDouble()); // above half: up
        Assert.Equal(1.0, (Rational.One + Rational.One / Rational.Of(2).Pow(53)).ToDouble());            // tie, 1 is even: down
        var justAboveTie = Rational.One + Rational.One / Rational.Of(2).Pow(53) + Rational.One / Rational.Of(2).Pow(200);
        Assert.Equal(Math.BitIncrement(1.0), justAboveTie.ToDouble());                                  // the sticky bit breaks the tie
        Assert.Equal(-Math.BitIncrement(1.0), (-justAboveTie).ToDouble());
        Assert.Equal(Math.Pow(2, 300), Rational.Of(2).Pow(300).ToDouble());
        Assert.Equal(Math.Pow(2, -300), Rational.Of(2).Pow(-300).ToDouble());
        Assert.Equal(1e-300, Rational.Parse("1e-300").ToDouble());
        Assert.Equal(123456789.0, Rational.Of(123456789).ToDouble());
        Assert.Equal(2.0 / 3.0, Rational.Of(2, 3).ToDouble());
    }
}
