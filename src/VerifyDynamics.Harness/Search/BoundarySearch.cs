using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Search;

/// <summary>
/// Seeks the boundary before a verdict is concluded (README "Utilization"): the counterexample climber of <c>vd falsify</c>
/// runs from the trials nearest the bound, within the hypotheses (every moved instance is re-validated), and pushes the
/// least-exercised bound's utilization up. Every holding point it evaluates counts in the utilization summary; a confirmed
/// violation becomes one more trial record (a counterexample like any other). Deterministic for a seed.
/// </summary>
public static class BoundarySearch
{
    /// <summary>How many of the trials nearest the bound the climber starts from.</summary>
    public const int Starts = 3;

    /// <summary>The default evaluation budget: as many as the trials, at least 12, at most 48.</summary>
    public static int DefaultSteps(int trials) => Math.Clamp(trials, 12, 48);

    public static TrialSummary Extend(Statement statement, ConstantValues constants, Seed seed, TrialSummary summary, int steps,
        CancellationToken cancel = default)
    {
        if (steps <= 0 || summary.Starts.Count == 0 || summary.Utilization.State != UtilizationState.Measured)
        {
            return summary;
        }
        // Re-collect the trials' maxima, then add every holding point the climber evaluates.
        var builder = new UtilizationSummary.Builder();
        foreach (var m in summary.Utilization.Margins)
        {
            builder.Seed(m);
        }
        double? before = summary.Utilization.Value;
        string target = summary.Utilization.Least!.Family;
        int used = 0, improved = 0;
        int boundaryIndex = summary.Trials; // points found here are reported as trial indices ≥ the trial count
        TrialRecord? counterexample = null;
        for (int s = 0; s < summary.Starts.Count && counterexample is null; s++)
        {
            int share = steps / summary.Starts.Count + (s < steps % summary.Starts.Count ? 1 : 0);
            int index = boundaryIndex + s;
            var start = summary.Starts[s] with { Index = index };
            // Maximise the target family's utilization (minimise its negative); other families are recorded as they come.
            var (_, cx, n) = CounterexampleSearch.Climb(statement, constants, start, seed.Split("boundary:" + s), share, cancel,
                objective: set => -set.Margins.Where(m => m.Family == target).Select(m => m.Utilization).Where(u => u is not null).Max(),
                observe: r =>
                {
                    if (r.Outcome == InstanceOutcome.Holds && r.Margins is not null && builder.Add(index, r.Margins))
                    {
                        improved++;
                    }
                });
            used += n;
            counterexample = cx is null ? null : cx with { Index = boundaryIndex, Detail = "found by the boundary search: " + cx.Detail };
        }
        var utilization = builder.Build();
        var report = new BoundarySearchReport(used, summary.Starts.Count, before, utilization.Value, improved);
        if (counterexample is null)
        {
            return summary with { Utilization = utilization, BoundarySearch = report };
        }
        return new TrialSummary(summary.RootSeed, summary.Trials + 1, [.. summary.Records, counterexample])
        {
            WeakestHoldingTolerance = summary.WeakestHoldingTolerance,
            WeakestHoldingToleranceSource = summary.WeakestHoldingToleranceSource,
            ObservationSeries = summary.ObservationSeries,
            Utilization = utilization,
            BoundarySearch = report,
            Starts = summary.Starts,
        };
    }
}
