using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.Model;

/// <summary>
/// What kind of inequality a margin is, which decides how its utilization (how near the trial came to the bound) is read.
/// </summary>
public enum MarginShape
{
    /// <summary>Built with the bare constructor without saying what it is: utilization unknown (the statement cannot be certified).</summary>
    Unstated,
    /// <summary>
    /// An inequality lhs ≤ rhs (or lhs ≥ rhs) against a bound whose own scale is <see cref="Margin.Scale"/>: utilization
    /// u = 1 − (rhs − lhs)/Scale. For lhs ≤ rhs with 0 ≤ lhs ≤ rhs (Scale = rhs) that is lhs/rhs; for lhs ≥ rhs with
    /// 0 ≤ rhs ≤ lhs (Scale = lhs) it is rhs/lhs; for a sign condition q ≥ 0 the author gives q's natural size as Scale.
    /// u = 1 at the bound, u &gt; 1 beyond it, u ≤ 0 when the trial is nowhere near.
    /// </summary>
    Bound,
    /// <summary>An identity lhs = rhs checked to a tolerance (margin −|lhs − rhs|): every trial is at its "bound"; utilization is not a measure of it.</summary>
    Equality,
}

/// <summary>
/// One conclusion inequality evaluated on an instance, as <c>rhs − lhs</c>. It holds when
/// <c>Value ≥ −Tolerance.Absolute</c>; <see cref="Scale"/> is the bound's own scale (see <see cref="MarginShape.Bound"/>),
/// used for <see cref="Normalized"/> and <see cref="Utilization"/>. NaN means the quantity could not be computed
/// (overflow, a failed solve): never a pass, never a counterexample.
/// </summary>
public sealed record Margin(string Name, double Value, Tolerance Tolerance, double Scale = 1)
{
    /// <summary>Bound, equality, or unstated (the bare constructor); the factories state it.</summary>
    public MarginShape Shape { get; init; } = MarginShape.Unstated;

    /// <summary>
    /// The conclusion this margin belongs to, grouping margins whose names differ only by a parameter (e.g. every
    /// "λ_min − bound (14) at t = …" of a trajectory): by default the name with each parameter value after '=' replaced by '#'.
    /// </summary>
    public string Family => ExplicitFamily ?? FamilyOf(Name);

    /// <summary>The family given with <see cref="InFamily"/>, or null for the default.</summary>
    public string? ExplicitFamily { get; init; }

    /// <summary>Gives the margin an explicit family (a conclusion's name shared by its margins along a trajectory or over indices).</summary>
    public Margin InFamily(string family) => this with { ExplicitFamily = family };

    public bool IsComputable => !double.IsNaN(Value);

    /// <summary>
    /// A strict inequality (lhs &lt; rhs): it holds only when the margin exceeds its tolerance, is violated when it is below
    /// −tolerance, and is <see cref="IsUndecided"/> in between (rounding cannot tell, so the trial is inconclusive: neither
    /// a pass nor a counterexample).
    /// </summary>
    public bool IsStrict { get; init; }

    public bool Holds => IsComputable && (IsStrict ? Value > Tolerance.Absolute : Value >= -Tolerance.Absolute);

    /// <summary>Violated by more than its tolerance: a counterexample candidate.</summary>
    public bool IsViolated => IsComputable && Value < -Tolerance.Absolute;

    /// <summary>A strict inequality whose margin lies within its tolerance of zero: undecided at this precision.</summary>
    public bool IsUndecided => IsComputable && !Holds && !IsViolated;

    /// <summary>The same margin as a strict inequality (see <see cref="IsStrict"/>).</summary>
    public Margin Strict() => this with { IsStrict = true };

    public double Normalized => Scale > 0 && double.IsFinite(Scale) ? Value / Scale : Value;

