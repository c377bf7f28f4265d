using MathNet.Numerics;
using VerifyDynamics.Core.Statistics;
using Xunit;

namespace VerifyDynamics.Core.Tests;

/// <summary>
/// The bisection's defining property (the returned x is the first double at which I_x(a, b) reaches q) and the argument
/// checks of the Clopper–Pearson bounds; closed forms at the ends (Beta(1, 1) is uniform, Beta(a, 1) has CDF x^a).
/// </summary>
public sealed class ClopperPearsonEdgeTests
{
    [Theory]
    [InlineData(3, 8, 1e-3)]
    [InlineData(1, 40, 0.05)]
    [InlineData(40, 1, 0.95)]
    [InlineData(500.5, 500.5, 0.5)]
    [InlineData(2, 3, 1e-300)]
    public void BetaQuantile_IsTheFirstDoubleWhereTheCdfReachesQ(double a, double b, double q)
    {
        double x = ClopperPearson.BetaQuantile(a, b, q);
        Assert.True(SpecialFunctions.BetaRegularized(a, b, x) >= q, $"I_x < q at x = {x:R}");
        double below = Math.BitDecrement(x);
        Assert.True(SpecialFunctions.BetaRegularized(a, b, below) < q, $"I_x ≥ q already at {below:R} (x = {x:R})");
    }

    [Fact]
    public void BetaQuantile_MatchesClosedForms()
    {
        // Beta(1, 1) is uniform: the q-quantile is q. Beta(a, 1) has CDF x^a: the quantile is q^{1/a}.
        // (Tolerance 1e−15: the quantile is within an ulp or two of the first double where MathNet's I_x reaches q.)
        Assert.Equal(0.3, ClopperPearson.BetaQuantile(1, 1, 0.3), 1e-15);
        Assert.Equal(Math.Pow(0.2, 1.0 / 3), ClopperPearson.BetaQuantile(3, 1, 0.2), 1e-15);
        // q = 0 is reached at every x: the bisection ends on the smallest positive double, its upper end.
        Assert.Equal(double.Epsilon, ClopperPearson.BetaQuantile(2, 2, 0));
    }

    [Fact]
    public void OneSuccessOrOneFailure_MatchTheClosedForms()
    {
        // k = 1 of n = 1: L = α (Beta(1, 1) quantile); k = 0 of n = 1: U = 1 − α.
        Assert.Equal(0.05, ClopperPearson.Lower(1, 1, 0.05), 1e-15);
        Assert.Equal(0.95, ClopperPearson.Upper(0, 1, 0.05), 1e-15);
        // k = n − 1: U is the (1 − α)-quantile of Beta(n, 1), (1 − α)^{1/n}.
        Assert.Equal(Math.Pow(0.99, 1.0 / 10), ClopperPearson.Upper(9, 10, 0.01), 1e-14);
        // k = 1: L is the α-quantile of Beta(1, n), 1 − (1 − α)^{1/n}.
        Assert.Equal(1 - Math.Pow(0.99, 1.0 / 10), ClopperPearson.Lower(1, 10, 0.01), 1e-14);
    }

    [Fact]
    public void InvalidArguments_AreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Lower(0, 0, 0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Upper(-1, 5, 0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Lower(6, 5, 0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Upper(6, 5, 0.05));
        foreach (double alpha in new[] { 0.0, 1.0, -0.1, 1.5, double.NaN })
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Lower(2, 5, alpha));
            Assert.Throws<ArgumentOutOfRangeException>(() => ClopperPearson.Upper(2, 5, alpha));
        }
        // The boundaries themselves are valid: k = 0, k = n, n = 1.
        Assert.Equal(0, ClopperPearson.Lower(0, 1, 0.5));
        Assert.Equal(1, ClopperPearson.Upper(1, 1, 0.5));
    }
}
