namespace VerifyDynamics.Symbolic.Evaluation;

/// <summary>
/// Interval operations with outward rounding. Each endpoint is computed in round-to-nearest and then
/// corrected with the exact rounding error (TwoSum for sums, fused multiply-add for products,
/// quotients and square roots), so bounds are tight and guaranteed; near underflow, where those error
/// terms are not exact, the endpoint is simply moved one ulp outward. exp and ln are not taken from
/// the C library (whose accuracy is not specified) but from series with explicit remainders.
/// </summary>
public static class IntervalMath
{
    // Below this magnitude products and quotients may be subnormal, where FMA error terms are inexact.
    private static readonly double TinyMagnitude = Math.ScaleB(1.0, -960);

    private static double Down(double x) => double.IsNegativeInfinity(x) ? x : Math.BitDecrement(x);

    private static double Up(double x) => double.IsPositiveInfinity(x) ? x : Math.BitIncrement(x);

    /// <summary>Round a finite-input result that overflowed: the true value is finite.</summary>
    private static double Overflowed(double s, bool up) =>
        double.IsPositiveInfinity(s) ? (up ? s : double.MaxValue) : (up ? -double.MaxValue : s);

    public static double AddRounded(double a, double b, bool up)
    {
        double s = a + b;
        if (!double.IsFinite(a) || !double.IsFinite(b))
        {
            return s;
        }
        if (!double.IsFinite(s))
        {
            return Overflowed(s, up);
        }
        double bb = s - a;
        double err = (a - (s - bb)) + (b - bb);
        return up ? (err > 0 ? Up(s) : s) : (err < 0 ? Down(s) : s);
    }

    public static double MulRounded(double a, double b, bool up)
    {
        // 0 · ∞ = 0 for interval endpoints: an unbounded factor times exactly zero contributes nothing.
        if (a == 0 || b == 0)
        {
            return 0;
        }
        double p = a * b;
        if (!double.IsFinite(a) || !double.IsFinite(b))
        {
            return p;
        }
        if (!double.IsFinite(p))
        {
            return Overflowed(p, up);
        }
        if (Math.Abs(p) < TinyMagnitude)
        {
            return up ? Up(p) : Down(p);
        }
        double err = Math.FusedMultiplyAdd(a, b, -p);
        return up ? (err > 0 ? Up(p) : p) : (err < 0 ? Down(p) : p);
    }

    public static double DivRounded(double a, double b, bool up)
    {
        if (a == 0)
        {
            return 0;
        }
        double q = a / b;
        if (!double.IsFinite(a) || !double.IsFinite(b))
        {
            return q;
        }
        if (!double.IsFinite(q))
        {
            return Overflowed(q, up);
        }
        if (Math.Abs(q) < TinyMagnitude || Math.Abs(a) < TinyMagnitude)
        {
            return up ? Up(q) : Down(q);
        }
        // a − q·b is exact; the true quotient is q + r/b.
        double r = Math.FusedMultiplyAdd(-q, b, a);
        int direction = Math.Sign(r) * Math.Sign(b);
        return up ? (direction > 0 ? Up(q) : q) : (direction < 0 ? Down(q) : q);
    }

    public static double SqrtRounded(double x, bool up)
    {
        double s = Math.Sqrt(x);
        if (!double.IsFinite(s) || s == 0)
        {
            return s;
        }
        if (x < TinyMagnitude)
        {
            return up ? Up(s) : Down(s);
        }
        double r = Math.FusedMultiplyAdd(-s, s, x);
        return up ? (r > 0 ? Up(s) : s) : (r < 0 ? Down(s) : s);
    }

    private static bool G(Interval a, Interval b) => a.IsGuaranteed && b.IsGuaranteed;

    private static bool D(Interval a, Interval b) => a.IsDefined && b.IsDefined;

    public static Interval Add(Interval a, Interval b) =>
        new(AddRounded(a.Lo, b.Lo, false), AddRounded(a.Hi, b.Hi, true), D(a, b), G(a, b));

    public static Interval Neg(Interval a) => a with { Lo = -a.Hi, Hi = -a.Lo };

    public static Interval Sub(Interval a, Interval b) => Add(a, Neg(b));

    public static Interval Mul(Interval a, Interval b)
    {
        double lo = Math.Min(Math.Min(MulRounded(a.Lo, b.Lo, false), MulRounded(a.Lo, b.Hi, false)),
                             Math.Min(MulRounded(a.Hi, b.Lo, false), MulRounded(a.Hi, b.Hi, false)));
        double hi = Math.Max(Math.Max(MulRounded(a.Lo, b.Lo, true), MulRounded(a.Lo, b.Hi, true)),
                             Math.Max(MulRounded(a.Hi, b.Lo, true), MulRounded(a.Hi, b.Hi, true)));
        return new(lo, hi, D(a, b), G(a, b));
    }

