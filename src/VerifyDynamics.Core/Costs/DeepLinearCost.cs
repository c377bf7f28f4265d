using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// JGGSH21's network cost C^NN_{L,λ}(θ) = C(A_θ) + λ‖θ‖² of a deep linear network with layer sizes n_0, …, n_L, and its
/// derivatives in the flat parameter vector θ.
/// <para>
/// Layout of θ: the layers in Core's order W_1, …, W_L (the paper's main text lists them as (W_L, …, W_1); only the order
/// of the blocks differs), each block row-major. A_θ = W_L⋯W_1. Gradient block ℓ: W_{L:ℓ+1}ᵀ ∇C(A_θ) W_{ℓ−1:1}ᵀ + 2λW_ℓ.
/// The Hessian-vector product is exact (forward-mode differentiation of the gradient through the prefix/suffix products),
/// so dense Hessians built from P of them are symmetric up to rounding and fit for eigenvalue tests.
/// </para>
/// </summary>
public sealed class DeepLinearCost
{
    private readonly int[] _offsets;

    public DeepLinearCost(IMatrixCost cost, IReadOnlyList<int> dims, double lambda = 0)
    {
        if (dims.Count < 2)
        {
            throw new ArgumentException("a network needs at least n_0 and n_1");
        }
        if (dims[0] != cost.Columns || dims[^1] != cost.Rows)
        {
            throw new ArgumentException($"network maps R^{dims[0]} → R^{dims[^1]} but the cost is on {cost.Rows}×{cost.Columns} matrices");
        }
        Cost = cost;
        Dims = [.. dims];
        Lambda = lambda;
        _offsets = new int[Depth + 1];
        for (int l = 1; l <= Depth; l++)
        {
            _offsets[l] = _offsets[l - 1] + Dims[l] * Dims[l - 1];
        }
    }

    /// <summary>A rectangular (L, w)-DLN: n_1 = … = n_{L−1} = w.</summary>
    public static DeepLinearCost Rectangular(IMatrixCost cost, int depth, int width, double lambda = 0) =>
        new(cost, [cost.Columns, .. Enumerable.Repeat(width, depth - 1), cost.Rows], lambda);

    public IMatrixCost Cost { get; }
    public int[] Dims { get; }
    public double Lambda { get; }
    public int Depth => Dims.Length - 1;

    /// <summary>P = Σ_ℓ n_ℓ n_{ℓ−1}.</summary>
    public int ParameterCount => _offsets[Depth];

    public DeepLinearCost WithLambda(double lambda) => new(Cost, Dims, lambda);

    /// <summary>The layers W_1..W_L of a parameter vector.</summary>
    public Matrix<double>[] Layers(Vector<double> theta)
    {
        var layers = new Matrix<double>[Depth];
        for (int l = 1; l <= Depth; l++)
        {
            int rows = Dims[l], cols = Dims[l - 1], off = _offsets[l - 1];
            layers[l - 1] = Matrix<double>.Build.Dense(rows, cols, (i, j) => theta[off + i * cols + j]);
        }
        return layers;
    }

    public DeepLinearNetwork Network(Vector<double> theta) => new(Layers(theta));

    public Vector<double> ToVector(IReadOnlyList<Matrix<double>> layers)
    {
        var v = Vector<double>.Build.Dense(ParameterCount);
        for (int l = 1; l <= Depth; l++)
        {
            var w = layers[l - 1];
            if (w.RowCount != Dims[l] || w.ColumnCount != Dims[l - 1])
            {
                throw new ArgumentException($"layer {l} is {w.RowCount}×{w.ColumnCount}, expected {Dims[l]}×{Dims[l - 1]}");
            }
            int off = _offsets[l - 1], cols = Dims[l - 1];
            for (int i = 0; i < w.RowCount; i++)
            {
                for (int j = 0; j < cols; j++)
                {
                    v[off + i * cols + j] = w[i, j];
                }
            }
        }
        return v;
    }

    public Vector<double> ToVector(DeepLinearNetwork network) => ToVector(network.Weights);

    /// <summary>A_θ = W_L⋯W_1.</summary>
    public Matrix<double> EndToEnd(Vector<double> theta) => Prefixes(Layers(theta))[Depth];

    public double Value(Vector<double> theta)
    {
        double n = theta.L2Norm();
        return Cost.Value(EndToEnd(theta)) + Lambda * n * n;
    }

    public Vector<double> Gradient(Vector<double> theta)
    {
        var w = Layers(theta);
        var prefix = Prefixes(w);
        var suffix = Suffixes(w);
        var g = Cost.Gradient(prefix[Depth]);
        var blocks = new Matrix<double>[Depth];
        for (int l = 1; l <= Depth; l++)
        {
            blocks[l - 1] = suffix[l].TransposeThisAndMultiply(g).TransposeAndMultiply(prefix[l - 1]);
        }
        return ToVector(blocks) + 2 * Lambda * theta;
    }

    /// <summary>JA_θ[ϑ] = Σ_ℓ W_{L:ℓ+1} V_ℓ W_{ℓ−1:1}: the first-order change of A_θ along ϑ.</summary>
    public Matrix<double> JacobianAction(Vector<double> theta, Vector<double> direction)
    {
        var w = Layers(theta);
        var v = Layers(direction);
        var prefix = Prefixes(w);
        var dPrefix = DirectionalPrefixes(w, v, prefix);
        return dPrefix[Depth];
    }

