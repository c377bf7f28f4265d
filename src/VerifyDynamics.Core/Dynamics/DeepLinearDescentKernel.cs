using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// In-place gradient descent on ½‖W_N⋯W_1 − Φ‖_F² with preallocated buffers: the fast path of
/// <see cref="GradientDescent.Run"/> when no observer needs a network object every step.
/// Per step: prefixes P_j = W_j⋯W_1, G = P_N − Φ, back-propagated B_{j−1} = W_jᵀB_j (B_N = G),
/// and ∂L/∂W_j = B_j P_{j−1}ᵀ (= W_{j+1:N}ᵀ G W_{1:j−1}ᵀ, ACGH19 Eq. 14). Results agree with
/// <see cref="DeepLinearNetwork.GradientStep"/> up to the summation order of the products.
/// </summary>
public sealed class DeepLinearDescentKernel
{
    private readonly int[] _dims;
    private readonly double[][] _weights;
    private readonly double[][] _prefix;
    private readonly double[][] _back;
    private readonly double[][] _grad;
    private readonly double[] _target;

    public DeepLinearDescentKernel(DeepLinearNetwork network, Matrix<double> target)
    {
        _dims = network.Dims;
        int n = network.Depth;
        if (target.RowCount != _dims[n] || target.ColumnCount != _dims[0])
        {
            throw new ArgumentException($"Φ must be {_dims[n]}×{_dims[0]}, got {target.RowCount}×{target.ColumnCount}.", nameof(target));
        }
        _weights = [.. network.Weights.Select(w => w.ToRowMajorArray())];
        _target = target.ToRowMajorArray();
        _prefix = [.. Enumerable.Range(0, n + 1).Select(j => new double[_dims[j] * _dims[0]])];
        _back = [.. Enumerable.Range(0, n + 1).Select(j => new double[_dims[j] * _dims[0]])];
        _grad = [.. Enumerable.Range(1, n).Select(j => new double[_dims[j] * _dims[j - 1]])];
    }

    public int Depth => _weights.Length;

    /// <summary>Loss at the weights before the last <see cref="Step"/> (computed during it).</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>One GD step; returns false (weights untouched) if the gradient is not finite.</summary>
    public bool Step(double eta)
    {
        int n = Depth, d0 = _dims[0];
        // P_1 = W_1 (P_0 = I is never formed).
        Array.Copy(_weights[0], _prefix[1], _weights[0].Length);
        for (int j = 2; j <= n; j++)
        {
            DenseKernels.Multiply(_weights[j - 1], _prefix[j - 1], _prefix[j], _dims[j], _dims[j - 1], d0);
        }
        var g = _back[n];
        double loss = 0;
        for (int i = 0; i < g.Length; i++)
        {
            g[i] = _prefix[n][i] - _target[i];
            loss += g[i] * g[i];
        }
        LastLoss = 0.5 * loss;
        if (!double.IsFinite(loss))
        {
            return false;
        }
        for (int j = n; j >= 2; j--)
        {
            DenseKernels.MultiplyTransposeLeft(_weights[j - 1], _back[j], _back[j - 1], _dims[j], _dims[j - 1], d0);
        }
        for (int j = 1; j <= n; j++)
        {
            if (j == 1)
            {
                Array.Copy(_back[1], _grad[0], _grad[0].Length);
            }
            else
            {
                DenseKernels.MultiplyTransposeRight(_back[j], _prefix[j - 1], _grad[j - 1], _dims[j], d0, _dims[j - 1]);
            }
        }
        for (int j = 0; j < n; j++)
        {
            DenseKernels.Axpy(-eta, _grad[j], _weights[j]);
        }
        return true;
    }

    public DeepLinearNetwork ToNetwork() =>
        new(_weights.Select((w, j) => Matrix<double>.Build.DenseOfRowMajor(_dims[j + 1], _dims[j], w)));
}