    public static Interval Div(Interval a, Interval b)
    {
        if (b.Lo <= 0 && b.Hi >= 0)
        {
            return Interval.Entire(false, G(a, b));
        }
        double lo = Math.Min(Math.Min(DivRounded(a.Lo, b.Lo, false), DivRounded(a.Lo, b.Hi, false)),
                             Math.Min(DivRounded(a.Hi, b.Lo, false), DivRounded(a.Hi, b.Hi, false)));
        double hi = Math.Max(Math.Max(DivRounded(a.Lo, b.Lo, true), DivRounded(a.Lo, b.Hi, true)),
                             Math.Max(DivRounded(a.Hi, b.Lo, true), DivRounded(a.Hi, b.Hi, true)));
        return new(lo, hi, D(a, b), G(a, b));
    }

    /// <summary>|x|^n for x ≥ 0 rounded in one direction (all factors non-negative, so rounding each product the same way is monotone).</summary>
    private static double PowMagnitude(double x, int n, bool up)
    {
        double result = 1, factor = x;
        while (n > 0)
        {
            if ((n & 1) == 1)
            {
                result = MulRounded(result, factor, up);
            }
            n >>= 1;
            if (n > 0)
            {
                factor = MulRounded(factor, factor, up);
            }
        }
        return result;
    }

    public static Interval Pow(Interval a, int n)
    {
        if (n == 0)
        {
            return new(1, 1, a.IsDefined, a.IsGuaranteed);
        }
        if (n < 0)
        {
            return Div(new Interval(1, 1, true, true), Pow(a, -n));
        }
        if (n % 2 == 1)
        {
            double lo = a.Lo >= 0 ? PowMagnitude(a.Lo, n, false) : -PowMagnitude(-a.Lo, n, true);
            double hi = a.Hi >= 0 ? PowMagnitude(a.Hi, n, true) : -PowMagnitude(-a.Hi, n, false);
            return a with { Lo = lo, Hi = hi };
        }
        if (a.Lo >= 0)
        {
            return a with { Lo = PowMagnitude(a.Lo, n, false), Hi = PowMagnitude(a.Hi, n, true) };
        }
        if (a.Hi <= 0)
        {
            return a with { Lo = PowMagnitude(-a.Hi, n, false), Hi = PowMagnitude(-a.Lo, n, true) };
        }
        return a with { Lo = 0, Hi = PowMagnitude(Math.Max(-a.Lo, a.Hi), n, true) };
    }

    public static Interval Sqrt(Interval a)
    {
        if (a.Hi < 0)
        {
            return Interval.Entire(false, a.IsGuaranteed);
        }
        return new(SqrtRounded(Math.Max(a.Lo, 0), false), SqrtRounded(a.Hi, true), a.IsDefined && a.Lo >= 0, a.IsGuaranteed);
    }

    public static Interval Abs(Interval a) =>
        a.Lo >= 0 ? a : a.Hi <= 0 ? Neg(a) : a with { Lo = 0, Hi = Math.Max(-a.Lo, a.Hi) };

    public static Interval Min(Interval a, Interval b) => new(Math.Min(a.Lo, b.Lo), Math.Min(a.Hi, b.Hi), D(a, b), G(a, b));

    public static Interval Max(Interval a, Interval b) => new(Math.Max(a.Lo, b.Lo), Math.Max(a.Hi, b.Hi), D(a, b), G(a, b));

    public static Interval Intersect(Interval a, Interval b) => new(Math.Max(a.Lo, b.Lo), Math.Min(a.Hi, b.Hi), D(a, b), G(a, b));

    public static Interval Exp(Interval a)
    {
        var lo = ExpPoint(a.Lo);
        var hi = ExpPoint(a.Hi);
        return new(lo.Lo, hi.Hi, a.IsDefined, a.IsGuaranteed);
    }

    public static Interval Ln(Interval a)
    {
        if (a.Hi <= 0)
        {
            return Interval.Entire(false, a.IsGuaranteed);
        }
        double lo = a.Lo > 0 ? LnPoint(a.Lo).Lo : double.NegativeInfinity;
        return new(lo, LnPoint(a.Hi).Hi, a.IsDefined && a.Lo > 0, a.IsGuaranteed);
    }

