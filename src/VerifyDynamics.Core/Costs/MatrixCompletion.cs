using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// JGGSH21 Sec. 2.1 matrix completion: C(A) = (1/N) Σ_{i=1}^N (A_{k_i m_i} − A*_{k_i m_i})² over the observed list
/// Ω = ((k_1, m_1), …, (k_N, m_N)) (repeats allowed: an entry observed c times counts c times); C_min = 0.
/// </summary>
public sealed class MatrixCompletion : IMatrixCost, IInPlaceEndToEndLoss
{
    public MatrixCompletion(Matrix<double> teacher, IReadOnlyList<(int Row, int Column)> observed)
    {
        if (observed.Count == 0)
        {
            throw new ArgumentException("matrix completion needs at least one observed entry");
        }
        Teacher = teacher;
        Observed = observed;
        Multiplicity = Matrix<double>.Build.Dense(teacher.RowCount, teacher.ColumnCount);
        foreach (var (r, c) in observed)
        {
            Multiplicity[r, c] += 1;
        }
        // Column-major copies for the in-place evaluation (the matrices are not modified after construction).
        _teacher = teacher.ToColumnMajorArray();
        _multiplicity = Multiplicity.ToColumnMajorArray();
        _observedIndex = [.. observed.Select(o => o.Column * teacher.RowCount + o.Row)];
    }

    private readonly double[] _teacher;
    private readonly double[] _multiplicity;
    private readonly int[] _observedIndex;

    /// <summary>The matrix A* whose entries are observed.</summary>
    public Matrix<double> Teacher { get; }

    public IReadOnlyList<(int Row, int Column)> Observed { get; }

    /// <summary>c_e: how often entry e is observed (0 = unobserved).</summary>
    public Matrix<double> Multiplicity { get; }

    public int SampleCount => Observed.Count;
    public int Rows => Teacher.RowCount;
    public int Columns => Teacher.ColumnCount;
    public double Minimum => 0;

    /// <summary>The 0/1 mask of observed entries, as a matrix (the observed set from a multiplicity matrix).</summary>
    public Matrix<double> Mask => Multiplicity.Map(c => c > 0 ? 1.0 : 0.0);

    public double Value(Matrix<double> w)
    {
        double s = 0;
        foreach (var (r, c) in Observed)
        {
            double d = w[r, c] - Teacher[r, c];
            s += d * d;
        }
        return s / SampleCount;
    }

    public Matrix<double> Gradient(Matrix<double> w) => (2.0 / SampleCount) * Multiplicity.PointwiseMultiply(w - Teacher);

    /// <summary>
    /// C(W) and, when <paramref name="gradient"/> is not empty, ∇C(W) written into it, for W given column-major: the same
    /// floating-point operations in the same order as <see cref="Value"/> and <see cref="Gradient"/> (so the same bits),
    /// without building matrices (the deep-linear kernel calls this at every gradient evaluation).
    /// </summary>
    public double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient)
    {
        int size = Rows * Columns;
        if (w.Length != size || (!gradient.IsEmpty && gradient.Length != size))
        {
            throw new ArgumentException($"W must have {Rows}×{Columns} = {size} entries (got {w.Length}, gradient {gradient.Length})");
        }
        double s = 0;
        foreach (int e in _observedIndex)
        {
            double d = w[e] - _teacher[e];
            s += d * d;
        }
        if (!gradient.IsEmpty)
        {
            double k = 2.0 / SampleCount;
            for (int i = 0; i < size; i++)
            {
                gradient[i] = k * (_multiplicity[i] * (w[i] - _teacher[i]));
            }
        }
        return s / SampleCount;
    }

    public Matrix<double> HessianVectorProduct(Matrix<double> a, Matrix<double> direction) =>
        (2.0 / SampleCount) * Multiplicity.PointwiseMultiply(direction);

    /// <summary>The PL constant β = 2/N of Fact.McPL (equality in the PL inequality when all entries are distinct).</summary>
    public double PolyakLojasiewiczConstant() => 2.0 / SampleCount;

    /// <summary>Test cost on the unobserved entries (Fig 1's dashed curves): mean squared error over entries with c_e = 0 (NaN if none).</summary>
    public double UnobservedError(Matrix<double> a)
    {
        double s = 0;
        int n = 0;
        for (int r = 0; r < Rows; r++)
        {
            for (int c = 0; c < Columns; c++)
            {
                if (Multiplicity[r, c] == 0)
                {
                    double d = a[r, c] - Teacher[r, c];
                    s += d * d;
                    n++;
                }
            }
        }
        return n == 0 ? double.NaN : s / n;
    }
}
