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
}
