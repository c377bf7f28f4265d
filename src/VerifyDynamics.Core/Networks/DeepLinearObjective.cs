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
    public Matrix<double>[] Unflatten(double[] v) => [.. Network(v).Weights];

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

    public double Value(double[] theta) => Phi.Value(Network(theta).EndToEnd());

    public double[] Gradient(double[] theta)
    {
        var net = Network(theta);
        return Pack(net.GradientsOfEndToEnd(Phi.Gradient(net.EndToEnd())));
    }

    public double[] HessianVectorProduct(double[] theta, double[] v) =>
        Pack(Networks.HessianVectorProduct.DeepLinear(Network(theta), Phi, Unflatten(v)));

    /// <summary>The Gram differences W_{j+1}ᵀW_{j+1} − W_jW_jᵀ, j = 1..n−1, flattened (EC21.Fact.Balance).</summary>
    public double[] Invariants(double[] theta)
    {
        var net = Network(theta);
        return [.. Enumerable.Range(1, Depth - 1).SelectMany(j => net.GramDifference(j).ToColumnMajorArray())];
    }
}
