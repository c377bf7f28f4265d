using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// JGGSH21 Sec. 2.2: ‖A‖_p^p = Σ_i σ_i(A)^p over the singular values above a rank threshold τ (0^p := 0). Thresholding
/// matters: for small p a numerically-zero σ ≈ 1e−16 would contribute σ^p ≈ 1 (catalog Fact.Schatten pitfall).
/// </summary>
public static class SchattenQuasinorm
{
    /// <summary>The default threshold: singular values below n·ε·σ_max are rounding noise of an SVD.</summary>
    public static double DefaultThreshold(Matrix<double> a, double sigmaMax) =>
        Math.Max(a.RowCount, a.ColumnCount) * 2.220446049250313e-16 * sigmaMax;

    /// <summary>‖A‖_p^p with singular values ≤ τ counted as 0 (τ defaults to <see cref="DefaultThreshold"/>).</summary>
    public static double PowerP(Matrix<double> a, double p, double? threshold = null)
    {
        var s = a.Svd(computeVectors: false).S.ToArray();
        double smax = s.Length == 0 ? 0 : s.Max();
        double tau = threshold ?? DefaultThreshold(a, smax);
        return s.Where(v => v > tau).Sum(v => Math.Pow(v, p));
    }

    /// <summary>The nuclear norm ‖A‖_* = ‖A‖_1^1.</summary>
    public static double Nuclear(Matrix<double> a) => a.Svd(computeVectors: false).S.Sum();

    /// <summary>
    /// Gradient of ‖·‖_p^p on the manifold of matrices of the current rank: U_k diag(p σ_i^{p−1}) V_kᵀ over the singular
    /// values above τ. For p &lt; 1 the quasinorm is not differentiable off that manifold (infinite slope at σ = 0).
    /// </summary>
    public static Matrix<double> Gradient(Matrix<double> a, double p, double? threshold = null)
    {
        var svd = a.Svd(computeVectors: true);
        var s = svd.S.ToArray();
        double smax = s.Length == 0 ? 0 : s.Max();
        double tau = threshold ?? DefaultThreshold(a, smax);
        var g = Matrix<double>.Build.Dense(a.RowCount, a.ColumnCount);
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] > tau)
            {
                g += p * Math.Pow(s[i], p - 1) * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
            }
        }
        return g;
    }

    /// <summary>rank_τ(A) = #{i : σ_i(A) &gt; τ} (paper App A: τ = 1e−4 absolute).</summary>
    public static int Rank(Matrix<double> a, double threshold) => a.Svd(computeVectors: false).S.Count(v => v > threshold);
}
