using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Properties;

/// <summary>
/// The fast dense kernels against textbook reference products. Entries are small integers, so every product and partial sum
/// is exact in double and the comparison is equality: a wrong index or a dropped vector tail cannot hide in a tolerance.
/// </summary>
[Properties(Replay = "(20261207,21)", MaxTest = 100)]
public sealed class DenseKernelProperties
{
    private static Gen<double[]> Entries(int length) =>
        Gen.ArrayOf(Gen.Choose(-50, 50).Select(i => (double)i), length);

    /// <summary>Shapes up to 13 so that both the vectorized body and the scalar tail run (Vector&lt;double&gt; has 2–8 lanes).</summary>
    private static Arbitrary<(int M, int K, int N, double[] A, double[] B)> Products { get; } =
        (from m in Gen.Choose(1, 13)
         from k in Gen.Choose(1, 13)
         from n in Gen.Choose(1, 13)
         from a in Entries(m * k)
         from b in Entries(k * n)
         select (m, k, n, a, b)).ToArbitrary();

    private static double[] Reference(int m, int k, int n, Func<int, int, double> a, Func<int, int, double> b)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0;
                for (int p = 0; p < k; p++)
                {
                    s += a(i, p) * b(p, j);
                }
                c[i * n + j] = s;
            }
        }
        return c;
    }

    private static double[] Garbage(int length) => [.. Enumerable.Repeat(double.NaN, length)];

    [Property]
    public Property Multiply_IsTheReferenceProduct() => Prop.ForAll(Products, x =>
    {
        var c = Garbage(x.M * x.N);
        DenseKernels.Multiply(x.A, x.B, c, x.M, x.K, x.N);
        Assert.Equal(Reference(x.M, x.K, x.N, (i, p) => x.A[i * x.K + p], (p, j) => x.B[p * x.N + j]), c);
    });

    [Property]
    public Property MultiplyTransposeLeft_IsTheReferenceProduct() => Prop.ForAll(Products, x =>
    {
        // Reinterpret A (m×k storage) as k'×m' = x.K... : A is k×m here, so use dimensions (k = M, m = K).
        int k = x.M, m = x.K, n = x.N;
        var b = x.B.Length >= k * n ? x.B[..(k * n)] : [.. x.B, .. new double[k * n - x.B.Length]];
        var c = Garbage(m * n);
        DenseKernels.MultiplyTransposeLeft(x.A, b, c, k, m, n);
        Assert.Equal(Reference(m, k, n, (i, p) => x.A[p * m + i], (p, j) => b[p * n + j]), c);
    });

    [Property]
    public Property MultiplyTransposeRight_IsTheReferenceProduct() => Prop.ForAll(Products, x =>
    {
        // A is m×k, B is n×k.
        int m = x.M, k = x.K, n = x.N;
        var b = x.B.Length >= n * k ? x.B[..(n * k)] : [.. x.B, .. new double[n * k - x.B.Length]];
        var c = Garbage(m * n);
        DenseKernels.MultiplyTransposeRight(x.A, b, c, m, k, n);
        Assert.Equal(Reference(m, k, n, (i, p) => x.A[i * k + p], (p, j) => b[j * k + p]), c);
    });

    private static Arbitrary<(double Alpha, double[] X, double[] Y)> Vectors { get; } =
        (from len in Gen.Choose(0, 37)
         from alpha in Gen.Choose(-9, 9)
         from x in Entries(len)
         from y in Entries(len)
         select ((double)alpha, x, y)).ToArbitrary();

    [Property]
    public Property Axpy_IsElementwise() => Prop.ForAll(Vectors, v =>
    {
        var y = (double[])v.Y.Clone();
        DenseKernels.Axpy(v.Alpha, v.X, y);
        Assert.Equal(v.X.Select((xi, i) => v.Y[i] + v.Alpha * xi).ToArray(), y);
    });

    [Property]
    public Property Dot_IsTheSumOfProducts_InBothImplementations() => Prop.ForAll(Vectors, v =>
    {
        double want = v.X.Select((xi, i) => xi * v.Y[i]).Sum();
        Assert.Equal(want, DenseKernels.Dot(v.X, v.Y));
        Assert.Equal(want, VectorOps.Dot(v.X, v.Y));
        Assert.Equal(Math.Sqrt(v.X.Select(xi => xi * xi).Sum()), VectorOps.Norm(v.X));
        Assert.Equal(v.X.Length == 0 ? 0 : v.X.Max(Math.Abs), VectorOps.MaxAbs(v.X));
    });

    [Property]
    public Property VectorOps_AddScaledScaleDistance_AreElementwise() => Prop.ForAll(Vectors, v =>
    {
        Assert.Equal(v.X.Select((xi, i) => xi + v.Alpha * v.Y[i]).ToArray(), VectorOps.AddScaled(v.X, v.Alpha, v.Y));
        Assert.Equal(v.X.Select(xi => v.Alpha * xi).ToArray(), VectorOps.Scale(v.Alpha, v.X));
        Assert.Equal(Math.Sqrt(v.X.Select((xi, i) => (xi - v.Y[i]) * (xi - v.Y[i])).Sum()), VectorOps.Distance(v.X, v.Y));
        Assert.True(VectorOps.AllFinite(v.X));
        if (v.X.Length > 0)
        {
            var bad = (double[])v.X.Clone();
            bad[^1] = double.NaN;
            Assert.False(VectorOps.AllFinite(bad));
        }
    });
}

