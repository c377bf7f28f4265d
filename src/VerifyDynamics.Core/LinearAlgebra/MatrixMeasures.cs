using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>Norms and singular values with the conventions of the papers.</summary>
public static class MatrixMeasures
{
    /// <summary>Singular values in non-increasing order; there are min(rows, columns) of them.</summary>
    public static double[] SingularValues(Matrix<double> a)
    {
        if (a.RowCount == 0 || a.ColumnCount == 0)
        {
            return [];
        }
        var s = a.Svd(computeVectors: false).S.ToArray();
        Array.Sort(s);
        Array.Reverse(s);
        return s;
    }

    /// <summary>
    /// σ_min(A) with ACGH19 footnote 1's convention: for A ∈ R^{d×d'} the min{d, d'}-th largest
    /// singular value (may be 0). Computed by SVD, not Gram matrices (which square the condition number).
    /// </summary>
    public static double SigmaMin(Matrix<double> a)
    {
        var s = SingularValues(a);
        return s.Length == 0 ? 0 : s[^1];
    }

    /// <summary>Spectral norm ‖A‖_σ = σ_max(A).</summary>
    public static double Spectral(Matrix<double> a)
    {
        var s = SingularValues(a);
        return s.Length == 0 ? 0 : s[0];
    }

    public static double Frobenius(Matrix<double> a) => a.FrobeniusNorm();

    /// <summary>Largest absolute entry (the scale used in rounding bounds).</summary>
    public static double MaxAbs(Matrix<double> a) => a.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();

    public static bool IsFinite(Matrix<double> a) => a.Enumerate().All(double.IsFinite);

    /// <summary>Rank counted with the relative threshold max(m, n)·u·σ_max (the LAPACK convention).</summary>
    public static int NumericalRank(Matrix<double> a)
    {
        var s = SingularValues(a);
        if (s.Length == 0 || s[0] == 0)
        {
            return 0;
        }
        double threshold = Math.Max(a.RowCount, a.ColumnCount) * 2.220446049250313e-16 * s[0];
        return s.Count(x => x > threshold);
    }

    /// <summary>f(S) for symmetric S via its eigen-decomposition (eigenvalues clipped at 0 when f needs it).</summary>
    public static Matrix<double> SymmetricFunction(Matrix<double> s, Func<double, double> f)
    {
        var evd = s.Evd(Symmetricity.Symmetric);
        var d = Matrix<double>.Build.DiagonalOfDiagonalVector(evd.EigenValues.Map(z => f(z.Real)));
        return evd.EigenVectors * d * evd.EigenVectors.Transpose();
    }

    /// <summary>S^{-1/2} for symmetric positive definite S.</summary>
    public static Matrix<double> InverseSquareRoot(Matrix<double> s) => SymmetricFunction(s, x => 1 / Math.Sqrt(x));

    /// <summary>Smallest eigenvalue of a symmetric matrix (dense; keep it small).</summary>
    public static double MinEigenvalue(Matrix<double> symmetric) =>
        symmetric.RowCount == 0 ? 0 : symmetric.Evd(Symmetricity.Symmetric).EigenValues.Min(z => z.Real);

    /// <summary>A^k for integer k ≥ 0 by repeated multiplication (identity for k = 0).</summary>
    public static Matrix<double> Power(Matrix<double> a, int k)
    {
        var result = Matrix<double>.Build.DenseIdentity(a.RowCount);
        for (int i = 0; i < k; i++)
        {
            result *= a;
        }
        return result;
    }
}
