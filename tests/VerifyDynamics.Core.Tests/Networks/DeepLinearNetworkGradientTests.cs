using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

/// <summary>
/// Eq. (14) gradients of <see cref="DeepLinearNetwork"/> against central finite differences of the loss (STYLE rule 4: an
/// independent oracle). Along one entry w of one layer, t ↦ L^N(W_j + tE_ab) is an exact quadratic (W_{1:N} is affine in w), so the
/// central difference has no truncation error (h²/6·f‴ = 0) and the tolerance is pure rounding: 2ε_L/(h₊ + h₋) for loss values
/// accurate to ε_L, plus f″|h₊ − h₋|/2 for the ulp by which the steps actually taken may differ, plus the analytic side's γ_n bound.
/// </summary>
public sealed class DeepLinearNetworkGradientTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Gradients_MatchCentralFiniteDifferences_WithinTheRoundingBound(int depth)
    {
        for (int trial = 0; trial < 8; trial++)
        {
            var rng = new Seed(14).Split(depth * 100 + trial).CreateRng();
            int[] dims = [.. Enumerable.Range(0, depth + 1).Select(_ => rng.NextInt(1, 5))];
            var net = new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.LogUniform(0.3, 2) * rng.GaussianMatrix(dims[j], dims[j - 1])));
            var phi = rng.GaussianMatrix(dims[depth], dims[0]);
            var grads = net.Gradients(phi);
            int n = 2 * dims.Sum() + 16;
            double g = Tolerance.Gamma(n);
            double pi = net.Weights.Aggregate(1.0, (acc, w) => acc * w.FrobeniusNorm());
            double residual = (net.EndToEnd() - phi).FrobeniusNorm();
            for (int j = 1; j <= depth; j++)
            {
                var suffix = net.Product(j + 1, depth);
                var prefix = net.Product(1, j - 1);
                for (int a = 0; a < dims[j]; a++)
                {
                    for (int b = 0; b < dims[j - 1]; b++)
                    {
                        double curvature = suffix.Column(a).DotProduct(suffix.Column(a)) * prefix.Row(b).DotProduct(prefix.Row(b));
                        double w = net[j][a, b];
                        double h = Math.ScaleB(1 + Math.Abs(w), -7);
                        double up = w + h, down = w - h;
                        double hPlus = up - w, hMinus = w - down;
                        double fd = (Loss(net, j, a, b, up, phi) - Loss(net, j, a, b, down, phi)) / (hPlus + hMinus);
                        // Loss error at the perturbed points: ‖R‖γΠ + γL with R, Π grown by the step (Higham §3.5 product bound).
                        double r = residual + h * Math.Sqrt(curvature);
                        double p = pi * (1 + h / Math.Max(net[j].FrobeniusNorm(), double.Epsilon));
                        double lossError = r * g * p + g * 0.5 * (r + g * p) * (r + g * p);
                        double tolerance = 2 * lossError / (hPlus + hMinus) + curvature * Math.Abs(hPlus - hMinus) / 2
                            + g * p / Math.Max(net[j].FrobeniusNorm(), double.Epsilon) * (residual + g * p) + Tolerance.Gamma(2) * Math.Abs(fd);
                        Assert.True(Math.Abs(grads[j - 1][a, b] - fd) <= tolerance,
                            $"N={depth} trial {trial} layer {j} entry ({a},{b}): analytic {grads[j - 1][a, b]:R} vs FD {fd:R}, tolerance {tolerance:G3}");
                    }
                }
            }
        }
    }

    [Fact]
    public void GradientsOfEndToEnd_WithTheResidual_EqualsGradients()
    {
        var rng = new Seed(3).CreateRng();
        var net = new DeepLinearNetwork([rng.GaussianMatrix(3, 2), rng.GaussianMatrix(4, 3), rng.GaussianMatrix(2, 4)]);
        var phi = rng.GaussianMatrix(2, 2);
        var a = net.Gradients(phi);
        var b = net.GradientsOfEndToEnd(net.EndToEnd() - phi);
        for (int j = 0; j < 3; j++)
        {
            Assert.Equal(a[j], b[j]);
        }
    }

    private static double Loss(DeepLinearNetwork net, int j, int a, int b, double value, Matrix<double> phi)
    {
        var layer = net[j].Clone();
        layer[a, b] = value;
        return net.WithLayer(j, layer).Loss(phi);
    }
}
