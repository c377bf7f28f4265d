using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// An in-place f(θ) and ∇f(θ) on a flat θ, with buffers reused across evaluations: the hot loop of a long GD run or
/// gradient-flow solve. One instance is not thread-safe (each run or solve owns one).
/// </summary>
public interface IGradientKernel
{
    /// <summary>d, the number of parameters.</summary>
    int Dimension { get; }

    /// <summary>Writes ∇f(θ) into <paramref name="gradient"/> and returns f(θ).</summary>
    double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>Writes −∇f(θ) into <paramref name="negativeGradient"/> (the gradient-flow right-hand side).</summary>
    void NegativeGradient(ReadOnlySpan<double> theta, Span<double> negativeGradient);
}

/// <summary>
/// Allocation-light value and gradient of a <see cref="HomogeneousNetwork"/> (any layer maps, any positively
/// homogeneous activation, any <see cref="ISampleLoss"/>) through <see cref="DenseKernels"/>: the products of a
/// full-batch gradient on data (784-50-50-10 on 1,000 images is ≈ 80 M multiply-adds, nearly all in the first layer)
/// run in register-blocked FMA chains instead of MathNet's managed provider.
/// <para>Everything runs on transposes, so no matrix is ever copied into another layout: the column-major W_j is the
/// row-major U_j = W_jᵀ (d_{j−1}×d_j), the column-major X is the row-major Xᵀ (m×d_0). Forward: Z_jᵀ = A_{j−1}ᵀU_j,
/// A_jᵀ = D_jᵀ∘Z_jᵀ with the slopes D_j of the evaluation point (frozen masks, as in
/// <see cref="HomogeneousNetwork.Forward"/>), A_n = Z_n. Backward: Δ_nᵀ = ∇ℓ(Z_n, Y)ᵀ/m (the loss itself is evaluated by
/// the network's <see cref="ISampleLoss"/> on the m×d_n output, one matrix of its own per evaluation);
/// (∂f/∂W_j)ᵀ = A_{j−1}Δ_jᵀ = (A_{j−1}ᵀ)ᵀΔ_jᵀ; Δ_{j−1}ᵀ = D_{j−1}ᵀ∘(Δ_jᵀU_jᵀ); weight-shared layers pull the matrix
/// gradient back through <see cref="LayerMap.AccumulateAdjointColumnMajor"/>.</para>
/// <para>Results differ from <see cref="HomogeneousNetwork.Gradient"/> (MathNet products) only by summation order, a
/// rounding-level difference that tests bound; they do not depend on the machine's vector width (every product entry
/// is one FMA chain in increasing k, <see cref="DenseKernels"/>), so a seeded run gives the same bytes on any x86-64 or
/// ARM machine. The MathNet path stays the one the statements' certificates use.</para>
/// </summary>
public sealed class HomogeneousKernel : IGradientKernel
{
    private readonly HomogeneousNetwork _net;
    private readonly int[] _dims;
    private readonly int _samples;
    private readonly double[] _xT;
    // Z_jᵀ and A_jᵀ (m×d_j, row-major), j = 1..n; A_0ᵀ = Xᵀ; A_nᵀ = Z_nᵀ.
    private readonly double[][] _zT;
    private readonly double[][] _aT;
    // Δ_jᵀ (m×d_j).
    private readonly double[][] _deltaT;
    // U_j for weight-shared layers (filled from the map); dense layers read θ directly.
    private readonly double[]?[] _u;
    // (∂f/∂W_j)ᵀ for weight-shared layers before the pull-back.
    private readonly double[]?[] _gT;
    private readonly double[] _scratch;

    public HomogeneousKernel(HomogeneousNetwork network)
    {
        _net = network;
        _dims = network.Dims;
        _samples = network.Samples;
        int n = network.Depth, m = _samples;
        _xT = network.X.ToColumnMajorArray();
        _zT = [.. Enumerable.Range(0, n + 1).Select(j => j == 0 ? [] : new double[m * _dims[j]])];
        _aT = [.. Enumerable.Range(0, n + 1).Select(j => j == 0 ? _xT : j == n ? _zT[n] : new double[m * _dims[j]])];
        _deltaT = [.. Enumerable.Range(0, n + 1).Select(j => j == 0 ? [] : new double[m * _dims[j]])];
        _u = [.. Enumerable.Range(0, n + 1).Select(j => j == 0 || network.Layers[j - 1].IsDense ? null : new double[_dims[j] * _dims[j - 1]])];
        _gT = [.. Enumerable.Range(0, n + 1).Select(j => j == 0 || network.Layers[j - 1].IsDense ? null : new double[_dims[j] * _dims[j - 1]])];
        _scratch = new double[Enumerable.Range(1, n).Max(j => _dims[j] * _dims[j - 1])];
    }

