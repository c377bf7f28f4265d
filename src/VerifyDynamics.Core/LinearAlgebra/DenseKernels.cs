using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>
/// Row-major dense products for the small matrices of the hot loops (deep-linear-network gradients, GD steps,
/// Hessian-vector products on widths ≤ a few hundred). MathNet's managed provider allocates per product and is
/// tuned for large matrices; these write into caller-owned buffers and never allocate.
/// <para>Every entry of a product is one fused multiply-add chain c_ij = fma(a_ik, b_kj, …fma(a_i0, b_0j, 0)) in
/// increasing k, whatever the blocking, the vector width or the tail: the register-blocked SIMD paths (4 rows × 16
/// columns of <see cref="Vector512{T}"/> accumulators on AVX-512 machines, 4 rows × 8 of <see cref="Vector256{T}"/>) and the scalar tails (<see cref="Math.FusedMultiplyAdd"/>)
/// give bit-identical results, so results do not depend on the machine's vector width (tests compare against the
/// scalar chain exactly).</para>
/// </summary>
public static class DenseKernels
{
    /// <summary>True when the 256-bit path runs in hardware (AVX2 + FMA on x86); otherwise everything is scalar FMA.</summary>
    public static bool SimdAccelerated => Vector256.IsHardwareAccelerated && System.Runtime.Intrinsics.X86.Fma.IsSupported;

    /// <summary>C (m×n) = A (m×k) · B (k×n).</summary>
    public static void Multiply(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n) =>
        Gemm(a, b, c, m, k, n, transposeA: false, accumulate: false);

