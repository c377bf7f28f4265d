using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// JGGSH21 Sec. 2.1 matrix completion: C(A) = (1/N) Σ_{i=1}^N (A_{k_i m_i} − A*_{k_i m_i})² over the observed list
/// Ω = ((k_1, m_1), …, (k_N, m_N)) (repeats allowed: an entry observed c times counts c times); C_min = 0.
/// </summary>
public sealed class MatrixCompletion : IMatrixCost
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
    }

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
