using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// f(θ) = φ(W_{n:1}) for a deep linear network with widths d_0..d_n (EC21 Eq. 11) on the flat parameter
/// vector θ = (vec W_1, …, vec W_n), each vec column-major (MathNet storage order): entry (p, q) of W_j
/// sits at <c>Offset(j) + p + q·d_j</c>.
/// </summary>
public sealed class DeepLinearObjective : IDifferentiableObjective
{
    private readonly int[] _offsets;

    public DeepLinearObjective(IReadOnlyList<int> dims, IEndToEndLoss phi)
    {
        if (dims.Count < 2)
        {
            throw new ArgumentException("need at least d_0 and d_1", nameof(dims));
        }
        Dims = [.. dims];
        Phi = phi;
        _offsets = new int[Depth + 1];
        for (int j = 1; j <= Depth; j++)
        {
            _offsets[j] = _offsets[j - 1] + Dims[j] * Dims[j - 1];
        }
    }

    /// <summary>ACGH19's objective ½‖W_{1:N} − Φ‖_F² for the network's widths.</summary>
    public static DeepLinearObjective ForTarget(IReadOnlyList<int> dims, Matrix<double> target) => new(dims, new FrobeniusTargetLoss(target));

    public int[] Dims { get; }
    public IEndToEndLoss Phi { get; }
    public int Depth => Dims.Length - 1;
    public int Dimension => _offsets[Depth];

    /// <summary>Index in θ of the first entry of W_j (1 ≤ j ≤ n).</summary>
    public int Offset(int j) => _offsets[j - 1];

    public DeepLinearNetwork Network(double[] theta)
    {
        if (theta.Length != Dimension)
        {
            throw new ArgumentException($"θ has {theta.Length} entries, expected {Dimension}", nameof(theta));
        }
        return new DeepLinearNetwork(Enumerable.Range(1, Depth).Select(j =>
            Matrix<double>.Build.Dense(Dims[j], Dims[j - 1], theta.AsSpan(Offset(j), Dims[j] * Dims[j - 1]).ToArray())));
    }

    /// <summary>Splits a vector of R^d into layer-shaped matrices (for directions Δθ).</summary>
    public Matrix<double>[] Unflatten(double[] v) => ParameterLayout.Unflatten(v, Dims);

    public double[] Pack(IEnumerable<Matrix<double>> layers)
    {
        var theta = new double[Dimension];
        int j = 1;
        foreach (var w in layers)
        {
            if (w.RowCount != Dims[j] || w.ColumnCount != Dims[j - 1])
            {
                throw new ArgumentException($"layer {j} is {w.RowCount}×{w.ColumnCount}, expected {Dims[j]}×{Dims[j - 1]}");
            }
            w.ToColumnMajorArray().CopyTo(theta, Offset(j));
            j++;
        }
        return theta;
    }

    public double[] Pack(DeepLinearNetwork network) => Pack(network.Weights);

    // Value, gradient and HVP run on a pooled DeepLinearKernel (allocation-free SIMD products on θ itself); the MathNet
    // path (ReferenceGradient, Networks.HessianVectorProduct.DeepLinear) stays as the independent check in the tests.
    public double Value(double[] theta)
    {
        CheckTheta(theta);
        var kernel = RentKernel();
        double value = kernel.Value(theta);
        ReturnKernel(kernel);
        return value;
    }

    public double[] Gradient(double[] theta)
    {
        CheckTheta(theta);
        var gradient = new double[Dimension];
        var kernel = RentKernel();
        kernel.ValueAndGradient(theta, gradient);
        ReturnKernel(kernel);
        return gradient;
    }

    public double[] HessianVectorProduct(double[] theta, double[] v)
    {
        CheckTheta(theta);
        var result = new double[Dimension];
        var kernel = RentKernel();
        kernel.PrepareHessian(theta);
        kernel.ApplyHessian(v, result);
        ReturnKernel(kernel);
        return result;
    }

    /// <summary>∇f(θ) through MathNet matrices (<see cref="DeepLinearNetwork.GradientsOfEndToEnd"/>): the reference the kernel is tested against.</summary>
    public double[] ReferenceGradient(double[] theta)
    {
        var net = Network(theta);
        return Pack(net.GradientsOfEndToEnd(Phi.Gradient(net.EndToEnd())));
    }

    /// <summary>f(θ) = φ(W_{n:1}) through MathNet matrices (the end-to-end product, then φ), the reference for <see cref="Value"/>.</summary>
    public double ReferenceValue(double[] theta) => Phi.Value(Network(theta).EndToEnd());

    /// <summary>EC21 Lemma 5's exact Hessian (<see cref="ExactHessian.DeepLinear"/>).</summary>
    public Matrix<double> Hessian(double[] theta) => ExactHessian.DeepLinear(this, theta);

    /// <summary>The scales of <see cref="Networks.HessianRoundingBound"/> at θ (data losses only; mask bound 1).</summary>
    public HessianRoundingBound.Scales RoundingScales(double[] theta)
    {
        if (Phi is not DataLoss data)
        {
            throw new NotSupportedException($"the exact-Hessian rounding bound is stated for data losses (EC21 Eq. 9), not {Phi.GetType().Name}");
        }
        var ws = ParameterLayout.Unflatten(theta, Dims);
        var outputs = new DeepLinearNetwork(ws).EndToEnd() * data.X;
        return Networks.HessianRoundingBound.ScalesOf(ws, Dims, 1, data.Loss, data.X, data.Loss.Gradient(outputs, data.Y));
    }

    public double HessianRoundingBound(double[] theta) => Networks.HessianRoundingBound.Matrix(RoundingScales(theta));

    /// <summary>A rigorous rounding bound for a computed Δθᵀ∇²f(θ)Δθ (<see cref="Networks.HessianRoundingBound.QuadraticForm"/>).</summary>
    public double QuadraticFormRoundingBound(double[] theta, IReadOnlyList<Matrix<double>> delta) =>
        Networks.HessianRoundingBound.QuadraticForm(RoundingScales(theta), delta);

    /// <summary>A kernel of its own for a hot loop (one ODE solve, one Lanczos run): not shared between threads.</summary>
    public DeepLinearKernel CreateKernel() => new(this);

    /// <summary>v ↦ ∇²f(θ)v with the forward and backward passes at θ done once (for Lanczos).</summary>
    public Func<double[], double[]> HessianOperator(double[] theta)
    {
        CheckTheta(theta);
        var kernel = CreateKernel();
        kernel.PrepareHessian(theta);
        return v =>
        {
            var r = new double[Dimension];
            kernel.ApplyHessian(v, r);
            return r;
        };
    }

    private DeepLinearKernel? _spareKernel;

    // One spare kernel per objective: the common single-threaded caller reuses it; concurrent callers build their own.
    private DeepLinearKernel RentKernel() => Interlocked.Exchange(ref _spareKernel, null) ?? new DeepLinearKernel(this);

    private void ReturnKernel(DeepLinearKernel kernel) => Volatile.Write(ref _spareKernel, kernel);

    private void CheckTheta(double[] theta)
    {
        if (theta.Length != Dimension)
        {
            throw new ArgumentException($"θ has {theta.Length} entries, expected {Dimension}", nameof(theta));
        }
    }

    /// <summary>The Gram differences W_{j+1}ᵀW_{j+1} − W_jW_jᵀ, j = 1..n−1, flattened (EC21.Fact.Balance).</summary>
    public double[] Invariants(double[] theta)
    {
        var net = Network(theta);
        return [.. Enumerable.Range(1, Depth - 1).SelectMany(j => net.GramDifference(j).ToColumnMajorArray())];
    }
}
