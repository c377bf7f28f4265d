using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

/// <summary>
/// The one objective API (value, gradient, HVP, exact Hessian, rounding bound) cross-checked two ways: the exact Hessian
/// against HVP columns and against Richardson differences of the gradient, the certified λ_min against the differenced
/// Hessian's, and the shared rounding bound against the formula EC21 used to compute locally (bit for bit).
/// </summary>
public sealed class ObjectiveApiTests
{
    public static TheoryData<string> Names => [.. ObjectiveFixtures.All().Select(o => o.Name)];

    private static (IDifferentiableObjective F, double[] Theta) Get(string name)
    {
        var o = ObjectiveFixtures.All().Single(x => x.Name == name);
        return (o.F, o.Theta);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ExactHessian_AgreesWithHvpColumnsAndWithDifferences(string name)
    {
        var (f, theta) = Get(name);
        var h = f.Hessian(theta);
        var fromHvp = ExactHessian.FromHessianVectorProducts(f, theta);
        double scale = Math.Max(1, h.FrobeniusNorm());
        Assert.True((0.5 * (h + h.Transpose()) - fromHvp).FrobeniusNorm() <= 1e-11 * scale, $"{name}: exact Hessian vs HVP columns");
        var (fd, err) = RichardsonDifferences.Hessian(f.Gradient, theta, 1e-4);
        Assert.True((fd - 0.5 * (h + h.Transpose())).FrobeniusNorm() <= 10 * err + 1e-7 * scale, $"{name}: exact Hessian vs differences (estimate {err:G3})");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void CertifiedMinEigenvalue_MatchesTheDifferencedHessian(string name)
    {
        var (f, theta) = Get(name);
        if (name == "dln-frobenius")
        {
            Assert.Throws<NotSupportedException>(() => f.HessianRoundingBound(theta));
            return;
        }
        var (value, error) = ExactHessian.CertifiedMinEigenvalue(f, theta);
        Assert.True(error > 0 && double.IsFinite(error) || name.Contains("exponential", StringComparison.Ordinal), $"{name}: error {error}");
        var (fd, fdErr) = RichardsonDifferences.Hessian(f.Gradient, theta, 1e-4);
        double lambdaFd = Spectra.MinEigenvalue(fd);
        Assert.InRange(Math.Abs(value - lambdaFd), 0, 10 * fdErr + 1e-7 * Math.Max(1, fd.FrobeniusNorm()));
    }

    /// <summary>The bound EC21's LinearNetProblem.HessianRounding computed before it moved to Core (verbatim).</summary>
    private static double FormerEc21Bound(Matrix<double>[] ws, int[] dims, Matrix<double> x, Matrix<double> lossGradients, bool logistic)
    {
        int n = ws.Length;
        var a = ws.Select(w => w.FrobeniusNorm()).ToArray();
        double Prod(Func<int, bool> keep)
        {
            double p = 1;
            for (int k = 0; k < a.Length; k++)
            {
                if (keep(k))
                {
                    p *= a[k];
                }
            }
            return p;
        }
        double xf = x.FrobeniusNorm();
        int samples = x.ColumnCount;
        double gBar = lossGradients.FrobeniusNorm() * xf / samples;
        double first = 0, cross = 0;
        for (int j = 0; j < n; j++)
        {
            double pj = Prod(k => k != j);
            first += dims[j + 1] * dims[j] * pj * pj;
            for (int jp = j + 1; jp < n; jp++)
            {
                cross += Prod(k => k != j && k != jp);
            }
        }
        double c = (logistic ? 0.25 : 1) * xf * xf / samples * first + 2 * gBar * cross;
        return Tolerance.Gamma(8 * (n + dims.Sum() + samples) + 64) * c;
    }

    [Fact]
    public void RoundingBound_ReproducesTheFormerEc21FormulaBitForBit()
    {
        var rng = ObjectiveFixtures.Rng("rounding-bound");
        int[] dims = [3, 4, 2, 1];
        var x = rng.GaussianMatrix(3, 5);
        foreach (bool logistic in new[] { false, true })
        {
            var y = logistic ? ObjectiveFixtures.Signs(rng, 5) : rng.GaussianMatrix(1, 5);
            var loss = logistic ? Losses.Logistic : Losses.Square;
            var f = new DeepLinearObjective(dims, new DataLoss(loss, x, y));
            var theta = ObjectiveFixtures.Gaussian(rng, f.Dimension, 0.7);
            var ws = ParameterLayout.Unflatten(theta, dims);
            var grads = loss.Gradient(new DeepLinearNetwork(ws).EndToEnd() * x, y);
            Assert.Equal(FormerEc21Bound(ws, dims, x, grads, logistic), f.HessianRoundingBound(theta));
            // The homogeneous network with a linear activation has the same Hessian and (mask bound 1) the same bound.
            var g = HomogeneousNetwork.FullyConnected(dims, Activation.Linear, loss, x, y);
            Assert.Equal(f.HessianRoundingBound(theta), g.HessianRoundingBound(theta));
        }
    }

    [Fact]
    public void ParameterLayout_RoundTripsAndRejectsAWrongLength()
    {
        var rng = ObjectiveFixtures.Rng("layout");
        int[] dims = [2, 3, 4];
        var theta = ObjectiveFixtures.Gaussian(rng, 2 * 3 + 3 * 4);
        var ws = ParameterLayout.Unflatten(theta, dims);
        Assert.Equal(theta[2 * 3 + 1 + 2 * 4], ws[1][1, 2]);
        Assert.Equal(theta, ParameterLayout.Flatten(ws));
        Assert.Throws<ArgumentException>(() => ParameterLayout.Unflatten([.. theta, 1.0], dims));
    }
}
