using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

/// <summary>
/// <see cref="HomogeneousKernel"/> against <see cref="HomogeneousNetwork"/>'s MathNet path. The two differ only in the
/// summation order of their products, so they agree to rounding level: widths ≤ 53, depth ≤ 3 and O(1) entries give
/// differences of order 1e−14 relative. The bound used, 1e−11 relative to max(1, max|∇f|), is a heuristic with 1000×
/// headroom over that, while every structural error (a mask from the wrong layer, a missing transpose, a missing 1/m, a
/// sign) changes entries by 1e−3 or more.
/// </summary>
public class HomogeneousKernelTests
{
    private const double Relative = 1e-11;

    public static TheoryData<string> Fixtures()
    {
        var data = new TheoryData<string>();
        foreach (var (name, f, _) in ObjectiveFixtures.All())
        {
            if (f is HomogeneousNetwork)
            {
                data.Add(name);
            }
        }
        data.Add("wide-relu-ce");
        data.Add("wide-leaky-square");
        return data;
    }

    private static (HomogeneousNetwork Net, double[] Theta) Fixture(string name)
    {
        var rng = ObjectiveFixtures.Rng("homogeneous-kernel-" + name);
        if (name.StartsWith("wide-", StringComparison.Ordinal))
        {
            // Widths and sample count that are not multiples of the 4×16 / 4×8 register blocks, so every SIMD tail runs.
            int[] dims = [37, 21, 17, 10];
            var x = rng.GaussianMatrix(37, 53);
            var net = name == "wide-relu-ce"
                ? HomogeneousNetwork.FullyConnected(dims, Activation.Relu, Losses.CrossEntropy, x, ObjectiveFixtures.OneHot(rng, 10, 53))
                : HomogeneousNetwork.FullyConnected(dims, Activation.LeakyRelu(0.1), Losses.Square, x, rng.GaussianMatrix(10, 53));
            return (net, net.XavierUniform(rng));
        }
        var (_, f, theta) = ObjectiveFixtures.All().Single(o => o.Name == name);
        return ((HomogeneousNetwork)f, theta);
    }

    private static double MaxAbsDifference(double[] a, double[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Max();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ValueAndGradient_AgreeWithTheMathNetPath(string name)
    {
        var (net, theta) = Fixture(name);
        var kernel = net.CreateKernel();
        var g = new double[net.Dimension];
        double value = kernel.ValueAndGradient(theta, g);
        var expected = net.Gradient(theta);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        Assert.True(MaxAbsDifference(g, expected) <= Relative * scale, $"{name}: max |Δ∇f| = {MaxAbsDifference(g, expected):G3}, scale {scale:G3}");
        double f = net.Value(theta);
        Assert.True(Math.Abs(value - f) <= Relative * Math.Max(1, Math.Abs(f)), $"{name}: f {value:R} vs {f:R}");
        Assert.Equal(value, kernel.Value(theta));

        // Buffers are reused: a second evaluation at another θ, then the first again, gives the first result bit for bit.
        var other = theta.Select(t => 0.5 * t).ToArray();
        kernel.ValueAndGradient(other, new double[net.Dimension]);
        var again = new double[net.Dimension];
        Assert.Equal(value, kernel.ValueAndGradient(theta, again));
        Assert.Equal(g, again);

        var negative = new double[net.Dimension];
        kernel.NegativeGradient(theta, negative);
        Assert.Equal(g.Select(x => -x), negative);
    }

    [Fact]
    public void GradientDescent_OnTheKernelFollowsTheObjectivePath()
    {
        var (net, theta) = Fixture("wide-relu-ce");
        var stamps = new List<double[]>();
        var (final, steps, diverged) = ObjectiveGradientDescent.RunOnKernel(net.CreateKernel(), theta, 0.05, 40, (k, th) =>
        {
            if (k % 10 == 0)
            {
                stamps.Add((double[])th.Clone());
            }
            return true;
        });
        var (reference, refSteps, refDiverged) = ObjectiveGradientDescent.Run(net, theta, 0.05, 40);
        Assert.Equal((40, false), (steps, diverged));
        Assert.Equal((40, false), (refSteps, refDiverged));
        Assert.Equal(5, stamps.Count);
        Assert.Equal(theta, stamps[0]);
        Assert.Equal(final, stamps[^1]);
        double moved = VectorOps.Distance(final, theta);
        Assert.True(moved > 0.01, $"GD should move θ (moved {moved:G3})");
        Assert.True(VectorOps.Distance(final, reference) <= Relative * Math.Max(1, VectorOps.Norm(reference)),
            $"kernel GD vs MathNet GD after 40 steps: {VectorOps.Distance(final, reference):G3}");
    }

    [Fact]
    public void GradientDescent_OnTheKernelStopsAtDivergenceLikeTheObjectivePath()
    {
        var (net, theta) = Fixture("wide-leaky-square");
        var (kTheta, kSteps, kDiverged) = ObjectiveGradientDescent.RunOnKernel(net.CreateKernel(), theta, 1e3, 200);
        var (oTheta, oSteps, oDiverged) = ObjectiveGradientDescent.Run(net, theta, 1e3, 200);
        Assert.True(oDiverged, "η = 1000 must diverge on this network");
        Assert.Equal((oSteps, oDiverged), (kSteps, kDiverged));
        Assert.True(kSteps < 200);
        Assert.True(VectorOps.AllFinite(kTheta));
        Assert.True(VectorOps.AllFinite(oTheta));
    }

    [Fact]
    public void GradientFlow_OnTheKernelMatchesTheObjectiveSolve()
    {
        // A linear network: its flow never meets a region boundary, where DOP853 would chatter.
        var (net, theta) = Fixture("fc-linear-ce");
        var settings = new OdeSettings(Rtol: 1e-10, Atol: 1e-12);
        var onKernel = GradientFlow.SolveOnKernel(net, net.CreateKernel(), theta, 1.0, settings);
        var plain = GradientFlow.Solve(net, theta, 1.0, settings);
        Assert.True(onKernel.Succeeded && plain.Succeeded);
        double moved = VectorOps.Distance(plain.FinalTheta, theta);
        Assert.True(moved > 0.01, $"the flow should move θ (moved {moved:G3})");
        // Both solve the same ODE at rtol 1e−10; the rounding-level difference in the right-hand side is far below that.
        Assert.True(VectorOps.Distance(onKernel.FinalTheta, plain.FinalTheta) <= 1e-8 * Math.Max(1, VectorOps.Norm(plain.FinalTheta)),
            $"kernel flow vs MathNet flow: {VectorOps.Distance(onKernel.FinalTheta, plain.FinalTheta):G3}");
        Assert.Same(net, onKernel.Objective);
    }

    [Fact]
    public void WrongLengths_AreRefused()
    {
        var (net, theta) = Fixture("wide-relu-ce");
        var kernel = net.CreateKernel();
        Assert.Throws<ArgumentException>(() => kernel.ValueAndGradient(theta.AsSpan(1), new double[net.Dimension]));
        Assert.Throws<ArgumentException>(() => kernel.ValueAndGradient(theta, new double[net.Dimension - 1]));
        Assert.Throws<ArgumentException>(() => ObjectiveGradientDescent.RunOnKernel(kernel, theta[1..], 0.1, 1));
        Assert.Throws<ArgumentException>(() => GradientFlow.KernelProblem(kernel, theta[1..], 1));
        var other = ObjectiveFixtures.All().First(o => o.F is HomogeneousNetwork && o.F.Dimension != net.Dimension);
        Assert.Throws<ArgumentException>(() => GradientFlow.SolveOnKernel(other.F, kernel, other.Theta, 1));
    }
}
