using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.LinearAlgebra;

public class SymmetricTridiagonalTests
{
    /// <summary>The QL eigenpair against MathNet's dense symmetric EVD, for sizes 1..40 with clustered and split spectra.</summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(40)]
    public void MinEigenpairMatchesTheDenseEigensolver(int m)
    {
        var rng = new Rng(new Seed(4711 + (ulong)m));
        var a = Enumerable.Range(0, m).Select(_ => rng.NextGaussian()).ToArray();
        // Some off-diagonals exactly zero (a split matrix) and some tiny, so deflation paths run too.
        var b = Enumerable.Range(0, m).Select(i => i % 5 == 3 ? 0 : i % 7 == 2 ? 1e-13 : rng.NextGaussian()).ToArray();
        var t = Matrix<double>.Build.Dense(m, m);
        for (int i = 0; i < m; i++)
        {
            t[i, i] = a[i];
            if (i + 1 < m)
            {
                t[i, i + 1] = t[i + 1, i] = b[i];
            }
        }
        double dense = t.Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real);
        var (value, vector) = SymmetricTridiagonal.MinEigenpair(a, b, m, fullVector: true);
        double scale = Math.Max(1, t.InfinityNorm());
        Assert.True(Math.Abs(value - dense) <= 1e-13 * scale, $"{value} vs {dense}");
        var s = Vector<double>.Build.DenseOfArray(vector);
        Assert.True(Math.Abs(s.L2Norm() - 1) < 1e-13);
        Assert.True((t * s - value * s).L2Norm() <= 1e-12 * scale, "T s = θ s");
        var (lastOnly, last) = SymmetricTridiagonal.MinEigenpair(a, b, m, fullVector: false);
        Assert.Equal(value, lastOnly);
        Assert.True(Math.Abs(Math.Abs(last[0]) - Math.Abs(vector[m - 1])) <= 1e-12, "the tracked last component is the eigenvector's");
        Assert.Equal(t.InfinityNorm(), SymmetricTridiagonal.InfinityNorm(a, b, m), 12);
    }
    /// <summary>
    /// The path-graph Laplacian (a = 2, b = −1) has λ_k = 2 − 2cos(kπ/(m+1)) with eigenvector sin(jkπ/(m+1)); its equal
    /// diagonal makes the first Wilkinson shift start from g = 0, i.e. Hypot(0, 1), which must be 1 (the larger argument
    /// leads). Only m − 1 off-diagonals are passed (the documented minimum).
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(9)]
    [InlineData(30)]
    public void PathLaplacian_MatchesTheClosedForm_FromExactlyMMinusOneOffDiagonals(int m)
    {
        var a = Enumerable.Repeat(2.0, m).ToArray();
        var b = Enumerable.Repeat(-1.0, m - 1).ToArray();
        var (value, vector) = SymmetricTridiagonal.MinEigenpair(a, b, m, fullVector: true);
        Assert.Equal(2 - 2 * Math.Cos(Math.PI / (m + 1)), value, 1e-14);
        Assert.Equal(m, vector.Length);
        double norm = Math.Sqrt((m + 1) / 2.0), sign = Math.Sign(vector[0]);
        for (int j = 0; j < m; j++)
        {
            Assert.Equal(Math.Sin((j + 1) * Math.PI / (m + 1)) / norm, sign * vector[j], 1e-13);
        }
        var (lastOnly, last) = SymmetricTridiagonal.MinEigenpair(a, b, m, fullVector: false);
        Assert.Equal(value, lastOnly, 1e-14);
        // Only the last component, in a length-1 array: |s_m| = sin(mπ/(m+1))/√((m+1)/2).
        Assert.Single(last);
        Assert.Equal(Math.Sin(m * Math.PI / (m + 1)) / norm, Math.Abs(last[0]), 1e-13);
    }

    /// <summary>
    /// Scaling T by a power of two scales every eigenvalue by it; the deflation test |e| ≤ u·(|d_m| + |d_{m+1}|) is
    /// relative, so tiny and huge matrices deflate at the same place. T = [2 1; 1 2]·c has λ_min = c.
    /// </summary>
    [Theory]
    [InlineData(-40)]
    [InlineData(0)]
    [InlineData(40)]
    public void TwoByTwo_ScalesWithTheMatrix(int exponent)
    {
        double c = Math.ScaleB(1, exponent);
        var (value, vector) = SymmetricTridiagonal.MinEigenpair([2 * c, 2 * c], [c], 2, fullVector: true);
        Assert.Equal(1.0, value / c, 1e-15);
        Assert.Equal(Math.Sqrt(0.5), Math.Abs(vector[0]), 1e-15);
        Assert.Equal(-vector[0], vector[1], 1e-15);
        // An unequal diagonal too: [4 1; 1 2]·c has trace 6c and determinant 7c², so λ_min = (3 − √2)·c.
        var (v2, _) = SymmetricTridiagonal.MinEigenpair([4 * c, 2 * c], [c], 2, fullVector: false);
        Assert.Equal(3 - Math.Sqrt(2), v2 / c, 1e-15);
    }

    /// <summary>A NaN never deflates: the QL sweep gives up with an exception instead of looping or returning garbage.</summary>
    [Fact]
    public void NaN_Throws_InsteadOfIteratingForever()
    {
        Assert.Throws<ArithmeticException>(() => SymmetricTridiagonal.MinEigenpair([1.0, double.NaN, 3.0], [1.0, 1.0], 3, fullVector: false));
    }
}
