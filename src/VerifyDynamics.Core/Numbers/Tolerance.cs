namespace VerifyDynamics.Core.Numbers;

/// <summary>
/// An absolute tolerance together with where it came from. A margin counts as non-negative when
/// it is at least <c>-Absolute</c>; the <see cref="Source"/> is printed next to every verdict.
/// </summary>
public sealed record Tolerance(double Absolute, string Source)
{
    /// <summary>Unit roundoff of IEEE binary64, u = 2^-53.</summary>
    public const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>Exact arithmetic (rationals, integers): nothing to forgive.</summary>
    public static Tolerance Exact { get; } = new(0, "exact arithmetic");

    /// <summary>
    /// γ_n = n·u/(1 − n·u) (Higham, Accuracy and Stability, §3.1): the relative error bound of a
    /// computation of n dependent floating-point operations, times the magnitude it is relative to.
    /// </summary>
    public static double Gamma(int operations)
    {
        double nu = operations * UnitRoundoff;
        return nu / (1 - nu);
    }

    /// <summary>Rounding bound γ_n·scale for a quantity formed by n operations on values of size scale.</summary>
    public static Tolerance FromRounding(int operations, double scale, string what) =>
        new(Gamma(operations) * Math.Abs(scale), $"γ_{operations}·{what}");

    /// <summary>Sum of two independent error sources.</summary>
    public Tolerance Plus(Tolerance other) =>
        new(Absolute + other.Absolute, $"{Source} + {other.Source}");

    public Tolerance Scaled(double factor, string why) => new(Absolute * factor, $"{why}·({Source})");
}
