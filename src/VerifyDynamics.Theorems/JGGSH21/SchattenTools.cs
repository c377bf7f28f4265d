using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// Paper-local helpers for App D (Lemma 39, 45, Prop 46): the SVD-based minimal-norm factorization Ψ of Lemma 39,
/// and a Weyl-based rounding bound for ‖A‖_p^p (the shared quasinorm is <see cref="SchattenQuasinorm"/>).
/// </summary>
public static class SchattenTools
{
    /// <summary>
    /// Rounding bound for ‖A‖_p^p: every computed σ_i is within δ = γ_n‖A‖ of the exact one (Weyl + backward
    /// stable SVD), so the sum is within Σ_i [(σ_i + δ)^p − max(σ_i − δ, 0)^p] (+ δ^p per dropped value).
    /// </summary>
    public static Tolerance PowerPRounding(Matrix<double> a, double p)
    {
        var s = a.Svd(computeVectors: false).S.ToArray();
        double smax = s.Length == 0 ? 0 : s.Max();
        double delta = Tolerance.Gamma(16 * (Math.Max(a.RowCount, a.ColumnCount) + 2)) * smax;
        double bound = s.Sum(v => Math.Pow(v + delta, p) - Math.Pow(Math.Max(v - delta, 0), p));
        return Tolerance.Heuristic(bound, "Weyl: Σ[(σ_i+δ)^p − (σ_i−δ)^p], δ = γ_{16(n+2)}‖A‖ as the SVD backward error (LAPACK guarantees only an unspecified modest p(n)·u·‖A‖, so this is not a proven bound)");
    }

    /// <summary>
    /// Lemma 39's Ψ(A) (order W_1 first): compact SVD A = USVᵀ, W_1 = S^{1/L}Vᵀ, W_ℓ = S^{1/L}, W_L = US^{1/L},
    /// zero-padded to hidden width w ≥ min(n_0, n_L). Balanced, A_{Ψ(A)} = A, ‖Ψ(A)‖² = L‖A‖_{2/L}^{2/L}.
    /// </summary>
    public static Matrix<double>[] MinimalNormFactorization(Matrix<double> a, int depth, int width)
    {
        var svd = a.Svd(computeVectors: true);
        int r = Math.Min(a.RowCount, a.ColumnCount);
        var root = svd.S.Map(z => Math.Pow(Math.Max(z, 0), 1.0 / depth));
        var layers = new Matrix<double>[depth];
        var first = Matrix<double>.Build.Dense(width, a.ColumnCount);
        var last = Matrix<double>.Build.Dense(a.RowCount, width);
        for (int i = 0; i < r; i++)
        {
            first.SetRow(i, root[i] * svd.VT.Row(i));
            last.SetColumn(i, root[i] * svd.U.Column(i));
        }
        layers[0] = first;
        layers[depth - 1] = last;
        for (int l = 1; l < depth - 1; l++)
        {
            var mid = Matrix<double>.Build.Dense(width, width);
            for (int i = 0; i < r; i++)
            {
                mid[i, i] = root[i];
            }
            layers[l] = mid;
        }
        return layers;
    }

    /// <summary>‖A‖_p^p with the shared default threshold.</summary>
    public static double PowerP(Matrix<double> a, double p) => SchattenQuasinorm.PowerP(a, p);
}
