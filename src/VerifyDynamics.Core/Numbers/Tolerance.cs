namespace VerifyDynamics.Core.Numbers;

/// <summary>
/// What kind of error statement a tolerance is; decides whether a margin can support the evidence grade
/// "numerical with an error bound" (Harness <c>VerdictRules</c>). Ordered from weakest to strongest; a
/// sum of tolerances is as strong as its weakest part.
/// </summary>
public enum ToleranceKind
{
    /// <summary>Not said (only <see cref="Tolerance.Declared"/> with this kind, which statements may not use): never counts as a bound.</summary>
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
public sealed record Tolerance
{
    // No public constructor: every tolerance says what kind of error statement it is through a factory
    // (Exact, FromRounding, Bound, ValidatedEstimate, Heuristic, or Declared with an explicit kind).
    private Tolerance(double absolute, string source, ToleranceKind kind)
    {
        Absolute = absolute;
        Source = source;
        Kind = kind;
    }

    /// <summary>The absolute tolerance: a margin counts as non-negative when it is at least −Absolute.</summary>
    public double Absolute { get; }

    /// <summary>Where the tolerance comes from, printed next to every verdict.</summary>
    public string Source { get; }

    /// <summary>What kind of error statement this is (set by the factory that built it).</summary>
    public ToleranceKind Kind { get; }

    /// <summary>
    /// A tolerance of an explicitly named kind (prefer the named factories; a statement may not declare
    /// <see cref="ToleranceKind.Unstated"/> — a lint test forbids it in the Theorems project).
    /// </summary>
    public static Tolerance Declared(ToleranceKind kind, double absolute, string source) => new(absolute, source, kind);

    /// <summary>Unit roundoff of IEEE binary64, u = 2^-53.</summary>
    public const double UnitRoundoff = 1.1102230246251565e-16;

    /// <summary>Exact arithmetic (rationals, integers): nothing to forgive.</summary>
    public static Tolerance Exact { get; } = new(0, "exact arithmetic", ToleranceKind.Exact);

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
        new(Gamma(operations) * Math.Abs(scale), $"γ_{operations}·{what}", ToleranceKind.Rigorous);

    /// <summary>A rigorous bound the caller derived (rounding analysis, a certified eigenvalue bound); the source must say how.</summary>
    public static Tolerance Bound(double absolute, string source) => new(absolute, source, ToleranceKind.Rigorous);

    /// <summary>An a-posteriori validated error estimate (e.g. against a reference solve at tighter tolerances).</summary>
    public static Tolerance ValidatedEstimate(double absolute, string source) => new(absolute, source, ToleranceKind.Validated);

    /// <summary>A declared heuristic proxy (no guarantee).</summary>
    public static Tolerance Heuristic(double absolute, string source) => new(absolute, source, ToleranceKind.Heuristic);

    /// <summary>Sum of two independent error sources.</summary>
    public Tolerance Plus(Tolerance other) =>
        new(Absolute + other.Absolute, $"{Source} + {other.Source}", (ToleranceKind)Math.Min((int)Kind, (int)other.Kind));

    /// <summary>The tolerance times a factor; a bound scaled by a factor stays a bound (the caller's <paramref name="why"/> justifies the factor).</summary>
    public Tolerance Scaled(double factor, string why) => new(Absolute * factor, $"{why}·({Source})", Kind);
}
