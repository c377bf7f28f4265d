namespace VerifyDynamics.Symbolic.Proving;

/// <summary>
/// Budgets of the provers. Both are deterministic counts, not wall time, so the same obligation gets
/// the same answer on any machine.
/// </summary>
/// <param name="Rlimit">Z3 resource limit (<c>(set-option :rlimit N)</c>); Z3 answers unknown when it is exhausted.</param>
/// <param name="IntervalBudget">Number of boxes the interval branch-and-bound prover may examine.</param>
/// <param name="Z3Library">Path or name of libz3 to load; null = <c>VD_LIBZ3</c> or the defaults (see <see cref="Native.Z3Library"/>).</param>
public sealed record ProofOptions(long Rlimit = ProofOptions.DefaultRlimit, int IntervalBudget = ProofOptions.DefaultIntervalBudget, string? Z3Library = null)
{
    /// <summary>
    /// Enough for the polynomial obligations of the three catalogs as instantiated (the slowest take a few
    /// seconds) while a hopeless nonlinear query gives up instead of running for minutes.
    /// </summary>
    public const long DefaultRlimit = 5_000_000;

    /// <summary>Boxes for the interval prover: ~0.1 s for a one-variable exp/ln claim.</summary>
    public const int DefaultIntervalBudget = 200_000;

    public static ProofOptions Default { get; } = new();
}
