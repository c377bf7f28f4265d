using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

/// <summary>
/// Procedure 1 (ACGH19 Sec. 3.3): W_{1:N} = A, zero imbalance, the padding convention, the bottleneck precondition. The oracle for
/// W_{1:N} = A is A itself (the SVD is internal); rounding bounds are γ_n times the natural scale (‖A‖_F, ‖A‖_σ^{2/N}).
/// </summary>
public sealed class BalancedInitializationTests
{
    public static IEnumerable<object[]> Architectures() =>
    [
        [new[] { 3, 3, 3 }],
        [new[] { 5, 3, 2 }],
        [new[] { 2, 4, 5, 3 }],
        [new[] { 1, 3, 3 }],
        [new[] { 4, 1 }],
        [new[] { 3, 6, 4, 5, 2 }],
    ];

    [Theory]
    [MemberData(nameof(Architectures))]
    public void EndToEnd_EqualsA_AndLayersAreZeroBalanced(int[] dims)
    {
        var rng = new Seed(5).Split(string.Join(",", dims)).CreateRng();
        var a = rng.GaussianMatrix(dims[^1], dims[0]);
        var net = BalancedInitialization.Create(dims, a);
        Assert.Equal(dims, net.Dims);
        int n = 8 * dims.Max() * dims.Length + 16;
        double endError = (net.EndToEnd() - a).FrobeniusNorm();
        Assert.True(endError <= Tolerance.Gamma(n) * a.FrobeniusNorm(), $"‖W_1:N − A‖_F = {endError}");
        double gramScale = Math.Pow(a.L2Norm(), 2.0 / (dims.Length - 1)) * Math.Sqrt(dims.Max());
        for (int j = 1; j < dims.Length - 1; j++)
        {
            Assert.True(net.Imbalance(j) <= Tolerance.Gamma(n) * gramScale, $"imb_{j} = {net.Imbalance(j)}");
        }
    }

    [Fact]
    public void Padding_PutsTheBlocksTopLeft_AndZerosElsewhere()
    {
        int[] dims = [2, 4, 3];
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 0 }, { 0, 2 }, { 0, 0 } });
        var net = BalancedInitialization.Create(dims, a);
        // m = min(d_0, d_N) = 2: W_1 is 4×2 with only its first 2 rows non-zero; W_2 is 3×4 with only its first 2 columns non-zero.
        for (int r = 2; r < 4; r++)
        {
            Assert.All(net[1].Row(r).Enumerate(), v => Assert.Equal(0, v));
            Assert.All(net[2].Column(r).Enumerate(), v => Assert.Equal(0, v));
        }
        // The singular values of A are 3 and 2, so the non-zero blocks carry √3 and √2 (up to the SVD's signs and order).
        var s1 = net[1].Svd(false).S.Where(x => x > 0).OrderByDescending(x => x).ToArray();
        // An SVD of a 4×2 matrix of norm √3 is accurate to γ_n·√3 (n = 8·4 + 16), the square root adds one rounding.
        double tolerance = Tolerance.Gamma(8 * 4 + 16) * Math.Sqrt(3);
        Assert.True(Math.Abs(s1[0] - Math.Sqrt(3)) <= tolerance, $"σ_1(W_1) = {s1[0]:R}");
        Assert.True(Math.Abs(s1[1] - Math.Sqrt(2)) <= tolerance, $"σ_2(W_1) = {s1[1]:R}");
    }

    [Fact]
    public void DepthOne_ReturnsACopyOfA()
    {
        var a = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 2, 3 } });
        var net = BalancedInitialization.Create([3, 1], a);
        Assert.Equal(a, net[1]);
        a[0, 0] = 7;
        Assert.Equal(1, net[1][0, 0]);
    }

    [Fact]
    public void Bottleneck_IsRejected_WithTheOffendingWidth()
    {
        var a = Matrix<double>.Build.Dense(3, 3, 1);
        var e = Assert.Throws<ArgumentException>(() => BalancedInitialization.Create([3, 4, 2, 3], a));
        Assert.Contains("d_2 = 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongTargetShape_IsRejected()
    {
        var e = Assert.Throws<ArgumentException>(() => BalancedInitialization.Create([2, 3, 4], Matrix<double>.Build.Dense(2, 4)));
        Assert.Contains("4×2", e.Message, StringComparison.Ordinal);
    }
}
