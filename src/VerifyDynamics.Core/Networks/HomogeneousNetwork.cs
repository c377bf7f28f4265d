using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// f(θ) = (1/m) Σ_i ℓ(h_θ(x_i), y_i) with h_θ(x) = W_n σ(W_{n−1} σ(⋯σ(W_1 x))) and no biases (EC21 Eqs. 8–9),
/// where each W_j = W_j(w_j) is given by a <see cref="LayerMap"/> (fully connected, or weight-shared as in
/// EC21 App. C, Eq. 28) and σ is positively homogeneous. θ = (w_1, …, w_n) concatenated.
/// Derivatives are those of the region's smooth extension (Eq. 15): the activation masks D'_{i,j} of the
/// evaluation point are frozen, so they are exact wherever <see cref="RegionMargin"/> &gt; 0.
/// </summary>
public sealed class HomogeneousNetwork : IDifferentiableObjective
{
    private readonly LayerMap[] _layers;
    private readonly int[] _offsets;

    public HomogeneousNetwork(IReadOnlyList<LayerMap> layers, Activation activation, ISampleLoss loss, Matrix<double> x, Matrix<double> y)
    {
        _layers = [.. layers];
        if (_layers.Length == 0)
        {
            throw new ArgumentException("need at least one layer", nameof(layers));
        }
        for (int j = 1; j < _layers.Length; j++)
        {
            if (_layers[j].Columns != _layers[j - 1].Rows)
            {
                throw new ArgumentException($"layer {j + 1} has {_layers[j].Columns} columns but layer {j} has {_layers[j - 1].Rows} rows");
            }
        }
        if (x.RowCount != _layers[0].Columns || y.RowCount != _layers[^1].Rows || x.ColumnCount != y.ColumnCount)
        {
            throw new ArgumentException($"data shapes X {x.RowCount}×{x.ColumnCount}, Y {y.RowCount}×{y.ColumnCount} do not fit the network");
        }
        Activation = activation;
        Loss = loss;
        X = x;
        Y = y;
        _offsets = new int[_layers.Length + 1];
        for (int j = 0; j < _layers.Length; j++)
        {
            _offsets[j + 1] = _offsets[j] + _layers[j].ParameterCount;
        }
    }

    /// <summary>A fully connected network with widths d_0..d_n.</summary>
    public static HomogeneousNetwork FullyConnected(IReadOnlyList<int> dims, Activation activation, ISampleLoss loss, Matrix<double> x, Matrix<double> y) =>
        new([.. Enumerable.Range(1, dims.Count - 1).Select(j => LayerMap.Dense(dims[j], dims[j - 1]))], activation, loss, x, y);

    public IReadOnlyList<LayerMap> Layers => _layers;
    public Activation Activation { get; }
    public ISampleLoss Loss { get; }
    public Matrix<double> X { get; }
    public Matrix<double> Y { get; }
    public int Depth => _layers.Length;
    public int Samples => X.ColumnCount;
    public int Dimension => _offsets[^1];

    /// <summary>Widths d_0..d_n.</summary>
    public int[] Dims => [_layers[0].Columns, .. _layers.Select(l => l.Rows)];

    /// <summary>Index in θ of the first coordinate of w_j (1 ≤ j ≤ n).</summary>
    public int Offset(int j) => _offsets[j - 1];

    public ReadOnlySpan<double> LayerParameters(double[] theta, int j) => theta.AsSpan(_offsets[j - 1], _layers[j - 1].ParameterCount);

    /// <summary>W_1(w_1), …, W_n(w_n).</summary>
    public Matrix<double>[] Weights(double[] theta)
    {
        if (theta.Length != Dimension)
        {
            throw new ArgumentException($"θ has {theta.Length} entries, expected {Dimension}", nameof(theta));
        }
        return [.. Enumerable.Range(1, Depth).Select(j => _layers[j - 1].ToMatrix(LayerParameters(theta, j)))];
    }

    /// <summary>Pre-activations Z_j = W_j A_{j−1}, post-activations A_j = D_j∘Z_j (A_0 = X, A_n = Z_n = output), slopes D_j.</summary>
    public sealed record ForwardPass(Matrix<double>[] Weights, Matrix<double>[] Z, Matrix<double>[] A, Matrix<double>[] Slopes)
    {
        public Matrix<double> Output => Z[^1];
    }

