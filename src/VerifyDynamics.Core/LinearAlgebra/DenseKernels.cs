using System.Numerics;

namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>
/// Row-major dense products for the small matrices of the hot loops (GD steps on widths ≤ a few
/// hundred). MathNet's managed provider allocates per product and is tuned for large matrices;
/// these loops write into caller-owned buffers and vectorize the contiguous inner loop.
/// </summary>
public static class DenseKernels
{
    /// <summary>C (m×n) = A (m×k) · B (k×n).</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n)
    {
        c[..(m * n)].Clear();
        for (int i = 0; i < m; i++)
        {
            var row = c.Slice(i * n, n);
            for (int p = 0; p < k; p++)
            {
                Axpy(a[i * k + p], b.Slice(p * n, n), row);
            }
        }
    }

    /// <summary>C (m×n) = Aᵀ · B with A (k×m), B (k×n).</summary>
    public static void MultiplyTransposeLeft(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int k, int m, int n)
    {
        c[..(m * n)].Clear();
        for (int p = 0; p < k; p++)
        {
            var bRow = b.Slice(p * n, n);
            for (int i = 0; i < m; i++)
            {
                Axpy(a[p * m + i], bRow, c.Slice(i * n, n));
            }
        }
    }

    /// <summary>C (m×n) = A · Bᵀ with A (m×k), B (n×k).</summary>
    public static void MultiplyTransposeRight(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n)
    {
        for (int i = 0; i < m; i++)
        {
            var aRow = a.Slice(i * k, k);
            for (int j = 0; j < n; j++)
            {
                c[i * n + j] = Dot(aRow, b.Slice(j * k, k));
            }
        }
    }

    /// <summary>y += alpha·x.</summary>
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var va = new Vector<double>(alpha);
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                var vy = new Vector<double>(y.Slice(i));
                (vy + va * new Vector<double>(x.Slice(i))).CopyTo(y.Slice(i));
            }
        }
        for (; i < x.Length; i++)
        {
            y[i] += alpha * x[i];
        }
    }

    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        double sum = 0;
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<double>.Count)
        {
            var acc = Vector<double>.Zero;
            for (; i <= x.Length - Vector<double>.Count; i += Vector<double>.Count)
            {
                acc += new Vector<double>(x.Slice(i)) * new Vector<double>(y.Slice(i));
            }
            sum = Vector.Dot(acc, Vector<double>.One);
        }
        for (; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }
}
