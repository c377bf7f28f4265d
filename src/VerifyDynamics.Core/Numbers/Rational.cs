using System.Globalization;
using System.Numerics;

namespace VerifyDynamics.Core.Numbers;

/// <summary>
/// Exact rational number in lowest terms with a positive denominator. The only way a paper
/// constant (256, 6144, 10^5, 3/2, …) enters the system, so that it reaches SMT-LIB as an exact
/// fraction and interval code as an outward enclosure.
/// </summary>
public readonly record struct Rational : IComparable<Rational>
{
    public BigInteger Numerator { get; }
    public BigInteger Denominator { get; }

    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        }
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }
        var g = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!g.IsOne && !g.IsZero)
        {
            numerator /= g;
            denominator /= g;
        }
        Numerator = numerator;
        Denominator = numerator.IsZero ? BigInteger.One : denominator;
    }

    public static Rational Zero => new(0, 1);
    public static Rational One => new(1, 1);

    public static Rational Of(long value) => new(value, 1);
    public static Rational Of(long numerator, long denominator) => new(numerator, denominator);
    public static Rational Of(BigInteger numerator, BigInteger denominator) => new(numerator, denominator);

    /// <summary>10^exponent exactly (exponent may be negative).</summary>
    public static Rational PowerOfTen(int exponent) => exponent >= 0
        ? new Rational(BigInteger.Pow(10, exponent), 1)
        : new Rational(1, BigInteger.Pow(10, -exponent));

    /// <summary>The exact value of a finite double (every double is a dyadic rational).</summary>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Cannot represent {value} as a rational number.", nameof(value));
        }
        if (value == 0)
        {
            return Zero;
        }
        long bits = BitConverter.DoubleToInt64Bits(value);
        bool negative = bits < 0;
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0)
        {
            exponent++;
        }
        else
        {
            mantissa |= 1L << 52;
        }
        exponent -= 1075;
        BigInteger num = mantissa;
        BigInteger den = BigInteger.One;
        if (exponent > 0)
        {
            num <<= exponent;
        }
        else
        {
            den <<= -exponent;
        }
        return new Rational(negative ? -num : num, den);
    }

    public int Sign => Numerator.Sign;
    public bool IsInteger => Denominator.IsOne;

    public static Rational operator +(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator -(Rational a, Rational b) =>
        new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);
    public static Rational operator -(Rational a) => new(-a.Numerator, a.Denominator);
    public static Rational operator *(Rational a, Rational b) =>
        new(a.Numerator * b.Numerator, a.Denominator * b.Denominator);
    public static Rational operator /(Rational a, Rational b) =>
        b.Numerator.IsZero
            ? throw new DivideByZeroException("Division of a rational number by zero.")
            : new Rational(a.Numerator * b.Denominator, a.Denominator * b.Numerator);
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;
    public static implicit operator Rational(long value) => Of(value);

    public Rational Pow(int exponent)
    {
        if (exponent >= 0)
        {
            return new Rational(BigInteger.Pow(Numerator, exponent), BigInteger.Pow(Denominator, exponent));
        }
        return One / Pow(-exponent);
    }

    public int CompareTo(Rational other) =>
        (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>
    /// Nearest double, correctly rounded (ties to even) in the normal range; used only for numerics, never for proofs.
    /// The quotient is formed with 65–66 significant bits plus a sticky bit, then rounded to 53 bits by hand: a plain
    /// BigInteger-to-double conversion truncates, which made e.g. Parse("7.5092341511114905E+27") land one ulp low.
    /// </summary>
    public double ToDouble()
    {
        if (Numerator.IsZero)
        {
            return 0;
        }
        var n = BigInteger.Abs(Numerator);
        long shift = 65 - ((long)n.GetBitLength() - (long)Denominator.GetBitLength());
        var q = shift >= 0
            ? BigInteger.DivRem(n << (int)shift, Denominator, out var remainder)
            : BigInteger.DivRem(n, Denominator << (int)-shift, out remainder);
        if (!remainder.IsZero)
        {
            // Sticky bit: q has ≥ 65 bits, so bit 0 lies below the rounding position and only breaks ties.
            q |= BigInteger.One;
        }
        int excess = (int)q.GetBitLength() - 53;
        var mantissa = q >> excess;
        var rest = q - (mantissa << excess);
        var half = BigInteger.One << (excess - 1);
        if (rest > half || (rest == half && !mantissa.IsEven))
        {
            mantissa += 1;
        }
        // mantissa ≤ 2^53 converts exactly; ScaleB is exact unless the result is subnormal or overflows.
        double magnitude = Math.ScaleB((double)mantissa, (int)(excess - shift));
        return Numerator.Sign < 0 ? -magnitude : magnitude;
    }

    /// <summary>Parses "7", "-3/4", "0.125", "1e-3", "2.5E+4" exactly.</summary>
    public static Rational Parse(string text)
    {
        if (TryParse(text, out var value))
        {
            return value;
        }
        throw new FormatException($"'{text}' is not a rational number (expected forms: 7, -3/4, 0.125, 1e-3).");
    }

    public static bool TryParse(string? text, out Rational value)
    {
        value = Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        text = text.Trim();
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!TryParse(text[..slash], out var n) || !TryParse(text[(slash + 1)..], out var d) || d.Sign == 0)
            {
                return false;
            }
            value = n / d;
            return true;
        }
        int exponent = 0;
        int e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            if (!int.TryParse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent))
            {
                // Digits only, yet no int: far beyond the limit, and a limit breach is not a typo, so say which.
                if (text[(e + 1)..].TrimStart('+', '-').All(char.IsAsciiDigit) && text.Length > e + 1)
                {
                    throw TooLarge(text);
                }
                return false;
            }
            if (Math.Abs((long)exponent) > InputLimits.MaxDecimalExponent)
            {
                // Checked before 10^exponent is computed: 1e999999999 would otherwise take minutes and gigabytes.
                throw TooLarge(text);
            }
            text = text[..e];
        }
        bool negative = text.StartsWith('-');
        if (negative || text.StartsWith('+'))
        {
            text = text[1..];
        }
        int dot = text.IndexOf('.', StringComparison.Ordinal);
        string digits = dot >= 0 ? text.Remove(dot, 1) : text;
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }
        if (digits.Length > InputLimits.MaxDigits)
        {
            throw new InputLimitException($"the number '{Shorten(text)}' has {digits.Length} digits; the limit is {InputLimits.MaxDigits} (README \"Input limits\")");
        }
        if (dot >= 0)
        {
            exponent -= text.Length - dot - 1;
        }
        var mantissa = BigInteger.Parse(digits, CultureInfo.InvariantCulture);
        value = new Rational(negative ? -mantissa : mantissa, 1) * PowerOfTen(exponent);
        return true;
    }

    private static InputLimitException TooLarge(string text) =>
        new($"the number '{Shorten(text)}' has a decimal exponent beyond ±{InputLimits.MaxDecimalExponent}, the limit (README \"Input limits\")");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    /// <summary>"n" or "n/d": exact and culture-invariant.</summary>
    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