    /// <summary>
    /// How near this evaluation came to the bound, in the bound's own scale: 1 − Value/Scale for a <see cref="MarginShape.Bound"/>
    /// with a positive finite scale (lhs/rhs for 0 ≤ lhs ≤ rhs); null for equalities, unstated shapes and uncomputable margins.
    /// </summary>
    public double? Utilization => Shape == MarginShape.Bound && IsComputable && Scale > 0 && double.IsFinite(Scale) ? 1 - Value / Scale : null;

    /// <summary>rhs − lhs for lhs ≤ rhs, with a rounding tolerance of n operations on the larger side; utilization lhs/rhs.</summary>
    public static Margin AtMost(string name, double lhs, double rhs, int operations = 16) =>
        AtMost(name, lhs, rhs, Tolerance.FromRounding(operations, Math.Max(Math.Abs(lhs), Math.Abs(rhs)), "max(|lhs|,|rhs|)"));

    /// <summary>A margin for lhs ≥ rhs (utilization rhs/lhs), with a rounding tolerance of n operations.</summary>
    public static Margin AtLeast(string name, double lhs, double rhs, int operations = 16) => AtMost(name, rhs, lhs, operations);

    /// <summary>rhs − lhs for lhs ≤ rhs with a stated tolerance; the scale is the larger side, so utilization is lhs/rhs for 0 ≤ lhs ≤ rhs.</summary>
    public static Margin AtMost(string name, double lhs, double rhs, Tolerance tolerance) =>
        new(name, rhs - lhs, tolerance, Math.Max(Math.Max(Math.Abs(lhs), Math.Abs(rhs)), double.Epsilon)) { Shape = MarginShape.Bound };

    /// <summary>lhs − rhs for lhs ≥ rhs with a stated tolerance (utilization rhs/lhs for 0 ≤ rhs ≤ lhs).</summary>
    public static Margin AtLeast(string name, double lhs, double rhs, Tolerance tolerance) => AtMost(name, rhs, lhs, tolerance);

    /// <summary>
    /// A bound margin given as its value rhs − lhs and the bound's own scale (the size of the slack the bound allows, e.g.
    /// B for λ_min ≥ −B, or the natural magnitude of q for a sign condition q ≥ 0): utilization 1 − value/scale.
    /// </summary>
    public static Margin Bound(string name, double value, double scale, Tolerance tolerance) =>
        new(name, value, tolerance, Math.Max(Math.Abs(scale), double.Epsilon)) { Shape = MarginShape.Bound };

    /// <summary>An identity lhs = rhs to a tolerance: margin −|lhs − rhs|, scale max(|lhs|, |rhs|).</summary>
    public static Margin Equality(string name, double lhs, double rhs, Tolerance tolerance) =>
        new(name, -Math.Abs(lhs - rhs), tolerance, Math.Max(Math.Max(Math.Abs(lhs), Math.Abs(rhs)), double.Epsilon)) { Shape = MarginShape.Equality };

    /// <summary>An identity given by its deviation d = |lhs − rhs| ≥ 0 and the size of the sides.</summary>
    public static Margin Deviation(string name, double deviation, double scale, Tolerance tolerance) =>
        new(name, -Math.Abs(deviation), tolerance, Math.Max(Math.Abs(scale), double.Epsilon)) { Shape = MarginShape.Equality };

    /// <summary>A margin that could not be computed (a failed solve, an overflow): never a pass, never a counterexample.</summary>
    public static Margin Uncomputable(string name) => new(name, double.NaN, Tolerance.Exact);

    private static readonly System.Text.RegularExpressions.Regex Numbers =
        new(@"(?<=[=]\s*)[-−]?\d+(\.\d+)?([eE][-+−]?\d+)?", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>The default family of a margin name: every number that follows '=' (a parameter value such as "t = 2.5" or "k=3") replaced by '#'.</summary>
    public static string FamilyOf(string name) => Numbers.Replace(name, "#");
}

/// <summary>All margins of one evaluation, plus named observations that the certificate records (measured constants, fits, counts).</summary>
public sealed record MarginSet(IReadOnlyList<Margin> Margins, IReadOnlyDictionary<string, double>? Observations = null)
{
    public static MarginSet Of(params Margin[] margins) => new(margins);

