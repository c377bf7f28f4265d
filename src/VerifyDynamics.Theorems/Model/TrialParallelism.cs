namespace VerifyDynamics.Theorems.Model;

/// <summary>
/// The threads a trial's conclusion may use for independent pieces of its own work (e.g. JGGSH21 Fig1's three gradient flows
/// and their validating re-runs). The harness sets <see cref="Degree"/> to the run's thread count around each trial
/// (<c>--threads</c>; 1 by default, so a <c>--threads 1</c> run stays on one thread); results are gathered by index, so
/// they do not depend on it.
/// </summary>
public static class TrialParallelism
{
    private static readonly AsyncLocal<int> Current = new();

    /// <summary>The degree in force on this logical thread (at least 1).</summary>
    public static int Degree => Math.Max(1, Current.Value);

    /// <summary>Sets the degree for the rest of this logical thread's work (it flows into tasks started from it).</summary>
    public static void Set(int degree) => Current.Value = Math.Max(1, degree);

    /// <summary>f(0), …, f(count − 1), at most <see cref="Degree"/> at a time; in order on this thread when the degree is 1.
    /// A failure is rethrown as itself.</summary>
    public static T[] Map<T>(int count, Func<int, T> f)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var results = new T[count];
        For(count, Degree, i => results[i] = f(i));
        return results;
    }

    /// <summary>body(0), …, body(count − 1), at most <paramref name="degree"/> at a time; in order on this thread when the
    /// degree is 1 (or there is one job). A failure is rethrown as itself, not wrapped in an AggregateException.</summary>
    public static void For(int count, int degree, Action<int> body)
    {
        if (degree <= 1 || count <= 1)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }
            return;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = degree }, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
    }
}
