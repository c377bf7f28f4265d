using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.LinearAlgebra;

/// <summary>
/// The Cholesky certificate on matrices whose factor is known exactly (integer entries, exact in double): the pivot where it
/// breaks down, and the slack γ_{d+1}‖R̂‖_F²(1 + γ_{d²+1}) + u·max|a_ii|/(1 − u) of Higham Thm 10.3 from the hand factor;
/// the shift search of <see cref="CertifiedBounds.LowerBoundBelow"/> by its decades.
/// </summary>
public sealed class CertifiedBoundsTests
{
    private static Matrix<double> M(double[,] a) => Matrix<double>.Build.DenseOfArray(a);

    private static double Slack(int d, double frobeniusSquared, double maxDiagonal) =>
        Tolerance.Gamma(d + 1) * frobeniusSquared * (1 + Tolerance.Gamma(d * d + 1)) + Tolerance.UnitRoundoff * maxDiagonal / (1 - Tolerance.UnitRoundoff);

    [Fact]
    public void ThreeByThree_WithAKnownFactor_HasTheDerivedSlack()
    {
        // H − 1·I = L Lᵀ with L = [2 0 0; 1 2 0; 1 1 2]: ‖L‖_F² = 4 + 1 + 4 + 1 + 1 + 4 = 15, max|a_ii| = 6.
        var h = M(new double[,] { { 5, 2, 2 }, { 2, 6, 3 }, { 2, 3, 7 } });
        var cert = CertifiedBounds.TryCholesky(h, 1);
        Assert.True(cert.Succeeded);
        Assert.Equal(-1, cert.FailedAtPivot);
        Assert.Equal(1.0, cert.Shift);
        double slack = Slack(3, 15, 6);
        Assert.Equal(slack, cert.RoundingSlack);
        Assert.Equal(Math.BitDecrement(1 - slack), cert.LowerBound);
        Assert.True(cert.LowerBound < 1);
        Assert.StartsWith("Cholesky of H − (1)I succeeded: λ_min(H) ≥ 1 − γ_4‖R̂‖_F² − u·max|a_ii| = ", cert.Explanation);
        // The input is not modified.
        Assert.Equal(5.0, h[0, 0]);
    }

    [Fact]
    public void BreakDown_IsReportedAtItsPivot()
    {
        // H − 3I = [2 2 2; 2 3 3; 2 3 4]: pivot 0 = 2, l_21 = √2, pivot 1 = 3 − 2 = 1, l_31 = √2, l_32 = (3 − 2)/1 = 1, pivot 2 = 4 − 2 − 1 = 1 > 0.
        var h = M(new double[,] { { 5, 2, 2 }, { 2, 6, 3 }, { 2, 3, 7 } });
        Assert.True(CertifiedBounds.TryCholesky(h, 3).Succeeded);
        // Shift 4: [1 2 2; 2 2 3; 2 3 3]: pivot 0 = 1, l_21 = 2, pivot 1 = 2 − 4 = −2 < 0.
        var failed = CertifiedBounds.TryCholesky(h, 4);
        Assert.False(failed.Succeeded);
        Assert.Equal(1, failed.FailedAtPivot);
        Assert.True(double.IsNaN(failed.LowerBound) && double.IsNaN(failed.RoundingSlack));
        Assert.Equal("Cholesky of H − (4)I broke down at pivot 1 (value -2): no certificate at this shift", failed.Explanation);
        // A zero pivot is a breakdown too (diag(2, 3) at shift 2), and so is a NaN.
        Assert.Equal(0, CertifiedBounds.TryCholesky(M(new double[,] { { 2, 0 }, { 0, 3 } }), 2).FailedAtPivot);
        Assert.Equal(1, CertifiedBounds.TryCholesky(M(new double[,] { { 2, 0 }, { 0, double.NaN } }), 0).FailedAtPivot);
        Assert.Equal(1, CertifiedBounds.TryCholesky(M(new double[,] { { 2, 0 }, { 0, double.PositiveInfinity } }), 0).FailedAtPivot);
    }

    [Fact]
    public void TwoByTwo_SlackUsesTheShiftedDiagonal()
    {
        // [4 2; 2 3] at shift 0: L = [2 0; 1 √2], ‖L‖_F² = 4 + 1 + 2 = 7, max|a_ii| = 4; at shift 5 it breaks at pivot 0.
        var h = M(new double[,] { { 4, 2 }, { 2, 3 } });
        var cert = CertifiedBounds.TryCholesky(h, 0);
        Assert.Equal(Slack(2, 7, 4), cert.RoundingSlack);
        Assert.Equal(Math.BitDecrement(-Slack(2, 7, 4)), cert.LowerBound);
        // Shift −2: [6 2; 2 5], max|a_ii| = 6 after the shift; ‖L‖_F² = 6 + l_21² + (5 − l_21²) = 11 up to a few ulps
        // (l_21 = 2/√6 is inexact), which moves the slack by ≈ γ_3·1e−14 ≈ 1e−30.
        var shifted = CertifiedBounds.TryCholesky(h, -2);
        Assert.Equal(Slack(2, 11, 6), shifted.RoundingSlack, 1e-29);
    }

    [Fact]
    public void LowerBoundBelow_TriesDecadesOfShiftBelowTheEstimate()
    {
        // diag(2, 3): λ_min = 2. scale = max(|θ|, ‖H‖_F/√2) = max(2.5, √13/√2 ≈ 2.55); shifts θ − scale·10^{−12+i}.
        // From θ = 2.5 the first shift below 2 is at i = 12 (0.255 < 0.5 < 2.55): 12 attempts fail, 13 succeed.
        var h = M(new double[,] { { 2, 0 }, { 0, 3 } });
        double scale = Math.Sqrt(13) / Math.Sqrt(2);
        Assert.False(CertifiedBounds.LowerBoundBelow(h, 2.5, attempts: 12).Succeeded);
        var cert = CertifiedBounds.LowerBoundBelow(h, 2.5, attempts: 13);
        Assert.True(cert.Succeeded);
        Assert.Equal(2.5 - scale, cert.Shift, 1e-12);
        Assert.True(cert.LowerBound <= 2);
        // From the exact λ_min the first try succeeds, 1e−12·scale below it.
        var tight = CertifiedBounds.LowerBoundBelow(h, 2);
        Assert.Equal(2 - 1e-12 * scale, tight.Shift, 1e-15);
        // A large estimate sets the scale itself: θ = 10 ⇒ shifts 10 − 1e−11·10^i, first below 2 at i = 12 (shift 0).
        var far = CertifiedBounds.LowerBoundBelow(h, 10);
        Assert.True(far.Succeeded);
        Assert.Equal(10 - 10 * 1e-12 * 1e12, far.Shift, 1e-9);
        // The zero matrix has scale 0, replaced by 1: the first shift is −1e−12.
        var zero = CertifiedBounds.LowerBoundBelow(M(new double[,] { { 0, 0 }, { 0, 0 } }), 0);
        Assert.True(zero.Succeeded);
        Assert.Equal(-1e-12, zero.Shift);
        // Zero attempts: the placeholder.
        var none = CertifiedBounds.LowerBoundBelow(h, 2, attempts: 0);
        Assert.False(none.Succeeded);
        Assert.Equal("no attempt", none.Explanation);
        // The placeholder names no pivot (−1, as on success) and no bound.
        Assert.Equal(-1, none.FailedAtPivot);
        Assert.Equal(2.0, none.Shift);
        Assert.True(double.IsNaN(none.LowerBound) && double.IsNaN(none.RoundingSlack));
    }
}