    public ForwardPass Forward(double[] theta)
    {
        var w = Weights(theta);
        int n = Depth;
        var z = new Matrix<double>[n + 1];
        var a = new Matrix<double>[n + 1];
        var d = new Matrix<double>[n + 1];
        a[0] = X;
        for (int j = 1; j <= n; j++)
        {
            z[j] = w[j - 1] * a[j - 1];
            if (j < n)
            {
                d[j] = z[j].Map(Activation.Slope, MathNet.Numerics.LinearAlgebra.Zeros.Include);
                a[j] = z[j].PointwiseMultiply(d[j]);
            }
            else
            {
                d[j] = Matrix<double>.Build.Dense(z[j].RowCount, z[j].ColumnCount, 1.0);
                a[j] = z[j];
            }
        }
        return new ForwardPass(w, z, a, d);
    }

    /// <summary>h_θ(x_i) for all samples (columns).</summary>
    public Matrix<double> Output(double[] theta) => Forward(theta).Output;

    public double Value(double[] theta) => Loss.Mean(Output(theta), Y);

    /// <summary>
    /// Distance to the region boundary: min over hidden layers, samples and units of |pre-activation|
    /// (+∞ for linear activations, whose region is R^d). Derivatives are exact for the region's smooth
    /// extension; finite-difference checks need steps ≪ this margin / Lipschitz constant.
    /// </summary>
    public double RegionMargin(double[] theta)
    {
        if (Activation.IsLinear)
        {
            return double.PositiveInfinity;
        }
        var fp = Forward(theta);
        double m = double.PositiveInfinity;
        for (int j = 1; j < Depth; j++)
        {
            foreach (double z in fp.Z[j].Enumerate())
            {
                m = Math.Min(m, Math.Abs(z));
            }
        }
        return m;
    }

    private double[] PullBack(Matrix<double>[] matrixGradients)
    {
        var g = new double[Dimension];
        for (int j = 1; j <= Depth; j++)
        {
            _layers[j - 1].AccumulateAdjoint(matrixGradients[j - 1], g.AsSpan(_offsets[j - 1], _layers[j - 1].ParameterCount));
        }
        return g;
    }

    /// <summary>∂f/∂W_j as matrices (before the pull-back to w_j): backpropagation with frozen slopes.</summary>
    public Matrix<double>[] MatrixGradients(ForwardPass fp, out Matrix<double>[] deltas)
    {
        int n = Depth;
        deltas = new Matrix<double>[n + 1];
        deltas[n] = Loss.Gradient(fp.Output, Y) / Samples;
        var g = new Matrix<double>[n];
        for (int j = n; j >= 1; j--)
        {
            g[j - 1] = deltas[j].TransposeAndMultiply(fp.A[j - 1]);
            if (j > 1)
            {
                deltas[j - 1] = fp.Weights[j - 1].TransposeThisAndMultiply(deltas[j]).PointwiseMultiply(fp.Slopes[j - 1]);
            }
        }
        return g;
    }

    public double[] Gradient(double[] theta) => PullBack(MatrixGradients(Forward(theta), out _));

    /// <summary>
    /// Exact ∇²f(θ)v with frozen masks (forward-over-reverse): tangents Ż_1 = V_1X, Ȧ_j = D_j∘Ż_j,
    /// Ż_j = V_jA_{j−1} + W_jȦ_{j−1}; Δ̇_n = ∇²ℓ[Ż_n]/m, Δ̇_{j−1} = D_{j−1}∘(V_jᵀΔ_j + W_jᵀΔ̇_j);
    /// (Hv)_{W_j} = Δ̇_jA_{j−1}ᵀ + Δ_jȦ_{j−1}ᵀ, pulled back through the layer maps (linear, so no curvature term).
    /// </summary>
    public double[] HessianVectorProduct(double[] theta, double[] v)
    {
        var fp = Forward(theta);
        MatrixGradients(fp, out var deltas);
        var vw = Weights(v);
        int n = Depth;
        var zd = new Matrix<double>[n + 1];
        var ad = new Matrix<double>[n + 1];
        ad[0] = Matrix<double>.Build.Dense(X.RowCount, X.ColumnCount);
        for (int j = 1; j <= n; j++)
        {
            zd[j] = vw[j - 1] * fp.A[j - 1] + fp.Weights[j - 1] * ad[j - 1];
            ad[j] = j < n ? zd[j].PointwiseMultiply(fp.Slopes[j]) : zd[j];
        }
        var dd = new Matrix<double>[n + 1];
        dd[n] = Loss.HessianApply(fp.Output, Y, zd[n]) / Samples;
        var h = new Matrix<double>[n];
        for (int j = n; j >= 1; j--)
        {
            h[j - 1] = dd[j].TransposeAndMultiply(fp.A[j - 1]) + deltas[j].TransposeAndMultiply(ad[j - 1]);
            if (j > 1)
            {
                dd[j - 1] = (vw[j - 1].TransposeThisAndMultiply(deltas[j]) + fp.Weights[j - 1].TransposeThisAndMultiply(dd[j]))
                    .PointwiseMultiply(fp.Slopes[j - 1]);
            }
        }
        return PullBack(h);
    }

