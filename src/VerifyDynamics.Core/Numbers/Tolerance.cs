namespace VerifyDynamics.Core.Numbers;

/// <summary>
/// What kind of error statement a tolerance is; decides whether a margin can support the evidence grade
/// "numerical with an error bound" (Harness <c>VerdictRules</c>). Ordered from weakest to strongest; a
/// sum of tolerances is as strong as its weakest part.
/// </summary>
public enum ToleranceKind
{
    /// <summary>Built by hand without saying what it is (<c>new Tolerance(x, "...")</c>): never counts as a bound.</summary>
    Unstated = 0,
    /// <summary>A declared proxy without a guarantee (an accumulated local-error estimate, a finite-difference guess).</summary>
    Heuristic = 1,
    /// <summary>An a-posteriori validated error estimate (the deviation from a reference solve at much tighter tolerances).</summary>
    Validated = 2,
    /// <summary>A rigorous a-priori bound (floating-point rounding analysis γ_n, a Cholesky-certified bound).</summary>
    Rigorous = 3,
    /// <summary>Exact arithmetic: no error at all.</summary>
    Exact = 4,
}

/// <summary>
/// An absolute tolerance together with where it came from. A margin counts as non-negative when
/// it is at least <c>-Absolute</c>; the <see cref="Source"/> is printed next to every verdict and
/// <see cref="Kind"/> says whether it is a bound or only an estimate.
/// </summary>
public sealed record Tolerance(double Absolute, string Source)
{
    /// <summary>What kind of error statement this is; <see cref="ToleranceKind.Unstated"/> unless a factory or the author says otherwise.</summary>
    public ToleranceKind Kind { get; init; } = ToleranceKind.Unstated;

    /// <summary>Unit roundoff of IEEE binary64, u = 2^-53.</summary>
    public const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>Exact arithmetic (rationals, integers): nothing to forgive.</summary>
    public static Tolerance Exact { get; } = new(0, "exact arithmetic") { Kind = ToleranceKind.Exact };

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
        new(Gamma(operations) * Math.Abs(scale), $"γ_{operations}·{what}") { Kind = ToleranceKind.Rigorous };

    /// <summary>A rigorous bound the caller derived (rounding analysis, a certified eigenvalue bound); the source must say how.</summary>
    public static Tolerance Bound(double absolute, string source) => new(absolute, source) { Kind = ToleranceKind.Rigorous };

    /// <summary>An a-posteriori validated error estimate (e.g. against a reference solve at tighter tolerances).</summary>
    public static Tolerance ValidatedEstimate(double absolute, string source) => new(absolute, source) { Kind = ToleranceKind.Validated };

    /// <summary>A declared heuristic proxy (no guarantee).</summary>
    public static Tolerance Heuristic(double absolute, string source) => new(absolute, source) { Kind = ToleranceKind.Heuristic };

    /// <summary>Sum of two independent error sources.</summary>
    public Tolerance Plus(Tolerance other) =>
        new(Absolute + other.Absolute, $"{Source} + {other.Source}") { Kind = (ToleranceKind)Math.Min((int)Kind, (int)other.Kind) };

    /// <summary>The tolerance times a factor; a bound scaled by a factor stays a bound (the caller's <paramref name="why"/> justifies the factor).</summary>
    public Tolerance Scaled(double factor, string why) => new(Absolute * factor, $"{why}·({Source})") { Kind = Kind };
}
