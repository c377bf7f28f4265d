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
/// <item><c>OdeSettings.Fixed(k)</c>: k equal steps, no error control (order tests).</item>
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

    private sealed class Run(OdeProblem problem, OdeSettings settings, Func<double, double[], bool>? onStep)
    {
        private readonly int _n = problem.Dimension;
        private readonly double[][] _k = [.. Enumerable.Range(0, 16).Select(_ => new double[problem.Dimension])];
        private readonly double[] _ytmp = new double[problem.Dimension];
        private readonly double[] _ynew = new double[problem.Dimension];
        private readonly double[] _e5 = new double[problem.Dimension];
        private readonly double[] _e3 = new double[problem.Dimension];
        private int _evaluations;

        private void F(double t, double[] y, double[] dydt)
        {
            _evaluations++;
            problem.F(t, y, dydt);
        }

        // y_tmp = y + h Σ_s a[s] k_s
        private void Combine(double[] y, double h, double[] a)
        {
            for (int i = 0; i < _n; i++)
            {
                double acc = 0;
                for (int s = 0; s < a.Length; s++)
                {
                    if (a[s] != 0)
                    {
                        acc += a[s] * _k[s][i];
                    }
                }
                _ytmp[i] = y[i] + h * acc;
            }
        }

        public OdeSolution Execute()
        {
            double t = problem.T0;
            double tEnd = problem.T1;
            var y = (double[])problem.Y0.Clone();
            var times = new List<double> { t };
            var states = new List<double[]> { (double[])y.Clone() };
            var segments = new List<OdeSolution.DenseSegment>();
            var outTimes = settings.OutputTimes ?? [];
            var outT = new List<double>();
            var outY = new List<double[]>();
            int nextOut = 0;
            while (nextOut < outTimes.Count && outTimes[nextOut] <= t)
            {
                if (outTimes[nextOut] == t)
                {
                    outT.Add(t);
                    outY.Add((double[])y.Clone());
                }
                nextOut++;
            }
            bool fixedStep = settings.FixedSteps > 0;
            bool needDense = settings.StoreDenseOutput || outTimes.Count > 0;
            double hmax = settings.MaxStep > 0 ? settings.MaxStep : tEnd - t;
            int accepted = 0, rejected = 0;
            double accumulated = 0, maxLocal = 0;
            OdeOutcome outcome = OdeOutcome.Success;
            string? message = null;

            if (!AllFinite(y))
            {
                return Finish(OdeOutcome.NonFinite, $"initial state is not finite at t = {t}");
            }
            F(t, y, _k[0]);
            if (!AllFinite(_k[0]))
            {
                return Finish(OdeOutcome.NonFinite, $"f is not finite at t = {t} (‖y‖₂ = {Norm2(y):G6})");
            }
            double h = fixedStep ? (tEnd - t) / settings.FixedSteps
                : settings.InitialStep > 0 ? Math.Min(settings.InitialStep, hmax) : InitialStep(t, y, hmax);
            double facOld = 1e-4;
            bool lastRejected = false;
            int fixedTaken = 0;

            while (true)
            {
                bool last;
                if (fixedStep)
                {
                    last = fixedTaken == settings.FixedSteps - 1;
                }
                else
                {
                    if (accepted + rejected >= settings.MaxSteps)
                    {
                        outcome = OdeOutcome.MaxStepsReached;
                        message = $"step budget {settings.MaxSteps} exhausted at t = {t:G10} (‖y‖₂ = {Norm2(y):G6})";
                        break;
                    }
                    if (Math.Abs(h) <= 10 * Numbers.Tolerance.UnitRoundoff * Math.Max(Math.Abs(t), 1e-300) || h < double.Epsilon)
                    {
                        outcome = OdeOutcome.StepSizeUnderflow;
                        message = $"step size {h:G3} underflowed at t = {t:G10} (‖y‖₂ = {Norm2(y):G6})";
                        break;
                    }
                    last = t + 1.01 * h >= tEnd;
                    if (last)
                    {
                        h = tEnd - t;
                    }
                }
                double tNew = last ? tEnd : t + h;

                // Stages 2..12.
                for (int s = 1; s < T.Stages; s++)
                {
                    Combine(y, h, T.A[s]);
                    F(s == T.Stages - 1 ? tNew : t + T.C[s] * h, _ytmp, _k[s]);
                }
                double err5 = 0, err3 = 0;
                for (int i = 0; i < _n; i++)
                {
                    double inc = 0, e5 = 0;
                    for (int s = 0; s < T.Stages; s++)
                    {
                        inc += T.B[s] * _k[s][i];
                        e5 += T.E[s] * _k[s][i];
                    }
                    _ynew[i] = y[i] + h * inc;
                    double e3 = inc - T.Bhh[0] * _k[0][i] - T.Bhh[1] * _k[8][i] - T.Bhh[2] * _k[11][i];
                    _e5[i] = e5;
                    _e3[i] = e3;
                    double sk = settings.Atol + settings.Rtol * Math.Max(Math.Abs(y[i]), Math.Abs(_ynew[i]));
                    if (sk > 0)
                    {
                        err5 += (e5 / sk) * (e5 / sk);
                        err3 += (e3 / sk) * (e3 / sk);
                    }
                }
                double deno = err5 + 0.01 * err3;
                if (deno <= 0)
                {
                    deno = 1;
                }
                double err = Math.Abs(h) * err5 * Math.Sqrt(1.0 / (_n * deno));
                if (!AllFinite(_ynew) || double.IsNaN(err))
                {
                    if (fixedStep || h < 1e-300)
                    {
                        outcome = OdeOutcome.NonFinite;
                        message = $"state stopped being finite in the step from t = {t:G10} (‖y‖₂ = {Norm2(y):G6})";
                        break;
                    }
                    // Treat as a failed step: shrink hard and retry.
                    rejected++;
                    h *= MinFactor;
                    lastRejected = true;
                    continue;
                }

                double fac11 = Math.Pow(err, 1.0 / 8.0);
                if (fixedStep || err <= 1)
                {
                    // Accept. Component-wise local error ≈ |h|·|e5_i|·√(E5²/deno) (Hairer's combined estimate).
                    double scale = Math.Abs(h) * Math.Sqrt(err5 / deno);
                    double local = 0;
                    for (int i = 0; i < _n; i++)
                    {
                        local = Math.Max(local, scale * Math.Abs(_e5[i]));
                    }
                    accumulated += local;
                    maxLocal = Math.Max(maxLocal, local);
                    facOld = Math.Max(err, 1e-4);

                    F(tNew, _ynew, _k[12]); // FSAL stage 13
                    if (!AllFinite(_k[12]))
                    {
                        outcome = OdeOutcome.NonFinite;
                        message = $"f stopped being finite at t = {tNew:G10} (‖y‖₂ = {Norm2(_ynew):G6})";
                        break;
                    }
                    OdeSolution.DenseSegment? segment = null;
                    if (needDense)
                    {
                        segment = PrepareDense(t, h, y);
                    }
                    accepted++;
                    fixedTaken++;
                    while (nextOut < outTimes.Count && outTimes[nextOut] <= tNew)
                    {
                        outT.Add(outTimes[nextOut]);
                        outY.Add(outTimes[nextOut] == tNew ? (double[])_ynew.Clone() : segment!.Evaluate(outTimes[nextOut]));
                        nextOut++;
                    }
                    if (settings.StoreDenseOutput && segment is not null)
                    {
                        segments.Add(segment);
                    }
                    Array.Copy(_ynew, y, _n);
                    (_k[0], _k[12]) = (_k[12], _k[0]);
                    t = tNew;
                    times.Add(t);
                    states.Add((double[])y.Clone());
                    if (onStep is not null && !onStep(t, y))
                    {
                        if (!last)
                        {
                            outcome = OdeOutcome.Stopped;
                            message = $"stopped by the observer at t = {t:G10}";
                        }
                        break;
                    }
                    if (last)
                    {
                        break;
                    }
                    if (!fixedStep)
                    {
                        double fac = Math.Clamp(fac11 / Safety, 1 / MaxFactor, 1 / MinFactor);
                        double hNew = Math.Min(h / fac, hmax);
                        if (lastRejected)
                        {
                            hNew = Math.Min(hNew, h);
                        }
                        lastRejected = false;
                        h = hNew;
                    }
                }
                else
                {
                    rejected++;
                    lastRejected = true;
                    h /= Math.Min(1 / MinFactor, fac11 / Safety);
                }
            }
            return Finish(outcome, message);

            OdeSolution Finish(OdeOutcome o, string? m) => new(
                problem, settings, times, states, segments, outT, outY,
                new OdeStatistics(accepted, rejected, _evaluations), o, m, accumulated, maxLocal);
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
                r[3][i] = ydiff - h * _k[12][i] - bspl;
            }
            // Extra stages 14, 15, 16 (indices 13, 14, 15).
            Combine(y, h, T.A14);
            F(t + T.C[13] * h, _ytmp, _k[13]);
            Combine(y, h, T.A15);
            F(t + T.C[14] * h, _ytmp, _k[14]);
            Combine(y, h, T.A16);
            F(t + T.C[15] * h, _ytmp, _k[15]);
            for (int j = 0; j < 4; j++)
            {
                var d = T.D[j];
                var rj = r[4 + j];
                for (int i = 0; i < _n; i++)
                {
                    double acc = 0;
                    for (int s = 0; s < 16; s++)
                    {
                        if (d[s] != 0)
                        {
                            acc += d[s] * _k[s][i];
                        }
                    }
                    rj[i] = h * acc;
                }
            }
            return new OdeSolution.DenseSegment(t, h, r);
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
}
