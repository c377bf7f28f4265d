using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Dynamics;

/// <summary>
/// Classical RK4 run as a tableau of <see cref="OdeSolver"/> against the hand-written RK4 it replaced (EC21 Ec21.Rk4Plain,
/// copied verbatim below as the reference): the same operations in the same order, so the states agree bit for bit.
/// </summary>
public sealed class ClassicalRk4TableauTests
{
    /// <summary>The former EC21 Ec21.Rk4Plain, unchanged.</summary>
    private static double[] ReferenceRk4(Func<double, double[], double[]> f, double[] y0, double t0, double t1, int steps)
    {
        var y = (double[])y0.Clone();
        double h = (t1 - t0) / steps;
        int d = y.Length;
        for (int s = 0; s < steps; s++)
        {
            double t = t0 + s * h;
            var k1 = f(t, y);
            var k2 = f(t + h / 2, Axpy(y, h / 2, k1));
            var k3 = f(t + h / 2, Axpy(y, h / 2, k2));
            var k4 = f(t + h, Axpy(y, h, k3));
            for (int i = 0; i < d; i++)
            {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
        }
        return y;
    }

    private static double[] Axpy(double[] y, double a, double[] x) => [.. y.Select((v, i) => v + a * x[i])];

    private static OdeProblem Problem(Func<double, double[], double[]> f, double[] y0, double t0, double t1) =>
        new((t, y, dydt) => f(t, y).CopyTo(dydt, 0), t0, y0, t1);

    public static TheoryData<string> Systems => ["blowup", "cubic", "rotation", "forced"];

    private static Func<double, double[], double[]> System(string name) => name switch
    {
        "blowup" => (_, q) => [q[0] * q[0]],
        "cubic" => (_, q) => [-q[0] * q[0] * q[0]],
        "rotation" => (_, q) => [-q[1] + 0.1 * q[4], q[0], q[3] * q[2], -q[2], Math.Sin(q[0]), 0.3 * q[5] - q[1]],
        _ => (t, q) => [Math.Cos(3 * t) - q[0] * q[1], q[0] + t * t * q[1], Math.Exp(-t) * q[2]],
    };

    private static double[] Start(string name) => name switch
    {
        "blowup" => [0.37],
        "cubic" => [1.9],
        "rotation" => [1, 0.5, -0.25, 0.125, 2, -1],
        _ => [0.3, -0.7, 1.1],
    };

    [Theory]
    [MemberData(nameof(Systems))]
    public void TableauRk4_IsBitIdenticalToTheHandWrittenRk4(string name)
    {
        var f = System(name);
        foreach (int steps in new[] { 1, 7, 64, 333 })
        {
            double t0 = name == "forced" ? 0.25 : 0, t1 = name == "blowup" ? 1.3 : 2.7;
            var expected = ReferenceRk4(f, Start(name), t0, t1, steps);
            var actual = OdeSolver.Solve(Problem(f, Start(name), t0, t1), OdeSettings.Fixed(steps, RungeKuttaTableaus.ClassicalRk4)).FinalState;
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i]), BitConverter.DoubleToInt64Bits(actual[i]));
            }
        }
    }

    [Fact]
    public void Richardson_ReproducesTheFormerEstimateAndHasOrderFour()
    {
        var f = System("cubic");
        var (state, error) = OdeSolver.SolveRichardson(Problem(f, [1.9], 0, 2.7), RungeKuttaTableaus.ClassicalRk4, 40);
        var coarse = ReferenceRk4(f, [1.9], 0, 2.7, 40);
        var fine = ReferenceRk4(f, [1.9], 0, 2.7, 80);
        Assert.Equal(fine[0], state[0]);
        Assert.Equal(Math.Abs(fine[0] - coarse[0]) * 16.0 / 15.0 + Tolerance.Gamma(320) * Math.Abs(fine[0]), error);
        // y' = −y³: y(t) = y0/√(1 + 2y0²t).
        double exact = 1.9 / Math.Sqrt(1 + 2 * 1.9 * 1.9 * 2.7);
        Assert.InRange(Math.Abs(state[0] - exact), 0, 2 * error);
        var (_, error2) = OdeSolver.SolveRichardson(Problem(f, [1.9], 0, 2.7), RungeKuttaTableaus.ClassicalRk4, 80);
        Assert.True(error2 < error / 8, $"halving the step should shrink the estimate by ≈ 16 (order 4): {error} → {error2}");
    }

    [Fact]
    public void TableauRun_DenseOutputIsTheCubicHermiteInterpolant()
    {
        // y' = 1 + 2t has the polynomial solution y = t + t², which cubic Hermite interpolation reproduces exactly.
        var p = new OdeProblem((t, _, dydt) => dydt[0] = 1 + 2 * t, 0, [0.0], 1);
        var sol = OdeSolver.Solve(p, OdeSettings.Fixed(4, RungeKuttaTableaus.ClassicalRk4));
        Assert.Equal(OdeOutcome.Success, sol.Outcome);
        foreach (double t in new[] { 0.1, 0.33, 0.6, 0.97 })
        {
            Assert.Equal(t + t * t, sol.Evaluate(t)[0], 1e-14);
        }
    }

    [Fact]
    public void Tableau_WithoutFixedSteps_IsRejected() =>
        Assert.Throws<ArgumentException>(() =>
            OdeSolver.Solve(new OdeProblem((_, y, d) => d[0] = y[0], 0, [1.0], 1), new OdeSettings(Tableau: RungeKuttaTableaus.ClassicalRk4)));
}