    public HomogeneousNetwork Network => _net;
    public int Dimension => _net.Dimension;
    private int Depth => _dims.Length - 1;

    /// <summary>f(θ).</summary>
    public double Value(ReadOnlySpan<double> theta)
    {
        Forward(theta);
        return _net.Loss.Mean(Output(), _net.Y);
    }

    /// <summary>Writes ∇f(θ) into <paramref name="gradient"/> and returns f(θ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CheckLength(gradient.Length, "gradient");
        Forward(theta);
        int n = Depth, m = _samples;
        var output = Output();
        double value = _net.Loss.Mean(output, _net.Y);
        var g = _net.Loss.Gradient(output, _net.Y);
        // Column-major d_n×m is the row-major Δ_nᵀ (m×d_n).
        var gData = g.AsColumnMajorArray() ?? g.ToColumnMajorArray();
        var deltaN = _deltaT[n];
        for (int i = 0; i < deltaN.Length; i++)
        {
            deltaN[i] = gData[i] / m;
        }
        for (int j = n; j >= 1; j--)
        {
            int rows = _dims[j - 1], cols = _dims[j];
            var layer = _net.Layers[j - 1];
            var slice = gradient.Slice(_net.Offset(j), layer.ParameterCount);
            if (_gT[j] is { } gT)
            {
                DenseKernels.MultiplyTransposeLeft(_aT[j - 1], _deltaT[j], gT, m, rows, cols);
                slice.Clear();
                layer.AccumulateAdjointColumnMajor(gT, slice);
            }
            else
            {
                DenseKernels.MultiplyTransposeLeft(_aT[j - 1], _deltaT[j], slice, m, rows, cols);
            }
            if (j > 1)
            {
                // Δ_{j−1}ᵀ = D_{j−1}ᵀ∘(Δ_jᵀU_jᵀ): U_j is d_{j−1}×d_j row-major, i.e. the "B (n×k)" of A·Bᵀ.
                var prev = _deltaT[j - 1];
                DenseKernels.MultiplyTransposeRight(_deltaT[j], ForwardU(theta, j), prev, m, cols, rows, _scratch);
                var z = _zT[j - 1];
                var act = _net.Activation;
                for (int i = 0; i < prev.Length; i++)
                {
                    prev[i] *= act.Slope(z[i]);
                }
            }
        }
        return value;
    }

    /// <summary>Writes −∇f(θ) into <paramref name="negativeGradient"/> (the gradient-flow right-hand side).</summary>
    public void NegativeGradient(ReadOnlySpan<double> theta, Span<double> negativeGradient)
    {
        ValueAndGradient(theta, negativeGradient);
        for (int i = 0; i < negativeGradient.Length; i++)
        {
            negativeGradient[i] = -negativeGradient[i];
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<double> theta)
    {
        CheckLength(theta.Length, "θ");
        int n = Depth, m = _samples;
        var act = _net.Activation;
        for (int j = 1; j <= n; j++)
        {
            var z = _zT[j];
            DenseKernels.Multiply(_aT[j - 1], U(theta, j), z, m, _dims[j - 1], _dims[j]);
            if (j < n)
            {
                var a = _aT[j];
                for (int i = 0; i < z.Length; i++)
                {
                    a[i] = z[i] * act.Slope(z[i]);
                }
            }
        }
    }

    /// <summary>U_j as <see cref="Forward"/> left it: θ's slice for a dense layer, else the buffer Forward filled.</summary>
    private ReadOnlySpan<double> ForwardU(ReadOnlySpan<double> theta, int j) =>
        _u[j] ?? theta.Slice(_net.Offset(j), _net.Layers[j - 1].ParameterCount);

    /// <summary>U_j = W_jᵀ row-major: θ's slice for a dense layer, else W_j(w_j) written through the layer map.</summary>
    private ReadOnlySpan<double> U(ReadOnlySpan<double> theta, int j)
    {
        var layer = _net.Layers[j - 1];
        var w = theta.Slice(_net.Offset(j), layer.ParameterCount);
        if (_u[j] is not { } u)
        {
            return w;
        }
        for (int e = 0; e < u.Length; e++)
        {
            int k = layer.CoordinateOf(e);
            u[e] = k >= 0 ? w[k] : 0;
        }
        return u;
    }

    /// <summary>Z_n (d_n×m) over the kernel's own buffer (valid until the next evaluation).</summary>
    private Matrix<double> Output() => Matrix<double>.Build.Dense(_dims[Depth], _samples, _zT[Depth]);

    private void CheckLength(int length, string what)
    {
        if (length != Dimension)
        {
            throw new ArgumentException($"{what} has {length} entries, expected {Dimension}");
        }
    }
}
