using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// ACGH19 Procedure 1: given A ∈ R^{d_N×d_0} with SVD A = UΣVᵀ (m = min{d_0, d_N}), set
/// W_N ≃ UΣ^{1/N}, W_j ≃ Σ^{1/N} (1 &lt; j &lt; N), W_1 ≃ Σ^{1/N}Vᵀ, "≃" meaning zero padding.
/// Padding convention (the paper leaves it open): the m×m blocks sit in the top-left corner.
/// Result: W_{1:N} = A and W_{j+1}ᵀW_{j+1} = W_jW_jᵀ for all j (footnote 5).
/// </summary>
public static class BalancedInitialization
{
    public static DeepLinearNetwork Create(IReadOnlyList<int> dims, Matrix<double> a)
    {
        int n = dims.Count - 1;
        if (n < 1)
        {
            throw new ArgumentException("dims must list d_0, …, d_N with N ≥ 1.", nameof(dims));
        }
        if (a.RowCount != dims[n] || a.ColumnCount != dims[0])
        {
            throw new ArgumentException($"A must be {dims[n]}×{dims[0]}, got {a.RowCount}×{a.ColumnCount}.", nameof(a));
        }
        int m = Math.Min(dims[0], dims[n]);
        for (int j = 1; j < n; j++)
        {
            if (dims[j] < m)
            {
                throw new ArgumentException(
                    $"Procedure 1 needs min(d_1..d_(N-1)) ≥ min(d_0, d_N) = {m}, but d_{j} = {dims[j]}.", nameof(dims));
            }
        }
        if (n == 1)
        {
            return new DeepLinearNetwork([a.Clone()]);
        }
        var svd = a.Svd(computeVectors: true);
        var u = svd.U.SubMatrix(0, dims[n], 0, m);
        var vt = svd.VT.SubMatrix(0, m, 0, dims[0]);
        var root = Matrix<double>.Build.DenseDiagonal(m, m, i => Math.Pow(svd.S[i], 1.0 / n));
        var layers = new Matrix<double>[n];
        for (int j = 1; j <= n; j++)
        {
            var w = Matrix<double>.Build.Dense(dims[j], dims[j - 1]);
            var block = j == 1 ? root * vt : j == n ? u * root : root;
            w.SetSubMatrix(0, 0, block);
            layers[j - 1] = w;
        }
        return new DeepLinearNetwork(layers);
    }
}
