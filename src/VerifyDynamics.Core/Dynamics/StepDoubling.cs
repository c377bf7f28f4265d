using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// Adaptive integration of an autonomous flow ẋ = f(x) by step doubling (HNW I, §II.4 "Richardson extrapolation"): each step of
/// an explicit method of order p (<see cref="ExplicitTableau"/>, classical RK4 by default) is taken once with h and twice with h/2;
/// ‖y_{h/2} − y_h‖₂/(2^p − 1) is the local error estimate, the step is accepted when it is ≤ tol·(1 + ‖x‖₂), and the extrapolated
/// value y_{h/2} + (y_{h/2} − y_h)/(2^p − 1) is kept. Step ratio 0.9·(allowed/err)^{1/(p+1)} clamped to [0.2, 4], so steps grow on
/// plateaus (the saddle-to-saddle runs of JGGSH21 need times ∝ α^{−(L−2)}). <see cref="Result.ErrorEstimate"/> is the sum of the
/// accepted local estimates: an a-posteriori figure, not an enclosure. Ported unchanged from JGGSH21's StepHalvingRk4Flow
/// (bit-identical trajectories with the RK4 tableau).
/// </summary>
public static class StepDoubling
{
    /// <summary>The end of an integration: final state and time, accumulated local-error estimate, steps, and why it stopped.</summary>
    public sealed record Result(Vector<double> State, double Time, double ErrorEstimate, int Steps, bool Stopped, bool Exhausted);

    /// <summary>
    /// Integrates ẋ = f(x) from x0 over [0, tEnd] with <paramref name="tableau"/> (null = classical RK4). The observer sees every
    /// accepted (t, x) including t = 0 and every requested output time exactly (a fresh vector each time); stop(t, x) ends the run
    /// early. maxSteps bounds the work (Exhausted = true).
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
        int maxSteps = 200_000,
        ExplicitTableau? tableau = null)
    {
        tableau ??= RungeKuttaTableaus.ClassicalRk4;
        var build = Vector<double>.Build;
        int n = x0.Count;
        var stepper = new RungeKuttaStepper(tableau, n);
        OdeFunction field = (_, y, dydt) => f(build.Dense(y)).CopyTo(build.Dense(dydt));
        double richardson = Math.Pow(2, tableau.Order) - 1;
        double exponent = 1.0 / (tableau.Order + 1);
        var full = new double[n];
        var mid = new double[n];
        var half = new double[n];
        var fx = new double[n];
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
            var xa = x.ToArray();
            field(t, xa, fx);
            Array.Copy(fx, stepper.FirstStage, n);
            stepper.Step(field, t, xa, step, full, firstStageKnown: true);
            Array.Copy(fx, stepper.FirstStage, n);
            stepper.Step(field, t, xa, step / 2, mid, firstStageKnown: true);
            stepper.Step(field, t + step / 2, mid, step / 2, half);
            var halfV = build.Dense(half);
            var diff = halfV - build.Dense(full);
            double err = diff.L2Norm() / richardson;
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
                x = halfV + diff / richardson;
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
            double factor = err == 0 ? 4 : Math.Clamp(0.9 * Math.Pow(allowed / err, exponent), 0.2, 4);
            h = hitsTarget && err <= allowed ? Math.Max(h, step * factor) : step * factor;
        }
        return new Result(x, t, errSum, steps, false, false);
    }
}
