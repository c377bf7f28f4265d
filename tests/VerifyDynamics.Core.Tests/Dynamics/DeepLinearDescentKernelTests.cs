using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Dynamics;

public sealed class DeepLinearDescentKernelTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void FastKernel_AgreesWithTheMathNetReference(int depth)
    {
        var rng = new Seed(11).Split(depth).CreateRng();
        int[] dims = [.. Enumerable.Range(0, depth + 1).Select(_ => rng.NextInt(1, 7))];
        var network = new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.GaussianMatrix(dims[j], dims[j - 1], 0.5)));
        var target = rng.GaussianMatrix(dims[^1], dims[0]);
        const int steps = 25;
        const double eta = 0.01;
        var reference = network;
        for (int t = 0; t < steps; t++)
        {
            reference = reference.GradientStep(target, eta);
        }
        var fast = GradientDescent.Run(network, target, eta, steps);
        Assert.Equal(DescentOutcome.Completed, fast.Outcome);
        for (int j = 1; j <= depth; j++)
        {
            double scale = reference[j].FrobeniusNorm() + 1;
            // Both sides sum the same products in a different order: each step differs by at most γ_n times the
            // magnitude |A||B| of the products, n = (depth + 2)·(max width + 1) operations; |A||B| ≤ the product of the
            // layer norms (each ≤ ‖N(0, 0.25)‖ on ≤ 6×6, so ≤ 3 per factor, ≤ 3^depth overall); over `steps` steps the differences add up.
            double tolerance = steps * Tolerance.Gamma((depth + 2) * 8) * scale * Math.Pow(3, depth);
            Assert.True((reference[j] - fast.Final[j]).FrobeniusNorm() <= tolerance,
                $"layer {j}: ‖Δ‖ = {(reference[j] - fast.Final[j]).FrobeniusNorm()} > {tolerance}");
        }
    }

    [Fact]
    public void Divergence_IsReported_WithTheStep()
    {
        var network = new DeepLinearNetwork([MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 0.5 } })]);
        var target = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(new double[,] { { 1 } });
        var run = GradientDescent.Run(network, target, eta: 3, steps: 5000);
        Assert.Equal(DescentOutcome.Diverged, run.Outcome);
        Assert.Contains("step", run.Message, StringComparison.Ordinal);
    }
}
