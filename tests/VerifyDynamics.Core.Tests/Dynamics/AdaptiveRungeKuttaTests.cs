using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using Xunit;

namespace VerifyDynamics.Core.Tests.Dynamics;

/// <summary>
/// The integrators moved from JGGSH21 into Core (issue 11 item 1), each cross-checked two ways: bit for bit against the
/// paper-local implementation it replaced (copied verbatim below as the reference), and against a closed form or an independent
/// integrator (<see cref="OdeSolver"/>'s DOP853) at two tolerances.
/// </summary>
public sealed class AdaptiveRungeKuttaTests
{
    // ---------------------------------------------------------------------------------------------------------------------
    // References: the former JGGSH21 FlowIntegrator.Solve and StepHalvingRk4Flow.Integrate, unchanged.
    // ---------------------------------------------------------------------------------------------------------------------

    private static double[][]? ReferenceDopri(Func<double, double[], double[]> rhs, double[] x0, IReadOnlyList<double> times, double rtol, double atol)
    {
        const double a21 = 1.0 / 5, a31 = 3.0 / 40, a32 = 9.0 / 40, a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
        const double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729;
        const double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176, a65 = -5103.0 / 18656;
        const double b1 = 35.0 / 384, b3 = 500.0 / 1113, b4 = 125.0 / 192, b5 = -2187.0 / 6784, b6 = 11.0 / 84;
        const double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200, e6 = 22.0 / 525, e7 = -1.0 / 40;
        int n = x0.Length;
        var x = (double[])x0.Clone();
        double t = 0;
        var output = new double[times.Count][];
        int next = 0;
        while (next < times.Count && times[next] <= 0)
        {
            output[next++] = (double[])x.Clone();
        }
        double h = times.Count > 0 ? Math.Max(times[^1], 1e-300) * 1e-6 : 0;
        var k1 = rhs(t, x);
        var tmp = new double[n];
        int steps = 0;
        while (next < times.Count)
        {
            if (++steps > 2_000_000 || h < 1e-14 * Math.Max(1, t))
            {
                return null;
            }
            double target = times[next];
            bool hit = t + h >= target;
            if (hit)
            {
                h = target - t;
            }
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * a21 * k1[i]; }
            var k2 = rhs(t + h / 5, tmp);
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * (a31 * k1[i] + a32 * k2[i]); }
            var k3 = rhs(t + 3 * h / 10, tmp);
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]); }
            var k4 = rhs(t + 4 * h / 5, tmp);
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]); }
            var k5 = rhs(t + 8 * h / 9, tmp);
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]); }
            var k6 = rhs(t + h, tmp);
            var xNew = new double[n];
            for (int i = 0; i < n; i++) { xNew[i] = x[i] + h * (b1 * k1[i] + b3 * k3[i] + b4 * k4[i] + b5 * k5[i] + b6 * k6[i]); }
            var k7 = rhs(t + h, xNew);
            double err = 0;
            for (int i = 0; i < n; i++)
            {
                double ei = h * (e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] + e7 * k7[i]);
                double sc = atol + rtol * Math.Max(Math.Abs(x[i]), Math.Abs(xNew[i]));
                err += (ei / sc) * (ei / sc);
            }
            err = Math.Sqrt(err / Math.Max(1, n));
            if (!double.IsFinite(err))
            {
                h /= 10;
                continue;
            }
            if (err <= 1)
            {
                t = hit ? target : t + h;
                x = xNew;
                k1 = k7;
                if (hit)
                {
                    output[next++] = (double[])x.Clone();
                    while (next < times.Count && times[next] <= t)
                    {
                        output[next++] = (double[])x.Clone();
                    }
                }
            }
            double factor = err == 0 ? 5 : Math.Clamp(0.9 * Math.Pow(err, -0.2), 0.2, 5);
            h *= factor;
        }
        return output;
    }

    private sealed record ReferenceResult(Vector<double> State, double Time, double ErrorEstimate, int Steps, bool Stopped, bool Exhausted);

    private static ReferenceResult ReferenceStepHalving(
        Func<Vector<double>, Vector<double>> f, Vector<double> x0, double tEnd, double tolerance,
        Action<double, Vector<double>>? observer = null, IReadOnlyList<double>? outputTimes = null,
        Func<double, Vector<double>, bool>? stop = null, double initialStep = 1e-3, int maxSteps = 200_000)
    {
        var x = x0.Clone();
        double t = 0, h = Math.Min(initialStep, tEnd), errSum = 0;
        int steps = 0, nextOut = 0;
        var outs = outputTimes?.Where(s => s > 0 && s <= tEnd).OrderBy(s => s).ToArray() ?? [];
        observer?.Invoke(0, x);
        if (stop?.Invoke(0, x) == true)
        {
            return new ReferenceResult(x, 0, 0, 0, true, false);
        }
        while (t < tEnd)
        {
            if (steps >= maxSteps)
            {
                return new ReferenceResult(x, t, errSum, steps, false, true);
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
                    return new ReferenceResult(x, t, double.PositiveInfinity, steps, false, true);
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
                    return new ReferenceResult(x, t, errSum, steps, true, false);
                }
            }
            double factor = err == 0 ? 4 : Math.Clamp(0.9 * Math.Pow(allowed / err, 0.2), 0.2, 4);
            h = hitsTarget && err <= allowed ? Math.Max(h, step * factor) : step * factor;
        }
        return new ReferenceResult(x, t, errSum, steps, false, false);
    }

    private static Vector<double> Rk4(Func<Vector<double>, Vector<double>> f, Vector<double> x, double h)
    {
        var k1 = f(x);
        var k2 = f(x + (h / 2) * k1);
        var k3 = f(x + (h / 2) * k2);
        var k4 = f(x + h * k3);
        return x + (h / 6) * (k1 + 2 * k2 + 2 * k3 + k4);
    }

    // ---------------------------------------------------------------------------------------------------------------------
    // Problems
    // ---------------------------------------------------------------------------------------------------------------------

    public static TheoryData<string> Systems => ["logistic", "rotation", "forced", "dln"];

    private static Func<double, double[], double[]> System(string name) => name switch
    {
        "logistic" => (_, q) => [q[0] * (1 - q[0])],
        "rotation" => (_, q) => [-q[1] + 0.1 * q[4], q[0], q[3] * q[2], -q[2], Math.Sin(q[0]), 0.3 * q[5] - q[1]],
        // time-dependent: the stage times t + c_s h must be formed exactly as before (t + h/5, t + 3h/10, ...)
        "forced" => (t, q) => [Math.Cos(3 * t) - q[0] * q[1], q[0] + Math.Sin(7 * t) * q[1], Math.Exp(-t) * q[2]],
        // gradient flow of ½‖w₃w₂w₁ − 1‖² on scalars (a depth-3 DLN): plateau, then a fast escape
        _ => (_, q) =>
        {
            double r = q[0] * q[1] * q[2] - 1;
            return [-r * q[1] * q[2], -r * q[0] * q[2], -r * q[0] * q[1]];
        },
    };

    private static double[] Start(string name) => name switch
    {
        "logistic" => [0.1],
        "rotation" => [1, 0.5, -0.25, 0.125, 2, -1],
        "forced" => [0.3, -0.7, 1.1],
        _ => [0.05, 0.07, 0.03],
    };

    // "rotation" contains q₂' = q₃q₂, q₃' = −q₂, which blows up near t ≈ 4.0 (q₃' = q₃²/2 + c): integrate it to t = 2.
    private static double Horizon(string name) => name switch { "dln" => 400, "rotation" => 2, _ => 5 };

    [Theory]
    [MemberData(nameof(Systems))]
    public void DormandPrince54_IsBitIdenticalToTheFormerJggsh21FlowIntegrator(string name)
    {
        var f = System(name);
        double tEnd = Horizon(name);
        double[] times = [0, tEnd / 7, tEnd / 3, tEnd / 3, 0.5 * tEnd, tEnd];
        foreach (double rtol in new[] { 1e-6, 1e-8, 1e-11 })
        {
            var expected = ReferenceDopri(f, Start(name), times, rtol, rtol * 1e-3);
            var actual = EmbeddedRungeKutta.Solve(f, Start(name), times, rtol, rtol * 1e-3);
            Assert.NotNull(expected);
            Assert.NotNull(actual);
            for (int j = 0; j < times.Length; j++)
            {
                Assert.Equal(expected![j], actual![j]); // exact double equality, component by component
            }
        }
        if (name == "rotation")
        {
            // past the blow-up both report failure (null) rather than a state
            Assert.Null(ReferenceDopri(f, Start(name), [1, 5], 1e-8, 1e-11));
            Assert.Null(EmbeddedRungeKutta.Solve(f, Start(name), [1, 5], 1e-8, 1e-11));
        }
    }

    [Fact]
    public void DormandPrince54_MeetsTheLogisticClosedFormAtTwoTolerances()
    {
        // y' = y(1 − y), y(0) = 0.1: y(t) = 1/(1 + 9e^{−t}).
        double[] times = [1, 2, 5, 10];
        double ErrorAt(double rtol)
        {
            var states = EmbeddedRungeKutta.Solve((_, q) => [q[0] * (1 - q[0])], [0.1], times, rtol, rtol * 1e-3)!;
            return times.Select((t, j) => Math.Abs(states[j][0] - 1 / (1 + 9 * Math.Exp(-t)))).Max();
        }
        double loose = ErrorAt(1e-6), tight = ErrorAt(1e-10);
        Assert.InRange(loose, 1e-12, 1e-5);   // a 5th-order method at rtol 1e−6: global error of the order of rtol·(a few)
        Assert.True(tight < 1e-9, $"rtol 1e−10 gave error {tight:G3}");
        Assert.True(tight < loose / 100, $"tightening rtol by 10⁴ reduced the error only from {loose:G3} to {tight:G3}");
    }

    [Theory]
    [InlineData("rotation")]
    [InlineData("forced")]
    [InlineData("dln")]
    public void ErrorEstimate_BoundsTheDistanceToAnIndependentDop853Reference(string name)
    {
        var f = System(name);
        double tEnd = Horizon(name);
        double[] times = [tEnd / 4, tEnd / 2, tEnd];
        var sol = EmbeddedRungeKutta.SolveWithErrorEstimate(f, Start(name), times, 1e-8);
        Assert.NotNull(sol);
        var reference = OdeSolver.Solve(
            new OdeProblem((t, y, dydt) => f(t, y).CopyTo(dydt, 0), 0, Start(name), tEnd),
            new OdeSettings(Rtol: 1e-13, Atol: 1e-15, OutputTimes: times, StoreDenseOutput: false));
        Assert.True(reference.Succeeded);
        for (int j = 0; j < times.Length; j++)
        {
            double dist = Math.Sqrt(sol!.States[j].Zip(reference.OutputStates[j], (a, b) => (a - b) * (a - b)).Sum());
            // the tight run (rtol 1e−11) is within its estimate (the distance to the rtol 1e−8 run) of the DOP853 reference,
            // up to the reference's own error (rtol 1e−13) — and the estimate is not vacuous.
            Assert.True(dist <= sol.ErrorBounds[j] + 1e-11 * (1 + Math.Abs(reference.OutputStates[j].Max())), $"t = {times[j]}: distance {dist:G3} > estimate {sol.ErrorBounds[j]:G3}");
            Assert.True(sol.ErrorBounds[j] < 1e-5, $"estimate {sol.ErrorBounds[j]:G3} is vacuous");
        }
    }

    [Fact]
    public void DormandPrince54_TableauSatisfiesTheOrderConditions()
    {
        var p = RungeKuttaTableaus.DormandPrince54;
        Assert.True(p.FirstSameAsLast);
        double[] c = [.. p.CNumerators.Zip(p.CDenominators, (a, b) => a / b)];
        for (int s = 1; s < p.Stages; s++)
        {
            Assert.Equal(c[s], p.A[s].Sum(), 14); // row sums are the nodes
        }
        double[] bHat = [.. p.B.Zip(p.E, (b, e) => b - e)];
        // Order conditions (bushy trees) Σ b_s c_s^{q−1} = 1/q: q ≤ 5 for b, q ≤ 4 for the embedded b̂, and b̂ fails q = 5.
        for (int q = 1; q <= 5; q++)
        {
            Assert.Equal(1.0 / q, p.B.Select((b, s) => b * Math.Pow(c[s], q - 1)).Sum(), 14);
            if (q <= 4)
            {
                Assert.Equal(1.0 / q, bHat.Select((b, s) => b * Math.Pow(c[s], q - 1)).Sum(), 14);
            }
        }
        Assert.True(Math.Abs(bHat.Select((b, s) => b * Math.Pow(c[s], 4)).Sum() - 0.2) > 1e-6);
        // Σ_s b_s Σ_r a_{s,r} c_r = 1/6 (the tree of order 3 that is not bushy).
        Assert.Equal(1.0 / 6, Enumerable.Range(0, p.Stages - 1).Sum(s => p.B[s] * p.A[s].Select((a, r) => a * c[r]).Sum()), 14);
    }

    [Theory]
    [MemberData(nameof(Systems))]
    public void StepDoubling_IsBitIdenticalToTheFormerJggsh21StepHalvingRk4(string name)
    {
        var g = System(name);
        if (name == "forced")
        {
            return; // StepDoubling integrates autonomous flows only
        }
        Func<Vector<double>, Vector<double>> f = v => Vector<double>.Build.Dense(g(0, v.ToArray()));
        var x0 = Vector<double>.Build.Dense(Start(name));
        double tEnd = Horizon(name);
        double[] outs = [tEnd / 9, tEnd / 3, 0.9 * tEnd];
        var seenRef = new List<(double, Vector<double>)>();
        var seen = new List<(double, Vector<double>)>();
        var expected = ReferenceStepHalving(f, x0, tEnd, 1e-9, (t, v) => seenRef.Add((t, v)), outs);
        var actual = StepDoubling.Integrate(f, x0, tEnd, 1e-9, (t, v) => seen.Add((t, v)), outs);
        Assert.Equal(expected.State.ToArray(), actual.State.ToArray());
        Assert.Equal((expected.Time, expected.ErrorEstimate, expected.Steps, expected.Stopped, expected.Exhausted),
            (actual.Time, actual.ErrorEstimate, actual.Steps, actual.Stopped, actual.Exhausted));
        Assert.Equal(seenRef.Count, seen.Count);
        for (int i = 0; i < seen.Count; i++)
        {
            Assert.Equal(seenRef[i].Item1, seen[i].Item1);
            Assert.Equal(seenRef[i].Item2.ToArray(), seen[i].Item2.ToArray());
        }
        // stop and step budget behave alike
        var stopRef = ReferenceStepHalving(f, x0, tEnd, 1e-7, stop: (t, _) => t > tEnd / 2);
        var stop = StepDoubling.Integrate(f, x0, tEnd, 1e-7, stop: (t, _) => t > tEnd / 2);
        Assert.Equal((stopRef.Time, stopRef.Steps, stopRef.Stopped), (stop.Time, stop.Steps, stop.Stopped));
        var budgetRef = ReferenceStepHalving(f, x0, tEnd, 1e-12, maxSteps: 40);
        var budget = StepDoubling.Integrate(f, x0, tEnd, 1e-12, maxSteps: 40);
        Assert.True(budget.Exhausted);
        Assert.Equal(budgetRef.State.ToArray(), budget.State.ToArray());
    }

    [Fact]
    public void StepDoubling_MeetsTheHarmonicOscillatorClosedFormAtTwoTolerances()
    {
        // x' = −y, y' = x from (1, 0): (cos t, sin t); the accumulated local estimate bounds the global error here (no growth).
        Func<Vector<double>, Vector<double>> f = v => Vector<double>.Build.Dense([-v[1], v[0]]);
        double ErrorAt(double tol, out double estimate)
        {
            var r = StepDoubling.Integrate(f, Vector<double>.Build.Dense([1.0, 0.0]), 10, tol);
            estimate = r.ErrorEstimate;
            return Math.Sqrt(Math.Pow(r.State[0] - Math.Cos(10), 2) + Math.Pow(r.State[1] - Math.Sin(10), 2));
        }
        double loose = ErrorAt(1e-6, out double looseEstimate), tight = ErrorAt(1e-10, out double tightEstimate);
        Assert.True(loose <= 10 * looseEstimate + 1e-14, $"error {loose:G3} vs estimate {looseEstimate:G3}");
        Assert.True(tight <= 10 * tightEstimate + 1e-13, $"error {tight:G3} vs estimate {tightEstimate:G3}");
        Assert.True(loose < 1e-4 && tight < 1e-8 && tight < loose / 100, $"errors {loose:G3} (1e−6) and {tight:G3} (1e−10)");
    }

    [Theory]
    [InlineData("logistic")]
    [InlineData("rotation")]
    [InlineData("forced")]
    [InlineData("dln")]
    public void RungeKuttaStepper_IsBitIdenticalToOdeSolverFixedStepRk4(string name)
    {
        var g = System(name);
        OdeFunction f = (t, y, dydt) => g(t, y).CopyTo(dydt, 0);
        double tEnd = Horizon(name) / 10;
        const int steps = 64;
        var expected = OdeSolver.Solve(new OdeProblem(f, 0, Start(name), tEnd), OdeSettings.Fixed(steps, RungeKuttaTableaus.ClassicalRk4)).FinalState;
        var stepper = new RungeKuttaStepper(RungeKuttaTableaus.ClassicalRk4, Start(name).Length);
        var y = Start(name);
        double h = tEnd / steps;
        for (int s = 0; s < steps; s++)
        {
            stepper.Step(f, s * h, y, h, y); // in place, as JGGSH21 Prop23's sphere flow uses it
        }
        Assert.Equal(expected, y);
    }

    [Fact]
    public void RungeKuttaStepper_ConvergesAtOrderFourOnTheLogisticClosedForm()
    {
        double ErrorWith(int steps)
        {
            var stepper = new RungeKuttaStepper(RungeKuttaTableaus.ClassicalRk4, 1);
            double[] y = [0.1];
            double h = 4.0 / steps;
            for (int s = 0; s < steps; s++)
            {
                f(0, y, stepper.FirstStage);
                stepper.Step(f, s * h, y, h, y, firstStageKnown: true);
            }
            return Math.Abs(y[0] - 1 / (1 + 9 * Math.Exp(-4.0)));
        }
        static void f(double t, double[] y, double[] dydt) => dydt[0] = y[0] * (1 - y[0]);
        double ratio = ErrorWith(20) / ErrorWith(40);
        Assert.InRange(ratio, 13, 19); // 2⁴ = 16
    }
}
