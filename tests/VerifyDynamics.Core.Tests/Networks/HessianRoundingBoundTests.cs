using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

/// <summary>
/// <see cref="HessianRoundingBound"/> against the class summary's formulas evaluated by hand on sizes whose arithmetic is
/// exact in binary (every product and sum below is an integer or a short dyadic fraction), so any change to a term, an
/// index, an exponent or the operation count shows. Before these tests the file had no Core test (Stryker: 33 of its 77
/// mutants without coverage, 6 more surviving).
/// </summary>
public sealed class HessianRoundingBoundTests
{
    // n = 3 layers with ‖W_k‖_F = 2, 3, 5; widths d_0..d_3 = 1, 2, 3, 4; s = 2; L = 1/4; ‖X‖_F = 2; |S| = 4; Ḡ = 3.
    private static HessianRoundingBound.Scales Sizes(double? pullBack = null) =>
        new([2, 3, 5], [1, 2, 3, 4], MaskBound: 2, Curvature: 0.25, DataNorm: 2, Samples: 4, GradientSize: 3, pullBack);

    [Fact]
    public void Operations_AreEightTimesDepthWidthsAndSamples_Plus64_PlusTheCeilingOfOp4()
    {
        // K = 8(n + Σd + |S|) + 64 = 8(3 + 10 + 4) + 64 = 200; with op² = 2.5: + ⌈6.25⌉ = 7.
        Assert.Equal(3, Sizes().Depth);
        Assert.Equal(200, Sizes().Operations);
        Assert.Equal(207, Sizes(2.5).Operations);
    }

    [Fact]
    public void ProductWhere_MultipliesTheKeptNorms()
    {
        var s = Sizes();
        Assert.Equal(30, s.ProductWhere(_ => true));
        Assert.Equal(15, s.ProductWhere(k => k != 0));
        Assert.Equal(10, s.ProductWhere(k => k != 1));
        Assert.Equal(6, s.ProductWhere(k => k != 2));
        Assert.Equal(1, s.ProductWhere(_ => false));
    }

    [Fact]
    public void Matrix_IsGammaKTimesTheSummaryConstant()
    {
        // P_j = 15, 10, 6: first = Σ d_{j+1}d_jP_j² = 2·1·225 + 3·2·100 + 4·3·36 = 1482;
        // cross = Σ_{j<j'} ∏_{k≠j,j'} ‖W_k‖ = 5 + 3 + 2 = 10;
        // C = s^{2(n−1)}·L·‖X‖²/|S|·first + 2s^{n−1}·Ḡ·cross = 16·(1/4)·4/4·1482 + 2·4·3·10 = 5928 + 240 = 6168.
        Assert.Equal(Tolerance.Gamma(200) * 6168, HessianRoundingBound.Matrix(Sizes()));
        // A pull-back multiplies C by op² and adds ⌈op⁴⌉ to K.
        Assert.Equal(Tolerance.Gamma(207) * 2.5 * 6168, HessianRoundingBound.Matrix(Sizes(2.5)));
    }

    [Fact]
    public void Matrix_SeparatesTheCurvatureTermFromTheGradientTerm()
    {
        // Ḡ = 0 leaves the first term alone (5928), L = 0 the cross term alone (240): a mutant that swaps or drops one shows.
        var s = Sizes();
        Assert.Equal(Tolerance.Gamma(200) * 5928, HessianRoundingBound.Matrix(s with { GradientSize = 0 }));
        Assert.Equal(Tolerance.Gamma(200) * 240, HessianRoundingBound.Matrix(s with { Curvature = 0 }));
        // The mask bound enters as s^{2(n−1)} = 16 and s^{n−1} = 4: with s = 1 the constant is (1/4)·1482 + 2·3·10 = 430.5.
        Assert.Equal(Tolerance.Gamma(200) * 430.5, HessianRoundingBound.Matrix(s with { MaskBound = 1 }));
    }

    [Fact]
    public void QuadraticForm_IsGammaKTimesTheDirectionalConstant()
    {
        // ‖Δ_j‖_F = 1, 2, 1/4: first = Σ P_j‖Δ_j‖ = 15 + 20 + 1.5 = 36.5, squared 1332.25;
        // cross = 5·1·2 + 3·1·(1/4) + 2·2·(1/4) = 11.75; C_Δ = 4·1332.25 + 2·4·3·11.75 = 5329 + 282 = 5611.
        // (With ‖Δ_3‖ = 1/2 a mutant keeping only ‖W_{j'}‖ in the cross product gave the same 13.5 by coincidence: Stryker
        // found it. Here it gives 9.75. The sign of 'first' is unobservable: it is only used squared.)
        var delta = new[] { 1.0, 2.0, 0.25 }.Select(v => Matrix<double>.Build.Dense(1, 1, v)).ToArray();
        Assert.Equal(Tolerance.Gamma(200) * 5611, HessianRoundingBound.QuadraticForm(Sizes(), delta));
        Assert.Equal(Tolerance.Gamma(200) * 5329, HessianRoundingBound.QuadraticForm(Sizes() with { GradientSize = 0 }, delta));
        Assert.Equal(Tolerance.Gamma(200) * 282, HessianRoundingBound.QuadraticForm(Sizes() with { Curvature = 0 }, delta));
        var ex = Assert.Throws<NotSupportedException>(() => HessianRoundingBound.QuadraticForm(Sizes(2.5), delta));
        Assert.Equal("the quadratic-form bound is stated for dense layers", ex.Message);
    }

    [Fact]
    public void ScalesOf_ReadsNormsSamplesCurvatureAndTheGradientSize()
    {
        // ‖X‖_F = 2 over |S| = 4 columns, ‖ℓ′‖_F = 3: Ḡ = 3·2/4 = 1.5; square loss L = 1.
        var w = new[] { Matrix<double>.Build.Dense(1, 1, 2.0), Matrix<double>.Build.Dense(1, 1, -3.0) };
        var x = Matrix<double>.Build.DenseOfArray(new double[,] { { 1, 1, 0, 0 }, { 0, 0, 1, 1 } });
        var g = Matrix<double>.Build.DenseOfArray(new double[,] { { 3, 0, 0, 0 } });
        var s = HessianRoundingBound.ScalesOf(w, [2, 1, 1], 1, Losses.Square, x, g, pullBack: 4);
        Assert.Equal([2.0, 3.0], s.LayerNorms);
        Assert.Equal([2, 1, 1], s.Dims);
        Assert.Equal(1, s.MaskBound);
        Assert.Equal(1, s.Curvature);
        Assert.Equal(2, s.DataNorm);
        Assert.Equal(4, s.Samples);
        Assert.Equal(1.5, s.GradientSize);
        Assert.Equal(4, s.PullBack);
    }
}
