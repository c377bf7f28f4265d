using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Search;

/// <summary>How much a counterexample search may spend, in conclusion evaluations (no clock: results must not depend on the machine).</summary>
/// <param name="Trials">Generated instances (the statement's own generator, trial i seeded by <c>seed.Split("trials").Split(i)</c>).</param>
/// <param name="LocalSteps">Mutations tried by the hill climber in total, over every start.</param>
/// <param name="Starts">How many of the worst instances the hill climber starts from.</param>
public sealed record SearchBudget(int Trials, int LocalSteps, int Starts = 3)
{
    /// <summary>A budget of n evaluations: half sampling, half local search.</summary>
    public static SearchBudget OfEvaluations(int n) => new(Math.Max(1, n / 2), Math.Max(0, n - Math.Max(1, n / 2)));
}

/// <summary>What a targeted search at fixed constants found.</summary>
/// <param name="Constants">The constants searched at.</param>
/// <param name="Seed">The search's root seed.</param>
/// <param name="Evaluations">Conclusion evaluations spent.</param>
/// <param name="Accepted">Generated instances that passed the validator.</param>
/// <param name="Counterexample">A confirmed counterexample (validated, violated, reproduced by <see cref="Precision.Confirm"/>), or null.</param>
/// <param name="FoundBy">"sampling" (the statement's generator) or "local search" (a mutated instance that passed the validator).</param>
/// <param name="Worst">The accepted, holding instances with the smallest normalized worst margin, best first (starts for the next search).</param>
public sealed record SearchResult(
    ConstantValues Constants,
    Seed Seed,
    int Evaluations,
    int Accepted,
    TrialRecord? Counterexample,
    string? FoundBy,
    IReadOnlyList<TrialRecord> Worst)
{
    public double? WorstNormalized => Worst.Count > 0 ? Worst[0].Worst?.Normalized : null;
}

