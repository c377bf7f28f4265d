using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

/// <summary>The SIMD kernel on θ against the MathNet path (DeepLinearNetwork gradients, HessianVectorProduct.DeepLinear, dense Hessian).</summary>
public sealed class DeepLinearKernelTests
{
    // Odd widths exercise the vector tails; [16,32,32,32,8] and [16,52,52,16] are the benchmark shapes.
    public static TheoryData<string> Shapes() => ["1,1", "13,6", "5,7,3,9,2", "3,4,2,3", "16,32,32,32,8", "16,52,52,16", "2,9,1,5"];

    private static int[] Dims(string shape) => [.. shape.Split(',').Select(int.Parse)];

    private static (DeepLinearObjective F, double[] Theta) Frobenius(string shape)
    {
        var dims = Dims(shape);
        var rng = ObjectiveFixtures.Rng("kernel-" + shape);
        var f = DeepLinearObjective.ForTarget(dims, rng.GaussianMatrix(dims[^1], dims[0]));
        return (f, ObjectiveFixtures.Gaussian(rng, f.Dimension, 1 / Math.Sqrt(dims.Max())));
    }

    private static void AssertClose(double[] expected, double[] actual, double relative, string what)
    {
        double scale = Math.Max(1, VectorOps.MaxAbs(expected));
        double diff = VectorOps.MaxAbs(expected.Zip(actual, (x, y) => x - y).ToArray());
        Assert.True(diff <= relative * scale, $"{what}: max |Δ| = {diff:G3} > {relative:G3}·{scale:G3}");
    }

    // Rounding only: both sides form the same products in another order; depth·width·u with a factor 100 for the
    // growth of intermediate products at these scales.
    private static double RoundingAllowance(int[] dims) => 100 * Tolerance.Gamma(dims.Length * (dims.Max() + 1));

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ValueAndGradient_AgreeWithTheMathNetPath(string shape)
    {
        var (f, theta) = Frobenius(shape);
        var kernel = f.CreateKernel();
        var gradient = new double[f.Dimension];
        double value = kernel.ValueAndGradient(theta, gradient);
        double reference = f.Network(theta).Loss(((FrobeniusTargetLoss)f.Phi).Target);
        Assert.True(Math.Abs(value - reference) <= RoundingAllowance(f.Dims) * Math.Max(1, reference), $"{value} vs {reference}");
        AssertClose(f.ReferenceGradient(theta), gradient, RoundingAllowance(f.Dims), "gradient");
        Assert.Equal(gradient, f.Gradient(theta));
        Assert.Equal(value, f.Value(theta));
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void HessianVectorProduct_AgreesWithTheMathNetForwardOverReverse(string shape)
    {
        var (f, theta) = Frobenius(shape);
        var rng = ObjectiveFixtures.Rng("kernel-v-" + shape);
        var v = ObjectiveFixtures.Gaussian(rng, f.Dimension);
        var reference = f.Pack(HessianVectorProduct.DeepLinear(f.Network(theta), f.Phi, f.Unflatten(v)));
        var op = HessianVectorProduct.Operator(f, theta);
        AssertClose(reference, op(v), RoundingAllowance(f.Dims), "HVP");
        // The operator keeps θ's passes: a second direction after the first gives the same as a fresh evaluation.
        var w = ObjectiveFixtures.Gaussian(rng, f.Dimension);
        Assert.Equal(f.HessianVectorProduct(theta, w), op(w));
    }

    [Theory]
    [InlineData("dln-square-data")]
    [InlineData("dln-cross-entropy")]
    public void DataLosses_GoThroughTheLossObject(string name)
    {
        var (_, g, theta) = ObjectiveFixtures.All().Single(o => o.Name == name);
        var f = (DeepLinearObjective)g;
        AssertClose(f.ReferenceGradient(theta), f.Gradient(theta), 1e-13, "gradient");
        var v = ObjectiveFixtures.Gaussian(ObjectiveFixtures.Rng("data-v"), f.Dimension);
        var exact = ExactHessian.DeepLinear(f, theta) * Vector<double>.Build.DenseOfArray(v);
        AssertClose(exact.ToArray(), f.HessianVectorProduct(theta, v), 1e-12, "HVP vs dense Hessian");
        double reference = f.Phi.Value(f.Network(theta).EndToEnd());
        Assert.True(Math.Abs(reference - f.Value(theta)) <= 1e-14 * Math.Max(1, reference));
    }

    [Fact]
    public void ConcurrentCallers_EachGetTheirOwnBuffers()
    {
        var (f, theta) = Frobenius("16,32,32,32,8");
        var expected = f.Gradient(theta);
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, _ => Assert.Equal(expected, f.Gradient(theta)));
    }
}
