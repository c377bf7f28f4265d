using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// Generators of (nearly) balanced deep linear networks shared by the ACGH19 definition and lemma checks
/// (Def. 1, Proc. 1, Lemmas 5–6, Aux.BalancedSV), and the rounding scales their tolerances use.
/// </summary>
public static class BalancedNetworks
{
    /// <summary>
    /// Widths d_0..d_N (each in 1..maxWidth) with no bottleneck: min(d_1..d_{N−1}) ≥ min(d_0, d_N), the
    /// precondition of Procedure 1. Hidden widths below d_0 or d_N are allowed (e.g. (5, 3, 2)).
    /// </summary>
    public static int[] NoBottleneckDims(Rng rng, int depth, int maxWidth)
    {
        var dims = new int[depth + 1];
        dims[0] = rng.NextInt(1, maxWidth);
        dims[depth] = rng.NextInt(1, maxWidth);
        int m = Math.Min(dims[0], dims[depth]);
        for (int j = 1; j < depth; j++)
        {
            dims[j] = rng.NextInt(m, Math.Max(m, maxWidth));
        }
        return dims;
    }

    /// <summary>Widths meeting Lemma 5's hypotheses d_N ≤ d_{N−1} and d_0 ≤ d_1 (and no bottleneck).</summary>
    public static int[] Lemma5Dims(Rng rng, int depth, int maxWidth)
    {
        while (true)
        {
            var dims = NoBottleneckDims(rng, depth, maxWidth);
            if (depth == 1 || (dims[depth] <= dims[depth - 1] && dims[0] <= dims[1]))
            {
                return dims;
            }
        }
    }

    /// <summary>True when d_N ≤ d_{N−1} and d_0 ≤ d_1 (vacuous for N = 1).</summary>
    public static bool MeetsLemma5Dims(IReadOnlyList<int> dims)
    {
        int n = dims.Count - 1;
        return n == 1 || (dims[n] <= dims[n - 1] && dims[0] <= dims[1]);
    }

    /// <summary>True when min(d_1..d_{N−1}) ≥ min(d_0, d_N).</summary>
    public static bool HasNoBottleneck(IReadOnlyList<int> dims)
    {
        int n = dims.Count - 1;
        int m = Math.Min(dims[0], dims[n]);
        return Enumerable.Range(1, Math.Max(0, n - 1)).All(j => dims[j] >= m);
    }

    /// <summary>
    /// A d_N×d_0 matrix for Procedure 1: Gaussian (kind 0), low rank (kind 1), or with a repeated singular
    /// value (kind 2, where the SVD is not unique and the construction must not care), times a log-uniform scale.
    /// </summary>
    public static Matrix<double> TargetMatrix(Rng rng, int rows, int cols, int kind)
    {
        double scale = rng.LogUniform(0.1, 10);
        int m = Math.Min(rows, cols);
        switch (kind % 3)
        {
            case 1 when m > 1:
                {
                    int r = rng.NextInt(1, m - 1);
                    return scale * rng.GaussianMatrix(rows, r) * rng.GaussianMatrix(r, cols) / Math.Sqrt(r);
                }
            case 2 when m > 1:
                {
                    var s = Matrix<double>.Build.Dense(m, m);
                    double repeated = rng.Uniform(0.5, 2);
                    for (int i = 0; i < m; i++)
                    {
                        s[i, i] = i < 2 ? repeated : rng.Uniform(0.1, 2);
                    }
                    return scale * rng.Stiefel(rows, m) * s * rng.Stiefel(cols, m).Transpose();
                }
            default:
                return scale * rng.GaussianMatrix(rows, cols);
        }
    }

    /// <summary>
    /// The "orthogonal chain" W_j = Q_j S Q_{j−1}ᵀ (square width d, Q_j Haar orthogonal, S ≥ 0 diagonal shared
    /// by all layers): exactly 0-balanced, since W_{j+1}ᵀW_{j+1} = Q_j S² Q_jᵀ = W_jW_jᵀ (catalog, Def1 Gen).
    /// </summary>
    public static DeepLinearNetwork OrthogonalChain(Rng rng, int depth, int width, double scale)
    {
        var q = Enumerable.Range(0, depth + 1).Select(_ => rng.HaarOrthogonal(width)).ToArray();
        var s = Matrix<double>.Build.DenseDiagonal(width, width, _ => scale * rng.Uniform(0.2, 1.5));
        return new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => q[j] * s * q[j - 1].Transpose()));
    }

    /// <summary>The network with every layer perturbed by eps·‖W_j‖_F·E_j/‖E_j‖_F (E_j Gaussian).</summary>
    public static DeepLinearNetwork Perturbed(DeepLinearNetwork net, double eps, Rng rng) =>
        new(net.Weights.Select(w =>
        {
            var e = rng.GaussianMatrix(w.RowCount, w.ColumnCount);
            double norm = e.FrobeniusNorm();
            double size = Math.Max(w.FrobeniusNorm(), 1e-300);
            return norm == 0 ? w : w + eps * size / norm * e;
        }));

    /// <summary>
    /// Operation count for the rounding bound of quantities built from the network: each matrix product of
    /// widths ≤ d costs d multiply-adds per entry, an SVD of such a matrix O(d) backward-stable sweeps
    /// (Higham §3.1; 8·d is a safe count for one-sided Jacobi / Golub–Kahan on d ≤ 16).
    /// </summary>
    public static int Operations(IReadOnlyList<int> dims) => 8 * dims.Max() * dims.Count + 16;

    /// <summary>max_j ‖W_j‖_σ (the M of Lemma 5).</summary>
    public static double MaxLayerNorm(DeepLinearNetwork net) => net.Weights.Max(MatrixMeasures.Spectral);

    /// <summary>The rounding tolerance for imb_j of a network whose layers have spectral norm ≤ M: γ_n·M²·√d.</summary>
    public static Tolerance ImbalanceRounding(DeepLinearNetwork net)
    {
        double m = MaxLayerNorm(net);
        return Tolerance.FromRounding(Operations(net.Dims), m * m * Math.Sqrt(net.Dims.Max()), "M²·√d_max (Gram products)");
    }
}
