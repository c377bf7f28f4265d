using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using T = VerifyDynamics.Core.Dynamics.RungeKuttaTableaus.Dop853;

namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// Adaptive explicit Runge–Kutta integration with the Dormand–Prince 8(5,3) pair DOP853
/// (Hairer–Nørsett–Wanner I, §II.10; coefficients in <see cref="RungeKuttaTableaus.Dop853"/>).
/// <para>API overview:</para>
/// <list type="bullet">
/// <item><c>OdeSolver.Solve(new OdeProblem(f, t0, y0, t1), new OdeSettings(rtol, atol))</c> → <see cref="OdeSolution"/>
/// (outcome, statistics, step grid, dense output <c>Evaluate(t)</c>, <c>OutputStates</c> at requested times).</item>
/// <item><c>OdeSolver.SolveValidated(problem, settings)</c> → <see cref="ValidatedOdeSolution"/>: the run plus a reference run at
/// tolerances /100 and their max deviation as a <c>Tolerance</c>.</item>
/// <item><c>OdeSettings.Fixed(k)</c>: k equal steps, no error control (order tests); <c>OdeSettings.Fixed(k, tableau)</c>: k equal
/// steps of another explicit method, e.g. <see cref="RungeKuttaTableaus.ClassicalRk4"/>, through the same run loop.</item>
/// <item><c>OdeSolver.SolveRichardson(problem, tableau, k)</c>: k and 2k fixed steps, the finer state and Richardson's error estimate.</item>
/// </list>
/// Step-size control is Hairer's (dop853.f): the error norm combines the 5th- and 3rd-order
/// estimates, err = |h|·E5²/√(n·(E5² + 0.01·E3²)), with safety 0.9, exponent 1/8, step ratio
/// h_new/h ∈ [0.333, 6], and no growth right after a rejection.
/// </summary>
public static class OdeSolver
{
    private const double Safety = 0.9;
    private const double MinFactor = 0.333; // h_new ≥ 0.333 h  (dop853.f FAC1)
    private const double MaxFactor = 6.0;   // h_new ≤ 6 h      (dop853.f FAC2)

    /// <summary>Solves the problem; never throws for numerical trouble (see <see cref="OdeSolution.Outcome"/>).</summary>
    /// <param name="problem">The initial-value problem.</param>
    /// <param name="settings">Tolerances and output options (default: rtol 1e−10, atol 1e−12).</param>
    /// <param name="onStep">Called after every accepted step with (t, y); return false to stop (outcome Stopped).</param>
    public static OdeSolution Solve(OdeProblem problem, OdeSettings? settings = null, Func<double, double[], bool>? onStep = null)
    {
        settings ??= OdeSettings.Default;
        if (!(problem.T1 > problem.T0))
        {
            throw new ArgumentException($"need T1 > T0 (got T0 = {problem.T0}, T1 = {problem.T1})", nameof(problem));
        }
        if (settings.FixedSteps <= 0 && (!(settings.Rtol > 0) || !(settings.Atol >= 0)))
        {
            throw new ArgumentException("need rtol > 0 and atol ≥ 0", nameof(settings));
        }
        if (settings.Tableau is not null && settings.FixedSteps <= 0)
        {
            throw new ArgumentException($"{settings.Tableau.Name} has no error estimate: give FixedSteps > 0", nameof(settings));
        }
        return new Run(problem, settings, onStep).Execute();
    }

    /// <summary>
    /// Solves twice, with the given settings and with tolerances divided by <paramref name="tightening"/>,
    /// and reports the max deviation at the looser run's step points (catalog: validate each run by
    /// re-solving with tolerances /100).
    /// </summary>
    public static ValidatedOdeSolution SolveValidated(OdeProblem problem, OdeSettings? settings = null, double tightening = 100)
    {
        settings ??= OdeSettings.Default;
        var loose = Solve(problem, settings with { StoreDenseOutput = true });
        var reference = Solve(problem, settings.Tightened(tightening) with { StoreDenseOutput = true });
        double deviation = 0;
        double tEnd = Math.Min(loose.TEnd, reference.TEnd);
        for (int i = 0; i < loose.Times.Count; i++)
        {
            if (loose.Times[i] > tEnd)
            {
                break;
            }
            var yr = reference.Evaluate(loose.Times[i]);
            var yl = loose.States[i];
            for (int k = 0; k < yl.Length; k++)
            {
                deviation = Math.Max(deviation, Math.Abs(yr[k] - yl[k]));
            }
        }
        if (!loose.Succeeded || !reference.Succeeded)
        {
            deviation = double.NaN;
        }
        return new ValidatedOdeSolution(loose, reference, tightening, deviation);
    }