    /// <summary>∇²C^NN(θ)[ϑ], exact.</summary>
    public Vector<double> HessianVectorProduct(Vector<double> theta, Vector<double> direction)
    {
        var w = Layers(theta);
        var v = Layers(direction);
        var prefix = Prefixes(w);
        var suffix = Suffixes(w);
        var dPrefix = DirectionalPrefixes(w, v, prefix);
        // dS_ℓ = dS_{ℓ+1} W_{ℓ+1} + S_{ℓ+1} V_{ℓ+1}, dS_L = 0.
        var dSuffix = new Matrix<double>[Depth + 1];
        dSuffix[Depth] = Matrix<double>.Build.Dense(Dims[Depth], Dims[Depth]);
        for (int l = Depth - 1; l >= 0; l--)
        {
            dSuffix[l] = dSuffix[l + 1] * w[l] + suffix[l + 1] * v[l];
        }
        var a = prefix[Depth];
        var g = Cost.Gradient(a);
        var dg = Cost.HessianVectorProduct(a, dPrefix[Depth]);
        var blocks = new Matrix<double>[Depth];
        for (int l = 1; l <= Depth; l++)
        {
            blocks[l - 1] = dSuffix[l].TransposeThisAndMultiply(g).TransposeAndMultiply(prefix[l - 1])
                + suffix[l].TransposeThisAndMultiply(dg).TransposeAndMultiply(prefix[l - 1])
                + suffix[l].TransposeThisAndMultiply(g).TransposeAndMultiply(dPrefix[l - 1]);
        }
        return ToVector(blocks) + 2 * Lambda * direction;
    }

    /// <summary>The dense P×P Hessian from P exact Hessian-vector products, symmetrized (intended for P ≲ 1000).</summary>
    public Matrix<double> Hessian(Vector<double> theta)
    {
        int p = ParameterCount;
        var h = Matrix<double>.Build.Dense(p, p);
        var e = Vector<double>.Build.Dense(p);
        for (int k = 0; k < p; k++)
        {
            e[k] = 1;
            h.SetColumn(k, HessianVectorProduct(theta, e));
            e[k] = 0;
        }
        return 0.5 * (h + h.Transpose());
    }

    /// <summary>The explicit Jacobian of θ ↦ vec(A_θ) (row-major vec), n_L n_0 × P.</summary>
    public Matrix<double> Jacobian(Vector<double> theta)
    {
        var w = Layers(theta);
        var prefix = Prefixes(w);
        var suffix = Suffixes(w);
        int nL = Dims[Depth], n0 = Dims[0];
        var j = Matrix<double>.Build.Dense(nL * n0, ParameterCount);
        for (int l = 1; l <= Depth; l++)
        {
            var s = suffix[l];
            var pr = prefix[l - 1];
            int rows = Dims[l], cols = Dims[l - 1], off = _offsets[l - 1];
            // ∂A/∂(W_ℓ)_{ik} = S_ℓ[:, i] P_ℓ[k, :].
            for (int i = 0; i < rows; i++)
            {
                for (int k = 0; k < cols; k++)
                {
                    int col = off + i * cols + k;
                    for (int r = 0; r < nL; r++)
                    {
                        double sri = s[r, i];
                        if (sri == 0)
                        {
                            continue;
                        }
                        for (int c = 0; c < n0; c++)
                        {
                            j[r * n0 + c, col] = sri * pr[k, c];
                        }
                    }
                }
            }
        }
        return j;
    }

    /// <summary>
    /// The NTK Θ(θ) = JA_θ JA_θᵀ on row-major vec of n_L×n_0 matrices, by the Kronecker formula Σ_ℓ (S_ℓS_ℓᵀ) ⊗ (P_ℓᵀP_ℓ)
    /// with S_ℓ = W_{L:ℓ+1}, P_ℓ = W_{ℓ−1:1} (catalog §0) — never forms J.
    /// </summary>
    public Matrix<double> NeuralTangentKernel(Vector<double> theta)
    {
        var w = Layers(theta);
        var prefix = Prefixes(w);
        var suffix = Suffixes(w);
        int nL = Dims[Depth], n0 = Dims[0];
        var k = Matrix<double>.Build.Dense(nL * n0, nL * n0);
        for (int l = 1; l <= Depth; l++)
        {
            var left = suffix[l].TransposeAndMultiply(suffix[l]);
            var right = prefix[l - 1].TransposeThisAndMultiply(prefix[l - 1]);
            k += left.KroneckerProduct(right);
        }
        return k;
    }

    private Matrix<double>[] Prefixes(Matrix<double>[] w)
    {
        // prefix[ℓ] = W_{ℓ:1} (prefix[0] = I_{n_0}).
        var prefix = new Matrix<double>[Depth + 1];
        prefix[0] = Matrix<double>.Build.DenseIdentity(Dims[0]);
        for (int l = 1; l <= Depth; l++)
        {
            prefix[l] = w[l - 1] * prefix[l - 1];
        }
        return prefix;
    }

    private Matrix<double>[] Suffixes(Matrix<double>[] w)
    {
        // suffix[ℓ] = W_{L:ℓ+1} (suffix[L] = I_{n_L}).
        var suffix = new Matrix<double>[Depth + 1];
        suffix[Depth] = Matrix<double>.Build.DenseIdentity(Dims[Depth]);
        for (int l = Depth - 1; l >= 0; l--)
        {
            suffix[l] = suffix[l + 1] * w[l];
        }
        return suffix;
    }

    private Matrix<double>[] DirectionalPrefixes(Matrix<double>[] w, Matrix<double>[] v, Matrix<double>[] prefix)
    {
        // dP_{ℓ+1} = V_ℓ P_ℓ + W_ℓ dP_ℓ, dP_0 = 0.
        var d = new Matrix<double>[Depth + 1];
        d[0] = Matrix<double>.Build.Dense(Dims[0], Dims[0]);
        for (int l = 1; l <= Depth; l++)
        {
            d[l] = v[l - 1] * prefix[l - 1] + w[l - 1] * d[l - 1];
        }
        return d;
    }
}
