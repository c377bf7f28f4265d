using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Trials;

/// <summary>What happened on one trial (Hypothesis' Status, SciML's retcode).</summary>
public enum InstanceOutcome
{
    /// <summary>The generated instance did not satisfy the hypotheses (the validator said which); not evidence either way.</summary>
    Rejected,
    /// <summary>Every margin is ≥ −tolerance.</summary>
    Holds,
    /// <summary>A margin was violated but the confirmation pass did not reproduce it, or a margin could not be computed (NaN, overflow).</summary>
    Inconclusive,
    /// <summary>A margin was violated by more than its tolerance and the confirmation pass reproduced it: a counterexample.</summary>
    Confirmed,
    /// <summary>The generator or the conclusion threw; the message is kept.</summary>
    Error,
}

/// <summary>The record of one trial. Only the instance of interesting trials is kept (worst, counterexamples).</summary>
public sealed record TrialRecord(
    int Index,
    Seed Seed,
    InstanceOutcome Outcome,
    Margin? Worst,
    string? Detail,
    Instance? Instance,
    MarginSet? Margins);

/// <summary>Everything a statement's trials produced, in trial order.</summary>
public sealed record TrialSummary(
    Seed RootSeed,
    int Trials,
    IReadOnlyList<TrialRecord> Records)
{
    public int Count(InstanceOutcome outcome) => Records.Count(r => r.Outcome == outcome);

    public int Accepted => Trials - Count(InstanceOutcome.Rejected);

    /// <summary>The accepted trial with the smallest normalized worst margin (first in trial order on ties); computed once.</summary>
    public TrialRecord? Worst { get; } = FindWorst(Records);

    public static TrialRecord? FindWorst(IEnumerable<TrialRecord> records) => records
        .Where(r => r.Worst is { IsComputable: true } && r.Outcome is InstanceOutcome.Holds or InstanceOutcome.Confirmed or InstanceOutcome.Inconclusive)
        .OrderBy(r => r.Worst!.Normalized)
        .ThenBy(r => r.Index)
        .FirstOrDefault();

    public IEnumerable<TrialRecord> Counterexamples => Records.Where(r => r.Outcome == InstanceOutcome.Confirmed);

    public IEnumerable<TrialRecord> Errors => Records.Where(r => r.Outcome == InstanceOutcome.Error);

    /// <summary>
    /// The weakest <see cref="ToleranceKind"/> among the margins of the trials that hold (recorded by <see cref="TrialRunner"/>
    /// before it drops their margins); null when not recorded, which grades like <see cref="ToleranceKind.Unstated"/>.
    /// </summary>
    public ToleranceKind? WeakestHoldingTolerance { get; init; }

    /// <summary>The source text of one margin tolerance of that weakest kind (for the grade's basis sentence).</summary>
    public string? WeakestHoldingToleranceSource { get; init; }

    /// <summary>
    /// Each observation (<see cref="MarginSet.WithObservation"/>) across the accepted trials, in trial order, as
    /// (trial index, value); the first <see cref="TrialRunner.ObservationSeriesLimit"/> trials only. Empty when none.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<(int Trial, double Value)>> ObservationSeries { get; init; } =
        new SortedDictionary<string, IReadOnlyList<(int Trial, double Value)>>(StringComparer.Ordinal);

    /// <summary>How near the holding trials (and the boundary search, when it ran) came to each bound of the conclusion.</summary>
    public UtilizationSummary Utilization { get; init; } = UtilizationSummary.Empty;

    /// <summary>What the boundary search after the trials did (null when it did not run).</summary>
    public BoundarySearchReport? BoundarySearch { get; init; }

    /// <summary>The holding trials kept whole (instance and margins) as starts for the boundary search, nearest the bound first.</summary>
    public IReadOnlyList<TrialRecord> Starts { get; init; } = [];
}

/// <summary>What the boundary search did: evaluations spent, starts, and the statement utilization before and after it.</summary>
public sealed record BoundarySearchReport(int Evaluations, int Starts, double? UtilizationBefore, double? UtilizationAfter, int Improved);

