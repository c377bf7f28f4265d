using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// A deep linear network x ↦ W_N ⋯ W_1 x with W_j ∈ R^{d_j × d_{j−1}} (ACGH19 §2). Layers are
/// 1-indexed in every method, as in the papers. Immutable: steps return new networks.
/// </summary>
public sealed class DeepLinearNetwork
{
    private readonly Matrix<double>[] _weights;

    public DeepLinearNetwork(IEnumerable<Matrix<double>> weights)
    {
        _weights = [.. weights];
        if (_weights.Length == 0)
        {
            throw new ArgumentException("A deep linear network needs at least one layer.", nameof(weights));
        }
        for (int j = 1; j < _weights.Length; j++)
        {
            if (_weights[j].ColumnCount != _weights[j - 1].RowCount)
            {
                throw new ArgumentException(
                    $"Layer {j + 1} has {_weights[j].ColumnCount} columns but layer {j} has {_weights[j - 1].RowCount} rows.",
                    nameof(weights));
            }
        }
    }

    /// <summary>Depth N.</summary>
    public int Depth => _weights.Length;

    /// <summary>Widths d_0, …, d_N.</summary>
    public int[] Dims => [_weights[0].ColumnCount, .. _weights.Select(w => w.RowCount)];

    public IReadOnlyList<Matrix<double>> Weights => _weights;

    /// <summary>W_j, 1 ≤ j ≤ N.</summary>
    public Matrix<double> this[int j] => _weights[j - 1];

    public int ParameterCount => _weights.Sum(w => w.RowCount * w.ColumnCount);

    /// <summary>
    /// W_{i:k} := W_k W_{k−1} ⋯ W_i (ACGH19 notation, intended reading of L362), the identity of
    /// size d_{i−1} when i &gt; k.
    /// </summary>
    public Matrix<double> Product(int i, int k)
    {
        if (i > k)
        {
            return Matrix<double>.Build.DenseIdentity(Dims[i - 1]);
        }
        var p = _weights[i - 1];
        for (int j = i + 1; j <= k; j++)
        {
            p = _weights[j - 1] * p;
        }
        return p;
    }

    /// <summary>The end-to-end matrix W_{1:N} = W_N ⋯ W_1.</summary>
    public Matrix<double> EndToEnd() => Product(1, Depth);

    /// <summary>ACGH19 loss L^N = ½‖W_{1:N} − Φ‖_F².</summary>
    public double Loss(Matrix<double> target)
    {
        double f = (EndToEnd() - target).FrobeniusNorm();
        return 0.5 * f * f;
    }

    /// <summary>
    /// ∂L^N/∂W_j = W_{j+1:N}ᵀ G W_{1:j−1}ᵀ with G = W_{1:N} − Φ (ACGH19 Eq. 14). Prefix and suffix
    /// products are formed once, so the cost is O(N) matrix products.
    /// </summary>
    public Matrix<double>[] Gradients(Matrix<double> target) => GradientsOfEndToEnd(EndToEnd() - target);

    /// <summary>Layer gradients for an arbitrary end-to-end gradient G = ∂ℓ/∂W_{1:N} (chain rule through the product).</summary>
    public Matrix<double>[] GradientsOfEndToEnd(Matrix<double> endToEndGradient)
    {
        int n = Depth;
        // prefix[j] = W_{1:j} (prefix[0] = I_{d_0}); suffix[j] = W_{j+1:N} (suffix[N] = I_{d_N}).
        var prefix = new Matrix<double>[n + 1];
        prefix[0] = Matrix<double>.Build.DenseIdentity(_weights[0].ColumnCount);
        for (int j = 1; j <= n; j++)
        {
            prefix[j] = _weights[j - 1] * prefix[j - 1];
        }
        var suffix = new Matrix<double>[n + 1];
        suffix[n] = Matrix<double>.Build.DenseIdentity(_weights[n - 1].RowCount);
        for (int j = n - 1; j >= 0; j--)
        {
            suffix[j] = suffix[j + 1] * _weights[j];
        }
        var grads = new Matrix<double>[n];
        for (int j = 1; j <= n; j++)
        {
            grads[j - 1] = suffix[j].TransposeThisAndMultiply(endToEndGradient).TransposeAndMultiply(prefix[j - 1]);
        }
        return grads;
    }

    /// <summary>One gradient-descent step W_j ← W_j − η ∂L^N/∂W_j (ACGH19 Eq. 4).</summary>
    public DeepLinearNetwork GradientStep(Matrix<double> target, double eta)
    {
        var g = Gradients(target);
        return new DeepLinearNetwork(_weights.Select((w, i) => w - eta * g[i]));
    }

    /// <summary>The Gram difference W_{j+1}ᵀW_{j+1} − W_jW_jᵀ (a d_j × d_j matrix), 1 ≤ j ≤ N−1.</summary>
    public Matrix<double> GramDifference(int j) =>
        _weights[j].TransposeThisAndMultiply(_weights[j]) - _weights[j - 1].TransposeAndMultiply(_weights[j - 1]);

    /// <summary>imb_j = ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F.</summary>
    public double Imbalance(int j) => GramDifference(j).FrobeniusNorm();

    /// <summary>
    /// The balancedness gap max_j imb_j (0 for N = 1): the weights are δ-balanced (ACGH19 Def. 1)
    /// iff this is ≤ δ.
    /// </summary>
    public double BalancednessGap() =>
        Depth == 1 ? 0 : Enumerable.Range(1, Depth - 1).Max(Imbalance);

    public bool IsBalanced(double delta) => BalancednessGap() <= delta;

    public DeepLinearNetwork Scaled(double factor) => new(_weights.Select(w => factor * w));

    public DeepLinearNetwork WithLayer(int j, Matrix<double> layer) =>
        new(_weights.Select((w, i) => i == j - 1 ? layer : w));

    public bool IsFinite() => _weights.All(w => w.Enumerate().All(double.IsFinite));
}
