using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.LinearAlgebra;

public sealed class DenseKernelsTests
{
    // Sizes around the 4-row × 16-column (AVX-512), 4 × 8 register blocks and the 4-wide vector: every tail path runs.
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 1, 1, 1 }, { 3, 5, 7 }, { 4, 8, 8 }, { 5, 3, 9 }, { 7, 13, 12 }, { 8, 1, 17 }, { 9, 16, 4 }, { 16, 32, 32 }, { 13, 11, 31 }, { 2, 0, 5 },
        { 4, 7, 16 }, { 12, 9, 48 }, { 6, 33, 29 }, { 32, 16, 32 }, { 52, 52, 16 },
        { 12, 30, 50 }, { 4, 5, 2 }, { 8, 6, 3 }, { 4, 3, 1 }, { 20, 17, 10 }, // the 2- and 1-column tails of a 4-row block (784-50-50-10 shapes)
    };

    private static double[] Random(Rng rng, int n) => [.. Enumerable.Range(0, n).Select(_ => rng.NextGaussian())];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void EveryProduct_IsBitIdenticalToTheScalarFmaChain(int m, int k, int n)
    {
        var rng = new Seed(5).Split($"{m}x{k}x{n}").CreateRng();
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var c0 = Random(rng, m * n);
        var scratch = new double[k * n];

        var expected = new double[m * n];
        DenseKernels.MultiplyReference(a, b, expected, m, k, n, transposeA: false, accumulate: false);
        var actual = new double[m * n];
        DenseKernels.Multiply(a, b, actual, m, k, n);
        Assert.Equal(expected, actual);

        expected = (double[])c0.Clone();
        DenseKernels.MultiplyReference(a, b, expected, m, k, n, transposeA: false, accumulate: true);
        actual = (double[])c0.Clone();
        DenseKernels.MultiplyAdd(a, b, actual, m, k, n);
        Assert.Equal(expected, actual);

        // A read as a k×m matrix: Aᵀ·B.
        expected = new double[m * n];
        DenseKernels.MultiplyReference(a, b, expected, m, k, n, transposeA: true, accumulate: false);
        actual = new double[m * n];
        DenseKernels.MultiplyTransposeLeft(a, b, actual, k, m, n);
        Assert.Equal(expected, actual);

        expected = (double[])c0.Clone();
        DenseKernels.MultiplyReference(a, b, expected, m, k, n, transposeA: true, accumulate: true);
        actual = (double[])c0.Clone();
        DenseKernels.MultiplyTransposeLeftAdd(a, b, actual, k, m, n);
        Assert.Equal(expected, actual);

        // B read as n×k: A·Bᵀ equals A·(explicit Bᵀ).
        var bt = new double[k * n];
        if (k * n > 0)
        {
            DenseKernels.Transpose(b, bt, k, n);
        }
        expected = new double[m * n];
        DenseKernels.MultiplyReference(a, b, expected, m, k, n, transposeA: false, accumulate: false);
        actual = new double[m * n];
        if (k * n > 0)
        {
            DenseKernels.MultiplyTransposeRight(a, bt, actual, m, k, n, scratch);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_AgreesWithTheNaiveProductWithinRounding(int m, int k, int n)
    {
        // An independent oracle: the textbook triple loop (separately rounded products and sums).
        var rng = new Seed(6).Split($"{m}x{k}x{n}").CreateRng();
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var c = new double[m * n];
        DenseKernels.Multiply(a, b, c, m, k, n);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double s = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    s += a[i * k + p] * b[p * n + j];
                    magnitude += Math.Abs(a[i * k + p] * b[p * n + j]);
                }
                Assert.True(Math.Abs(s - c[i * n + j]) <= 2 * Tolerance.Gamma(k + 1) * magnitude, $"({i},{j}): {s} vs {c[i * n + j]}");
            }
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(2817)]
    public void AxpyAndDot_MatchTheirScalarDefinitions(int n)
    {
        var rng = new Seed(7).Split(n).CreateRng();
        var x = Random(rng, n);
        var y = Random(rng, n);
        var expected = y.Select((yi, i) => Math.FusedMultiplyAdd(-0.3, x[i], yi)).ToArray();
        var actual = (double[])y.Clone();
        DenseKernels.Axpy(-0.3, x, actual);
        Assert.Equal(expected, actual);

        double dot = DenseKernels.Dot(x, y);
        double naive = 0, magnitude = 0;
        for (int i = 0; i < n; i++)
        {
            naive += x[i] * y[i];
            magnitude += Math.Abs(x[i] * y[i]);
        }
        Assert.True(Math.Abs(dot - naive) <= 2 * Tolerance.Gamma(n + 1) * magnitude, $"{dot} vs {naive}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(33)]
    [InlineData(47)]
    [InlineData(4368)]
    public void DotWide_IsItsDocumentedSixteenSumOrder(int n)
    {
        var rng = new Seed(9).Split(n).CreateRng();
        var x = Random(rng, n);
        var y = Random(rng, n);
        // The documented order, written out in scalar arithmetic: the SIMD path must give these bits exactly.
        var s = new double[16];
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            for (int j = 0; j < 16; j++)
            {
                s[j] = Math.FusedMultiplyAdd(x[i + j], y[i + j], s[j]);
            }
        }
        var t = new double[4];
        for (int j = 0; j < 4; j++)
        {
            t[j] = (s[j] + s[4 + j]) + (s[8 + j] + s[12 + j]);
        }
        double expected = (t[0] + t[1]) + (t[2] + t[3]);
        for (; i < n; i++)
        {
            expected = Math.FusedMultiplyAdd(x[i], y[i], expected);
        }
        double wide = DenseKernels.DotWide(x, y);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(wide));

        // And it is a dot product: within the recursive-summation bound of the exact value (computed in rationals).
        var exact = Rational.Zero;
        double magnitude = 0;
        for (int k = 0; k < n; k++)
        {
            exact += Rational.FromDouble(x[k]) * Rational.FromDouble(y[k]);
            magnitude += Math.Abs(x[k] * y[k]);
        }
        double error = Math.Abs((Rational.FromDouble(wide) - exact).ToDouble());
        Assert.True(error <= Tolerance.Gamma((n / 16) + 20) * magnitude, $"n = {n}: error {error:G3}, magnitude {magnitude:G3}");
    }

    [Fact]
    public void DotWide_RejectsAShorterSecondVector() =>
        Assert.Throws<ArgumentException>(() => DenseKernels.DotWide(new double[5], new double[4]));
}
