using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// Paper-local adaptive integrator for the gradient flows of JGGSH21 (ẋ = f(x)): classical RK4 with step doubling.
/// Each step is taken once with h and twice with h/2; the difference/15 is the local error estimate (Richardson,
/// RK4 is order 4), the step is accepted when it is ≤ tol·(1 + ‖x‖), and the extrapolated value is kept. Steps grow
/// by up to 4× on plateaus, which is what the saddle-to-saddle runs (times ∝ α^{−(L−2)}) need.
/// Written here because Core/Dynamics had no adaptive integrator on main when JGGSH21 was started (EC21's DOP853 is
/// being written on another branch); swap in once it lands.
/// </summary>
public static class StepHalvingRk4Flow
{
    /// <summary>The end of an integration: final state and time, accumulated local-error bound, steps, and why it stopped.</summary>
    public sealed record Result(Vector<double> State, double Time, double ErrorEstimate, int Steps, bool Stopped, bool Exhausted);

    /// <summary>
    /// Integrates ẋ = f(x) from x0 over [0, tEnd]. The observer sees every accepted (t, x) including t = 0 and every
    /// requested output time exactly; stop(t, x) ends the run early. maxSteps bounds the work (Exhausted = true).
    /// </summary>
    public static Result Integrate(
        Func<Vector<double>, Vector<double>> f,
        Vector<double> x0,
        double tEnd,
        double tolerance,
        Action<double, Vector<double>>? observer = null,
        IReadOnlyList<double>? outputTimes = null,
        Func<double, Vector<double>, bool>? stop = null,
        double initialStep = 1e-3,
        int maxSteps = 200_000)
    {
        var x = x0.Clone();
        double t = 0, h = Math.Min(initialStep, tEnd), errSum = 0;
        int steps = 0, nextOut = 0;
        var outs = outputTimes?.Where(s => s > 0 && s <= tEnd).OrderBy(s => s).ToArray() ?? [];
        observer?.Invoke(0, x);
        if (stop?.Invoke(0, x) == true)
        {
            return new Result(x, 0, 0, 0, true, false);
        }
        while (t < tEnd)
        {
            if (steps >= maxSteps)
            {
                return new Result(x, t, errSum, steps, false, true);
            }
            double target = nextOut < outs.Length ? outs[nextOut] : tEnd;
            bool hitsTarget = t + h >= target;
            double step = hitsTarget ? target - t : h;
            var full = Rk4(f, x, step);
            var half = Rk4(f, Rk4(f, x, step / 2), step / 2);
            var diff = half - full;
            double err = diff.L2Norm() / 15;
            double allowed = tolerance * (1 + x.L2Norm());
            steps++;
            if (!double.IsFinite(err))
            {
                h = step / 4;
                if (h < 1e-300)
                {
                    return new Result(x, t, double.PositiveInfinity, steps, false, true);
                }
                continue;
            }
            if (err <= allowed)
            {
                x = half + diff / 15;
                t = hitsTarget ? target : t + step;
                errSum += err;
                if (hitsTarget && nextOut < outs.Length)
                {
                    nextOut++;
                }
                observer?.Invoke(t, x);
                if (stop?.Invoke(t, x) == true)
                {
                    return new Result(x, t, errSum, steps, true, false);
                }
            }
            double factor = err == 0 ? 4 : Math.Clamp(0.9 * Math.Pow(allowed / err, 0.2), 0.2, 4);
            h = hitsTarget && err <= allowed ? Math.Max(h, step * factor) : step * factor;
        }
        return new Result(x, t, errSum, steps, false, false);
    }

    private static Vector<double> Rk4(Func<Vector<double>, Vector<double>> f, Vector<double> x, double h)
    {
        var k1 = f(x);
        var k2 = f(x + (h / 2) * k1);
        var k3 = f(x + (h / 2) * k2);
        var k4 = f(x + h * k3);
        return x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    }
}