    /// <summary>C (m×n) += A (m×k) · B (k×n) (the chain continues from the current C).</summary>
    public static void MultiplyAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n) =>
        Gemm(a, b, c, m, k, n, transposeA: false, accumulate: true);

    /// <summary>C (m×n) = Aᵀ · B with A (k×m), B (k×n).</summary>
    public static void MultiplyTransposeLeft(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int k, int m, int n) =>
        Gemm(a, b, c, m, k, n, transposeA: true, accumulate: false);

    /// <summary>C (m×n) += Aᵀ · B with A (k×m), B (k×n).</summary>
    public static void MultiplyTransposeLeftAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int k, int m, int n) =>
        Gemm(a, b, c, m, k, n, transposeA: true, accumulate: true);

    /// <summary>C (m×n) = A · Bᵀ with A (m×k), B (n×k). Allocates a k×n scratch; hot loops use the overload with scratch.</summary>
    public static void MultiplyTransposeRight(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n) =>
        MultiplyTransposeRight(a, b, c, m, k, n, new double[k * n]);

    /// <summary>C (m×n) = A · Bᵀ with A (m×k), B (n×k), through Bᵀ written into <paramref name="scratch"/> (≥ k·n).</summary>
    public static void MultiplyTransposeRight(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, Span<double> scratch)
    {
        Transpose(b, scratch, n, k);
        Gemm(a, scratch, c, m, k, n, transposeA: false, accumulate: false);
    }

    /// <summary>C (m×n) += A · Bᵀ with A (m×k), B (n×k), through Bᵀ written into <paramref name="scratch"/> (≥ k·n).</summary>
    public static void MultiplyTransposeRightAdd(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, Span<double> scratch)
    {
        Transpose(b, scratch, n, k);
        Gemm(a, scratch, c, m, k, n, transposeA: false, accumulate: true);
    }

    /// <summary>T (n×m) = Aᵀ for A (m×n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Transpose(ReadOnlySpan<double> a, Span<double> t, int m, int n)
    {
        _ = a[m * n - 1];
        _ = t[m * n - 1];
        for (int i = 0; i < m; i++)
        {
            var row = a.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                t[j * m + i] = row[j];
            }
        }
    }

    /// <summary>
    /// The reference the fast path must equal bit for bit: C = op(A)·B with each entry one FMA chain in increasing k
    /// (op(A) = Aᵀ when <paramref name="transposeA"/>, A then k×m). Used by tests and as the scalar path.
    /// </summary>
    public static void MultiplyReference(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool transposeA, bool accumulate)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    s = Math.FusedMultiplyAdd(transposeA ? a[p * m + i] : a[i * k + p], b[p * n + j], s);
                }
                c[i * n + j] = s;
            }
        }
    }

    // Fully optimized from the first call: a short process (vd eval --gd) would otherwise spend its first ~100 ms in
    // unoptimized tier-0 code, where the block helpers are not inlined.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Gemm(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n, bool transposeA, bool accumulate)
    {
        if (m == 0 || n == 0)
        {
            return;
        }
        if (a.Length < m * k || b.Length < k * n || c.Length < m * n)
        {
            throw new ArgumentException($"buffers too short for a {m}×{k} by {k}×{n} product (A {a.Length}, B {b.Length}, C {c.Length})");
        }
        if (k == 0)
        {
            if (!accumulate)
            {
                c[..(m * n)].Clear();
            }
            return;
        }
        if (!SimdAccelerated)
        {
            MultiplyReference(a, b, c, m, k, n, transposeA, accumulate);
            return;
        }
        ref double ra = ref MemoryMarshal.GetReference(a);
        ref double rb = ref MemoryMarshal.GetReference(b);
        ref double rc = ref MemoryMarshal.GetReference(c);
        // Row stride and step along k of A: A[i,p] at i*rowA + p*colA.
        nint rowA = transposeA ? 1 : k, colA = transposeA ? m : 1;
        int i = 0;
        bool wide = Vector512.IsHardwareAccelerated;
        for (; i + 4 <= m; i += 4)
        {
            int j = 0;
            if (wide)
            {
                for (; j + 16 <= n; j += 16)
                {
                    Block4x16(ref ra, ref rb, ref rc, i, j, k, n, rowA, colA, accumulate);
                }
            }
            for (; j + 8 <= n; j += 8)
            {
                Block4x8(ref ra, ref rb, ref rc, i, j, k, n, rowA, colA, accumulate);
            }
            for (; j + 4 <= n; j += 4)
            {
                Block4x4(ref ra, ref rb, ref rc, i, j, k, n, rowA, colA, accumulate);
            }
            for (; j + 2 <= n; j += 2)
            {
                Block4x2(ref ra, ref rb, ref rc, i, j, k, n, rowA, colA, accumulate);
            }
            for (; j < n; j++)
            {
                Block4x1(ref ra, ref rb, ref rc, i, j, k, n, rowA, colA, accumulate);
            }
        }
        for (; i < m; i++)
        {
            int j = 0;
            for (; j + 8 <= n; j += 8)
            {
                Block1x8(ref ra, ref rb, ref rc, i, j, k, n, rowA, colA, accumulate);
            }
            for (; j < n; j++)
            {
                ScalarEntry(ref ra, ref rb, ref rc, i, j, k, n, rowA, colA, accumulate);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ScalarEntry(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n, nint rowA, nint colA, bool accumulate)
    {
        ref double cij = ref Unsafe.Add(ref rc, (nint)i * n + j);
        double s = accumulate ? cij : 0;
        ref double ai = ref Unsafe.Add(ref ra, i * rowA);
        for (int p = 0; p < k; p++)
        {
            s = Math.FusedMultiplyAdd(Unsafe.Add(ref ai, p * colA), Unsafe.Add(ref rb, (nint)p * n + j), s);
        }
        cij = s;
    }

    /// <summary>
    /// 4 rows × 16 columns in eight <see cref="Vector512{T}"/> accumulators (AVX-512 machines: twice the columns per
    /// instruction of <see cref="Block4x8"/>); each entry is the same FMA chain in increasing k, so the result is bit-identical.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x16(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n, nint rowA, nint colA, bool accumulate)
    {
        ref double c0 = ref Unsafe.Add(ref rc, (nint)i * n + j);
        ref double c1 = ref Unsafe.Add(ref c0, n);
        ref double c2 = ref Unsafe.Add(ref c1, n);
        ref double c3 = ref Unsafe.Add(ref c2, n);
        Vector512<double> s00, s01, s10, s11, s20, s21, s30, s31;
        if (accumulate)
        {
            s00 = Vector512.LoadUnsafe(ref c0); s01 = Vector512.LoadUnsafe(ref c0, 8);
            s10 = Vector512.LoadUnsafe(ref c1); s11 = Vector512.LoadUnsafe(ref c1, 8);
            s20 = Vector512.LoadUnsafe(ref c2); s21 = Vector512.LoadUnsafe(ref c2, 8);
            s30 = Vector512.LoadUnsafe(ref c3); s31 = Vector512.LoadUnsafe(ref c3, 8);
        }
        else
        {
            s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = Vector512<double>.Zero;
        }
        ref double a0 = ref Unsafe.Add(ref ra, i * rowA);
        ref double a1 = ref Unsafe.Add(ref a0, rowA);
        ref double a2 = ref Unsafe.Add(ref a1, rowA);
        ref double a3 = ref Unsafe.Add(ref a2, rowA);
        ref double bp = ref Unsafe.Add(ref rb, j);
        nint pa = 0;
        for (int p = 0; p < k; p++, pa += colA)
        {
            var b0 = Vector512.LoadUnsafe(ref bp);
            var b1 = Vector512.LoadUnsafe(ref bp, 8);
            var x = Vector512.Create(Unsafe.Add(ref a0, pa));
            s00 = Vector512.FusedMultiplyAdd(x, b0, s00);
            s01 = Vector512.FusedMultiplyAdd(x, b1, s01);
            x = Vector512.Create(Unsafe.Add(ref a1, pa));
            s10 = Vector512.FusedMultiplyAdd(x, b0, s10);
            s11 = Vector512.FusedMultiplyAdd(x, b1, s11);
            x = Vector512.Create(Unsafe.Add(ref a2, pa));
            s20 = Vector512.FusedMultiplyAdd(x, b0, s20);
            s21 = Vector512.FusedMultiplyAdd(x, b1, s21);
            x = Vector512.Create(Unsafe.Add(ref a3, pa));
            s30 = Vector512.FusedMultiplyAdd(x, b0, s30);
            s31 = Vector512.FusedMultiplyAdd(x, b1, s31);
            bp = ref Unsafe.Add(ref bp, n);
        }
        s00.StoreUnsafe(ref c0); s01.StoreUnsafe(ref c0, 8);
        s10.StoreUnsafe(ref c1); s11.StoreUnsafe(ref c1, 8);
        s20.StoreUnsafe(ref c2); s21.StoreUnsafe(ref c2, 8);
        s30.StoreUnsafe(ref c3); s31.StoreUnsafe(ref c3, 8);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x8(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n, nint rowA, nint colA, bool accumulate)
    {
        ref double c0 = ref Unsafe.Add(ref rc, (nint)i * n + j);
        ref double c1 = ref Unsafe.Add(ref c0, n);
        ref double c2 = ref Unsafe.Add(ref c1, n);
        ref double c3 = ref Unsafe.Add(ref c2, n);
        Vector256<double> s00, s01, s10, s11, s20, s21, s30, s31;
        if (accumulate)
        {
            s00 = Vector256.LoadUnsafe(ref c0); s01 = Vector256.LoadUnsafe(ref c0, 4);
            s10 = Vector256.LoadUnsafe(ref c1); s11 = Vector256.LoadUnsafe(ref c1, 4);
            s20 = Vector256.LoadUnsafe(ref c2); s21 = Vector256.LoadUnsafe(ref c2, 4);
            s30 = Vector256.LoadUnsafe(ref c3); s31 = Vector256.LoadUnsafe(ref c3, 4);
        }
        else
        {
            s00 = s01 = s10 = s11 = s20 = s21 = s30 = s31 = Vector256<double>.Zero;
        }
        ref double a0 = ref Unsafe.Add(ref ra, i * rowA);
        ref double a1 = ref Unsafe.Add(ref a0, rowA);
        ref double a2 = ref Unsafe.Add(ref a1, rowA);
        ref double a3 = ref Unsafe.Add(ref a2, rowA);
        ref double bp = ref Unsafe.Add(ref rb, j);
        nint pa = 0;
        for (int p = 0; p < k; p++, pa += colA)
        {
            var b0 = Vector256.LoadUnsafe(ref bp);
            var b1 = Vector256.LoadUnsafe(ref bp, 4);
            var x = Vector256.Create(Unsafe.Add(ref a0, pa));
            s00 = Vector256.FusedMultiplyAdd(x, b0, s00);
            s01 = Vector256.FusedMultiplyAdd(x, b1, s01);
            x = Vector256.Create(Unsafe.Add(ref a1, pa));
            s10 = Vector256.FusedMultiplyAdd(x, b0, s10);
            s11 = Vector256.FusedMultiplyAdd(x, b1, s11);
            x = Vector256.Create(Unsafe.Add(ref a2, pa));
            s20 = Vector256.FusedMultiplyAdd(x, b0, s20);
            s21 = Vector256.FusedMultiplyAdd(x, b1, s21);
            x = Vector256.Create(Unsafe.Add(ref a3, pa));
            s30 = Vector256.FusedMultiplyAdd(x, b0, s30);
            s31 = Vector256.FusedMultiplyAdd(x, b1, s31);
            bp = ref Unsafe.Add(ref bp, n);
        }
        s00.StoreUnsafe(ref c0); s01.StoreUnsafe(ref c0, 4);
        s10.StoreUnsafe(ref c1); s11.StoreUnsafe(ref c1, 4);
        s20.StoreUnsafe(ref c2); s21.StoreUnsafe(ref c2, 4);
        s30.StoreUnsafe(ref c3); s31.StoreUnsafe(ref c3, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x4(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n, nint rowA, nint colA, bool accumulate)
    {
        ref double c0 = ref Unsafe.Add(ref rc, (nint)i * n + j);
        ref double c1 = ref Unsafe.Add(ref c0, n);
        ref double c2 = ref Unsafe.Add(ref c1, n);
        ref double c3 = ref Unsafe.Add(ref c2, n);
        Vector256<double> s0, s1, s2, s3;
        if (accumulate)
        {
            s0 = Vector256.LoadUnsafe(ref c0);
            s1 = Vector256.LoadUnsafe(ref c1);
            s2 = Vector256.LoadUnsafe(ref c2);
            s3 = Vector256.LoadUnsafe(ref c3);
        }
        else
        {
            s0 = s1 = s2 = s3 = Vector256<double>.Zero;
        }
        ref double a0 = ref Unsafe.Add(ref ra, i * rowA);
        ref double a1 = ref Unsafe.Add(ref a0, rowA);
        ref double a2 = ref Unsafe.Add(ref a1, rowA);
        ref double a3 = ref Unsafe.Add(ref a2, rowA);
        ref double bp = ref Unsafe.Add(ref rb, j);
        nint pa = 0;
        for (int p = 0; p < k; p++, pa += colA)
        {
            var b0 = Vector256.LoadUnsafe(ref bp);
            s0 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a0, pa)), b0, s0);
            s1 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a1, pa)), b0, s1);
            s2 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a2, pa)), b0, s2);
            s3 = Vector256.FusedMultiplyAdd(Vector256.Create(Unsafe.Add(ref a3, pa)), b0, s3);
            bp = ref Unsafe.Add(ref bp, n);
        }
        s0.StoreUnsafe(ref c0);
        s1.StoreUnsafe(ref c1);
        s2.StoreUnsafe(ref c2);
        s3.StoreUnsafe(ref c3);
    }

    /// <summary>
    /// The column tail of a 4-row block, 2 columns in four <see cref="Vector128{T}"/> chains (a lone FMA chain per entry is
    /// latency-bound: on 784-50 shapes the 2 leftover columns took as long as the other 48).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x2(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n, nint rowA, nint colA, bool accumulate)
    {
        ref double c0 = ref Unsafe.Add(ref rc, (nint)i * n + j);
        ref double c1 = ref Unsafe.Add(ref c0, n);
        ref double c2 = ref Unsafe.Add(ref c1, n);
        ref double c3 = ref Unsafe.Add(ref c2, n);
        Vector128<double> s0, s1, s2, s3;
        if (accumulate)
        {
            s0 = Vector128.LoadUnsafe(ref c0);
            s1 = Vector128.LoadUnsafe(ref c1);
            s2 = Vector128.LoadUnsafe(ref c2);
            s3 = Vector128.LoadUnsafe(ref c3);
        }
        else
        {
            s0 = s1 = s2 = s3 = Vector128<double>.Zero;
        }
        ref double a0 = ref Unsafe.Add(ref ra, i * rowA);
        ref double a1 = ref Unsafe.Add(ref a0, rowA);
        ref double a2 = ref Unsafe.Add(ref a1, rowA);
        ref double a3 = ref Unsafe.Add(ref a2, rowA);
        ref double bp = ref Unsafe.Add(ref rb, j);
        nint pa = 0;
        for (int p = 0; p < k; p++, pa += colA)
        {
            var b0 = Vector128.LoadUnsafe(ref bp);
            s0 = Vector128.FusedMultiplyAdd(Vector128.Create(Unsafe.Add(ref a0, pa)), b0, s0);
            s1 = Vector128.FusedMultiplyAdd(Vector128.Create(Unsafe.Add(ref a1, pa)), b0, s1);
            s2 = Vector128.FusedMultiplyAdd(Vector128.Create(Unsafe.Add(ref a2, pa)), b0, s2);
            s3 = Vector128.FusedMultiplyAdd(Vector128.Create(Unsafe.Add(ref a3, pa)), b0, s3);
            bp = ref Unsafe.Add(ref bp, n);
        }
        s0.StoreUnsafe(ref c0);
        s1.StoreUnsafe(ref c1);
        s2.StoreUnsafe(ref c2);
        s3.StoreUnsafe(ref c3);
    }

    /// <summary>The last column of a 4-row block: four scalar FMA chains interleaved (independent, so not latency-bound).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block4x1(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n, nint rowA, nint colA, bool accumulate)
    {
        ref double c0 = ref Unsafe.Add(ref rc, (nint)i * n + j);
        ref double c1 = ref Unsafe.Add(ref c0, n);
        ref double c2 = ref Unsafe.Add(ref c1, n);
        ref double c3 = ref Unsafe.Add(ref c2, n);
        double s0 = accumulate ? c0 : 0, s1 = accumulate ? c1 : 0, s2 = accumulate ? c2 : 0, s3 = accumulate ? c3 : 0;
        ref double a0 = ref Unsafe.Add(ref ra, i * rowA);
        ref double a1 = ref Unsafe.Add(ref a0, rowA);
        ref double a2 = ref Unsafe.Add(ref a1, rowA);
        ref double a3 = ref Unsafe.Add(ref a2, rowA);
        ref double bp = ref Unsafe.Add(ref rb, j);
        nint pa = 0;
        for (int p = 0; p < k; p++, pa += colA)
        {
            double b0 = bp;
            s0 = Math.FusedMultiplyAdd(Unsafe.Add(ref a0, pa), b0, s0);
            s1 = Math.FusedMultiplyAdd(Unsafe.Add(ref a1, pa), b0, s1);
            s2 = Math.FusedMultiplyAdd(Unsafe.Add(ref a2, pa), b0, s2);
            s3 = Math.FusedMultiplyAdd(Unsafe.Add(ref a3, pa), b0, s3);
            bp = ref Unsafe.Add(ref bp, n);
        }
        c0 = s0;
        c1 = s1;
        c2 = s2;
        c3 = s3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Block1x8(ref double ra, ref double rb, ref double rc, int i, int j, int k, int n, nint rowA, nint colA, bool accumulate)
    {
        ref double c0 = ref Unsafe.Add(ref rc, (nint)i * n + j);
        var s0 = accumulate ? Vector256.LoadUnsafe(ref c0) : Vector256<double>.Zero;
        var s1 = accumulate ? Vector256.LoadUnsafe(ref c0, 4) : Vector256<double>.Zero;
        ref double a0 = ref Unsafe.Add(ref ra, i * rowA);
        ref double bp = ref Unsafe.Add(ref rb, j);
        nint pa = 0;
        for (int p = 0; p < k; p++, pa += colA)
        {
            var x = Vector256.Create(Unsafe.Add(ref a0, pa));
            s0 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp), s0);
            s1 = Vector256.FusedMultiplyAdd(x, Vector256.LoadUnsafe(ref bp, 4), s1);
            bp = ref Unsafe.Add(ref bp, n);
        }
        s0.StoreUnsafe(ref c0);
        s1.StoreUnsafe(ref c0, 4);
    }

    /// <summary>y += alpha·x (one FMA per entry).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Axpy(double alpha, ReadOnlySpan<double> x, Span<double> y)
    {
        RequireYAtLeastX(x.Length, y.Length);
        int i = 0;
        if (SimdAccelerated)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double ry = ref MemoryMarshal.GetReference(y);
            var va = Vector256.Create(alpha);
            for (; i + 4 <= x.Length; i += 4)
            {
                Vector256.FusedMultiplyAdd(va, Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref ry, (nuint)i)).StoreUnsafe(ref ry, (nuint)i);
            }
        }
        for (; i < x.Length; i++)
        {
            y[i] = Math.FusedMultiplyAdd(alpha, x[i], y[i]);
        }
    }

    /// <summary>
    /// Σ x_i y_i with sixteen partial sums: sum j (0 ≤ j &lt; 16) accumulates, by FMA, the entries i ≡ j (mod 16) of the first
    /// 16·⌊n/16⌋; the sums are combined as t_j = (s_j + s_{4+j}) + (s_{8+j} + s_{12+j}), then (t_0 + t_1) + (t_2 + t_3); the
    /// remaining entries are added by FMA in order. The order is fixed, so the SIMD path (four Vector256 accumulators) and
    /// the scalar path give the same bits. Four independent FMA chains hide the FMA latency that bounds <see cref="Dot"/>'s
    /// single chain (about twice as fast on vectors of a few thousand entries). Its order differs from
    /// <see cref="Dot"/>'s, so it is for callers whose digits are not pinned by committed outputs: Lanczos'
    /// reorthogonalization. Error bound as for any recursive summation of at most ⌈n/16⌉ + 4 terms per partial sum.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double DotWide(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        RequireYAtLeastX(x.Length, y.Length);
        int len = x.Length, i = 0;
        double sum;
        if (SimdAccelerated)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double ry = ref MemoryMarshal.GetReference(y);
            Vector256<double> a0 = Vector256<double>.Zero, a1 = a0, a2 = a0, a3 = a0;
            for (; i + 16 <= len; i += 16)
            {
                a0 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref ry, (nuint)i), a0);
                a1 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rx, (nuint)(i + 4)), Vector256.LoadUnsafe(ref ry, (nuint)(i + 4)), a1);
                a2 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rx, (nuint)(i + 8)), Vector256.LoadUnsafe(ref ry, (nuint)(i + 8)), a2);
                a3 = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rx, (nuint)(i + 12)), Vector256.LoadUnsafe(ref ry, (nuint)(i + 12)), a3);
            }
            var t = (a0 + a1) + (a2 + a3);
            sum = (t.GetElement(0) + t.GetElement(1)) + (t.GetElement(2) + t.GetElement(3));
        }
        else
        {
            Span<double> s = stackalloc double[16];
            s.Clear();
            for (; i + 16 <= len; i += 16)
            {
                for (int j = 0; j < 16; j++)
                {
                    s[j] = Math.FusedMultiplyAdd(x[i + j], y[i + j], s[j]);
                }
            }
            Span<double> t = stackalloc double[4];
            for (int j = 0; j < 4; j++)
            {
                t[j] = (s[j] + s[4 + j]) + (s[8 + j] + s[12 + j]);
            }
            sum = (t[0] + t[1]) + (t[2] + t[3]);
        }
        return FmaTail(x, y, i, sum);
    }

    /// <summary>The vector operations' length contract: y may be longer than x, never shorter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RequireYAtLeastX(int xLength, int yLength)
    {
        if (yLength < xLength)
        {
            throw new ArgumentException($"y has {yLength} entries, x has {xLength}");
        }
    }

    /// <summary>The entries from <paramref name="start"/> on, added to <paramref name="sum"/> by FMA in order (the dot products' tail).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FmaTail(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int start, double sum)
    {
        for (int i = start; i < x.Length; i++)
        {
            sum = Math.FusedMultiplyAdd(x[i], y[i], sum);
        }
        return sum;
    }

    /// <summary>Σ x_i y_i with four interleaved FMA partial sums per lane (the order is fixed, independent of SIMD support).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Dot(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        RequireYAtLeastX(x.Length, y.Length);
        int len = x.Length, i = 0;
        double sum;
        if (SimdAccelerated)
        {
            ref double rx = ref MemoryMarshal.GetReference(x);
            ref double ry = ref MemoryMarshal.GetReference(y);
            var acc = Vector256<double>.Zero;
            for (; i + 4 <= len; i += 4)
            {
                acc = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref rx, (nuint)i), Vector256.LoadUnsafe(ref ry, (nuint)i), acc);
            }
            sum = (acc.GetElement(0) + acc.GetElement(1)) + (acc.GetElement(2) + acc.GetElement(3));
        }
        else
        {
            double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
            for (; i + 4 <= len; i += 4)
            {
                l0 = Math.FusedMultiplyAdd(x[i], y[i], l0);
                l1 = Math.FusedMultiplyAdd(x[i + 1], y[i + 1], l1);
                l2 = Math.FusedMultiplyAdd(x[i + 2], y[i + 2], l2);
                l3 = Math.FusedMultiplyAdd(x[i + 3], y[i + 3], l3);
            }
            sum = (l0 + l1) + (l2 + l3);
        }
        return FmaTail(x, y, i, sum);
    }
}