    /// <summary>x^p for a rational p given as an enclosure, through exp(p·ln x); monotone in x for fixed p.</summary>
    public static Interval RealPow(Interval a, Interval p, bool exponentPositive)
    {
        if (a.Hi < 0)
        {
            return Interval.Entire(false, a.IsGuaranteed);
        }
        bool defined = a.IsDefined && (exponentPositive ? a.Lo >= 0 : a.Lo > 0);
        Interval AtPoint(double x) => x == 0
            ? (exponentPositive ? Interval.Point(0) : new Interval(double.PositiveInfinity, double.PositiveInfinity, true, true))
            : double.IsPositiveInfinity(x)
                ? (exponentPositive ? new Interval(double.PositiveInfinity, double.PositiveInfinity, true, true) : Interval.Point(0))
                : Exp(Mul(p, LnPoint(x)));
        var atLo = AtPoint(Math.Max(a.Lo, 0));
        var atHi = AtPoint(a.Hi);
        var result = exponentPositive ? new Interval(atLo.Lo, atHi.Hi, defined, true) : new Interval(atHi.Lo, atLo.Hi, defined, true);
        return result with { IsGuaranteed = a.IsGuaranteed && p.IsGuaranteed };
    }

    /// <summary>
    /// Enclosure of e^x: x = 2^k·r with |r| ≤ 1/2 (exact scaling), Taylor series of e^r to 24 terms with
    /// the Lagrange remainder |r|^25/25!·e^{1/2} ≤ 2·|next term|, then k interval squarings.
    /// </summary>
    public static Interval ExpPoint(double x)
    {
        if (double.IsNaN(x))
        {
            return Interval.Entire(false, true);
        }
        if (double.IsNegativeInfinity(x))
        {
            return Interval.Point(0);
        }
        // ln(double.MaxValue) ≈ 709.78 and ln(double.Epsilon) ≈ −744.44: beyond them only the trivial bounds remain.
        if (x > 709.79)
        {
            return Interval.Of(double.MaxValue, double.PositiveInfinity);
        }
        if (x < -745.2)
        {
            return Interval.Of(0, double.Epsilon);
        }
        int k = 0;
        double r = x;
        while (Math.Abs(r) > 0.5)
        {
            r /= 2;
            k++;
        }
        var rr = Interval.Point(r);
        var term = Interval.Point(1);
        var sum = Interval.Point(1);
        const int Terms = 24;
        for (int i = 1; i <= Terms; i++)
        {
            term = Div(Mul(term, rr), Interval.Point(i));
            sum = Add(sum, term);
        }
        var next = Div(Mul(term, rr), Interval.Point(Terms + 1));
        double remainder = MulRounded(2, Math.Max(Math.Abs(next.Lo), Math.Abs(next.Hi)), true);
        sum = Add(sum, Interval.Of(-remainder, remainder));
        for (int i = 0; i < k; i++)
        {
            sum = Mul(sum, sum);
        }
        return sum with { Lo = Math.Max(sum.Lo, 0) };
    }

    private static readonly Interval Ln2 = AtanhSeriesTimesTwo(Div(Interval.Point(1), Interval.Point(3)));

    /// <summary>
    /// Enclosure of ln x for finite x &gt; 0: x = 2^e·m with m in [1/√2, √2] (exact scaling), then
    /// ln m = 2·atanh((m−1)/(m+1)) from its series with a geometric remainder bound, plus e·ln 2.
    /// </summary>
    public static Interval LnPoint(double x)
    {
        if (!(x > 0))
        {
            return Interval.Entire(false, true);
        }
        if (double.IsPositiveInfinity(x))
        {
            return Interval.Of(double.MaxValue, double.PositiveInfinity);
        }
        int e = Math.ILogB(x);
        double m = Math.ScaleB(x, -e);
        // √2 rounded: any split point in (1, 2) is valid; this one keeps |z| ≤ 0.172.
        if (m > 1.4142135623730951)
        {
            m /= 2;
            e++;
        }
        var mm = Interval.Point(m);
        var z = Div(Sub(mm, Interval.Point(1)), Add(mm, Interval.Point(1)));
        return Add(AtanhSeriesTimesTwo(z), Mul(Interval.Point(e), Ln2));
    }

    /// <summary>2·atanh(z) = 2·Σ z^(2i+1)/(2i+1) for |z| ≤ 1/3, remainder ≤ 2|z|^(2n+3)/((2n+3)(1−z²)).</summary>
    private static Interval AtanhSeriesTimesTwo(Interval z)
    {
        const int Terms = 40;
        var z2 = Mul(z, z);
        var power = z;
        var sum = Interval.Point(0);
        for (int i = 0; i < Terms; i++)
        {
            sum = Add(sum, Div(power, Interval.Point(2 * i + 1)));
            power = Mul(power, z2);
        }
        double magnitude = Math.Max(Math.Abs(power.Lo), Math.Abs(power.Hi));
        double oneMinusZ2 = AddRounded(1, -z2.Hi, false);
        double remainder = DivRounded(magnitude, MulRounded(2 * Terms + 1, oneMinusZ2, false), true);
        sum = Add(sum, Interval.Of(-remainder, remainder));
        return Mul(Interval.Point(2), sum);
    }
}