/// <summary>Field and order laws of <see cref="Rational"/>, its normal form, and its exact conversions (pinned seeds).</summary>
[Properties(Replay = "(20261207,39)", MaxTest = 200)]
public sealed class RationalProperties
{
    private static Gen<Rational> Rationals { get; } =
        from n in Gen.Choose(-100_000, 100_000)
        from d in Gen.Choose(1, 100_000)
        from big in Gen.Choose(0, 3)
        select Rational.Of(BigInteger.Pow(n, big == 3 ? 3 : 1), BigInteger.Pow(d, big == 3 ? 2 : 1)) * (big == 2 ? -1 : 1);

    private static Arbitrary<Rational> R { get; } = Rationals.ToArbitrary();

    [Property]
    public Property AdditionAndMultiplication_AreCommutativeAssociativeAndDistribute() => Prop.ForAll(R, R, R, (a, b, c) =>
    {
        Assert.Equal(a + b, b + a);
        Assert.Equal(a * b, b * a);
        Assert.Equal((a + b) + c, a + (b + c));
        Assert.Equal((a * b) * c, a * (b * c));
        Assert.Equal(a * (b + c), a * b + a * c);
        Assert.Equal(a, a + Rational.Zero);
        Assert.Equal(a, a * Rational.One);
    });

    [Property]
    public Property Inverses_CancelExactly() => Prop.ForAll(R, R, (a, b) =>
    {
        Assert.Equal(Rational.Zero, a - a);
        Assert.Equal(a, (a - b) + b);
        Assert.Equal(-a, Rational.Zero - a);
        if (b.Sign != 0)
        {
            Assert.Equal(a, a / b * b);
            Assert.Equal(Rational.One, b / b);
        }
    });

    [Property]
    public Property NormalForm_IsReducedWithAPositiveDenominator() => Prop.ForAll(R, R, (a, b) =>
    {
        foreach (var r in new[] { a + b, a * b, a - b })
        {
            Assert.True(r.Denominator.Sign > 0);
            Assert.True(BigInteger.GreatestCommonDivisor(r.Numerator, r.Denominator).IsOne || r.Numerator.IsZero);
            Assert.Equal(r.Numerator.Sign, r.Sign);
            Assert.Equal(r.Denominator.IsOne, r.IsInteger);
        }
        Assert.Equal(Rational.Of(2, 4), Rational.Of(-1, -2));
    });

    [Property]
    public Property Order_IsTheSignOfTheDifference() => Prop.ForAll(R, R, (a, b) =>
    {
        int c = a.CompareTo(b);
        Assert.Equal((a - b).Sign, Math.Sign(c));
        Assert.Equal(c < 0, a < b);
        Assert.Equal(c > 0, a > b);
        Assert.Equal(c <= 0, a <= b);
        Assert.Equal(c >= 0, a >= b);
        Assert.Equal(-Math.Sign(c), Math.Sign(b.CompareTo(a)));
    });

    [Property]
    public Property Powers_FollowTheExponentLaws() => Prop.ForAll(R, Gen.Choose(-4, 4).ToArbitrary(), Gen.Choose(-4, 4).ToArbitrary(), (a, m, n) =>
    {
        if (a.Sign == 0)
        {
            Assert.Equal(Rational.One, a.Pow(0));
            return;
        }
        Assert.Equal(a.Pow(m) * a.Pow(n), a.Pow(m + n));
        Assert.Equal(Rational.One, a.Pow(0));
        Assert.Equal(a * a * a, a.Pow(3));
        Assert.Equal(Rational.One / a, a.Pow(-1));
    });

    [Property]
    public Property TextAndDouble_RoundTripExactly() => Prop.ForAll(R, Gen.Choose(int.MinValue, int.MaxValue).ToArbitrary(), Gen.Choose(-60, 60).ToArbitrary(), (a, bits, e) =>
    {
        Assert.Equal(a, Rational.Parse(a.ToString()));
        Assert.True(Rational.TryParse(a.ToString(), out var b) && b == a);
        // Every finite double is a rational: FromDouble is exact and ToDouble gives the double back.
        double d = Math.ScaleB(bits / 2147483648.0 + Math.Sign(bits) * 3.0, e);
        Assert.Equal(d, Rational.FromDouble(d).ToDouble());
        // ToDouble is correctly rounded: no double lies strictly closer to a.
        double x = a.ToDouble();
        var err = Rational.FromDouble(x) - a;
        var errAbs = err.Sign < 0 ? -err : err;
        foreach (double y in new[] { Math.BitDecrement(x), Math.BitIncrement(x) })
        {
            var other = Rational.FromDouble(y) - a;
            Assert.True(errAbs <= (other.Sign < 0 ? -other : other), $"{a} rounded to {x:R}, but {y:R} is closer");
        }
    });
}
