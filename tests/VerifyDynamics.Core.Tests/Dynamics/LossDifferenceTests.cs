using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Dynamics;

/// <summary>
/// <see cref="GradientDescent.LossDifference"/> (the cancellation-free ℓ(t+1) − ℓ(t)) against two oracles: the exact difference of
/// the two losses computed in rational arithmetic from the very doubles of both networks, and, on moderate steps, the naive
/// double difference ℓ(t+1) − ℓ(t).
/// </summary>
public sealed class LossDifferenceTests
{
    [Theory]
    [InlineData(1, 1e-2)]
    [InlineData(2, 1e-2)]
    [InlineData(3, 1e-3)]
    [InlineData(2, 1e-9)]
    [InlineData(3, 1e-12)]
    public void LossDifference_MatchesTheExactRationalDifference(int depth, double eta)
    {
        var (before, after, phi) = Step(depth, eta, seed: 7);
        double computed = GradientDescent.LossDifference(before, after, phi);
        var exact = ExactLoss(after, phi) - ExactLoss(before, phi);
        double bound = RoundingBound(before, after, phi);
        double error = Math.Abs(computed - exact.ToDouble());
        Assert.True(error <= bound, $"N={depth}, η={eta}: |computed − exact| = {error:G3} > bound {bound:G3} (exact {exact.ToDouble():R})");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void LossDifference_AgreesWithTheNaiveDifference_OnModerateSteps(int depth)
    {
        var (before, after, phi) = Step(depth, eta: 0.02, seed: 8);
        double naive = after.Loss(phi) - before.Loss(phi);
        double computed = GradientDescent.LossDifference(before, after, phi);
        // Each loss value is accurate to ‖R‖γ_nΠ + γ_n·L (Higham's product bound), the naive difference adds one more rounding.
        int n = 4 * before.Dims.Sum() + 16;
        double g = Tolerance.Gamma(n);
        double naiveError = 0;
        foreach (var net in new[] { before, after })
        {
            double pi = net.Weights.Aggregate(1.0, (acc, w) => acc * w.FrobeniusNorm());
            double r = (net.EndToEnd() - phi).FrobeniusNorm();
            naiveError += r * g * pi + g * net.Loss(phi);
        }
        naiveError += Tolerance.Gamma(1) * Math.Abs(naive);
        double tolerance = naiveError + RoundingBound(before, after, phi);
        Assert.True(Math.Abs(naive - computed) <= tolerance, $"naive {naive:R} vs telescoped {computed:R}, tolerance {tolerance:G3}");
        // Moderate steps really move the loss: the agreement is not between two zeros.
        Assert.True(Math.Abs(naive) > 1000 * tolerance);
    }

    private static (DeepLinearNetwork Before, DeepLinearNetwork After, Matrix<double> Phi) Step(int depth, double eta, ulong seed)
    {
        var rng = new Seed(seed).Split(depth).CreateRng();
        int[] dims = [.. Enumerable.Range(0, depth + 1).Select(_ => rng.NextInt(1, 3))];
        var before = new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.GaussianMatrix(dims[j], dims[j - 1])));
        var phi = rng.GaussianMatrix(dims[depth], dims[0]);
        return (before, before.GradientStep(phi, eta), phi);
    }

    /// <summary>
    /// γ_n·(‖G‖_F·D + (Π + ‖Φ‖_F)·D + D²), D = Σ_j ∏_{k&gt;j}‖W_k(t+1)‖_F‖W_j(t+1) − W_j(t)‖_F∏_{k&lt;j}‖W_k(t)‖_F bounding the
    /// telescoped ΔW and its rounding, Π = ∏‖W_k(t)‖_F bounding the rounding of G = W_{1:N}(t) − Φ.
    /// </summary>
    private static double RoundingBound(DeepLinearNetwork before, DeepLinearNetwork after, Matrix<double> phi)
    {
        int n = before.Depth;
        double d = 0;
        for (int j = 1; j <= n; j++)
        {
            double term = (after[j] - before[j]).FrobeniusNorm();
            for (int k = j + 1; k <= n; k++)
            {
                term *= after[k].FrobeniusNorm();
            }
            for (int k = 1; k < j; k++)
            {
                term *= before[k].FrobeniusNorm();
            }
            d += term;
        }
        double pi = before.Weights.Aggregate(1.0, (acc, w) => acc * w.FrobeniusNorm());
        double gNorm = (before.EndToEnd() - phi).FrobeniusNorm();
        return Tolerance.Gamma(4 * before.Dims.Sum() + 16) * (gNorm * d + (pi + phi.FrobeniusNorm()) * d + d * d);
    }

    private static Rational ExactLoss(DeepLinearNetwork net, Matrix<double> phi)
    {
        var p = Exact(net[1]);
        for (int j = 2; j <= net.Depth; j++)
        {
            p = Multiply(Exact(net[j]), p);
        }
        var sum = Rational.Zero;
        for (int i = 0; i < phi.RowCount; i++)
        {
            for (int k = 0; k < phi.ColumnCount; k++)
            {
                var r = p[i, k] - Rational.FromDouble(phi[i, k]);
                sum += r * r;
            }
        }
        return sum / 2;
    }

    private static Rational[,] Exact(Matrix<double> m)
    {
        var r = new Rational[m.RowCount, m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int k = 0; k < m.ColumnCount; k++)
            {
                r[i, k] = Rational.FromDouble(m[i, k]);
            }
        }
        return r;
    }

    private static Rational[,] Multiply(Rational[,] a, Rational[,] b)
    {
        int rows = a.GetLength(0), inner = a.GetLength(1), cols = b.GetLength(1);
        var c = new Rational[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < cols; k++)
            {
                var s = Rational.Zero;
                for (int l = 0; l < inner; l++)
                {
                    s += a[i, l] * b[l, k];
                }
                c[i, k] = s;
            }
        }
        return c;
    }

    [Fact]
    public void ExactOracle_IsExact_OnAHandComputedCase()
    {
        // W = (0.5), Φ = (1): L = ½(0.5 − 1)² = 1/8 exactly.
        var net = new DeepLinearNetwork([Matrix<double>.Build.Dense(1, 1, 0.5)]);
        Assert.Equal(Rational.Of(1, 8), ExactLoss(net, Matrix<double>.Build.Dense(1, 1, 1)));
        Assert.Equal(BigInteger.One, ExactLoss(net, Matrix<double>.Build.Dense(1, 1, 1)).Numerator);
    }
}
