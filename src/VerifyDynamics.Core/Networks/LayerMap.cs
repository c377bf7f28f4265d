using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// A linear parametrization w_j ↦ W_j(w_j) ∈ R^{rows×cols} in which every entry is either fixed 0 or a
/// predetermined coordinate of w_j (EC21 App. C, Eq. 28). Fully connected layers are the identity
/// parametrization (entry e of vec W, column-major, is coordinate e).
/// </summary>
public sealed class LayerMap
{
    private readonly int[]? _index; // column-major entry → coordinate, −1 = fixed zero; null = dense

    private LayerMap(int rows, int columns, int parameterCount, int[]? index, string description)
    {
        Rows = rows;
        Columns = columns;
        ParameterCount = parameterCount;
        _index = index;
        Description = description;
    }

    public int Rows { get; }
    public int Columns { get; }
    public int ParameterCount { get; }
    public string Description { get; }
    public bool IsDense => _index is null;

    /// <summary>A fully connected rows × cols layer.</summary>
    public static LayerMap Dense(int rows, int columns) => new(rows, columns, rows * columns, null, $"dense {rows}×{columns}");

    /// <summary>
    /// A weight-shared/sparse layer from a column-major map entry → coordinate (−1 = fixed zero). Rejects
    /// maps that repeat a coordinate within a row (excluded by EC21 App. C).
    /// </summary>
    public static LayerMap Shared(int rows, int columns, int[] entryToCoordinate, int parameterCount, string description = "shared")
    {
        if (entryToCoordinate.Length != rows * columns)
        {
            throw new ArgumentException($"map has {entryToCoordinate.Length} entries, expected {rows * columns}");
        }
        for (int r = 0; r < rows; r++)
        {
            var seen = new HashSet<int>();
            for (int c = 0; c < columns; c++)
            {
                int k = entryToCoordinate[r + c * rows];
                if (k >= parameterCount || k < -1)
                {
                    throw new ArgumentException($"entry ({r},{c}) maps to coordinate {k} outside 0..{parameterCount - 1}");
                }
                if (k >= 0 && !seen.Add(k))
                {
                    throw new ArgumentException($"row {r} uses coordinate {k} twice (EC21 App. C forbids repeats within a row)");
                }
            }
        }
        return new(rows, columns, parameterCount, (int[])entryToCoordinate.Clone(), description);
    }

    /// <summary>
    /// Circular 1-D convolution with C_in input and C_out output channels over length L and kernel K ≤ L:
    /// W[(o, p), (i, (p + κ) mod L)] = w[o, i, κ], rows indexed o·L + p, columns i·L + q, w flattened as
    /// (o·C_in + i)·K + κ (the weight-sharing "convolutional" form of EC21 App. C).
    /// </summary>
    public static LayerMap CircularConvolution(int inChannels, int outChannels, int length, int kernel)
    {
        if (kernel > length)
        {
            throw new ArgumentException($"kernel {kernel} longer than the signal {length}");
        }
        int rows = outChannels * length, cols = inChannels * length;
        var index = new int[rows * cols];
        Array.Fill(index, -1);
        for (int o = 0; o < outChannels; o++)
        {
            for (int p = 0; p < length; p++)
            {
                for (int i = 0; i < inChannels; i++)
                {
                    for (int kappa = 0; kappa < kernel; kappa++)
                    {
                        int row = o * length + p, col = i * length + (p + kappa) % length;
                        index[row + col * rows] = (o * inChannels + i) * kernel + kappa;
                    }
                }
            }
        }
        return Shared(rows, cols, index, outChannels * inChannels * kernel, $"circular conv {inChannels}→{outChannels} ch, L={length}, K={kernel}");
    }

    /// <summary>W_j(w).</summary>
    public Matrix<double> ToMatrix(ReadOnlySpan<double> w)
    {
        if (_index is null)
        {
            return Matrix<double>.Build.Dense(Rows, Columns, w.ToArray());
        }
        var data = new double[Rows * Columns];
        for (int e = 0; e < data.Length; e++)
        {
            int k = _index[e];
            if (k >= 0)
            {
                data[e] = w[k];
            }
        }
        return Matrix<double>.Build.Dense(Rows, Columns, data);
    }

    /// <summary>The adjoint: out_k += Σ_{entries e tied to k} G_e (pulls a matrix gradient back to w).</summary>
    public void AccumulateAdjoint(Matrix<double> g, Span<double> output) => AccumulateAdjointColumnMajor(g.ToColumnMajorArray(), output);

    /// <summary>The adjoint on a column-major matrix gradient <paramref name="data"/> (rows·cols entries).</summary>
    public void AccumulateAdjointColumnMajor(ReadOnlySpan<double> data, Span<double> output)
    {
        if (data.Length != Rows * Columns)
        {
            throw new ArgumentException($"matrix gradient has {data.Length} entries, expected {Rows}×{Columns}");
        }
        if (_index is null)
        {
            for (int e = 0; e < data.Length; e++)
            {
                output[e] += data[e];
            }
            return;
        }
        for (int e = 0; e < data.Length; e++)
        {
            int k = _index[e];
            if (k >= 0)
            {
                output[k] += data[e];
            }
        }
    }

    /// <summary>The coordinate of column-major entry e (−1 for a fixed zero).</summary>
    public int CoordinateOf(int entry) => _index is null ? entry : _index[entry];

    /// <summary>‖W_j(·)‖_op = sup ‖W_j(w)‖_F/‖w‖₂ = √(max_k c_k), c_k = entries tied to k (EC21 footnote 27).</summary>
    public double OperatorNorm()
    {
        if (_index is null)
        {
            return 1;
        }
        var counts = new int[ParameterCount];
        foreach (int k in _index)
        {
            if (k >= 0)
            {
                counts[k]++;
            }
        }
        return Math.Sqrt(counts.DefaultIfEmpty(0).Max());
    }
}

/// <summary>
/// A positively homogeneous activation σ(z) = α·max{z,0} − ᾱ·max{−z,0} (EC21 §4.1.2). Its slope at z is α for
/// z &gt; 0 and ᾱ for z ≤ 0 (the choice at z = 0 is immaterial inside a region, where no pre-activation is 0).
/// </summary>
public sealed record Activation(double Alpha, double AlphaBar, string Name)
{
    public static Activation Linear { get; } = new(1, 1, "linear");
    public static Activation Relu { get; } = new(1, 0, "relu");

    public static Activation LeakyRelu(double alphaBar) => new(1, alphaBar, $"leaky-relu({alphaBar})");

    public double Slope(double z) => z > 0 ? Alpha : AlphaBar;

    public double Apply(double z) => Slope(z) * z;

    /// <summary>α = ᾱ: the network is linear and the region is all of R^d (EC21 footnote 25).</summary>
    public bool IsLinear => Alpha == AlphaBar;

    /// <summary>max{|α|, |ᾱ|}, the factor of EC21 Lemma 11.</summary>
    public double MaxAbsSlope => Math.Max(Math.Abs(Alpha), Math.Abs(AlphaBar));
}