    /// <summary>
    /// <paramref name="steps"/> and 2·<paramref name="steps"/> equal steps of <paramref name="tableau"/>; returns the finer final state
    /// and Richardson's estimate of its error, max_i |y_{h/2} − y_h|·2^p/(2^p − 1) (order p), plus the rounding γ_{8·steps}·‖y_{h/2}‖₂
    /// of the accumulated steps. An a-posteriori estimate, not an enclosure.
    /// </summary>
    public static (double[] State, double ErrorEstimate) SolveRichardson(OdeProblem problem, ExplicitTableau tableau, int steps)
    {
        var coarse = Solve(problem, OdeSettings.Fixed(steps, tableau) with { StoreDenseOutput = false, StoreStates = false }).FinalState;
        var fine = Solve(problem, OdeSettings.Fixed(2 * steps, tableau) with { StoreDenseOutput = false, StoreStates = false }).FinalState;
        double err = 0;
        for (int i = 0; i < fine.Length; i++)
        {
            err = Math.Max(err, Math.Abs(fine[i] - coarse[i]));
        }
        double twoP = Math.Pow(2, tableau.Order);
        return (fine, err * twoP / (twoP - 1) + Numbers.Tolerance.Gamma(8 * steps) * Norm2(fine));
    }

    private static double Norm2(double[] v)
    {
        double s = 0;
        foreach (double x in v)
        {
            s += x * x;
        }
        return Math.Sqrt(s);
    }

