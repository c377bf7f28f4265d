using System.Runtime.CompilerServices;
using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// Allocation-free value, gradient and Hessian-vector product of f(θ) = φ(W_{n:1}) directly on the flat parameter
/// vector θ of <see cref="DeepLinearObjective"/> (each W_j column-major), with buffers reused across evaluations.
/// One instance is not thread-safe: each thread or ODE solve owns one (<see cref="DeepLinearObjective"/> pools them).
/// <para>The column-major slice of W_j is the row-major U_j = W_jᵀ (d_{j−1}×d_j), so everything runs on transposes:
/// prefixes Q_j = P_jᵀ = Q_{j−1}U_j (P_j = W_{j:1}, Q_1 = U_1); back-propagated R_n = ∇φ(W_{n:1})ᵀ,
/// R_{j−1} = R_jU_jᵀ (R_j = (W_{n:j+1}ᵀG)ᵀ); layer gradients (∂f/∂W_j)ᵀ = Q_{j−1}ᵀR_j (ACGH19 Eq. 14), Q_0 = I.
/// Hessian-vector products (forward over reverse, tangents along V with θ-slices V_jᵀ):
/// Q̇_j = Q_{j−1}V_jᵀ + Q̇_{j−1}U_j, Ṙ_n = ∇²φ[Q̇_nᵀ]ᵀ, Ṙ_{j−1} = Ṙ_jU_jᵀ + R_jV_j, and (∇²f V)_jᵀ = Q_{j−1}ᵀṘ_j + Q̇_{j−1}ᵀR_j.
/// Q_j and R_j are kept from <see cref="PrepareHessian"/>, so each product costs about six small products per layer.</para>
/// <para>Products go through <see cref="DenseKernels"/> (FMA chains), so results differ from the MathNet path only by
/// summation order (rounding level); tests cross-check both.</para>
/// </summary>
public sealed class DeepLinearKernel : IGradientKernel
{
    private readonly int[] _dims;
    private readonly int[] _offsets;
    private readonly IEndToEndLoss _phi;
    // Φᵀ row-major (= Φ column-major) when φ = ½‖W − Φ‖_F²; null for other losses (then φ is called through MathNet).
    private readonly double[]? _targetT;
    // φ evaluated in place on the column-major end-to-end matrix (e.g. matrix completion); null when φ has no such form.
    private readonly IInPlaceEndToEndLoss? _inPlace;
    private readonly double[][] _q;
    private readonly double[][] _r;
    private readonly double[][] _qDot;
    private readonly double[][] _rDot;
    private readonly double[][] _u;
    private readonly double[][] _uT;
    private readonly double[] _scratch;
    private bool _hessianReady;

    public DeepLinearKernel(DeepLinearObjective objective)
    {
        _dims = objective.Dims;
        int n = _dims.Length - 1;
        _offsets = [.. Enumerable.Range(1, n).Select(objective.Offset), objective.Dimension];
        _phi = objective.Phi;
        if (_phi is FrobeniusTargetLoss frobenius)
        {
            if (frobenius.Target.RowCount != _dims[n] || frobenius.Target.ColumnCount != _dims[0])
            {
                throw new ArgumentException($"Φ must be {_dims[n]}×{_dims[0]}, got {frobenius.Target.RowCount}×{frobenius.Target.ColumnCount}");
            }
            _targetT = frobenius.Target.ToColumnMajorArray();
        }
        _inPlace = _phi as IInPlaceEndToEndLoss;
        int d0 = _dims[0];
        _q = [.. Enumerable.Range(0, n + 1).Select(j => new double[d0 * _dims[j]])];
        _r = [.. Enumerable.Range(0, n + 1).Select(j => new double[d0 * _dims[j]])];
        _qDot = [.. Enumerable.Range(0, n + 1).Select(j => new double[d0 * _dims[j]])];
        _rDot = [.. Enumerable.Range(0, n + 1).Select(j => new double[d0 * _dims[j]])];
        _u = [.. Enumerable.Range(0, n + 1).Select(j => j == 0 ? [] : new double[_dims[j] * _dims[j - 1]])];
        _uT = [.. Enumerable.Range(0, n + 1).Select(j => j == 0 ? [] : new double[_dims[j] * _dims[j - 1]])];
        _scratch = new double[Enumerable.Range(1, n).Max(j => _dims[j] * _dims[j - 1])];
    }

    public int Depth => _dims.Length - 1;
    public int Dimension => _offsets[Depth];

    /// <summary>f(θ).</summary>
    public double Value(ReadOnlySpan<double> theta)
    {
        Forward(theta);
        return Loss(computeGradient: false);
    }

    /// <summary>Writes ∇f(θ) into <paramref name="gradient"/> and returns f(θ).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        CheckLength(gradient.Length, "gradient");
        Forward(theta);
        double value = Loss(computeGradient: true);
        Backward(theta);
        LayerProducts(gradient, tangent: false);
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

    /// <summary>Fixes θ for the following <see cref="ApplyHessian"/> calls (forward and backward passes, transposes).</summary>
    public void PrepareHessian(ReadOnlySpan<double> theta)
    {
        Forward(theta);
        Loss(computeGradient: true);
        Backward(theta);
        for (int j = 1; j <= Depth; j++)
        {
            // θ may change after this call: the Hessian keeps its own U_j and U_jᵀ.
            Layer(theta, j).CopyTo(_u[j]);
            DenseKernels.Transpose(_u[j], _uT[j], _dims[j - 1], _dims[j]);
        }
        _hessianReady = true;
    }

