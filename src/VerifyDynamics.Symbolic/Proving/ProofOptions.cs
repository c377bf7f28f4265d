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
    /// Enough for the polynomial obligations of the three catalogs as instantiated (measured: the slowest
    /// decides in about 1.3 s) while a hopeless nonlinear query gives up instead of running for minutes.
    /// Caveat: Z3 4.8's nlsat does not poll the rlimit inside some of its searches (Cauchy–Schwarz in four
    /// variables ran over 60 s even at rlimit 200000), so the banks cap such families instead.
    /// </summary>
    public const long DefaultRlimit = 5_000_000;

    /// <summary>
    /// Boxes for the interval prover. The hardest decided claim of the catalogs (e^(−2bt) ≤ e^(−bt) on a
    /// square, tight along two edges) needs about 2 000 boxes (~1 ms each with the monotonicity test), so
    /// 10 000 decides it with room while an undecidable claim returns unknown within seconds.
    /// </summary>
    public const int DefaultIntervalBudget = 10_000;

    public static ProofOptions Default { get; } = new();
}