    /// <summary>
    /// An allocation-light value-and-gradient kernel of its own (<see cref="HomogeneousKernel"/>, DenseKernels products) for a
    /// long GD run or gradient-flow solve on data; not shared between threads. <see cref="Gradient"/> stays on MathNet.
    /// </summary>
    public HomogeneousKernel CreateKernel() => new(this);

    /// <summary>The exact Hessian with frozen masks (<see cref="ExactHessian.Homogeneous"/>; valid inside θ's region).</summary>
    public Matrix<double> Hessian(double[] theta) => ExactHessian.Homogeneous(this, theta);

    /// <summary>s = max{1, |α|, |ᾱ|}: the size of the mask entries in the rounding bounds.</summary>
    public double MaskBound => Math.Max(1, Math.Max(Math.Abs(Activation.Alpha), Math.Abs(Activation.AlphaBar)));

    /// <summary>The scales of <see cref="Networks.HessianRoundingBound"/> at θ (with the pull-back factor for weight-sharing layers).</summary>
    public HessianRoundingBound.Scales RoundingScales(double[] theta)
    {
        var fp = Forward(theta);
        double? pullBack = _layers.All(l => l.IsDense) ? null : _layers.Max(l => l.OperatorNorm() * l.OperatorNorm());
        return Networks.HessianRoundingBound.ScalesOf(fp.Weights, Dims, MaskBound, Loss, X, Loss.Gradient(fp.Output, Y), pullBack);
    }

    public double HessianRoundingBound(double[] theta) => Networks.HessianRoundingBound.Matrix(RoundingScales(theta));

    /// <summary>A rigorous rounding bound for a computed Δθᵀ∇²f(θ)Δθ, dense layers (<see cref="Networks.HessianRoundingBound.QuadraticForm"/>).</summary>
    public double QuadraticFormRoundingBound(double[] theta, IReadOnlyList<Matrix<double>> delta) =>
        Networks.HessianRoundingBound.QuadraticForm(RoundingScales(theta), delta);

    /// <summary>‖w_{j+1}‖² − ‖w_j‖², j = 1..n−1 (EC21.Fact.NormBalance; Du et al. 2018).</summary>
    public double[] Invariants(double[] theta)
    {
        var norms = Enumerable.Range(1, Depth).Select(j =>
        {
            double s = 0;
            foreach (double x in LayerParameters(theta, j))
            {
                s += x * x;
            }
            return s;
        }).ToArray();
        return [.. Enumerable.Range(0, Depth - 1).Select(j => norms[j + 1] - norms[j])];
    }

    /// <summary>
    /// Xavier/Glorot uniform initialization (PyTorch xavier_uniform_, gain 1): entries of W_j ~ U(−a, a),
    /// a = √(6/(fan_in + fan_out)), for dense layers; shared layers use the fan of the matrix they fill.
    /// </summary>
    public double[] XavierUniform(Randomness.Rng rng)
    {
        var theta = new double[Dimension];
        for (int j = 1; j <= Depth; j++)
        {
            var l = _layers[j - 1];
            double a = Math.Sqrt(6.0 / (l.Rows + l.Columns));
            for (int k = 0; k < l.ParameterCount; k++)
            {
                theta[_offsets[j - 1] + k] = rng.Uniform(-a, a);
            }
        }
        return theta;
    }
}
