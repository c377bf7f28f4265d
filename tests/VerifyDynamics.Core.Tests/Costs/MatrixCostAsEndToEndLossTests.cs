using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Costs;

/// <summary>
/// One loss API (issue 11 item 1): every <see cref="IMatrixCost"/> is an <see cref="IEndToEndLoss"/>, so Core's network objective
/// <see cref="DeepLinearObjective"/> takes JGGSH21's matrix costs directly. Cross-checked against JGGSH21's pull-back
/// <see cref="DeepLinearCost"/> (independent code, row-major layout): value, gradient and Hessian-vector product agree to rounding.
/// </summary>
public sealed class MatrixCostAsEndToEndLossTests
{
    public static TheoryData<string> Costs => ["frobenius", "completion", "mse"];

    private static IMatrixCost Cost(string name, Rng rng) => name switch
    {
        "frobenius" => new FrobeniusDistance(rng.GaussianMatrix(3, 4, 1), 0.5),
        "completion" => new MatrixCompletion(rng.GaussianMatrix(3, 4, 1), [(0, 0), (0, 3), (1, 1), (2, 2), (2, 0), (1, 3)]),
        _ => new MeanSquaredError(rng.GaussianMatrix(4, 7, 1), rng.GaussianMatrix(3, 7, 1)),
    };

    [Theory]
    [MemberData(nameof(Costs))]
    public void DeepLinearObjective_OnAMatrixCost_AgreesWithDeepLinearCost(string name)
    {
        var rng = new Rng(new Seed(20261207).Split(name));
        var cost = Cost(name, rng);
        int[] dims = [4, 5, 2, 3];
        var layers = new[] { rng.GaussianMatrix(5, 4, 0.7), rng.GaussianMatrix(2, 5, 0.7), rng.GaussianMatrix(3, 2, 0.7) };
        var direction = new[] { rng.GaussianMatrix(5, 4, 1), rng.GaussianMatrix(2, 5, 1), rng.GaussianMatrix(3, 2, 1) };
        var objective = new DeepLinearObjective(dims, cost);
        var pullBack = new DeepLinearCost(cost, dims);
        var theta = objective.Pack(layers);
        var vTheta = pullBack.ToVector(layers);

        double value = objective.Value(theta), reference = pullBack.Value(vTheta);
        Assert.True(Math.Abs(value - reference) <= 1e-13 * (1 + Math.Abs(reference)), $"value {value:R} vs {reference:R}");

        var gradient = objective.Unflatten(objective.Gradient(theta));
        var gradientRef = pullBack.Layers(pullBack.Gradient(vTheta));
        var hvp = objective.Unflatten(objective.HessianVectorProduct(theta, objective.Pack(direction)));
        var hvpRef = pullBack.Layers(pullBack.HessianVectorProduct(vTheta, pullBack.ToVector(direction)));
        for (int l = 0; l < dims.Length - 1; l++)
        {
            Assert.True((gradient[l] - gradientRef[l]).FrobeniusNorm() <= 1e-12 * (1 + gradientRef[l].FrobeniusNorm()), $"gradient block {l + 1}");
            Assert.True((hvp[l] - hvpRef[l]).FrobeniusNorm() <= 1e-12 * (1 + hvpRef[l].FrobeniusNorm()), $"HVP block {l + 1}");
        }
        // the default IEndToEndLoss.HessianApply is the cost's own Hessian-vector product
        var a = layers[2] * layers[1] * layers[0];
        Assert.Equal(cost.HessianVectorProduct(a, direction[2] * direction[1] * direction[0]).ToColumnMajorArray(),
            ((IEndToEndLoss)cost).HessianApply(a, direction[2] * direction[1] * direction[0]).ToColumnMajorArray());
    }
}

