using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// Rigorous rounding bounds for exact Hessians of deep linear and homogeneous networks (EC21 Lemmas 5, 9, 21), shared by
/// <see cref="DeepLinearObjective"/> and <see cref="HomogeneousNetwork"/>. The Hessian's entries are sums of products of
/// the weights, the data and ℓ′, ℓ″; with the standard model |fl(AB) − AB| ≤ γ_k|A||B| and ‖|A|‖_F = ‖A‖_F,
/// ‖fl(H) − H‖₂ ≤ γ_K·C with
/// C = s^{2(n−1)}L‖X‖_F²/|S|·Σ_jd_jd_{j−1}P_j² + 2s^{n−1}Ḡ·Σ_{j&lt;j'}∏_{k≠j,j'}‖W_k‖_F,
/// P_j = ∏_{k≠j}‖W_k‖_F, s = max{1, |α|, |ᾱ|} bounding the masks (1 for linear networks), L = sup‖∇²ℓ‖ (1 square, ¼ logistic),
/// Ḡ = ‖ℓ′‖_F‖X‖_F/|S| bounding |∇φ|, and the generous count K = 8(n + Σd + |S|) + 64. Weight-sharing layers multiply C by
/// max_j‖W_j(·)‖_op² (the pull-back sums that many terms per coordinate) and add ⌈max_j‖W_j(·)‖_op⁴⌉ to K.
/// </summary>
public static class HessianRoundingBound
{
    /// <summary>The sizes the bounds are made of (notation as in the class summary).</summary>
    /// <param name="LayerNorms">‖W_k‖_F, k = 1..n.</param>
    /// <param name="Dims">Widths d_0..d_n of the matrices W_k.</param>
    /// <param name="MaskBound">s = max{1, |α|, |ᾱ|} (1 for linear networks).</param>
    /// <param name="Curvature">L = sup‖∇²ℓ‖₂.</param>
    /// <param name="DataNorm">‖X‖_F.</param>
    /// <param name="Samples">|S|.</param>
    /// <param name="GradientSize">Ḡ = ‖ℓ′‖_F‖X‖_F/|S| at the network's outputs.</param>
    /// <param name="PullBack">max_j‖W_j(·)‖_op² for weight-sharing layers; null for dense layers (no pull-back).</param>
    public sealed record Scales(double[] LayerNorms, int[] Dims, double MaskBound, double Curvature, double DataNorm, int Samples, double GradientSize, double? PullBack = null)
    {
        public int Depth => LayerNorms.Length;

        /// <summary>K = 8(n + Σd + |S|) + 64 (+ ⌈op⁴⌉ with a pull-back).</summary>
        public int Operations => 8 * (Depth + Dims.Sum() + Samples) + 64 + (PullBack is { } op2 ? (int)Math.Ceiling(op2 * op2) : 0);

        /// <summary>∏ ‖W_k‖_F over the k with keep(k), in index order.</summary>
        public double ProductWhere(Func<int, bool> keep)
        {
            double p = 1;
            for (int k = 0; k < LayerNorms.Length; k++)
            {
                if (keep(k))
                {
                    p *= LayerNorms[k];
                }
            }
            return p;
        }
    }

    /// <summary>The scales for a computed Hessian at weights W_1..W_n with loss gradients ℓ′ (columns) at the outputs.</summary>
    public static Scales ScalesOf(IReadOnlyList<Matrix<double>> weights, int[] dims, double maskBound, ISampleLoss loss, Matrix<double> x, Matrix<double> lossGradients, double? pullBack = null)
    {
        double xf = x.FrobeniusNorm();
        double gBar = lossGradients.FrobeniusNorm() * xf / x.ColumnCount;
        return new Scales([.. weights.Select(w => w.FrobeniusNorm())], dims, maskBound, loss.CurvatureBound, xf, x.ColumnCount, gBar, pullBack);
    }

    /// <summary>γ_K·C for the whole assembled Hessian (add the eigensolver's backward error for λ_min).</summary>
    public static double Matrix(Scales s)
    {
        int n = s.Depth;
        double first = 0, cross = 0;
        for (int j = 0; j < n; j++)
        {
            double pj = s.ProductWhere(k => k != j);
            first += s.Dims[j + 1] * s.Dims[j] * pj * pj;
            for (int jp = j + 1; jp < n; jp++)
            {
                cross += s.ProductWhere(k => k != j && k != jp);
            }
        }
        double c = Math.Pow(s.MaskBound, 2 * (n - 1)) * s.Curvature * s.DataNorm * s.DataNorm / s.Samples * first
            + 2 * Math.Pow(s.MaskBound, n - 1) * s.GradientSize * cross;
        return s.PullBack is { } op2 ? Tolerance.Gamma(s.Operations) * op2 * c : Tolerance.Gamma(s.Operations) * c;
    }

    /// <summary>
    /// γ_K·C_Δ for a computed Δθᵀ∇²f(θ)Δθ (by the assembled Hessian, an HVP, or the paper's closed form) with
    /// C_Δ = s^{2(n−1)}L‖X‖_F²/|S|·(Σ_jP_j‖Δ_j‖_F)² + 2s^{n−1}Ḡ·Σ_{j&lt;j'}∏_{k≠j,j'}‖W_k‖_F‖Δ_j‖_F‖Δ_{j'}‖_F (dense layers).
    /// </summary>
    public static double QuadraticForm(Scales s, IReadOnlyList<Matrix<double>> delta)
    {
        if (s.PullBack is not null)
        {
            throw new NotSupportedException("the quadratic-form bound is stated for dense layers");
        }
        int n = s.Depth;
        var b = delta.Select(w => w.FrobeniusNorm()).ToArray();
        double first = 0, cross = 0;
        for (int j = 0; j < n; j++)
        {
            first += s.ProductWhere(k => k != j) * b[j];
            for (int jp = j + 1; jp < n; jp++)
            {
                cross += s.ProductWhere(k => k != j && k != jp) * b[j] * b[jp];
            }
        }
        double c = Math.Pow(s.MaskBound, 2 * (n - 1)) * s.Curvature * s.DataNorm * s.DataNorm / s.Samples * first * first
            + 2 * Math.Pow(s.MaskBound, n - 1) * s.GradientSize * cross;
        return Tolerance.Gamma(s.Operations) * c;
    }
}
