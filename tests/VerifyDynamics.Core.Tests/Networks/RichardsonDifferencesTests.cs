using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

/// <summary>
/// <see cref="RichardsonDifferences"/> on polynomials whose gradients are cubic, so the central differences have a closed
/// form and, with dyadic points and steps, are computed exactly in binary: the value at h/2, Richardson's
/// 4/3·|q(h) − q(h/2)| and the rounding term γ·scale/(h/2) are pinned against hand-derived numbers. Quadratics (zero
/// truncation) isolate the rounding term. Before these tests the file had no Core test (19 mutants without coverage).
/// </summary>
public sealed class RichardsonDifferencesTests
{
    // f(x) = Σ x_i⁴/4: ∇f = x³, ∇²f = diag(3x²). Central difference along Δ: ((x + hΔ)³ − (x − hΔ)³)/(2h) = 3x²Δ + h²Δ³,
    // so q(h) = Δᵀ∇²fΔ + h²ΣΔ⁴.
    private static double[] QuarticGradient(double[] x) => [.. x.Select(v => v * v * v)];

    [Fact]
    public void DirectionalSecond_Quartic_IsTheHalfStepQuotient_WithRichardsonAndRoundingTerms()
    {
        // x = (1, 2), Δ = (1, 1), h = 1/2: ΔᵀHΔ = 3 + 12 = 15; q(h) = 15 + 2/4 = 15.5, q(h/2) = 15 + 2/16 = 15.125.
        // Error = 4/3·0.375 + γ_32·‖∇f(x)‖‖Δ‖/(h/2) = 0.5 + γ_32·√65·√2·4 (∇f(x) = (1, 8)).
        var (value, error) = RichardsonDifferences.DirectionalSecond(QuarticGradient, [1, 2], [1, 1], 0.5);
        Assert.Equal(15.125, value);
        double rounding = Tolerance.Gamma(32) * Math.Sqrt(65) * Math.Sqrt(2) / 0.25;
        Assert.Equal(0.5 + rounding, error, 1e-15);
        // The estimate covers the true truncation of the returned value (h²/4·ΣΔ⁴ = 0.125).
        Assert.True(Math.Abs(value - 15) <= error);
    }

    [Fact]
    public void DirectionalSecond_WeightsEachComponentByTheDirection()
    {
        // x = (1, 2), Δ = (2, −1), h = 1/4: ΔᵀHΔ = 3·4 + 12·1 = 24; q(h) = 24 + (16 + 1)/16 = 25.0625,
        // q(h/2) = 24 + 17/64 = 24.265625; Error = 4/3·(17/16 − 17/64) + γ_32·√65·√5/(1/8) = 17/16 + rounding.
        var (value, error) = RichardsonDifferences.DirectionalSecond(QuarticGradient, [1, 2], [2, -1], 0.25);
        Assert.Equal(24.265625, value);
        Assert.Equal(17.0 / 16 + Tolerance.Gamma(32) * Math.Sqrt(65) * Math.Sqrt(5) / 0.125, error, 1e-14);
    }

    [Fact]
    public void DirectionalSecond_Quadratic_HasOnlyTheRoundingTerm_AndItIsPositiveAtAStationaryPoint()
    {
        // f(x) = ½xᵀAx, A = [2 1; 1 3]: central differences are exact, q(h) = q(h/2) = ΔᵀAΔ.
        double[] Grad(double[] x) => [2 * x[0] + x[1], x[0] + 3 * x[1]];
        // x = (1, 1): ∇f = (3, 4), ‖∇f‖ = 5; Δ = (1, −1): ΔᵀAΔ = 2 − 2 + 3 = 3, ‖Δ‖ = √2; h = 1/2 ⇒ /(h/2) = ·4.
        var (value, error) = RichardsonDifferences.DirectionalSecond(Grad, [1, 1], [1, -1], 0.5);
        Assert.Equal(3, value);
        Assert.Equal(Tolerance.Gamma(32) * 5 * Math.Sqrt(2) / 0.25, error, 1e-28);
        // At the minimum x = 0 the gradient vanishes and the differences are exact: the estimate stays positive (not 0, not < 0).
        var (atMin, tiny) = RichardsonDifferences.DirectionalSecond(Grad, [0, 0], [1, -1], 0.5);
        Assert.Equal(3, atMin);
        Assert.True(tiny > 0, $"error {tiny}");
    }

    [Fact]
    public void Hessian_CoupledCubicGradient_IsTheHalfStepMatrix_WithTheDerivedEstimate()
    {
        // f(x, y) = x⁴/4 + y⁴/4 + x²y: ∇f = (x³ + 2xy, y³ + x²), ∇²f = [3x² + 2y, 2x; 2x, 3y²].
        // Central differences: H_h = ∇²f + h²·I exactly. At (1, 2): ∇²f = [7 2; 2 12].
        static double[] Grad(double[] p) => [p[0] * p[0] * p[0] + 2 * p[0] * p[1], p[1] * p[1] * p[1] + p[0] * p[0]];
        var (h, estimate) = RichardsonDifferences.Hessian(Grad, [1, 2], 0.5);
        // Returned: H_{h/2} = ∇²f + I/16.
        Assert.Equal(7.0625, h[0, 0]);
        Assert.Equal(2.0, h[0, 1]);
        Assert.Equal(2.0, h[1, 0]);
        Assert.Equal(12.0625, h[1, 1]);
        // Richardson: max|H_h − H_{h/2}|·4/3 = (1/4 − 1/16)·4/3 = 1/4. Rounding scale: the largest |∇f| component over the
        // four step-h points (1.5, 2), (0.5, 2), (1, 2.5), (1, 1.5), whose gradients are (9.375, 10.25), (2.125, 8.25),
        // (6, 16.625), (4, 4.375): 16.625. Estimate = d·(1/4 + γ_16·16.625/(h/2)).
        Assert.Equal(2 * (0.25 + Tolerance.Gamma(16) * 16.625 / 0.25), estimate, 1e-15);
        // It covers the true error I/16 of the returned matrix.
        Assert.True(1.0 / 16 <= estimate);
    }

    [Fact]
    public void Hessian_Quadratic_IsExact_AndTheEstimateIsTheRoundingTermAlone()
    {
        // f(x) = ½xᵀAx + bᵀx, A = [2 1; 1 3], b = (1, −4): H = A exactly, H_h = H_{h/2}. At x = (1, 1), h = 1/4:
        // ∇f(x ± h e_0) = (3 ± 1/2 + 1, 4 ± 1/4 − 4), ∇f(x ± h e_1) = (3 ± 1/4 + 1, 4 ± 3/4 − 4): max |component| = 4.5.
        static double[] Grad(double[] x) => [2 * x[0] + x[1] + 1, x[0] + 3 * x[1] - 4];
        var (h, estimate) = RichardsonDifferences.Hessian(Grad, [1, 1], 0.25);
        Assert.Equal(Matrix<double>.Build.DenseOfArray(new double[,] { { 2, 1 }, { 1, 3 } }), h);
        Assert.Equal(2 * Tolerance.Gamma(16) * 4.5 / 0.125, estimate, 1e-28);
    }
}
