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
