using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Randomness;

/// <summary>
/// Deterministic SplitMix64 generator with uniform, Gaussian and matrix draws. Not thread-safe:
/// each trial owns one, created from its own seed.
/// </summary>
public sealed class Rng
{
    private ulong _state;
    private double? _spareGaussian;

    public Rng(Seed seed) => _state = seed.Value;

    public Seed Seed => new(_state);

    public ulong NextUInt64()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    public double Uniform(double lo, double hi) => lo + (hi - lo) * NextDouble();

    /// <summary>log-uniform in [lo, hi] (lo, hi > 0).</summary>
    public double LogUniform(double lo, double hi) => Math.Exp(Uniform(Math.Log(lo), Math.Log(hi)));

    /// <summary>Uniform integer in [lo, hi] inclusive.</summary>
    public int NextInt(int lo, int hi)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(hi, lo);
        ulong range = (ulong)(hi - lo) + 1;
        return lo + (int)(NextUInt64() % range);
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[NextInt(0, items.Count - 1)];

    public bool NextBool() => (NextUInt64() & 1) == 1;

    /// <summary>
    /// A random order of 0, …, n − 1: one <see cref="NextDouble"/> key per index, drawn in index order, then a stable sort by
    /// key; nothing is drawn when n ≤ 1 (there is one order). That is what <c>Enumerable.Range(0, n).OrderBy(_ =&gt;
    /// rng.NextDouble()).ToArray()</c> gives on the JIT build, but with the draws made here: the stream must not depend on
    /// how a LINQ build calls a key selector (the native build's LINQ drew a key for n = 1, and EC21 Fact.OpNorm's instances
    /// differed between the two builds).
    /// </summary>
    public int[] RandomOrder(int n)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        if (n <= 1)
        {
            return n == 0 ? [] : [0];
        }
        var keys = new double[n];
        for (int i = 0; i < n; i++)
        {
            keys[i] = NextDouble();
        }
        var order = new int[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }
        // Stable: ties (probability ~n²·2^-53) keep index order.
        Array.Sort(order, (a, b) => keys[a] != keys[b] ? keys[a].CompareTo(keys[b]) : a.CompareTo(b));
        return order;
    }

    /// <summary>Standard normal by the Marsaglia polar method (deterministic given the seed).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is { } spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * Math.Log(s) / s);
        _spareGaussian = v * f;
        return u * f;
    }

    /// <summary>Matrix with i.i.d. N(0, std²) entries.</summary>
    public Matrix<double> GaussianMatrix(int rows, int columns, double std = 1.0)
    {
        var m = Matrix<double>.Build.Dense(rows, columns);
        for (int j = 0; j < columns; j++)
        {
            for (int i = 0; i < rows; i++)
            {
                m[i, j] = std * NextGaussian();
            }
        }
        return m;
    }

    /// <summary>Haar-distributed orthogonal matrix (QR of a Gaussian matrix with the sign fix of Mezzadri 2007).</summary>
    public Matrix<double> HaarOrthogonal(int n)
    {
        var qr = GaussianMatrix(n, n).QR();
        var q = qr.Q.Clone();
        for (int j = 0; j < n; j++)
        {
            if (qr.R[j, j] < 0)
            {
                q.SetColumn(j, q.Column(j).Negate());
            }
        }
        return q;
    }

    /// <summary>Matrix with orthonormal columns (rows ≥ columns), Haar on the Stiefel manifold.</summary>
    public Matrix<double> Stiefel(int rows, int columns) => HaarOrthogonal(rows).SubMatrix(0, rows, 0, columns);
}
