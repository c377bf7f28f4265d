using System.Globalization;

namespace VerifyDynamics.Harness.Trials;

/// <summary>
/// The order in which <c>vd verify</c> starts statements on its workers: longest first, by the committed per-statement
/// cost table <c>statement-costs.tsv</c> (seconds of each statement in a <c>--threads 1</c> run, embedded in this assembly).
/// Starting the long poles (e.g. ACGH19.Lemma17, ACGH19.Thm1, JGGSH21.Lemma14) first keeps one worker from idling at the
/// end of the run while the other finishes a long statement begun late. Only the start order changes: each certificate
/// depends only on its statement and the run seed, and results are still handed out in catalog order
/// (<see cref="StatementPool{T}"/>), so certificates, reports and the log are byte-identical to the catalog-order run.
/// </summary>
public static class StatementSchedule
{
    /// <summary>The committed cost table (statement id → seconds); empty when the resource is missing.</summary>
    public static IReadOnlyDictionary<string, double> CommittedCosts { get; } = Load();

    /// <summary>
    /// Indices 0..ids.Count−1 ordered by descending cost; a statement missing from the table (e.g. from a user assembly)
    /// costs the median of the known ones; ties keep catalog order.
    /// </summary>
    public static int[] LongestFirst(IReadOnlyList<string> ids, IReadOnlyDictionary<string, double> costs)
    {
        var known = ids.Where(costs.ContainsKey).Select(id => costs[id]).Order().ToArray();
        double unknown = known.Length == 0 ? 1.0 : known[known.Length / 2];
        return [.. Enumerable.Range(0, ids.Count)
            .OrderByDescending(i => costs.TryGetValue(ids[i], out double c) ? c : unknown)
            .ThenBy(i => i)];
    }

    /// <summary>Parses the table: one <c>id TAB seconds</c> line per statement; lines starting with '#' are comments.</summary>
    public static Dictionary<string, double> Parse(TextReader reader)
    {
        var costs = new Dictionary<string, double>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }
            var parts = line.Split('\t');
            if (parts.Length != 2 || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) || !(seconds >= 0))
            {
                throw new FormatException($"statement-costs.tsv: expected 'id<TAB>seconds', got '{line}'");
            }
            costs[parts[0]] = seconds;
        }
        return costs;
    }

    private static Dictionary<string, double> Load()
    {
        using var stream = typeof(StatementSchedule).Assembly.GetManifestResourceStream("VerifyDynamics.Harness.statement-costs.tsv");
        if (stream is null)
        {
            return new Dictionary<string, double>(StringComparer.Ordinal);
        }
        using var reader = new StreamReader(stream);
        return Parse(reader);
    }
}

/// <summary>
/// Runs items 0..count−1 on <c>workers</c> dedicated threads, which take them in the given start order (e.g.
/// <see cref="StatementSchedule.LongestFirst"/>); <see cref="Await"/> hands results out by index, so a caller reading them
/// in index order sees the sequential run's order whatever the start order. On cancellation no new item starts; the ones
/// in progress finish before <see cref="WaitForWorkers"/> returns. With one worker and the identity order the work is
/// exactly the sequential loop's.
/// </summary>
public sealed class StatementPool<T> : IDisposable where T : class
{
    private readonly TaskCompletionSource<T?>[] _results;
    private readonly int[] _order;
    private readonly Thread[] _threads;
    private readonly Func<int, T> _run;
    private readonly CancellationToken _cancel;
    private int _next = -1;
    private volatile bool _stopped;

    public StatementPool(int count, int workers, IReadOnlyList<int> order, Func<int, T> run, CancellationToken cancel)
    {
        if (order.Count != count || order.Order().Where((v, k) => v != k).Any())
        {
            throw new ArgumentException($"the start order must be a permutation of 0..{count - 1}", nameof(order));
        }
        _results = [.. Enumerable.Range(0, count).Select(_ => new TaskCompletionSource<T?>(TaskCreationOptions.RunContinuationsAsynchronously))];
        _order = [.. order];
        _run = run;
        _cancel = cancel;
        // Worker threads rather than pool threads: the statements' own Parallel.For trials use the pool.
        _threads = [.. Enumerable.Range(0, Math.Max(1, workers)).Select(w => new Thread(Work) { IsBackground = true, Name = $"verify-{w}" })];
        foreach (var t in _threads)
        {
            t.Start();
        }
    }

    private void Work()
    {
        int k;
        while ((k = Interlocked.Increment(ref _next)) < _order.Length)
        {
            int i = _order[k];
            if (_cancel.IsCancellationRequested || _stopped)
            {
                _results[i].SetResult(null);
                continue;
            }
            try
            {
                _results[i].SetResult(_run(i));
            }
            catch (Exception e)
            {
                _results[i].SetException(e);
            }
        }
    }

    /// <summary>Item i's result, or null when the run was interrupted before it started.</summary>
    public T? Await(int i) => _results[i].Task.GetAwaiter().GetResult();

    public void WaitForWorkers()
    {
        foreach (var t in _threads)
        {
            t.Join();
        }
    }

    /// <summary>Starts nothing new (e.g. after an item threw) and waits for the items in progress.</summary>
    public void Dispose()
    {
        _stopped = true;
        WaitForWorkers();
    }
}
