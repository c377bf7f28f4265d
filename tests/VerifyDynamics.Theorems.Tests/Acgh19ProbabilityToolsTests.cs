using MathNet.Numerics;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Core.Statistics;
using VerifyDynamics.Theorems.ACGH19;
using Xunit;

namespace VerifyDynamics.Theorems.Tests;

/// <summary>The exact probabilities behind ACGH19 Thm 2, Lemmas 8, 14, 15 against independent oracles.</summary>
public sealed class Acgh19ProbabilityToolsTests
{
    [Theory]
    [InlineData(2, 0.3)]
    [InlineData(5, -0.4)]
    [InlineData(20, 0.1)]
    [InlineData(20, 0.003)]
    public void UpperCap_AgreesWithSampledDirections(int d, double tau)
    {
        var rng = new Rng(new Seed(11));
        var u = new double[d];
        int hits = 0, n = 20000;
        for (int i = 0; i < n; i++)
        {
            GaussianEndToEnd.UniformOnSphere(rng, 1, u);
            hits += u[0] >= tau ? 1 : 0;
        }
        double exact = SphereProbabilities.UpperCap(d, tau);
        Assert.InRange(exact, ClopperPearson.Lower(hits, n, 1e-4), ClopperPearson.Upper(hits, n, 1e-4));
    }

    // Independent oracle: ‖V − Φ‖²/s² is noncentral χ²(d, λ = ‖Φ‖²/s²), a Poisson(λ/2) mixture of central χ²_{d+2j}.
    [Theory]
    [InlineData(20, 2.0, 1.0)]
    [InlineData(20, 0.5, 1.0)]
    [InlineData(30, 1.0, 2.0)]
    public void GaussianMarginProbability_MatchesTheNoncentralChiSquare(int d, double a, double marginFactor)
    {
        double phiNorm = 1.3, s = phiNorm / (Math.Sqrt(a) * d), c = marginFactor * s * s * d / (2 * phiNorm);
        var computed = SphereProbabilities.GaussianMarginProbability(d, s, phiNorm, c);
        double lambda = phiNorm * phiNorm / (s * s), x = (phiNorm - c) * (phiNorm - c) / (s * s);
        double sum = 0;
        for (int j = 0; j < 4000; j++)
        {
            double logWeight = -lambda / 2 + j * Math.Log(lambda / 2) - SpecialFunctions.GammaLn(j + 1);
            sum += Math.Exp(logWeight) * SpecialFunctions.GammaLowerRegularized(d / 2.0 + j, x / 2);
        }
        Assert.True(computed.Error < 1e-9, $"error estimate {computed.Error}");
        Assert.Equal(sum, computed.Value, 8);
    }

    [Fact]
    public void CatalogValues_AreReproduced()
    {
        // Catalog §13.3: P38(100, 100) = 0.276227; Lemma 15 at d = 20, a = 1e5: exact 0.49818 vs bound 0.494954.
        Assert.Equal(0.276227, Thm2.P38(100, 100), 6);
        Assert.Equal(0.49818, Lemma15.ExactProbability(20, 1e5, 1), 5);
        Assert.Equal(0.494954, Lemma15.Bound(1e5), 6);
        Assert.Equal(0.4426, Lemma15.ExactProbability(20, 100, 1), 4);
    }

    [Fact]
    public void GramDifferenceNorm_MatchesTheDirectProduct()
    {
        var rng = new Rng(new Seed(3));
        var a = rng.GaussianMatrix(3, 7);
        var b = rng.GaussianMatrix(7, 4);
        double direct = (a.TransposeThisAndMultiply(a) - b.TransposeAndMultiply(b)).FrobeniusNorm();
        Assert.Equal(direct * direct, Lemma10.GramDifferenceSquaredNorm(a.ToArray(), b.ToArray()), 10);
    }

    [Fact]
    public void KolmogorovPValue_HasTheTabulatedFivePercentPoint()
    {
        // K(1.3581) = 0.95 for the Kolmogorov limit law; with n huge Stephens' correction vanishes.
        const int n = 1_000_000_000;
        Assert.Equal(0.05, Lemma13.KolmogorovPValue(1.3581 / Math.Sqrt(n), n), 3);
    }
}
