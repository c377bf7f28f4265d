namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>
/// Eigenpairs of a small symmetric tridiagonal matrix T (diagonal a, off-diagonal b) by the implicit QL iteration with
/// Wilkinson shifts (Golub–Van Loan §8.3; the classic tql2/tqli form). Allocation-light and free of MathNet, for the
/// Ritz step of <see cref="Lanczos"/>: each Lanczos iteration needs θ = λ_min(T_k) and the last component of its unit
/// eigenvector (the residual estimate |β_k s_k|), which the QL sweep gives in O(k²) by tracking only the last row of
/// the accumulated rotations; the full eigenvector is formed once, at the step that stops.
/// </summary>
public static class SymmetricTridiagonal
{
    /// <summary>
    /// The smallest eigenvalue of T and its unit eigenvector: all of it when <paramref name="fullVector"/>, else only its
    /// last component (in a length-1 array). <paramref name="diagonal"/> has m entries, <paramref name="offDiagonal"/> at least m − 1.
    /// </summary>
    public static (double Value, double[] Vector) MinEigenpair(IReadOnlyList<double> diagonal, IReadOnlyList<double> offDiagonal, int m, bool fullVector)
    {
        var d = new double[m];
        var e = new double[m];
        for (int i = 0; i < m; i++)
        {
            d[i] = diagonal[i];
            e[i] = i + 1 < m ? offDiagonal[i] : 0;
        }
        // Rows of the accumulated rotation matrix Z (eigenvectors are its columns): all of them, or only the last.
        int rows = fullVector ? m : 1;
        var z = new double[rows * m];
        for (int r = 0; r < rows; r++)
        {
            z[(r * m) + (fullVector ? r : m - 1)] = 1;
        }
        Diagonalize(d, e, z, rows, m);
        int jmin = 0;
        for (int j = 1; j < m; j++)
        {
            if (d[j] < d[jmin])
            {
                jmin = j;
            }
        }
        var v = new double[rows];
        for (int r = 0; r < rows; r++)
        {
            v[r] = z[(r * m) + jmin];
        }
        if (fullVector)
        {
            double norm = Math.Sqrt(v.Sum(x => x * x));
            for (int r = 0; r < rows; r++)
            {
                v[r] /= norm;
            }
        }
        return (d[jmin], v);
    }

    /// <summary>‖T‖_∞ = max_i |b_{i−1}| + |a_i| + |b_i|.</summary>
    public static double InfinityNorm(IReadOnlyList<double> diagonal, IReadOnlyList<double> offDiagonal, int m)
    {
        double norm = 0;
        for (int i = 0; i < m; i++)
        {
            double row = Math.Abs(diagonal[i]) + (i > 0 ? Math.Abs(offDiagonal[i - 1]) : 0) + (i + 1 < m ? Math.Abs(offDiagonal[i]) : 0);
            norm = Math.Max(norm, row);
        }
        return norm;
    }

    /// <summary>Implicit QL: on return d holds the eigenvalues and the tracked rows of z the matching eigenvector components.</summary>
    private static void Diagonalize(double[] d, double[] e, double[] z, int rows, int n)
    {
        for (int l = 0; l < n; l++)
        {
            int iterations = 0;
            int m;
            do
            {
                for (m = l; m < n - 1; m++)
                {
                    double dd = Math.Abs(d[m]) + Math.Abs(d[m + 1]);
                    if (Math.Abs(e[m]) <= double.Epsilon + (1.1102230246251565e-16 * dd))
                    {
                        break;
                    }
                }
                if (m == l)
                {
                    break;
                }
                if (++iterations > 60)
                {
                    throw new ArithmeticException("tridiagonal QL iteration did not converge in 60 sweeps");
                }
                double g = (d[l + 1] - d[l]) / (2 * e[l]);
                double r = Hypot(g, 1);
                g = d[m] - d[l] + (e[l] / (g + (g >= 0 ? r : -r)));
                double s = 1, c = 1, p = 0;
                int i;
                bool deflated = false;
                for (i = m - 1; i >= l; i--)
                {
                    double f = s * e[i], b = c * e[i];
                    r = Hypot(f, g);
                    e[i + 1] = r;
                    if (r == 0)
                    {
                        d[i + 1] -= p;
                        e[m] = 0;
                        deflated = true;
                        break;
                    }
                    s = f / r;
                    c = g / r;
                    g = d[i + 1] - p;
                    r = ((d[i] - g) * s) + (2 * c * b);
                    p = s * r;
                    d[i + 1] = g + p;
                    g = (c * r) - b;
                    for (int k = 0; k < rows; k++)
                    {
                        int row = k * n;
                        f = z[row + i + 1];
                        z[row + i + 1] = (s * z[row + i]) + (c * f);
                        z[row + i] = (c * z[row + i]) - (s * f);
                    }
                }
                if (deflated)
                {
                    continue;
                }
                d[l] -= p;
                e[l] = g;
                e[m] = 0;
            }
            while (m != l);
        }
    }

    private static readonly double DirectLow = Math.ScaleB(1, -500), DirectHigh = Math.ScaleB(1, 500);

    /// <summary>
    /// √(a² + b²) without spurious overflow or underflow: directly when the larger magnitude lies in [2^−500, 2^500] (its
    /// square and the sum then stay finite, and an underflowing smaller square is below half an ulp of the larger; either form is
    /// within about an ulp of the exact value), scaled by it
    /// otherwise. The direct path saves the scaled form's division, which made Hypot as costly as the rest of the QL sweep.
    /// </summary>
    private static double Hypot(double a, double b)
    {
        double x = Math.Abs(a), y = Math.Abs(b);
        double big = Math.Max(x, y);
        if (big >= DirectLow && big <= DirectHigh)
        {
            return Math.Sqrt((x * x) + (y * y));
        }
        if (x < y)
        {
            (x, y) = (y, x);
        }
        if (x == 0)
        {
            return 0;
        }
        double t = y / x;
        return x * Math.Sqrt(1 + (t * t));
    }
}