/// <summary>
/// A targeted counterexample search at fixed constants: the statement's generator first, then a hill climber that
/// minimizes the worst normalized margin by perturbing the non-integer scalars, η and the matrix entries of the worst
/// instances found (zeros and symmetry are kept, so structured matrices stay structured). A mutated instance counts only
/// if it passes <see cref="Hypotheses.Validate"/>, and a violation only if the confirmation pass reproduces it
/// (<see cref="TrialRunner.Evaluate"/>). Deterministic for a seed at any parallelism.
/// </summary>
public static class CounterexampleSearch
{
    public static SearchResult Run(Statement statement, ConstantValues constants, Seed seed, SearchBudget budget,
        IReadOnlyList<Instance>? startFrom = null, int parallelism = 1, CancellationToken cancel = default)
    {
        int evaluations = 0;
        // 1. Sampling: trial i generates and evaluates exactly like TrialRunner, but keeps every instance for the climber.
        var records = new TrialRecord[budget.Trials];
        var trialSeed = seed.Split("trials");
        Parallel.For(0, budget.Trials, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancel },
            i => records[i] = TrialRunner.GenerateAndEvaluate(statement, constants, trialSeed.Split(i), i));
        evaluations += budget.Trials;
        int accepted = records.Count(r => r.Outcome != InstanceOutcome.Rejected);
        var found = records.FirstOrDefault(r => r.Outcome == InstanceOutcome.Confirmed);
        // Previous worst instances (e.g. from a neighbouring constant value) are re-validated at these constants.
        var carried = new List<TrialRecord>();
        foreach (var (x, k) in (startFrom ?? []).Select((x, k) => (x, k)))
        {
            if (found is not null)
            {
                break;
            }
            var r = TrialRunner.Evaluate(statement, constants, x, budget.Trials + k, seed.Split("start:" + k));
            evaluations++;
            if (r.Outcome == InstanceOutcome.Confirmed)
            {
                found = r;
            }
            carried.Add(r);
        }
        if (found is not null)
        {
            return new SearchResult(constants, seed, evaluations, accepted, found, found.Index < budget.Trials ? "sampling" : "local search", Best([.. records, .. carried], budget.Starts));
        }
        var starts = Best([.. records, .. carried], budget.Starts);
        var pool = new List<TrialRecord>(starts);
        // 2. Local search from each start; starts get equal shares of the budget.
        for (int s = 0; s < starts.Count && budget.LocalSteps > 0; s++)
        {
            cancel.ThrowIfCancellationRequested();
            int steps = budget.LocalSteps / starts.Count + (s < budget.LocalSteps % starts.Count ? 1 : 0);
            var (best, cx, used) = Climb(statement, constants, starts[s], seed.Split("climb:" + s), steps, cancel);
            evaluations += used;
            if (cx is not null)
            {
                return new SearchResult(constants, seed, evaluations, accepted, cx, "local search", Best(pool, budget.Starts));
            }
            pool.Add(best);
        }
        return new SearchResult(constants, seed, evaluations, accepted, null, null, Best(pool, budget.Starts));
    }

    /// <summary>Holding (or unconfirmed) instances with a computable worst margin, smallest normalized margin first, ties by index.</summary>
    private static List<TrialRecord> Best(IEnumerable<TrialRecord> records, int n) =>
        [.. records
            .Where(r => r.Instance is not null && r.Worst is { IsComputable: true } && r.Outcome is InstanceOutcome.Holds or InstanceOutcome.Inconclusive)
            .OrderBy(StartScore)
            .ThenBy(r => r.Index)
            .Take(n)];

    /// <summary>The smallest normalized margin that is not zero to rounding (identities hold by construction; see <see cref="Climb"/>).</summary>
    private static double StartScore(TrialRecord r) =>
        r.Margins?.Margins.Where(m => m.IsComputable && Math.Abs(m.Value) > m.Tolerance.Absolute).Select(m => (double?)m.Normalized).Min()
        ?? r.Worst!.Normalized;

    /// <summary>
    /// Hill climbing with an adaptive step: a move that lowers the worst normalized margin is kept and repeated with a doubled
    /// stride while it keeps improving (a pattern move); a rejected move (hypothesis broken) halves the step.
    /// </summary>
    internal static (TrialRecord Best, TrialRecord? Counterexample, int Evaluations) Climb(
        Statement statement, ConstantValues constants, TrialRecord start, Seed seed, int steps, CancellationToken cancel,
        Func<MarginSet, double?>? objective = null, Action<TrialRecord>? observe = null)
    {
        var rng = seed.CreateRng();
        var current = start;
        double step = 0.1;
        int used = 0;
        // Identities: margins that are zero to rounding on the generated instance (e.g. "W_{1:N} = A" for a network built from
        // A by Procedure 1). They hold by construction, not by the statement's hypotheses, and validators are not required to
        // re-check them; a mutation that breaks one is a broken construction, not a counterexample. So they are frozen: the
        // climber neither scores them nor counts a violation of only them.
        var identities = start.Margins!.Margins.Where(m => m.IsComputable && Math.Abs(m.Value) <= m.Tolerance.Absolute).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        double? Score(TrialRecord r) => r.Margins is null ? null
            : objective is not null ? objective(r.Margins)
            : r.Margins.Margins.Where(m => m.IsComputable && !identities.Contains(m.Name)).Select(m => (double?)m.Normalized).Min();
        bool Genuine(TrialRecord r) => r.Margins!.Margins.Any(m => m.IsViolated && !identities.Contains(m.Name))
            && !r.Margins.Margins.Any(m => m.IsViolated && identities.Contains(m.Name));
        bool Better(TrialRecord r) => r.Outcome == InstanceOutcome.Holds && Score(r) is { } a && Score(current) is { } b && a < b;
        if (Score(start) is null)
        {
            return (start, null, 0); // every margin is an identity: nothing to climb
        }
        while (used < steps)
        {
            cancel.ThrowIfCancellationRequested();
            var (candidate, direction) = Mutate(current.Instance!, rng, step);
            if (candidate is null)
            {
                break; // nothing editable
            }
            var r = TrialRunner.Evaluate(statement, constants, candidate, start.Index, seed);
            used++;
            observe?.Invoke(r);
            if (r.Outcome == InstanceOutcome.Confirmed && Genuine(r))
            {
                return (current, r, used);
            }
            if (Better(r))
            {
                current = r;
                step = Math.Min(1, step * 1.5);
                // Pattern move: keep going the same way with a doubled stride while it helps.
                for (double stride = 2; used < steps; stride *= 2)
                {
                    var further = direction(stride);
                    if (further is null)
                    {
                        break;
                    }
                    var f = TrialRunner.Evaluate(statement, constants, further, start.Index, seed);
                    used++;
                    observe?.Invoke(f);
                    if (f.Outcome == InstanceOutcome.Confirmed && Genuine(f))
                    {
                        return (current, f, used);
                    }
                    if (!Better(f))
                    {
                        break;
                    }
                    current = f;
                }
            }
            else
            {
                // A rejected move (hypothesis broken) or a broken identity: the step was too big for the constraints.
                step = r.Outcome == InstanceOutcome.Rejected || r.Outcome == InstanceOutcome.Confirmed ? step * 0.5 : step * 0.7;
                step = Math.Max(step, 1e-9);
            }
        }
        return (current, null, used);
    }

    /// <summary>
    /// One random move: a single scalar, a single matrix, or everything at once, each number x moved to x·(1 + step·g)
    /// (g standard normal); zeros stay zero, integer-valued matrices (masks) and integer scalars are left alone. Also returns the same move scaled by a stride, for pattern moves.
    /// </summary>
    private static (Instance? Candidate, Func<double, Instance?> Direction) Mutate(Instance x, Rng rng, double step)
    {
        var scalars = InstanceEditor.EditableScalars(x);
        var slots = InstanceEditor.MatrixSlots(x).Where(s => !InstanceEditor.IsIntegerValued(InstanceEditor.Get(x, s))).ToList();
        int groups = scalars.Count + slots.Count + (x.Eta is null ? 0 : 1);
        if (groups == 0)
        {
            return (null, _ => null);
        }
        // Pick one group, or (one time in four) all of them.
        int pick = rng.NextInt(0, 4 * groups - 1);
        bool all = pick >= groups;
        var scalarMoves = new Dictionary<string, double>(StringComparer.Ordinal);
        var matrixMoves = new List<(MatrixSlot Slot, DeltaGrid Delta)>();
        double? etaMove = null;
        for (int g = 0; g < groups; g++)
        {
            if (!all && g != pick)
            {
                continue;
            }
            if (g < scalars.Count)
            {
                scalarMoves[scalars[g]] = step * rng.NextGaussian();
            }
            else if (g < scalars.Count + slots.Count)
            {
                var slot = slots[g - scalars.Count];
                var m = InstanceEditor.Get(x, slot);
                bool symmetric = InstanceEditor.IsSymmetric(m);
                var d = new double[m.RowCount, m.ColumnCount];
                for (int i = 0; i < m.RowCount; i++)
                {
                    for (int j = symmetric ? i : 0; j < m.ColumnCount; j++)
                    {
                        d[i, j] = step * rng.NextGaussian();
                        if (symmetric)
                        {
                            d[j, i] = d[i, j];
                        }
                    }
                }
                matrixMoves.Add((slot, new DeltaGrid(d)));
            }
            else
            {
                etaMove = step * rng.NextGaussian();
            }
        }
        Instance? Apply(double stride)
        {
            var y = x;
            foreach (var (name, d) in scalarMoves)
            {
                y = y.WithScalar(name, x.Scalar(name) * (1 + stride * d));
            }
            foreach (var (slot, delta) in matrixMoves)
            {
                var m = InstanceEditor.Get(x, slot).Clone();
                for (int i = 0; i < m.RowCount; i++)
                {
                    for (int j = 0; j < m.ColumnCount; j++)
                    {
                        m[i, j] *= 1 + stride * delta.Values[i, j];
                    }
                }
                y = InstanceEditor.With(y, slot, m);
            }
            if (etaMove is { } e && x.Eta is { } eta)
            {
                double moved = eta * (1 + stride * e);
                y = y with { Eta = moved > 0 ? moved : eta };
            }
            return y;
        }
        return (Apply(1), Apply);
    }

    private sealed record DeltaGrid(double[,] Values);
}
