using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Costs;

/// <summary>The JGGSH21 shared numerics: exact derivatives agree with central differences; NTK = JJᵀ; symmetries.</summary>
public sealed class DeepLinearCostTests
{
    private static (DeepLinearCost Net, Vector<double> Theta) Fixture(bool completion)
    {
        var rng = new Rng(new Seed(7));
        IMatrixCost cost = completion
            ? new MatrixCompletion(rng.GaussianMatrix(3, 2), [(0, 0), (1, 1), (2, 0), (2, 0)])
            : new MeanSquaredError(rng.GaussianMatrix(2, 5), rng.GaussianMatrix(3, 5));
        var net = DeepLinearCost.Rectangular(cost, 3, 4, lambda: 0.1);
        return (net, Vector<double>.Build.Dense(net.ParameterCount, _ => rng.NextGaussian()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GradientAndHessian_MatchCentralDifferences(bool completion)
    {
        var (net, theta) = Fixture(completion);
        var rng = new Rng(new Seed(8));
        var v = Vector<double>.Build.Dense(net.ParameterCount, _ => rng.NextGaussian());
        const double h = 1e-5;
        double fd = (net.Value(theta + h * v) - net.Value(theta - h * v)) / (2 * h);
        Assert.Equal(fd, net.Gradient(theta) * v, 5);
        var fdH = (net.Gradient(theta + h * v) - net.Gradient(theta - h * v)) / (2 * h);
        Assert.True((fdH - net.HessianVectorProduct(theta, v)).L2Norm() < 1e-5 * (1 + fdH.L2Norm()));
        var hess = net.Hessian(theta);
        Assert.True((hess * v - net.HessianVectorProduct(theta, v)).L2Norm() < 1e-10 * (1 + fdH.L2Norm()));
    }

    [Fact]
    public void NeuralTangentKernel_EqualsJacobianGram()
    {
        var (net, theta) = Fixture(false);
        var j = net.Jacobian(theta);
        var k = net.NeuralTangentKernel(theta);
        Assert.True((j.TransposeAndMultiply(j) - k).FrobeniusNorm() < 1e-10 * k.FrobeniusNorm());
    }

    [Fact]
    public void Rotation_KeepsEndToEndAndRotatesGradient()
    {
        var (net, theta) = Fixture(false);
        var rng = new Rng(new Seed(9));
        var o = new[] { rng.HaarOrthogonal(4), rng.HaarOrthogonal(4) };
        var rotated = net.ToVector(NetworkSymmetries.Rotate(net.Layers(theta), o));
        Assert.True((net.EndToEnd(rotated) - net.EndToEnd(theta)).FrobeniusNorm() < 1e-12);
        var rg = net.ToVector(NetworkSymmetries.Rotate(net.Layers(net.Gradient(theta)), o));
        Assert.True((net.Gradient(rotated) - rg).L2Norm() < 1e-10);
    }
}