    private static bool AllFinite(double[] v)
    {
        foreach (double x in v)
        {
            if (!double.IsFinite(x))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// One integration. The stage combinations run four components at a time with the same operations in the same
    /// order as the scalar loops (a separate multiply and add per term, terms in stage order, no FMA), so the
    /// trajectory is bit-identical to a scalar implementation; the error norms, which sum over components, stay scalar.
    /// </summary>
    private sealed class Run(OdeProblem problem, OdeSettings settings, Func<double, double[], bool>? onStep)
    {
        private readonly int _n = problem.Dimension;
        private readonly double[][] _k = [.. Enumerable.Range(0, Math.Max(16, (settings.Tableau?.Stages ?? 0) + 1)).Select(_ => new double[problem.Dimension])];
        private readonly ExplicitTableau? _tableau = settings.Tableau;
        private readonly SparseRow[] _tableauRows = settings.Tableau is null ? [] : [.. settings.Tableau.A.Select(SparseRow.Of)];
        private readonly SparseRow? _tableauWeights = settings.Tableau is null ? null : SparseRow.Of(settings.Tableau.BNumerators);

        /// <summary>The slot that receives f(t_new, y_new) after an accepted step (stage 13 of DOP853; after the last stage otherwise).</summary>
        private int Fsal => _tableau?.Stages ?? 12;
        private readonly double[] _ytmp = new double[problem.Dimension];
        private readonly double[] _ynew = new double[problem.Dimension];
        private readonly double[] _e5 = new double[problem.Dimension];
        private readonly double[] _e3 = new double[problem.Dimension];
        private readonly bool _fixedStep = settings.FixedSteps > 0;
        private readonly IReadOnlyList<double> _outTimes = settings.OutputTimes ?? [];
        private readonly List<double> _times = [];
        private readonly List<double[]> _states = [];
        private readonly List<OdeSolution.DenseSegment> _segments = [];
        private readonly List<double> _outT = [];
        private readonly List<double[]> _outY = [];
        private int _evaluations;
        private int _nextOut;
        private int _accepted, _rejected, _fixedTaken;
        private double _accumulated, _maxLocal;
        private double _t, _h, _hmax;
        private double[] _y = [];
        private bool _lastRejected;
        private OdeOutcome _outcome = OdeOutcome.Success;
        private string? _message;

        private void F(double t, double[] y, double[] dydt)
        {
            _evaluations++;
            problem.F(t, y, dydt);
        }

        public OdeSolution Execute()
        {
            if (!Start())
            {
                return Finish();
            }
            while (true)
            {
                if (!_fixedStep && !WithinBudget())
                {
                    break;
                }
                bool last = _fixedStep ? _fixedTaken == settings.FixedSteps - 1 : _t + 1.01 * _h >= problem.T1;
                if (last && !_fixedStep)
                {
                    _h = problem.T1 - _t;
                }
                double tNew = last ? problem.T1 : _fixedStep ? problem.T0 + (_fixedTaken + 1) * _h : _t + _h;
                EvaluateStages(tNew);
                var (err, err5, deno) = ErrorNorm();
                if (!AllFinite(_ynew) || double.IsNaN(err))
                {
                    if (_fixedStep || _h < 1e-300)
                    {
                        Fail(OdeOutcome.NonFinite, $"state stopped being finite in the step from t = {_t:G10} (‖y‖₂ = {Norm2(_y):G6})");
                        break;
                    }
                    // Treat as a failed step: shrink hard and retry.
                    _rejected++;
                    _h *= MinFactor;
                    _lastRejected = true;
                    continue;
                }
                double fac11 = Math.Pow(err, 1.0 / 8.0);
                if (_fixedStep || err <= 1)
                {
                    if (!Accept(tNew, last, err, err5, deno, fac11))
                    {
                        break;
                    }
                }
                else
                {
                    _rejected++;
                    _lastRejected = true;
                    _h /= Math.Min(1 / MinFactor, fac11 / Safety);
                }
            }
            return Finish();
        }

        private OdeSolution Finish() => new(
            problem, settings, _times, _states, _segments, _outT, _outY,
            new OdeStatistics(_accepted, _rejected, _evaluations), _outcome, _message, _accumulated, _maxLocal);

        private void Fail(OdeOutcome outcome, string message)
        {
            _outcome = outcome;
            _message = message;
        }

        /// <summary>Initial state, output times at T0, the first evaluation and the starting step; false if already failed.</summary>
        private bool Start()
        {
            _t = problem.T0;
            _y = (double[])problem.Y0.Clone();
            _times.Add(_t);
            _states.Add((double[])_y.Clone());
            while (_nextOut < _outTimes.Count && _outTimes[_nextOut] <= _t)
            {
                if (_outTimes[_nextOut] == _t)
                {
                    _outT.Add(_t);
                    _outY.Add((double[])_y.Clone());
                }
                _nextOut++;
            }
            _hmax = settings.MaxStep > 0 ? settings.MaxStep : problem.T1 - _t;
            if (!AllFinite(_y))
            {
                Fail(OdeOutcome.NonFinite, $"initial state is not finite at t = {_t}");
                return false;
            }
            F(_t, _y, _k[0]);
            if (!AllFinite(_k[0]))
            {
                Fail(OdeOutcome.NonFinite, $"f is not finite at t = {_t} (‖y‖₂ = {Norm2(_y):G6})");
                return false;
            }
            _h = _fixedStep ? (problem.T1 - _t) / settings.FixedSteps
                : settings.InitialStep > 0 ? Math.Min(settings.InitialStep, _hmax) : InitialStep(_t, _y, _hmax);
            return true;
        }

        /// <summary>Adaptive mode: the step budget and the step-size floor.</summary>
        private bool WithinBudget()
        {
            if (_accepted + _rejected >= settings.MaxSteps)
            {
                Fail(OdeOutcome.MaxStepsReached, $"step budget {settings.MaxSteps} exhausted at t = {_t:G10} (‖y‖₂ = {Norm2(_y):G6})");
                return false;
            }
            if (Math.Abs(_h) <= 10 * Numbers.Tolerance.UnitRoundoff * Math.Max(Math.Abs(_t), 1e-300) || _h < double.Epsilon)
            {
                Fail(OdeOutcome.StepSizeUnderflow, $"step size {_h:G3} underflowed at t = {_t:G10} (‖y‖₂ = {Norm2(_y):G6})");
                return false;
            }
            return true;
        }

        /// <summary>Stages 2..12, then the 8th-order candidate y_new and the 5th/3rd-order error vectors.</summary>
        private void EvaluateStages(double tNew)
        {
            double t = _t, h = _h;
            if (_tableau is not null)
            {
                EvaluateTableauStages();
                return;
            }
            for (int s = 1; s < T.Stages; s++)
            {
                Combine(_y, h, StageRows[s]);
                F(s == T.Stages - 1 ? tNew : t + T.C[s] * h, _ytmp, _k[s]);
            }
            Candidate(h);
        }

        /// <summary>
        /// A fixed step of <see cref="OdeSettings.Tableau"/>: stages k_s = f(t + c_s h, y + h Σ a_{s,r} k_r), then
        /// y_new = y + (h/denominator)·Σ numerator_s k_s; no error estimate (the error vectors stay zero).
        /// </summary>
        private void EvaluateTableauStages()
        {
            double t = _t, h = _h;
            for (int s = 1; s < _tableau!.Stages; s++)
            {
                Combine(_y, h, _tableauRows[s]);
                F(t + _tableau.C[s] * h, _ytmp, _k[s]);
            }
            Sum(_tableauWeights!, _ynew, _y, h / _tableau.BDenominator);
        }

        /// <summary>Hairer's combined error norm err = |h|·E5²/√(n·(E5² + 0.01·E3²)), and E5², E5² + 0.01·E3².</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private (double Err, double Err5, double Deno) ErrorNorm()
        {
            double err5 = 0, err3 = 0;
            for (int i = 0; i < _n; i++)
            {
                double sk = settings.Atol + settings.Rtol * Math.Max(Math.Abs(_y[i]), Math.Abs(_ynew[i]));
                if (sk > 0)
                {
                    err5 += (_e5[i] / sk) * (_e5[i] / sk);
                    err3 += (_e3[i] / sk) * (_e3[i] / sk);
                }
            }
            double deno = err5 + 0.01 * err3;
            if (deno <= 0)
            {
                deno = 1;
            }
            return (Math.Abs(_h) * err5 * Math.Sqrt(1.0 / (_n * deno)), err5, deno);
        }

        /// <summary>Accepts the step to <paramref name="tNew"/>; false when the run ends (last step, observer, failure).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private bool Accept(double tNew, bool last, double err, double err5, double deno, double fac11)
        {
            // Component-wise local error ≈ |h|·|e5_i|·√(E5²/deno) (Hairer's combined estimate).
            double scale = Math.Abs(_h) * Math.Sqrt(err5 / deno);
            double local = 0;
            for (int i = 0; i < _n; i++)
            {
                local = Math.Max(local, scale * Math.Abs(_e5[i]));
            }
            _accumulated += local;
            _maxLocal = Math.Max(_maxLocal, local);

            F(tNew, _ynew, _k[Fsal]); // FSAL stage 13 (DOP853), or the next step's first stage
            if (!AllFinite(_k[Fsal]))
            {
                Fail(OdeOutcome.NonFinite, $"f stopped being finite at t = {tNew:G10} (‖y‖₂ = {Norm2(_ynew):G6})");
                return false;
            }
            RecordOutput(tNew);
            _accepted++;
            _fixedTaken++;
            Array.Copy(_ynew, _y, _n);
            (_k[0], _k[Fsal]) = (_k[Fsal], _k[0]);
            _t = tNew;
            if (!settings.StoreStates && _times.Count == 3)
            {
                // Keep T0 and the last two steps: recycle the oldest of the two stored step states.
                var recycled = _states[1];
                _times.RemoveAt(1);
                _states.RemoveAt(1);
                Array.Copy(_y, recycled, _n);
                _times.Add(_t);
                _states.Add(recycled);
            }
            else
            {
                _times.Add(_t);
                _states.Add((double[])_y.Clone());
            }
            if (onStep is not null && !onStep(_t, _y))
            {
                if (!last)
                {
                    Fail(OdeOutcome.Stopped, $"stopped by the observer at t = {_t:G10}");
                }
                return false;
            }
            if (last)
            {
                return false;
            }
            if (!_fixedStep)
            {
                double fac = Math.Clamp(fac11 / Safety, 1 / MaxFactor, 1 / MinFactor);
                double hNew = Math.Min(_h / fac, _hmax);
                if (_lastRejected)
                {
                    hNew = Math.Min(hNew, _h);
                }
                _lastRejected = false;
                _h = hNew;
            }
            return true;
        }

        /// <summary>
        /// Dense output for the accepted step [t, tNew]: built (three extra stages) only when it is stored or an output
        /// time falls strictly inside the step; an output time at tNew itself is the state y_new.
        /// </summary>
        private void RecordOutput(double tNew)
        {
            bool inside = _nextOut < _outTimes.Count && _outTimes[_nextOut] < tNew;
            OdeSolution.DenseSegment? segment = settings.StoreDenseOutput || inside ? PrepareDense(_t, _h, _y) : null;
            while (_nextOut < _outTimes.Count && _outTimes[_nextOut] <= tNew)
            {
                _outT.Add(_outTimes[_nextOut]);
                _outY.Add(_outTimes[_nextOut] == tNew ? (double[])_ynew.Clone() : segment!.Evaluate(_outTimes[_nextOut]));
                _nextOut++;
            }
            if (settings.StoreDenseOutput && segment is not null)
            {
                _segments.Add(segment);
            }
        }

        /// <summary>dop853.f: coefficients r1..r8 of the 7th-order continuous extension (three extra stages).</summary>
        private OdeSolution.DenseSegment PrepareDense(double t, double h, double[] y)
        {
            var r = new double[8][];
            for (int j = 0; j < 8; j++)
            {
                r[j] = new double[_n];
            }
            for (int i = 0; i < _n; i++)
            {
                double ydiff = _ynew[i] - y[i];
                double bspl = h * _k[0][i] - ydiff;
                r[0][i] = y[i];
                r[1][i] = ydiff;
                r[2][i] = bspl;
                r[3][i] = ydiff - h * _k[Fsal][i] - bspl;
            }
            if (_tableau is not null)
            {
                // r_1..r_4 alone are the cubic Hermite interpolant of (y, f(t, y)) and (y_new, f(t_new, y_new)).
                return new OdeSolution.DenseSegment(t, h, r);
            }
            // Extra stages 14, 15, 16 (indices 13, 14, 15).
            Combine(y, h, A14Row);
            F(t + T.C[13] * h, _ytmp, _k[13]);
            Combine(y, h, A15Row);
            F(t + T.C[14] * h, _ytmp, _k[14]);
            Combine(y, h, A16Row);
            F(t + T.C[15] * h, _ytmp, _k[15]);
            for (int j = 0; j < 4; j++)
            {
                // r_{5+j} = h·Σ_s d_js k_s (zero coefficients skipped, as in dop853.f's explicit sums).
                Sum(DenseRows[j], r[4 + j], null, h);
            }
            return new OdeSolution.DenseSegment(t, h, r);
        }

        /// <summary>y_tmp = y + h Σ_s a[s] k_s over the nonzero a[s].</summary>
        private void Combine(double[] y, double h, SparseRow a) => Sum(a, _ytmp, y, h);

        /// <summary>
        /// out_i = base_i + h·acc_i (or h·acc_i without a base) with acc_i = Σ_s c_s k_s,i in stage order, one rounded
        /// multiply and one rounded add per term (the scalar loop's operations, four components at a time).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Sum(SparseRow row, double[] output, double[]? baseVector, double h)
        {
            int i = 0;
            var stages = row.Stages;
            var coefficients = row.Coefficients;
            if (Vector256.IsHardwareAccelerated)
            {
                var vh = Vector256.Create(h);
                for (; i + 4 <= _n; i += 4)
                {
                    var acc = Vector256<double>.Zero;
                    for (int s = 0; s < stages.Length; s++)
                    {
                        acc += Vector256.Create(coefficients[s]) * Vector256.Create(_k[stages[s]].AsSpan(i, 4));
                    }
                    var value = baseVector is null ? vh * acc : Vector256.Create(baseVector.AsSpan(i, 4)) + vh * acc;
                    value.CopyTo(output.AsSpan(i, 4));
                }
            }
            for (; i < _n; i++)
            {
                double acc = 0;
                for (int s = 0; s < stages.Length; s++)
                {
                    acc += coefficients[s] * _k[stages[s]][i];
                }
                output[i] = baseVector is null ? h * acc : baseVector[i] + h * acc;
            }
        }

        /// <summary>
        /// y_new = y + h Σ_s b_s k_s, e5 = Σ_s e_s k_s (all twelve stages, zeros included, as the scalar loop), and
        /// e3 = Σ_s b_s k_s − bhh_1 k_1 − bhh_2 k_9 − bhh_3 k_12.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Candidate(double h)
        {
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                var vh = Vector256.Create(h);
                var bhh0 = Vector256.Create(T.Bhh[0]);
                var bhh1 = Vector256.Create(T.Bhh[1]);
                var bhh2 = Vector256.Create(T.Bhh[2]);
                for (; i + 4 <= _n; i += 4)
                {
                    var inc = Vector256<double>.Zero;
                    var e5 = Vector256<double>.Zero;
                    for (int s = 0; s < T.Stages; s++)
                    {
                        var ks = Vector256.Create(_k[s].AsSpan(i, 4));
                        inc += Vector256.Create(T.B[s]) * ks;
                        e5 += Vector256.Create(T.E[s]) * ks;
                    }
                    (Vector256.Create(_y.AsSpan(i, 4)) + vh * inc).CopyTo(_ynew.AsSpan(i, 4));
                    var e3 = inc - bhh0 * Vector256.Create(_k[0].AsSpan(i, 4)) - bhh1 * Vector256.Create(_k[8].AsSpan(i, 4))
                        - bhh2 * Vector256.Create(_k[11].AsSpan(i, 4));
                    e5.CopyTo(_e5.AsSpan(i, 4));
                    e3.CopyTo(_e3.AsSpan(i, 4));
                }
            }
            for (; i < _n; i++)
            {
                double inc = 0, e5 = 0;
                for (int s = 0; s < T.Stages; s++)
                {
                    inc += T.B[s] * _k[s][i];
                    e5 += T.E[s] * _k[s][i];
                }
                _ynew[i] = _y[i] + h * inc;
                _e5[i] = e5;
                _e3[i] = inc - T.Bhh[0] * _k[0][i] - T.Bhh[1] * _k[8][i] - T.Bhh[2] * _k[11][i];
            }
        }

        /// <summary>Hairer's starting step (HNW I, §II.4, dop853.f HINIT) for order 8.</summary>
        private double InitialStep(double t, double[] y, double hmax)
        {
            double dnf = 0, dny = 0;
            for (int i = 0; i < _n; i++)
            {
                double sk = settings.Atol + settings.Rtol * Math.Abs(y[i]);
                dnf += (_k[0][i] / sk) * (_k[0][i] / sk);
                dny += (y[i] / sk) * (y[i] / sk);
            }
            double h = dnf <= 1e-10 || dny <= 1e-10 ? 1e-6 : Math.Sqrt(dny / dnf) * 0.01;
            h = Math.Min(h, hmax);
            for (int i = 0; i < _n; i++)
            {
                _ytmp[i] = y[i] + h * _k[0][i];
            }
            F(t + h, _ytmp, _k[1]);
            double der2 = 0;
            for (int i = 0; i < _n; i++)
            {
                double sk = settings.Atol + settings.Rtol * Math.Abs(y[i]);
                double d = (_k[1][i] - _k[0][i]) / sk;
                der2 += d * d;
            }
            der2 = Math.Sqrt(der2) / h;
            double der12 = Math.Max(Math.Abs(der2), Math.Sqrt(dnf));
            double h1 = der12 <= 1e-15 ? Math.Max(1e-6, Math.Abs(h) * 1e-3) : Math.Pow(0.01 / der12, 1.0 / 8.0);
            double result = Math.Min(Math.Min(100 * Math.Abs(h), h1), hmax);
            return double.IsFinite(result) && result > 0 ? result : 1e-6;
        }
    }

    /// <summary>The nonzero coefficients of one tableau row, with their stage indices (in stage order).</summary>
    private sealed record SparseRow(int[] Stages, double[] Coefficients)
    {
        public static SparseRow Of(double[] row)
        {
            var stages = Enumerable.Range(0, row.Length).Where(s => row[s] != 0).ToArray();
            return new SparseRow(stages, [.. stages.Select(s => row[s])]);
        }
    }

    private static readonly SparseRow[] StageRows = [.. T.A.Select(SparseRow.Of)];
    private static readonly SparseRow A14Row = SparseRow.Of(T.A14);
    private static readonly SparseRow A15Row = SparseRow.Of(T.A15);
    private static readonly SparseRow A16Row = SparseRow.Of(T.A16);
    private static readonly SparseRow[] DenseRows = [.. T.D.Select(SparseRow.Of)];
}
