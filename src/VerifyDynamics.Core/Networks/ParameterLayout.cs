using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// The one flat parameter layout of Core's network objectives: θ = (vec W_1, …, vec W_n), layer by layer, each vec
/// column-major (MathNet storage order), so entry (p, q) of the d_j × d_{j−1} matrix W_j sits at Σ_{k&lt;j}d_kd_{k−1} + p + q·d_j.
/// <see cref="DeepLinearObjective"/>, <see cref="HomogeneousNetwork"/> (dense layers) and the exact Hessians use it.
/// </summary>
public static class ParameterLayout
{
    /// <summary>θ from the layer matrices.</summary>
    public static double[] Flatten(IReadOnlyList<Matrix<double>> layers)
    {
        var theta = new double[layers.Sum(w => w.RowCount * w.ColumnCount)];
        int o = 0;
        foreach (var w in layers)
        {
            w.ToColumnMajorArray().CopyTo(theta, o);
            o += w.RowCount * w.ColumnCount;
        }
        return theta;
    }

    /// <summary>The layer matrices W_j (d_j × d_{j−1}) of θ for widths d_0..d_n.</summary>
    public static Matrix<double>[] Unflatten(double[] theta, IReadOnlyList<int> dims)
    {
        int expected = 0;
        for (int j = 1; j < dims.Count; j++)
        {
            expected += dims[j] * dims[j - 1];
        }
        if (theta.Length != expected)
        {
            throw new ArgumentException($"θ has {theta.Length} entries, expected {expected} for widths [{string.Join(", ", dims)}]", nameof(theta));
        }
        var ws = new Matrix<double>[dims.Count - 1];
        int o = 0;
        for (int j = 1; j < dims.Count; j++)
        {
            int r = dims[j], c = dims[j - 1];
            ws[j - 1] = Matrix<double>.Build.Dense(r, c, theta[o..(o + r * c)]);
            o += r * c;
        }
        return ws;
    }
}
