using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Trials;

/// <summary>How near the holding trials came to one conclusion margin's bound (one family: a margin and its parameterised copies).</summary>
/// <param name="Family">The margin family (<see cref="Margin.Family"/>).</param>
/// <param name="Name">The margin (of that family) that came nearest, as evaluated.</param>
/// <param name="Shape">Bound, equality, or unstated (when any margin of the family was built without a shape).</param>
/// <param name="Max">The largest utilization over the holding trials and the boundary search (bound shape only).</param>
/// <param name="Trial">The trial that reached <paramref name="Max"/> (≥ the trial count: found by the boundary search).</param>
/// <param name="Evaluations">How many evaluated margins the family had.</param>
public sealed record MarginUtilization(string Family, string Name, MarginShape Shape, double? Max, int? Trial, int Evaluations);

/// <summary>What the statement-level utilization is.</summary>
public enum UtilizationState
{
    /// <summary>No holding trial, or nothing measured.</summary>
    None,
    /// <summary>Some margin has no stated shape: utilization unknown.</summary>
    Unknown,
    /// <summary>Every conclusion margin is an identity checked to a tolerance: tight by construction.</summary>
    Equality,
    /// <summary>Measured: <see cref="UtilizationSummary.Value"/> is the least-exercised bound's utilization.</summary>
    Measured,
}

/// <summary>
/// Utilization per margin family and for the statement: the least-exercised conclusion margin, i.e. the minimum over bound
/// families of the maximum utilization over trials (README "Utilization"). A bound is <see cref="Approached"/> when that
/// value is at least <see cref="Near"/>: every bound of the conclusion was met within a factor of 2 by some trial.
/// </summary>
public sealed record UtilizationSummary(IReadOnlyList<MarginUtilization> Margins)
{
    /// <summary>The utilization at which a bound counts as approached (the trials came within a factor 2 of it).</summary>
    public const double Near = 0.5;

    public static UtilizationSummary Empty { get; } = new([]);

    public UtilizationState State =>
        Margins.Count == 0 ? UtilizationState.None
        : Margins.Any(m => m.Shape == MarginShape.Unstated) ? UtilizationState.Unknown
        : Margins.All(m => m.Shape == MarginShape.Equality) ? UtilizationState.Equality
        : UtilizationState.Measured;

    /// <summary>The least-exercised bound family (or the first unstated one), null for none/equality.</summary>
    public MarginUtilization? Least => State switch
    {
        UtilizationState.Unknown => Margins.First(m => m.Shape == MarginShape.Unstated),
        UtilizationState.Measured => Margins.Where(m => m.Shape == MarginShape.Bound).OrderBy(m => m.Max ?? double.NegativeInfinity).ThenBy(m => m.Family, StringComparer.Ordinal).First(),
        _ => null,
    };

    /// <summary>The statement-level utilization (measured state only).</summary>
    public double? Value => State == UtilizationState.Measured ? Least!.Max : null;

    /// <summary>Every bound of the conclusion came near (or the conclusion is identities only).</summary>
    public bool Approached => State == UtilizationState.Equality || (Value is { } v && v >= Near);

    /// <summary>One phrase for verdict sentences.</summary>
    public string Describe() => State switch
    {
        UtilizationState.None => "utilization not measured (no holding trial)",
        UtilizationState.Unknown => $"utilization unknown (margin '{Least!.Family}' states no shape)",
        UtilizationState.Equality => "every conclusion margin is an identity (tight by construction)",
        _ => Approached
            ? $"bounds approached: least-exercised margin '{Least!.Family}' reached utilization {Fmt(Value!.Value)}"
            : $"bound never approached: margin '{Least!.Family}' reached at most utilization {Fmt(Value ?? double.NaN)} (< {Fmt(Near)}) on any trial",
    };

    private static string Fmt(double x) => x.ToString("G3", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Accumulates margins of holding evaluations (trials and boundary-search points) into per-family maxima.</summary>
    public sealed class Builder
    {
        private readonly SortedDictionary<string, (string Name, MarginShape Shape, double? Max, int? Trial, int Count)> _families = new(StringComparer.Ordinal);

        /// <summary>Adds one holding evaluation's margins; true when it raised some family's maximum.</summary>
        public bool Add(int trial, MarginSet margins)
        {
            bool raised = false;
            foreach (var m in margins.Margins.Where(m => m.IsComputable))
            {
                var key = m.Family;
                var u = m.Utilization;
                if (!_families.TryGetValue(key, out var f))
                {
                    _families[key] = (m.Name, m.Shape, u, u is null ? null : trial, 1);
                    continue;
                }
                var shape = f.Shape == m.Shape ? f.Shape : (f.Shape == MarginShape.Unstated || m.Shape == MarginShape.Unstated ? MarginShape.Unstated : MarginShape.Bound);
                bool better = u is { } x && (f.Max is not { } y || x > y);
                raised |= better && f.Max is not null;
                _families[key] = better ? (m.Name, shape, u, trial, f.Count + 1) : (f.Name, shape, f.Max, f.Trial, f.Count + 1);
            }
            return raised;
        }

        /// <summary>Starts from an earlier summary's family (the trials' maxima before a boundary search).</summary>
        public void Seed(MarginUtilization m) => _families[m.Family] = (m.Name, m.Shape, m.Max, m.Trial, m.Evaluations);

        public UtilizationSummary Build() =>
            new([.. _families.Select(kv => new MarginUtilization(kv.Key, kv.Value.Name, kv.Value.Shape,
                kv.Value.Shape == MarginShape.Bound ? kv.Value.Max : null, kv.Value.Shape == MarginShape.Bound ? kv.Value.Trial : null, kv.Value.Count))]);
    }
}
