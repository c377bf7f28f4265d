using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

public class DerivativeTests
{
    public static TheoryData<string> Names() => [.. ObjectiveFixtures.All().Select(o => o.Name)];

    private static (IDifferentiableObjective F, double[] Theta) Get(string name)
    {
        var o = ObjectiveFixtures.All().Single(o => o.Name == name);
        return (o.F, o.Theta);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void GradientMatchesCentralDifferencesOfTheValue(string name)
    {
        var (f, theta) = Get(name);
        if (f is HomogeneousNetwork h)
        {
            Assert.True(h.RegionMargin(theta) > 1e-3, "fixture too close to a region boundary");
        }
        var g = f.Gradient(theta);
        double step = 1e-6, worst = 0;
        for (int i = 0; i < theta.Length; i++)
        {
            var e = new double[theta.Length];
            e[i] = step;
            double fd = (f.Value(VectorOps.AddScaled(theta, 1, e)) - f.Value(VectorOps.AddScaled(theta, -1, e))) / (2 * step);
            worst = Math.Max(worst, Math.Abs(fd - g[i]));
        }
        // Central differences: O(h²)·f''' + O(u·|f|/h) ≈ 1e−10 for these O(1) objectives.
        Assert.True(worst < 1e-7 * Math.Max(1, VectorOps.MaxAbs(g)), $"{name}: gradient error {worst}");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void HessianVectorProductMatchesDifferencesOfTheGradient(string name)
    {
        var (f, theta) = Get(name);
        var rng = ObjectiveFixtures.Rng("hvp-" + name);
        var v = ObjectiveFixtures.Gaussian(rng, theta.Length);
        var hv = f.HessianVectorProduct(theta, v);
        var fd = HessianVectorProduct.FiniteDifference(f, theta, v, 1e-5);
        double err = VectorOps.Distance(hv, fd);
        Assert.True(err < 1e-6 * Math.Max(1, VectorOps.Norm(hv)), $"{name}: HVP error {err}");
    }
}
