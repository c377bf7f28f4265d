using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// The result of an integration: the problem and settings it answers, the accepted step grid
/// (times and states), the dense output (7th-order DOP853 interpolant) when stored, the states at
/// the requested output times, work statistics, the outcome (with time and state norm when it was
/// not a success) and error estimates.
/// </summary>
public sealed class OdeSolution
{
    private readonly List<double> _times;
    private readonly List<double[]> _states;
    private readonly List<DenseSegment> _segments;

    internal OdeSolution(
        OdeProblem problem,
        OdeSettings settings,
        List<double> times,
        List<double[]> states,
        List<DenseSegment> segments,
        IReadOnlyList<double> outputTimes,
        IReadOnlyList<double[]> outputStates,
        OdeStatistics statistics,
        OdeOutcome outcome,
        string? message,
        double accumulatedLocalError,
        double maxLocalError)
    {
        Problem = problem;
        Settings = settings;
        _times = times;
        _states = states;
        _segments = segments;
        OutputTimes = outputTimes;
        OutputStates = outputStates;
        Statistics = statistics;
        Outcome = outcome;
        Message = message;
        AccumulatedLocalError = accumulatedLocalError;
        MaxLocalError = maxLocalError;
    }

    public OdeProblem Problem { get; }
    public OdeSettings Settings { get; }
    public OdeStatistics Statistics { get; }
    public OdeOutcome Outcome { get; }

    /// <summary>Why the run ended early (time and state norm), null on success.</summary>
    public string? Message { get; }

    public bool Succeeded => Outcome == OdeOutcome.Success;

    /// <summary>Accepted step end points t_0 = T0 &lt; t_1 &lt; … (including T0).</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>States at <see cref="Times"/>.</summary>
    public IReadOnlyList<double[]> States => _states;

    /// <summary>The last time reached (T1 on success).</summary>
    public double TEnd => _times[^1];

    /// <summary>
    /// The end of the trustworthy part of the run when an observer may have stopped it (e.g. on leaving an activation
    /// region, where the right-hand side is discontinuous): <see cref="TEnd"/> on success or budget exhaustion, the last
    /// accepted time before the stopping step when <see cref="OdeOutcome.Stopped"/> (that step straddles the event), NaN
    /// on a failure.
    /// </summary>
    public double HorizonBeforeStop => Outcome switch
    {
        OdeOutcome.Success or OdeOutcome.MaxStepsReached => TEnd,
        OdeOutcome.Stopped => _times.Count >= 2 ? _times[^2] : 0,
        _ => double.NaN,
    };

    public double[] FinalState => _states[^1];

    /// <summary>Requested output times that were reached, and the states there.</summary>
    public IReadOnlyList<double> OutputTimes { get; }
    public IReadOnlyList<double[]> OutputStates { get; }

    /// <summary>
    /// Σ over accepted steps of the max-norm of the local error estimate (Hairer's combined 5th/3rd-order
    /// estimate). A global-error proxy that ignores error propagation (exact for y' = 0-like flows,
    /// optimistic when the flow expands, pessimistic when it contracts). Prefer
    /// <see cref="OdeSolver.SolveValidated"/> for a tolerance.
    /// </summary>
    public double AccumulatedLocalError { get; }

    /// <summary>Largest local error estimate (max-norm) of an accepted step.</summary>
    public double MaxLocalError { get; }

    public bool HasDenseOutput => _segments.Count > 0 || _times.Count == 1;

    /// <summary>
    /// y(t) for T0 ≤ t ≤ TEnd by the stored 7th-order interpolant (requires <see cref="OdeSettings.StoreDenseOutput"/>).
    /// </summary>
    public double[] Evaluate(double t)
    {
        if (t < _times[0] || t > TEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(t), $"t = {t} outside the solved interval [{_times[0]}, {TEnd}]");
        }
        if (t == TEnd)
        {
            return (double[])_states[^1].Clone();
        }
        if (_segments.Count == 0)
        {
            throw new InvalidOperationException("dense output was not stored (OdeSettings.StoreDenseOutput = false); use OutputTimes");
        }
        // Segment i covers [Times[i], Times[i+1]].
        int i = _times.BinarySearch(t);
        if (i < 0)
        {
            i = ~i - 1;
        }
        i = Math.Clamp(i, 0, _segments.Count - 1);
        return _segments[i].Evaluate(t);
    }

    /// <summary>The local-error proxy as a <see cref="Tolerance"/> (see <see cref="AccumulatedLocalError"/> for its limits).</summary>
    public Tolerance LocalErrorTolerance(double safetyFactor = 10) =>
        Tolerance.Heuristic(safetyFactor * AccumulatedLocalError,
            $"{safetyFactor}×Σ local error estimates of DOP853 (rtol {Settings.Rtol:G3}, atol {Settings.Atol:G3}, {Statistics.AcceptedSteps} steps)");

    /// <summary>The 7th-order interpolant of one step (HNW II.6 / dop853.f CONTD8).</summary>
    internal sealed class DenseSegment(double t0, double h, double[][] r)
    {
        public double T0 { get; } = t0;
        public double H { get; } = h;

        public double[] Evaluate(double t)
        {
            double s = (t - T0) / H;
            double s1 = 1 - s;
            int n = r[0].Length;
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                y[i] = r[0][i] + s * (r[1][i] + s1 * (r[2][i] + s * (r[3][i] + s1 * (r[4][i]
                    + s * (r[5][i] + s1 * (r[6][i] + s * r[7][i]))))));
            }
            return y;
        }
    }
}

/// <summary>
/// A solution validated against a reference run with tolerances divided by <see cref="TighteningFactor"/>
/// (catalog "GF integration": re-solve with tolerances /100). <see cref="MaxDeviation"/> is the largest
/// max-norm difference between the two at the step points of the looser run; it estimates the looser
/// run's global error, hence bounds (heuristically, by a factor ~TighteningFactor^{−7/8} to spare) the
/// reference's. Use <see cref="Reference"/> for the values and <see cref="Tolerance"/> for margins.
/// </summary>
public sealed record ValidatedOdeSolution(OdeSolution Solution, OdeSolution Reference, double TighteningFactor, double MaxDeviation)
{
    public bool Succeeded => Solution.Succeeded && Reference.Succeeded;

    /// <summary>The deviation as an absolute tolerance on the reference solution's components.</summary>
    public Tolerance Tolerance =>
        Tolerance.ValidatedEstimate(MaxDeviation, $"DOP853 deviation between rtol {Solution.Settings.Rtol:G3} and rtol {Reference.Settings.Rtol:G3} runs");
}
