namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// Adaptive integration with an embedded pair (<see cref="EmbeddedPair"/>, Dormand–Prince 5(4) by default) and the elementary
/// step-size controller (HNW I, §II.4): err = ‖h·Σ_s E_s k_s / (atol + rtol·max(|y|, |y_new|))‖_RMS, accept when err ≤ 1,
/// h_new = h·clamp(0.9·err^{−1/(q+1)}, 0.2, 5) with q the embedded order (×5 when err = 0, ÷10 when err is not finite). Steps are
/// cut to land exactly on each requested time, so outputs need no interpolation; the first trial step is 10⁻⁶ of the last time.
/// Lighter than <see cref="OdeSolver"/> (no dense output, no step history) for the many small flows of JGGSH21 App C/D; ported
/// unchanged from JGGSH21's FlowIntegrator (bit-identical trajectories with <see cref="RungeKuttaTableaus.DormandPrince54"/>).
/// </summary>
public static class EmbeddedRungeKutta
{
    /// <summary>States at the requested times together with an a-posteriori global error estimate per time.</summary>
    public sealed record Solution(double[][] States, double[] ErrorBounds);

    /// <summary>
    /// States at the requested (increasing, ≥ 0) times, integrating from t = 0; null when the step collapsed below
    /// 10⁻¹⁴·max(1, t) or <paramref name="maxSteps"/> trial steps were used (e.g. the flow blew up).
    /// </summary>
    public static double[][]? Solve(
        Func<double, double[], double[]> rhs, double[] x0, IReadOnlyList<double> times, double rtol, double atol,
        EmbeddedPair? pair = null, int maxSteps = 2_000_000)
    {
        pair ??= RungeKuttaTableaus.DormandPrince54;
        int n = x0.Length, stages = pair.Stages;
        bool fsal = pair.FirstSameAsLast;
        double exponent = -1.0 / (pair.EmbeddedOrder + 1);
        var x = (double[])x0.Clone();
        double t = 0;
        var output = new double[times.Count][];
        int next = 0;
        while (next < times.Count && times[next] <= 0)
        {
            output[next++] = (double[])x.Clone();
        }
        double h = times.Count > 0 ? Math.Max(times[^1], 1e-300) * 1e-6 : 0;
        var k = new double[stages][];
        k[0] = rhs(t, x);
        var tmp = new double[n];
        int steps = 0;
        while (next < times.Count)
        {
            if (++steps > maxSteps || h < 1e-14 * Math.Max(1, t))
            {
                return null;
            }
            double target = times[next];
            bool hit = t + h >= target;
            if (hit)
            {
                h = target - t;
            }
            var xNew = TrialStep(rhs, pair, fsal, k, t, x, h, tmp);
            double err = ErrorNorm(pair.E, k, h, x, xNew, rtol, atol);
            if (!double.IsFinite(err))
            {
                h /= 10;
                continue;
            }
            if (err <= 1)
            {
                t = hit ? target : t + h;
                x = xNew;
                k[0] = fsal ? k[stages - 1] : rhs(t, x);
                if (hit)
                {
                    output[next++] = (double[])x.Clone();
                    while (next < times.Count && times[next] <= t)
                    {
                        output[next++] = (double[])x.Clone();
                    }
                }
            }
            double factor = err == 0 ? 5 : Math.Clamp(0.9 * Math.Pow(err, exponent), 0.2, 5);
            h *= factor;
        }
        return output;
    }

    /// <summary>
    /// Solves at <paramref name="rtol"/> (atol = rtol·‖x0‖₂·10⁻³) and at rtol/1000 (atol = rtol·‖x0‖₂·10⁻⁶); returns the tighter
    /// run's states and, per time, the Euclidean distance between the two runs as the error estimate of the tighter one (the looser
    /// run's error dominates the difference when the method converges at its order). Null when either run fails.
    /// </summary>
    public static Solution? SolveWithErrorEstimate(
        Func<double, double[], double[]> rhs, double[] x0, IReadOnlyList<double> times, double rtol, EmbeddedPair? pair = null)
    {
        double scale = Math.Max(Math.Sqrt(x0.Sum(z => z * z)), 1e-300);
        var loose = Solve(rhs, x0, times, rtol, rtol * scale * 1e-3, pair);
        var tight = Solve(rhs, x0, times, rtol / 1000, rtol * scale * 1e-6, pair);
        if (loose is null || tight is null)
        {
            return null;
        }
        var err = new double[times.Count];
        for (int i = 0; i < times.Count; i++)
        {
            double s = 0;
            for (int j = 0; j < loose[i].Length; j++)
            {
                s += (loose[i][j] - tight[i][j]) * (loose[i][j] - tight[i][j]);
            }
            err[i] = Math.Sqrt(s);
        }
        return new Solution(tight, err);
    }

    /// <summary>Stages 2..s of one trial step from (t, x) (k[0] = f(t, x) given); returns the candidate y_new (a fresh array).</summary>
    private static double[] TrialStep(
        Func<double, double[], double[]> rhs, EmbeddedPair pair, bool fsal, double[][] k, double t, double[] x, double h, double[] tmp)
    {
        int stages = pair.Stages;
        var xNew = new double[x.Length];
        for (int s = 1; s < stages; s++)
        {
            bool last = fsal && s == stages - 1;
            var argument = last ? xNew : tmp;
            StageCombination.Combine(argument, x, h, pair.A[s], k);
            k[s] = rhs(t + pair.CNumerators[s] * h / pair.CDenominators[s], argument);
        }
        if (!fsal)
        {
            StageCombination.Combine(xNew, x, h, pair.B, k);
        }
        return xNew;
    }

    /// <summary>‖h·Σ_s E_s k_s / (atol + rtol·max(|x|, |x_new|))‖_RMS (the sum over nonzero E_s in stage order).</summary>
    private static double ErrorNorm(double[] e, double[][] k, double h, double[] x, double[] xNew, double rtol, double atol)
    {
        int n = x.Length;
        double err = 0;
        for (int i = 0; i < n; i++)
        {
            double acc = 0;
            bool first = true;
            for (int s = 0; s < e.Length; s++)
            {
                if (e[s] != 0)
                {
                    acc = first ? e[s] * k[s][i] : acc + e[s] * k[s][i];
                    first = false;
                }
            }
            double ei = h * acc;
            double sc = atol + rtol * Math.Max(Math.Abs(x[i]), Math.Abs(xNew[i]));
            err += (ei / sc) * (ei / sc);
        }
        return Math.Sqrt(err / Math.Max(1, n));
    }
}
