using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Core.Dynamics;

/// <summary>
/// In-place gradient descent on ½‖W_N⋯W_1 − Φ‖_F² with preallocated buffers: the fast path of
/// <see cref="GradientDescent.Run"/> when no observer needs a network object every step.
/// The weights live in the flat layout θ of <see cref="DeepLinearObjective"/>; each step is one
/// <see cref="DeepLinearKernel.ValueAndGradient"/> (prefix products, back-propagation, ∂L/∂W_j = W_{j+1:N}ᵀ G W_{1:j−1}ᵀ,
/// ACGH19 Eq. 14) and θ ← θ − η∇L as one FMA per entry. Results agree with <see cref="DeepLinearNetwork.GradientStep"/>
/// up to the summation order of the products.
/// </summary>
public sealed class DeepLinearDescentKernel
{
    private readonly DeepLinearObjective _objective;
    private readonly DeepLinearKernel _kernel;
    private readonly double[] _theta;
    private readonly double[] _gradient;

    public DeepLinearDescentKernel(DeepLinearNetwork network, Matrix<double> target)
    {
        var dims = network.Dims;
        int n = network.Depth;
        if (target.RowCount != dims[n] || target.ColumnCount != dims[0])
        {
            throw new ArgumentException($"Φ must be {dims[n]}×{dims[0]}, got {target.RowCount}×{target.ColumnCount}.", nameof(target));
        }
        _objective = DeepLinearObjective.ForTarget(dims, target);
        _kernel = _objective.CreateKernel();
        _theta = _objective.Pack(network);
        _gradient = new double[_theta.Length];
    }

    public int Depth => _objective.Depth;

    /// <summary>Loss at the weights before the last <see cref="Step"/> (computed during it).</summary>
    public double LastLoss { get; private set; } = double.NaN;

    /// <summary>One GD step; returns false (weights untouched) if the loss is not finite.</summary>
    public bool Step(double eta)
    {
        LastLoss = _kernel.ValueAndGradient(_theta, _gradient);
        if (!double.IsFinite(LastLoss))
        {
            return false;
        }
        DenseKernels.Axpy(-eta, _gradient, _theta);
        return true;
    }

    public DeepLinearNetwork ToNetwork() => _objective.Network(_theta);
}
