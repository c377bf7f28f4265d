using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

public class SpectraTests
{
    [Fact]
    public void LanczosOnHvpsFindsTheDenseMinimumEigenvalueWithAnHonestBracket()
    {
        var rng = ObjectiveFixtures.Rng("lanczos");
        var f = DeepLinearObjective.ForTarget([4, 5, 5, 3], rng.GaussianMatrix(3, 4));
        var theta = ObjectiveFixtures.Gaussian(rng, f.Dimension, 0.6);
        var h = ExactHessian.DeepLinear(f, theta);
        double dense = Spectra.MinEigenvalue(h);
        var lz = Lanczos.MinEigenvalue(HessianVectorProduct.Operator(f, theta), f.Dimension);
        Assert.True(lz.Converged);
        Assert.True(Math.Abs(lz.Value - dense) < 1e-8 * Math.Max(1, Math.Abs(dense)), $"{lz.Value} vs {dense}");
        Assert.InRange(dense, lz.Lower, lz.Upper);
        var dp = Spectra.MinEigenpair(h);
        Assert.InRange(dense, dp.Lower, dp.Upper);
    }

    [Fact]
    public void CholeskyCertifiesALowerBoundAndRefusesAFalseOne()
    {
        var rng = ObjectiveFixtures.Rng("cholesky");
        var f = DeepLinearObjective.ForTarget([3, 4, 4, 2], rng.GaussianMatrix(2, 3));
        var h = ExactHessian.DeepLinear(f, ObjectiveFixtures.Gaussian(rng, f.Dimension, 0.6));
        double lmin = Spectra.MinEigenvalue(h);
        Assert.True(lmin < 0, "a random point of a depth-3 network should have negative curvature");
        var cert = CertifiedBounds.LowerBoundBelow(h, lmin);
        Assert.True(cert.Succeeded, cert.Explanation);
        Assert.True(cert.LowerBound <= lmin && cert.LowerBound > lmin - 1e-8 * Math.Max(1, Math.Abs(lmin)), cert.Explanation);
        // A shift above λ_min must fail (H − sI is indefinite).
        Assert.False(CertifiedBounds.TryCholesky(h, lmin + 1e-6 * Math.Max(1, Math.Abs(lmin))).Succeeded);
    }

    [Fact]
    public void CholeskyBoundIsExactOnADiagonalMatrix()
    {
        var h = Matrix<double>.Build.DenseOfDiagonalArray([2.0, 5.0, 3.0]);
        var cert = CertifiedBounds.TryCholesky(h, 1.5);
        Assert.True(cert.Succeeded);
        Assert.InRange(cert.LowerBound, 1.5 - 1e-14, 1.5);
        Assert.False(CertifiedBounds.TryCholesky(h, 2.0 + 1e-12).Succeeded);
    }
}
