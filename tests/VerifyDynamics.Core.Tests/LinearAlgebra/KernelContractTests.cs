using VerifyDynamics.Core.LinearAlgebra;
using Xunit;

namespace VerifyDynamics.Core.Tests.LinearAlgebra;

/// <summary>
/// The contracts of the dense kernels around their edges: buffer lengths are checked before anything is written, empty
/// products leave C alone (or clear it when k = 0 and not accumulating), and products only touch the first m·n entries of C.
/// Oracles: hand-computed 2×2 and 1×3 products with small integers (exact in double).
/// </summary>
public sealed class KernelContractTests
{
    [Fact]
    public void ShortBuffers_AreRefused_BeforeAnyWrite()
    {
        double[] a = [1, 2, 3, 4], b = [5, 6, 7, 8];
        var c = new double[] { 9, 9, 9 };
        var ex = Assert.Throws<ArgumentException>(() => DenseKernels.Multiply(a, b, c, 2, 2, 2));
        Assert.Equal("buffers too short for a 2×2 by 2×2 product (A 4, B 4, C 3)", ex.Message);
        Assert.Equal([9.0, 9, 9], c);
        Assert.Throws<ArgumentException>(() => DenseKernels.Multiply(a.AsSpan(0, 3), b, new double[4], 2, 2, 2));
        Assert.Throws<ArgumentException>(() => DenseKernels.Multiply(a, b.AsSpan(0, 3), new double[4], 2, 2, 2));
        Assert.Equal("y has 2 entries, x has 3", Assert.Throws<ArgumentException>(() => DenseKernels.Axpy(1, new double[3], new double[2])).Message);
        Assert.Equal("y has 2 entries, x has 3", Assert.Throws<ArgumentException>(() => DenseKernels.Dot(new double[3], new double[2])).Message);
        Assert.Equal("length mismatch 3 vs 2", Assert.Throws<ArgumentException>(() => VectorOps.Dot(new double[3], new double[2])).Message);
    }

    [Fact]
    public void EmptyProducts_LeaveOrClearC()
    {
        var c = new double[] { 7, 7, 7, 7, 7, 7 };
        DenseKernels.Multiply([], [], c, 0, 3, 2);
        DenseKernels.Multiply([], [], c, 2, 3, 0);
        Assert.All(c, x => Assert.Equal(7.0, x));
        // k = 0: C = A·B is the zero matrix; C += A·B leaves C.
        DenseKernels.MultiplyAdd([], [], c, 2, 0, 3);
        Assert.All(c, x => Assert.Equal(7.0, x));
        DenseKernels.Multiply([], [], c, 2, 0, 2);
        Assert.Equal([0.0, 0, 0, 0, 7, 7], c);
    }

    [Fact]
    public void SmallProducts_MatchHandComputedValues_AndLeaveTheRestOfC()
    {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; its transposed variants by hand.
        double[] a = [1, 2, 3, 4], b = [5, 6, 7, 8];
        var c = new double[] { 0, 0, 0, 0, -1 };
        DenseKernels.Multiply(a, b, c, 2, 2, 2);
        Assert.Equal([19.0, 22, 43, 50, -1], c);
        DenseKernels.MultiplyAdd(a, b, c, 2, 2, 2);
        Assert.Equal([38.0, 44, 86, 100, -1], c);
        var t = new double[4];
        DenseKernels.MultiplyTransposeLeft(a, b, t, 2, 2, 2);      // Aᵀ·B = [1 3; 2 4]·B = [26 30; 38 44]
        Assert.Equal([26.0, 30, 38, 44], t);
        DenseKernels.MultiplyTransposeLeftAdd(a, b, t, 2, 2, 2);
        Assert.Equal([52.0, 60, 76, 88], t);
        var r = new double[4];
        DenseKernels.MultiplyTransposeRight(a, b, r, 2, 2, 2);     // A·Bᵀ = A·[5 7; 6 8] = [17 23; 39 53]
        Assert.Equal([17.0, 23, 39, 53], r);
        DenseKernels.MultiplyTransposeRightAdd(a, b, r, 2, 2, 2, new double[4]);
        Assert.Equal([34.0, 46, 78, 106], r);
        // 1×3 times 3×1, and a 3×1 column times a 1×2 row (outer product).
        var dot = new double[1];
        DenseKernels.Multiply([1, -2, 3], [4, 5, 6], dot, 1, 3, 1);
        Assert.Equal(12.0, dot[0]);
        var outer = new double[6];
        DenseKernels.Multiply([1, 2, 3], [10, 20], outer, 3, 1, 2);
        Assert.Equal([10.0, 20, 20, 40, 30, 60], outer);
        var tr = new double[6];
        DenseKernels.Transpose([1, 2, 3, 4, 5, 6], tr, 2, 3);
        Assert.Equal([1.0, 4, 2, 5, 3, 6], tr);
    }

    [Fact]
    public void VectorHelpers_OnHandValues()
    {
        double[] x = [3, -4, 0, 12];
        Assert.Equal(13.0, VectorOps.Norm(x));
        Assert.Equal(12.0, VectorOps.MaxAbs(x));
        Assert.Equal(4.0, VectorOps.MaxAbs([-4, 1]));
        Assert.Equal(0.0, VectorOps.MaxAbs([]));
        Assert.Equal(13.0, VectorOps.Distance(x, [0, 0, 0, 0]));
        Assert.Equal(5.0, VectorOps.Distance([1, 1], [4, 5]));
        Assert.Equal([4.0, -8, 0, 24], VectorOps.AddScaled(x, 2, [0.5, -2, 0, 6]));
        Assert.Equal([-6.0, 8, 0, -24], VectorOps.Scale(-2, x));
        Assert.True(VectorOps.AllFinite(x));
        Assert.False(VectorOps.AllFinite([1, double.PositiveInfinity, 2]));
        Assert.False(VectorOps.AllFinite([double.NaN]));
        Assert.Equal(-25.0, VectorOps.Dot([3, 4], [-3, -4]));
        Assert.Equal(-25.0, DenseKernels.Dot([3, 4, 0, 0, 0], [-3, -4, 1, 1, 1]));
        var y = new double[] { 1, 1, 1, 1, 1, 1 };
        DenseKernels.Axpy(2, [1, 2, 3, 4, 5], y);
        Assert.Equal([3.0, 5, 7, 9, 11, 1], y);
    }
}
