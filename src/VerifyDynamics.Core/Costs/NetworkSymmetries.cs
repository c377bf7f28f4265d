using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// JGGSH21 Sec. 2.3 symmetries of deep linear networks, on layers in Core's order W_1..W_L.
/// Rotation R = (O_1, …, O_{L−1}): W_ℓ ↦ O_ℓ W_ℓ O_{ℓ−1}ᵀ (O_0 = I, O_L = I). Inclusion I^{(w→w')}: zero-padding of every
/// hidden layer (W_1 ↦ [W_1; 0], W_ℓ ↦ [[W_ℓ, 0], [0, 0]], W_L ↦ (W_L 0)).
/// </summary>
public static class NetworkSymmetries
{
    /// <summary>Rθ for orthogonal O_1..O_{L−1} (hiddenTransforms[ℓ−1] = O_ℓ, size n_ℓ).</summary>
    public static Matrix<double>[] Rotate(IReadOnlyList<Matrix<double>> layers, IReadOnlyList<Matrix<double>> hiddenTransforms) =>
        Transform(layers, hiddenTransforms, hiddenTransforms.Select(o => o.Transpose()).ToArray());

    /// <summary>
    /// W_ℓ ↦ M_ℓ W_ℓ M_{ℓ−1}⁻¹ for invertible M_ℓ: keeps A_θ but (unless every M_ℓ is orthogonal) not the gradient
    /// or the flow — the GL mutant of Fact.Rotation.
    /// </summary>
    public static Matrix<double>[] Reparametrize(IReadOnlyList<Matrix<double>> layers, IReadOnlyList<Matrix<double>> hiddenTransforms) =>
        Transform(layers, hiddenTransforms, hiddenTransforms.Select(m => m.Inverse()).ToArray());

    /// <summary>Applies only O_ℓ W_ℓ (no compensating O_{ℓ}ᵀ on the next layer): the one-sided mutant; A_θ changes.</summary>
    public static Matrix<double>[] RotateOneSided(IReadOnlyList<Matrix<double>> layers, IReadOnlyList<Matrix<double>> hiddenTransforms)
    {
        var result = layers.Select(w => w.Clone()).ToArray();
        for (int l = 1; l < layers.Count; l++)
        {
            result[l - 1] = hiddenTransforms[l - 1] * layers[l - 1];
        }
        return result;
    }

    /// <summary>Zero-pads every hidden width n_ℓ to newHiddenWidths[ℓ−1] (≥ n_ℓ); padFill (normally 0) fills the new diagonal of middle layers.</summary>
    public static Matrix<double>[] Include(IReadOnlyList<Matrix<double>> layers, IReadOnlyList<int> newHiddenWidths, double padFill = 0)
    {
        int depth = layers.Count;
        var result = new Matrix<double>[depth];
        for (int l = 1; l <= depth; l++)
        {
            var w = layers[l - 1];
            int rows = l == depth ? w.RowCount : newHiddenWidths[l - 1];
            int cols = l == 1 ? w.ColumnCount : newHiddenWidths[l - 2];
            var m = Matrix<double>.Build.Dense(rows, cols);
            m.SetSubMatrix(0, 0, w);
            if (padFill != 0 && l > 1 && l < depth)
            {
                for (int i = w.RowCount; i < Math.Min(rows, cols); i++)
                {
                    m[i, i] = padFill;
                }
            }
            result[l - 1] = m;
        }
        return result;
    }

    /// <summary>Inclusion of a rectangular width-w network into width w'.</summary>
    public static Matrix<double>[] Include(IReadOnlyList<Matrix<double>> layers, int newWidth) =>
        Include(layers, Enumerable.Repeat(newWidth, layers.Count - 1).ToArray());

    private static Matrix<double>[] Transform(IReadOnlyList<Matrix<double>> layers, IReadOnlyList<Matrix<double>> left, IReadOnlyList<Matrix<double>> rightInverse)
    {
        int depth = layers.Count;
        if (left.Count != depth - 1)
        {
            throw new ArgumentException($"a depth-{depth} network has {depth - 1} hidden layers, got {left.Count} transforms");
        }
        var result = new Matrix<double>[depth];
        for (int l = 1; l <= depth; l++)
        {
            var w = layers[l - 1];
            if (l < depth)
            {
                w = left[l - 1] * w;
            }
            if (l > 1)
            {
                w *= rightInverse[l - 2];
            }
            result[l - 1] = w;
        }
        return result;
    }
}