    /// <summary>∇²f(θ)·v at the θ of the last <see cref="PrepareHessian"/> (no other evaluation in between).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void ApplyHessian(ReadOnlySpan<double> v, Span<double> result)
    {
        if (!_hessianReady)
        {
            throw new InvalidOperationException("call PrepareHessian(θ) first");
        }
        CheckLength(v.Length, "v");
        CheckLength(result.Length, "result");
        int n = Depth, d0 = _dims[0];
        // Q̇_1 = Q_0 V_1ᵀ = V_1ᵀ; Q̇_j = Q_{j−1}V_jᵀ + Q̇_{j−1}U_j.
        Layer(v, 1).CopyTo(_qDot[1]);
        for (int j = 2; j <= n; j++)
        {
            DenseKernels.Multiply(_q[j - 1], Layer(v, j), _qDot[j], d0, _dims[j - 1], _dims[j]);
            DenseKernels.MultiplyAdd(_qDot[j - 1], _u[j], _qDot[j], d0, _dims[j - 1], _dims[j]);
        }
        if (_targetT is not null)
        {
            _qDot[n].CopyTo(_rDot[n], 0);
        }
        else
        {
            var dw = ToEndToEnd(_qDot[n]);
            _phi.HessianApply(ToEndToEnd(_q[n]), dw).ToColumnMajorArray().CopyTo(_rDot[n], 0);
        }
        // Ṙ_{j−1} = Ṙ_jU_jᵀ + R_jV_j (V_j = (θ-slice)ᵀ, so R_jV_j = R_j·(slice)ᵀ).
        for (int j = n; j >= 2; j--)
        {
            DenseKernels.Multiply(_rDot[j], _uT[j], _rDot[j - 1], d0, _dims[j], _dims[j - 1]);
            DenseKernels.MultiplyTransposeRightAdd(_r[j], Layer(v, j), _rDot[j - 1], d0, _dims[j], _dims[j - 1], _scratch);
        }
        LayerProducts(result, tangent: true);
    }

    private ReadOnlySpan<double> Layer(ReadOnlySpan<double> theta, int j) => theta.Slice(_offsets[j - 1], _dims[j] * _dims[j - 1]);

    private void CheckLength(int length, string what)
    {
        if (length != Dimension)
        {
            throw new ArgumentException($"{what} has {length} entries, expected {Dimension}");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<double> theta)
    {
        CheckLength(theta.Length, "θ");
        _hessianReady = false;
        int n = Depth, d0 = _dims[0];
        Layer(theta, 1).CopyTo(_q[1]);
        for (int j = 2; j <= n; j++)
        {
            DenseKernels.Multiply(_q[j - 1], Layer(theta, j), _q[j], d0, _dims[j - 1], _dims[j]);
        }
    }

    /// <summary>φ at Q_nᵀ; with <paramref name="computeGradient"/> also R_n = ∇φᵀ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double Loss(bool computeGradient)
    {
        int n = Depth;
        var q = _q[n];
        if (_targetT is { } t)
        {
            var r = _r[n];
            double sum = 0;
            for (int i = 0; i < q.Length; i++)
            {
                double g = q[i] - t[i];
                r[i] = g;
                sum += g * g;
            }
            return 0.5 * sum;
        }
        if (_inPlace is { } loss)
        {
            return loss.ValueAndGradient(q, computeGradient ? _r[n] : []);
        }
        var w = ToEndToEnd(q);
        if (computeGradient)
        {
            _phi.Gradient(w).ToColumnMajorArray().CopyTo(_r[n], 0);
        }
        return _phi.Value(w);
    }

    private Matrix<double> ToEndToEnd(double[] transposed) =>
        Matrix<double>.Build.Dense(_dims[Depth], _dims[0], (double[])transposed.Clone());

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<double> theta)
    {
        int d0 = _dims[0];
        for (int j = Depth; j >= 2; j--)
        {
            DenseKernels.MultiplyTransposeRight(_r[j], Layer(theta, j), _r[j - 1], d0, _dims[j], _dims[j - 1], _scratch);
        }
    }

    /// <summary>(∂f/∂W_j)ᵀ = Q_{j−1}ᵀR_j, or for the Hessian Q_{j−1}ᵀṘ_j + Q̇_{j−1}ᵀR_j (Q_0 = I, Q̇_0 = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void LayerProducts(Span<double> output, bool tangent)
    {
        int d0 = _dims[0];
        var first = tangent ? _rDot[1] : _r[1];
        first.CopyTo(output.Slice(_offsets[0], first.Length));
        for (int j = 2; j <= Depth; j++)
        {
            var slice = output.Slice(_offsets[j - 1], _dims[j] * _dims[j - 1]);
            DenseKernels.MultiplyTransposeLeft(_q[j - 1], tangent ? _rDot[j] : _r[j], slice, d0, _dims[j - 1], _dims[j]);
            if (tangent)
            {
                DenseKernels.MultiplyTransposeLeftAdd(_qDot[j - 1], _r[j], slice, d0, _dims[j - 1], _dims[j]);
            }
        }
    }
}