/// <summary>
/// The in-place path of the deep-linear kernel (<see cref="IInPlaceEndToEndLoss"/>, issue 11: no MathNet matrices per
/// gradient evaluation) must give the same bits as the matrix path, so certificates do not depend on which one runs.
/// </summary>
public sealed class InPlaceLossTests
{
    /// <summary>The same matrix completion seen only through <see cref="IEndToEndLoss"/> (the kernel's matrix path).</summary>
    private sealed class MatrixPathOnly(MatrixCompletion inner) : IEndToEndLoss
    {
        public double Value(MathNet.Numerics.LinearAlgebra.Matrix<double> w) => inner.Value(w);
        public MathNet.Numerics.LinearAlgebra.Matrix<double> Gradient(MathNet.Numerics.LinearAlgebra.Matrix<double> w) => inner.Gradient(w);
        public MathNet.Numerics.LinearAlgebra.Matrix<double> HessianApply(MathNet.Numerics.LinearAlgebra.Matrix<double> w, MathNet.Numerics.LinearAlgebra.Matrix<double> dw) =>
            inner.HessianVectorProduct(w, dw);
    }

    private static MatrixCompletion Completion(Rng rng) =>
        // 3×4 with a repeated entry (counted twice) and unobserved entries (zero gradient there, signed zeros included)
        new(rng.GaussianMatrix(3, 4, 1), [(0, 0), (0, 3), (1, 1), (2, 2), (2, 0), (1, 3), (1, 1)]);

    [Fact]
    public void MatrixCompletion_InPlace_IsBitIdenticalToValueAndGradient()
    {
        var rng = new Rng(new Seed(20261207).Split("in-place"));
        var cost = Completion(rng);
        for (int trial = 0; trial < 20; trial++)
        {
            var w = rng.GaussianMatrix(3, 4, 2);
            var gradient = new double[12];
            double value = cost.ValueAndGradient(w.ToColumnMajorArray(), gradient);
            Assert.Equal(BitConverter.DoubleToInt64Bits(cost.Value(w)), BitConverter.DoubleToInt64Bits(value));
            Assert.Equal(cost.Gradient(w).ToColumnMajorArray().Select(BitConverter.DoubleToInt64Bits), gradient.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(cost.ValueAndGradient(w.ToColumnMajorArray(), [])));
        }
        // an independent value: (1/N) Σ over the observed list, the repeat counted twice
        var x = rng.GaussianMatrix(3, 4, 1);
        double expected = 0;
        foreach (var (r, c) in cost.Observed)
        {
            expected += (x[r, c] - cost.Teacher[r, c]) * (x[r, c] - cost.Teacher[r, c]);
        }
        Assert.Equal(expected / 7, cost.ValueAndGradient(x.ToColumnMajorArray(), []), 15);
        Assert.Throws<ArgumentException>(() => cost.ValueAndGradient(new double[11], []));
        Assert.Throws<ArgumentException>(() => cost.ValueAndGradient(new double[12], new double[11]));
    }

    [Fact]
    public void DeepLinearKernel_InPlacePath_MatchesTheMatrixPath_BitForBit()
    {
        var rng = new Rng(new Seed(20261207).Split("kernel-in-place"));
        var cost = Completion(rng);
        int[] dims = [4, 5, 2, 3];
        var fast = new DeepLinearObjective(dims, cost).CreateKernel();
        var slow = new DeepLinearObjective(dims, new MatrixPathOnly(cost)).CreateKernel();
        for (int trial = 0; trial < 10; trial++)
        {
            var theta = Enumerable.Range(0, fast.Dimension).Select(_ => rng.NextGaussian()).ToArray();
            var gFast = new double[fast.Dimension];
            var gSlow = new double[fast.Dimension];
            double vFast = fast.ValueAndGradient(theta, gFast), vSlow = slow.ValueAndGradient(theta, gSlow);
            Assert.Equal(BitConverter.DoubleToInt64Bits(vSlow), BitConverter.DoubleToInt64Bits(vFast));
            Assert.Equal(gSlow.Select(BitConverter.DoubleToInt64Bits), gFast.Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(BitConverter.DoubleToInt64Bits(slow.Value(theta)), BitConverter.DoubleToInt64Bits(fast.Value(theta)));
        }
    }
}
