using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.LinearAlgebra;

/// <summary>
/// Lanczos on matrices with known spectra (diagonal, a multiple of the identity, the path-graph Laplacian with eigenvalues
/// 2 − 2cos(kπ/(d+1))): the bracket [Lower, Upper] contains λ_min, the HVP count is the iterations plus the residual product,
/// an invariant subspace stops at once, and a capped run says it did not converge.
/// </summary>
public sealed class LanczosEdgeTests
{
    private static Matrix<double> PathLaplacian(int d)
    {
        var m = Matrix<double>.Build.Dense(d, d);
        for (int i = 0; i < d; i++)
        {
            m[i, i] = 2;
            if (i + 1 < d)
            {
                m[i, i + 1] = m[i + 1, i] = -1;
            }
        }
        return m;
    }

    [Fact]
    public void PathLaplacian_BracketsTheClosedFormMinimum()
    {
        const int d = 40;
        double exact = 2 - 2 * Math.Cos(Math.PI / (d + 1));
        int products = 0;
        var m = PathLaplacian(d);
        var est = Lanczos.MinEigenvalue(x => { products++; return (m * Vector<double>.Build.DenseOfArray(x)).ToArray(); }, d,
            new LanczosSettings(Seed: new Seed(11)));
        Assert.True(est.Converged);
        Assert.Equal(exact, est.Value, 1e-9);
        Assert.InRange(exact, est.Lower, est.Upper);
        Assert.True(est.Lower <= est.Value && est.Value <= est.Upper);
        Assert.True(est.Residual >= 0 && est.Residual < 1e-6, $"residual {est.Residual}");
        Assert.Equal(products, est.Iterations);
        Assert.InRange(est.Iterations, 2, d + 1);
        // The Ritz vector is a unit vector and an approximate eigenvector: ‖Hx − θx‖ is what Residual reports (plus rounding).
        var x = Vector<double>.Build.DenseOfArray(est.Vector);
        Assert.Equal(1.0, x.L2Norm(), 12);
        Assert.True((m * x - est.Value * x).L2Norm() <= est.Residual * (1 + 1e-6) + 1e-15);
        // Its sign is fixed only up to ±; its components follow sin(kπ/(d+1)) (the lowest mode).
        double sign = Math.Sign(x[0]);
        double norm = Math.Sqrt((d + 1) / 2.0);
        for (int k = 0; k < d; k++)
        {
            Assert.Equal(Math.Sin((k + 1) * Math.PI / (d + 1)) / norm, sign * x[k], 6);
        }
    }

    [Fact]
    public void MultipleOfTheIdentity_IsAnInvariantSubspaceAtTheFirstStep()
    {
        var est = Lanczos.MinEigenvalue(Matrix<double>.Build.DenseIdentity(25) * 3);
        Assert.Equal(3.0, est.Value, 14);
        Assert.Equal(2, est.Iterations); // one Lanczos product and the residual product
        Assert.True(est.Converged);
        Assert.InRange(3.0, est.Lower, est.Upper);
    }

    [Fact]
    public void CappedRun_IsNotConverged_AndStillBracketsHonestly()
    {
        const int d = 60;
        var diag = Matrix<double>.Build.DenseOfDiagonalArray([.. Enumerable.Range(0, d).Select(i => 1.0 + i * i / 10.0)]);
        var est = Lanczos.MinEigenvalue(diag, new LanczosSettings(MaxIterations: 3, Seed: new Seed(5)));
        Assert.False(est.Converged);
        Assert.Equal(4, est.Iterations);
        Assert.Contains("3 HVPs", est.Method);
        // The Rayleigh quotient is above λ_min = 1, and some eigenvalue lies within the residual of it (Kahan's residual bound).
        Assert.True(est.Value >= 1);
        Assert.True(est.Lower <= est.Value && est.Value <= est.Upper && est.Residual > 0);
        Assert.Contains(Enumerable.Range(0, d).Select(i => 1.0 + i * i / 10.0), ev => Math.Abs(ev - est.Value) <= est.Residual);
        // With the full Krylov dimension it converges to 1.
        var full = Lanczos.MinEigenvalue(diag, new LanczosSettings(Seed: new Seed(5)));
        Assert.True(full.Converged);
        Assert.Equal(1.0, full.Value, 9);
    }

    [Fact]
    public void TheSeedDecidesTheStart_AndTheDefaultIsDeterministic()
    {
        var m = PathLaplacian(12);
        var a = Lanczos.MinEigenvalue(m);
        var b = Lanczos.MinEigenvalue(m);
        Assert.Equal(a.Value, b.Value);
        Assert.Equal(a.Vector, b.Vector);
    }
}
