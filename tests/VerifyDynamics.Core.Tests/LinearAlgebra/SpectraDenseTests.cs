using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.LinearAlgebra;

/// <summary>
/// <see cref="Spectra"/> on 2×2 and diagonal matrices with closed-form spectra: the order of the eigenvalues, the eigenvector,
/// the residual bracket ‖Hx − θx‖ + γ_{d+2}‖H‖_F recomputed from the returned vector, its enclosure of the true λ_min, and the
/// backward-error bound γ_{8d+8}‖H‖_F.
/// </summary>
public sealed class SpectraDenseTests
{
    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    [Fact]
    public void SymmetricEigenvalues_AreIncreasing()
    {
        Assert.Equal([-1.0, 2.0, 3.0, 7.0], Spectra.SymmetricEigenvalues(Matrix<double>.Build.DenseOfDiagonalArray([3.0, 7.0, -1.0, 2.0])));
        // [2 1; 1 2] has eigenvalues 1 and 3.
        var ev = Spectra.SymmetricEigenvalues(M(new double[,] { { 2, 1 }, { 1, 2 } }));
        Assert.Equal(1.0, ev[0], 1e-15);
        Assert.Equal(3.0, ev[1], 1e-15);
        Assert.Equal(-1.0, Spectra.MinEigenvalue(Matrix<double>.Build.DenseOfDiagonalArray([3.0, 7.0, -1.0, 2.0])));
    }

    [Fact]
    public void MinEigenpair_TwoByTwo_HasTheClosedFormPair_AndTheRecomputedResidualBracket()
    {
        // The symmetric part of [2 2; 0 2] is H = [2 1; 1 2]: λ_min = 1, eigenvector (1, −1)/√2, ‖H‖_F = √10.
        var est = Spectra.MinEigenpair(M(new double[,] { { 2, 2 }, { 0, 2 } }));
        Assert.Equal(1.0, est.Value, 1e-15);
        var x = Vector<double>.Build.DenseOfArray(est.Vector);
        Assert.Equal(1.0, x.L2Norm(), 1e-15);
        Assert.Equal(Math.Sqrt(0.5), Math.Abs(x[0]), 1e-15);
        Assert.Equal(-x[0], x[1], 1e-15);
        // Residual = ‖Hx − θx‖ (at rounding level for this exact eigenvector) + γ_4·√10; Lower/Upper around θ.
        var h = M(new double[,] { { 2, 1 }, { 1, 2 } });
        double floating = (h * x - est.Value * x).L2Norm();
        Assert.True(floating < 1e-15, $"‖Hx − θx‖ = {floating}");
        double rounding = Tolerance.Gamma(4) * Math.Sqrt(10);
        Assert.Equal(floating + rounding, est.Residual, 1e-18);
        Assert.Equal(est.Value - est.Residual, est.Lower);
        Assert.Equal(est.Value + rounding, est.Upper, 1e-18);
        Assert.InRange(1.0, est.Lower, est.Upper);
        Assert.True(est.Converged);
        Assert.Equal(1, est.Iterations);
    }

    [Fact]
    public void MinEigenpair_Diagonal_HasAResidualOfRoundingOnly()
    {
        // diag(2, 5, 3): λ_min = 2 at e_0, ‖H‖_F = √38; the residual is γ_5·√38 (plus whatever Hx − θx rounds to).
        var est = Spectra.MinEigenpair(Matrix<double>.Build.DenseOfDiagonalArray([2.0, 5.0, 3.0]));
        Assert.Equal(2.0, est.Value, 1e-15);
        Assert.Equal(1.0, Math.Abs(est.Vector[0]), 1e-15);
        double rounding = Tolerance.Gamma(5) * Math.Sqrt(38);
        Assert.InRange(est.Residual, rounding, rounding + 1e-15);
        Assert.InRange(2.0, est.Lower, est.Upper);
        Assert.Equal(est.Value + rounding, est.Upper, 1e-18);
    }

    [Fact]
    public void MinEigenvalueWithBackwardError_IsTheMinimumAndGammaEightDPlusEightTimesFrobenius()
    {
        // [2 1; 1 2]: λ_min = 1, error γ_{8·2+8}·√10; diag(4, −3, 5): λ_min = −3, error γ_32·√50.
        var (value, error) = Spectra.MinEigenvalueWithBackwardError(M(new double[,] { { 2, 1 }, { 1, 2 } }));
        Assert.Equal(1.0, value, 1e-15);
        Assert.Equal(Tolerance.Gamma(24) * Math.Sqrt(10), error, 1e-28);
        var (v3, e3) = Spectra.MinEigenvalueWithBackwardError(Matrix<double>.Build.DenseOfDiagonalArray([4.0, -3.0, 5.0]));
        Assert.Equal(-3.0, v3, 1e-15);
        Assert.Equal(Tolerance.Gamma(32) * Math.Sqrt(50), e3, 1e-28);
    }
}