    /// <summary>
    /// Observed quantities against their bounds along the evaluated trajectory (recorded for the report's plots: the
    /// certificate keeps them for the worst trial only). Not evidence: the margins decide.
    /// </summary>
    public IReadOnlyList<Trace> Traces { get; init; } = [];

    public MarginSet WithTrace(Trace trace) => this with { Traces = [.. Traces, trace] };

    public bool AllHold => Margins.All(m => m.Holds);

    public bool AnyViolated => Margins.Any(m => m.IsViolated);

    public bool AnyUncomputable => Margins.Any(m => !m.IsComputable);

    /// <summary>Some strict inequality lies within its tolerance of zero (undecided at this precision).</summary>
    public bool AnyUndecided => Margins.Any(m => m.IsUndecided);

    /// <summary>The margin with the smallest normalized value (uncomputable ones first).</summary>
    public Margin? Worst => Margins
        .OrderBy(m => m.IsComputable ? 1 : 0)
        .ThenBy(m => m.IsComputable ? m.Normalized : 0)
        .FirstOrDefault();

    public MarginSet WithObservation(string name, double value)
    {
        var obs = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (Observations is not null)
        {
            foreach (var (k, v) in Observations)
            {
                obs[k] = v;
            }
        }
        obs[name] = value;
        return this with { Observations = obs };
    }
}

/// <summary>
/// An observed quantity (lhs) and its bound (rhs) at sampled points x of a trajectory (e.g. ℓ(t) against ℓ(0)(1 − κ)^t),
/// for plotting; <see cref="TraceRecorder"/> samples long trajectories.
/// </summary>
public sealed record Trace(string Title, string XLabel, string YLabel, string LhsName, string RhsName,
    IReadOnlyList<double> X, IReadOnlyList<double> Lhs, IReadOnlyList<double> Rhs);

/// <summary>
/// Records (x, lhs, rhs) at geometrically spaced integer steps t = 0, 1, 2, 3, 4, 5, 6, 8, 10, 12, 15, … (about 20 per
/// decade) plus the last step offered, so a trajectory of millions of steps becomes a few hundred points, allocation-free per
/// step once sampled. Deterministic: the sample steps depend only on t.
/// </summary>
public sealed class TraceRecorder(string title, string xLabel, string yLabel, string lhsName, string rhsName)
{
    private readonly List<double> _x = [], _lhs = [], _rhs = [];
    private long _next;
    private (double X, double Lhs, double Rhs)? _last;

    public void Offer(long t, double lhs, double rhs)
    {
        if (t >= _next)
        {
            _x.Add(t);
            _lhs.Add(lhs);
            _rhs.Add(rhs);
            _next = Math.Max(t + 1, (long)Math.Ceiling(t * 1.122));
            _last = null;
        }
        else
        {
            _last = (t, lhs, rhs);
        }
    }

    public Trace Build()
    {
        var (x, l, r) = (new List<double>(_x), new List<double>(_lhs), new List<double>(_rhs));
        if (_last is { } last)
        {
            x.Add(last.X);
            l.Add(last.Lhs);
            r.Add(last.Rhs);
        }
        return new Trace(title, xLabel, yLabel, lhsName, rhsName, x, l, r);
    }
}

/// <summary>Whether an instance satisfies the hypotheses, and if not, which one failed.</summary>
public sealed record HypothesesCheck(bool Satisfied, string? Failed)
{
    public static HypothesesCheck Ok { get; } = new(true, null);

    public static HypothesesCheck Fail(string which) => new(false, which);

    /// <summary>Checks several conditions in order and reports the first that fails.</summary>
    public static HypothesesCheck All(params (bool Holds, string Name)[] conditions)
    {
        foreach (var (holds, name) in conditions)
        {
            if (!holds)
            {
                return Fail(name);
            }
        }
        return Ok;
    }
}
