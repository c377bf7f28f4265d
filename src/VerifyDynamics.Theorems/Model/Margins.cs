using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.Model;

/// <summary>
/// One conclusion inequality evaluated on an instance, as <c>rhs − lhs</c>. It holds when
/// <c>Value ≥ −Tolerance.Absolute</c>; <see cref="Scale"/> is the natural size of the two sides, used
/// only to compare margins of different statements (<see cref="Normalized"/>). NaN means the
/// quantity could not be computed (overflow, a failed solve): never a pass, never a counterexample.
/// </summary>
public sealed record Margin(string Name, double Value, Tolerance Tolerance, double Scale = 1)
{
    public bool IsComputable => !double.IsNaN(Value);

    public bool Holds => IsComputable && Value >= -Tolerance.Absolute;

    /// <summary>Violated by more than its tolerance: a counterexample candidate.</summary>
    public bool IsViolated => IsComputable && Value < -Tolerance.Absolute;

    public double Normalized => Scale > 0 && double.IsFinite(Scale) ? Value / Scale : Value;

    /// <summary>rhs − lhs with a rounding tolerance of n operations on the larger side.</summary>
    public static Margin AtMost(string name, double lhs, double rhs, int operations = 16) =>
        new(name, rhs - lhs, Tolerance.FromRounding(operations, Math.Max(Math.Abs(lhs), Math.Abs(rhs)), "max(|lhs|,|rhs|)"),
            Math.Max(Math.Max(Math.Abs(lhs), Math.Abs(rhs)), double.Epsilon));

    /// <summary>A margin for lhs ≥ rhs.</summary>
    public static Margin AtLeast(string name, double lhs, double rhs, int operations = 16) => AtMost(name, rhs, lhs, operations);
}

/// <summary>All margins of one evaluation, plus named observations that the certificate records (measured constants, fits, counts).</summary>
public sealed record MarginSet(IReadOnlyList<Margin> Margins, IReadOnlyDictionary<string, double>? Observations = null)
{
    public static MarginSet Of(params Margin[] margins) => new(margins);

    public bool AllHold => Margins.All(m => m.Holds);

    public bool AnyViolated => Margins.Any(m => m.IsViolated);

    public bool AnyUncomputable => Margins.Any(m => !m.IsComputable);

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
