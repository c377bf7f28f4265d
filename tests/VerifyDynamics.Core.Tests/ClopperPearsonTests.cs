using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Core.Statistics;
using Xunit;

namespace VerifyDynamics.Core.Tests;

public sealed class ClopperPearsonTests
{
    // Closed forms at the ends: k = 0 gives I_x(1, n) = 1 − (1 − x)^n, so U = 1 − α^{1/n}; k = n gives L = α^{1/n}.
    [Theory]
    [InlineData(1, 1e-3)]
    [InlineData(20, 1e-3)]
    [InlineData(2000, 1e-3)]
    [InlineData(50, 0.05)]
    public void Bounds_MatchClosedFormsAtZeroAndAllSuccesses(int n, double alpha)
    {
        Assert.Equal(1 - Math.Pow(alpha, 1.0 / n), ClopperPearson.Upper(0, n, alpha), 12);
        Assert.Equal(Math.Pow(alpha, 1.0 / n), ClopperPearson.Lower(n, n, alpha), 12);
        Assert.Equal(0, ClopperPearson.Lower(0, n, alpha));
        Assert.Equal(1, ClopperPearson.Upper(n, n, alpha));
    }

    // Independent oracle: the defining tail equations, summed term by term from the binomial pmf.
    [Theory]
    [InlineData(3, 10)]
    [InlineData(500, 1000)]
    [InlineData(1990, 2000)]
    public void Bounds_SolveTheBinomialTailEquations(int k, int n)
    {
        const double alpha = 1e-3;
        double lower = ClopperPearson.Lower(k, n, alpha);
        double upper = ClopperPearson.Upper(k, n, alpha);
        Assert.True(lower < (double)k / n && (double)k / n < upper);
        // P[Bin(n, L) ≥ k] = α and P[Bin(n, U) ≤ k] = α.
        Assert.Equal(alpha, BinomialTail(n, lower, k, upperTail: true), 9);
        Assert.Equal(alpha, BinomialTail(n, upper, k, upperTail: false), 9);
    }

    [Fact]
    public void UpperBound_CoversTheTruthAtTheNominalRate()
    {
        // 4000 binomial experiments at p = 0.3, α = 0.05: the upper bound falls below p in about 5% of them.
        var rng = new Rng(new Seed(7));
        const double p = 0.3, alpha = 0.05;
        int misses = 0, experiments = 4000;
        for (int e = 0; e < experiments; e++)
        {
            int k = 0;
            for (int i = 0; i < 40; i++)
            {
                k += rng.NextDouble() < p ? 1 : 0;
            }
            misses += ClopperPearson.Upper(k, 40, alpha) < p ? 1 : 0;
        }
        // Exact CP is conservative: the miss rate is at most α; 3 binomial standard deviations of slack above it.
        Assert.InRange(misses / (double)experiments, 0, alpha + 3 * Math.Sqrt(alpha * (1 - alpha) / experiments));
    }

    private static double BinomialTail(int n, double p, int k, bool upperTail)
    {
        double sum = 0;
        for (int i = upperTail ? k : 0; i <= (upperTail ? n : k); i++)
        {
            sum += Math.Exp(MathNet.Numerics.SpecialFunctions.BinomialLn(n, i) + i * Math.Log(p) + (n - i) * Math.Log(1 - p));
        }
        return sum;
    }
}
