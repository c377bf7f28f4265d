using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Symbolic.Evaluation;

/// <summary>
/// A closed interval [Lo, Hi] of doubles that contains every value of the quantity it encloses.
/// <see cref="IsDefined"/> is false when the quantity may be undefined somewhere on the box (division
/// by an interval containing 0, ln or sqrt of a negative part); then the bounds describe only where it
/// is defined, and no decision may rest on them. <see cref="IsGuaranteed"/> is false when a plain
/// double with no rounding control leaked in (see <see cref="UnsafeCreate"/>); the interval prover
/// never counts a proof that rests on such an interval.
/// </summary>
public readonly record struct Interval(double Lo, double Hi, bool IsDefined, bool IsGuaranteed)
{
    /// <summary>The whole real line, possibly undefined: what an operation returns when it cannot say more.</summary>
    public static Interval Entire(bool isDefined, bool isGuaranteed) => new(double.NegativeInfinity, double.PositiveInfinity, isDefined, isGuaranteed);

    /// <summary>The exact double x (every double is a rational): guaranteed.</summary>
    public static Interval Point(double x) => new(x, x, true, true);

    /// <summary>[lo, hi] from bounds known to enclose the quantity (box endpoints, exact doubles).</summary>
    public static Interval Of(double lo, double hi) => new(lo, hi, true, true);

    /// <summary>
    /// An interval from doubles whose relation to the true value is unknown (e.g. a library
    /// <c>Math.Exp</c> result): flagged not guaranteed, and everything computed from it inherits the flag.
    /// </summary>
    public static Interval UnsafeCreate(double lo, double hi) => new(lo, hi, true, false);

    /// <summary>The tightest double interval containing r, found by comparing doubles with r exactly.</summary>
    public static Interval Enclose(Rational r)
    {
        double d = r.ToDouble();
        double lo = d, hi = d;
        if (double.IsFinite(d) && Rational.FromDouble(d).CompareTo(r) != 0)
        {
            while (double.IsFinite(lo) && Rational.FromDouble(lo) > r)
            {
                lo = Math.BitDecrement(lo);
            }
            while (double.IsFinite(hi) && Rational.FromDouble(hi) < r)
            {
                hi = Math.BitIncrement(hi);
            }
            if (lo == hi)
            {
                // r is not a double, so it lies strictly between two neighbours.
                if (Rational.FromDouble(lo) > r)
                {
                    lo = Math.BitDecrement(lo);
                }
                else
                {
                    hi = Math.BitIncrement(hi);
                }
            }
        }
        else if (!double.IsFinite(d))
        {
            lo = r.Sign > 0 ? double.MaxValue : double.NegativeInfinity;
            hi = r.Sign > 0 ? double.PositiveInfinity : -double.MaxValue;
        }
        return new(lo, hi, true, true);
    }

    public bool Contains(double x) => Lo <= x && x <= Hi;

    public double Width => Hi - Lo;

    public override string ToString() => $"[{ExprText.Number(Lo)}, {ExprText.Number(Hi)}]{(IsDefined ? "" : " (possibly undefined)")}{(IsGuaranteed ? "" : " (not guaranteed)")}";
}