/// <summary>
/// Runs seeded trials of a statement. Trial i uses <c>root.Split(i)</c>, and records are gathered
/// by index, so the summary is identical at any degree of parallelism.
/// </summary>
public static class TrialRunner
{
    public static TrialSummary Run(Statement statement, ConstantValues constants, Seed root, int trials, int parallelism = 1, int keepStarts = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        var records = new TrialRecord[trials];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) };
        // A trial's conclusion may split its own independent work (TrialParallelism.Map) over the same thread count.
        int outer = TrialParallelism.Degree;
        TrialParallelism.Set(parallelism);
        try
        {
            Parallel.For(0, trials, options, i => records[i] = GenerateAndEvaluate(statement, constants, root.Split(i), i));
        }
        finally
        {
            TrialParallelism.Set(outer);
        }
        var (weakest, weakestSource) = WeakestTolerance(records);
        var series = Series(records);
        var utilization = new UtilizationSummary.Builder();
        foreach (var r in records.Where(r => r.Outcome == InstanceOutcome.Holds && r.Margins is not null))
        {
            utilization.Add(r.Index, r.Margins!);
        }
        var built = utilization.Build();
        var starts = NearestTheBound(records, keepStarts, built.Least?.Family);
        // Keep instances only where a reader needs them (worst, counterexamples, inconclusive, errors): memory stays flat in long campaigns.
        var worstIndex = TrialSummary.FindWorst(records)?.Index;
        for (int i = 0; i < trials; i++)
        {
            if (records[i].Outcome == InstanceOutcome.Holds && records[i].Index != worstIndex)
            {
                records[i] = records[i] with { Instance = null, Margins = null };
            }
        }
        return new TrialSummary(root, trials, records)
        {
            WeakestHoldingTolerance = weakest,
            WeakestHoldingToleranceSource = weakestSource,
            ObservationSeries = series,
            Utilization = built,
            Starts = starts,
        };
    }

    /// <summary>
    /// The <paramref name="n"/> holding trials nearest the bound of the least-exercised family <paramref name="target"/> (the one
    /// the boundary search pushes; trials without a margin of that family cannot start it), ties by index.
    /// </summary>
    private static List<TrialRecord> NearestTheBound(IEnumerable<TrialRecord> records, int n, string? target) => n <= 0 || target is null ? [] :
        [.. records
            .Where(r => r.Outcome == InstanceOutcome.Holds && r.Instance is not null && r.Margins is not null)
            .Select(r => (Record: r, U: r.Margins!.Margins.Where(m => m.Family == target).Select(m => m.Utilization).Where(u => u is not null).Max()))
            .Where(x => x.U is not null)
            .OrderByDescending(x => x.U!.Value)
            .ThenBy(x => x.Record.Index)
            .Take(n)
            .Select(x => x.Record)];

    /// <summary>How many trials' observations a summary keeps as series (certificates stay small in long campaigns).</summary>
    public const int ObservationSeriesLimit = 256;

    private static (ToleranceKind? Kind, string? Source) WeakestTolerance(IEnumerable<TrialRecord> records)
    {
        ToleranceKind? weakest = null;
        string? source = null;
        foreach (var m in records.Where(r => r.Outcome == InstanceOutcome.Holds && r.Margins is not null).SelectMany(r => r.Margins!.Margins))
        {
            if (weakest is null || m.Tolerance.Kind < weakest)
            {
                (weakest, source) = (m.Tolerance.Kind, m.Tolerance.Source);
            }
        }
        return (weakest, source);
    }

    private static SortedDictionary<string, IReadOnlyList<(int Trial, double Value)>> Series(IEnumerable<TrialRecord> records)
    {
        var lists = new SortedDictionary<string, List<(int, double)>>(StringComparer.Ordinal);
        foreach (var r in records.Where(r => r.Outcome != InstanceOutcome.Rejected && r.Index < ObservationSeriesLimit && r.Margins?.Observations is not null))
        {
            foreach (var (name, value) in r.Margins!.Observations!)
            {
                if (!lists.TryGetValue(name, out var list))
                {
                    lists[name] = list = [];
                }
                list.Add((r.Index, value));
            }
        }
        var result = new SortedDictionary<string, IReadOnlyList<(int Trial, double Value)>>(StringComparer.Ordinal);
        foreach (var (name, list) in lists)
        {
            result[name] = list;
        }
        return result;
    }

    /// <summary>Evaluates one instance: validate, evaluate margins, confirm a violation.</summary>
    public static TrialRecord Evaluate(Statement statement, ConstantValues constants, Instance instance, int index, Seed seed)
    {
        HypothesesCheck check;
        try
        {
            check = statement.Hypotheses.Validate(instance, constants);
        }
        catch (Exception e)
        {
            return new TrialRecord(index, seed, InstanceOutcome.Error, null, $"validator threw {e.GetType().Name}: {e.Message}", instance, null);
        }
        if (!check.Satisfied)
        {
            return new TrialRecord(index, seed, InstanceOutcome.Rejected, null, $"hypothesis not met: {check.Failed}", null, null);
        }
        MarginSet margins;
        try
        {
            margins = statement.Conclusion(instance, constants, Precision.Standard);
        }
        catch (Exception e)
        {
            return new TrialRecord(index, seed, InstanceOutcome.Error, null, $"conclusion threw {e.GetType().Name}: {e.Message}", instance, null);
        }
        if (margins.Margins.Count == 0)
        {
            return new TrialRecord(index, seed, InstanceOutcome.Error, null, "the conclusion produced no margin", instance, margins);
        }
        var worst = margins.Worst;
        if (margins.AnyViolated)
        {
            MarginSet confirm;
            try
            {
                confirm = statement.Conclusion(instance, constants, Precision.Confirm);
            }
            catch (Exception e)
            {
                return new TrialRecord(index, seed, InstanceOutcome.Inconclusive, worst, $"confirmation threw {e.GetType().Name}: {e.Message}", instance, margins);
            }
            var violated = confirm.Margins.Where(m => m.IsViolated).ToList();
            if (violated.Count > 0)
            {
                var v = violated.OrderBy(m => m.Normalized).First();
                return new TrialRecord(index, seed, InstanceOutcome.Confirmed, v,
                    $"{v.Name} = {Fmt(v.Value)} < −{Fmt(v.Tolerance.Absolute)} ({v.Tolerance.Source}), reproduced by the confirmation pass (Precision.Confirm)",
                    instance, confirm);
            }
            return new TrialRecord(index, seed, InstanceOutcome.Inconclusive, worst,
                $"{worst!.Name} violated at standard precision but not on confirmation", instance, margins);
        }
        if (margins.AnyUncomputable)
        {
            var bad = margins.Margins.First(m => !m.IsComputable);
            return new TrialRecord(index, seed, InstanceOutcome.Inconclusive, worst, $"{bad.Name} could not be computed (NaN)", instance, margins);
        }
        if (margins.AnyUndecided)
        {
            var open = margins.Margins.First(m => m.IsUndecided);
            return new TrialRecord(index, seed, InstanceOutcome.Inconclusive, worst,
                $"{open.Name} = {Fmt(open.Value)} is within its tolerance {Fmt(open.Tolerance.Absolute)} of 0: a strict inequality undecided at this precision", instance, margins);
        }
        return new TrialRecord(index, seed, InstanceOutcome.Holds, worst, null, instance, margins);
    }

    /// <summary>Generates trial <paramref name="index"/>'s instance from <paramref name="seed"/> and evaluates it (a throwing generator is an error record).</summary>
    public static TrialRecord GenerateAndEvaluate(Statement statement, ConstantValues constants, Seed seed, int index)
    {
        Instance instance;
        try
        {
            instance = statement.Hypotheses.Generate(new TrialContext(seed.CreateRng(), constants, index));
        }
        catch (Exception e)
        {
            return new TrialRecord(index, seed, InstanceOutcome.Error, null, $"generator threw {e.GetType().Name}: {e.Message}", null, null);
        }
        return Evaluate(statement, constants, instance, index, seed);
    }

    private static string Fmt(double x) => x.ToString("G6", System.Globalization.CultureInfo.InvariantCulture);
}
