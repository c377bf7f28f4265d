using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using Xunit;

namespace VerifyDynamics.Core.Tests.Networks;

public class HessianTests
{
    public static TheoryData<string> Names() => [.. ObjectiveFixtures.All().Select(o => o.Name)];

    private static Matrix<double> Lemma(IDifferentiableObjective f, double[] theta) => f switch
    {
        DeepLinearObjective dln => ExactHessian.DeepLinear(dln, theta),
        HomogeneousNetwork h => ExactHessian.Homogeneous(h, theta),
        _ => throw new InvalidOperationException(),
    };

    private static double MaxAbsDiff(Matrix<double> a, Matrix<double> b) => (a - b).Enumerate().Max(Math.Abs);

    [Theory]
    [MemberData(nameof(Names))]
    public void LemmaHessianAgreesWithHvpColumnsAndFiniteDifferences(string name)
    {
        var (_, f, theta) = ObjectiveFixtures.All().Single(o => o.Name == name);
        var exact = Lemma(f, theta);
        var fromHvp = ExactHessian.FromHessianVectorProducts(f, theta);
        var fd = ExactHessian.FiniteDifference(f, theta, 1e-5);
        double scale = Math.Max(1, exact.Enumerate().Max(Math.Abs));
        Assert.True(MaxAbsDiff(exact, exact.Transpose()) <= 1e-14 * scale, "not symmetric");
        // Two exact methods: rounding only (γ_{~100}·scale).
        Assert.True(MaxAbsDiff(exact, fromHvp) < 1e-12 * scale, $"{name}: Lemma vs HVP {MaxAbsDiff(exact, fromHvp)}");
        // Central differences with h = 1e−5: O(h²) truncation.
        Assert.True(MaxAbsDiff(exact, fd) < 1e-7 * scale, $"{name}: Lemma vs FD {MaxAbsDiff(exact, fd)}");
    }

    [Fact]
    public void ExactHessianTimesVectorEqualsHvpAndLemma5FormMatches()
    {
        var (_, f, theta) = ObjectiveFixtures.All().Single(o => o.Name == "dln-cross-entropy");
        var dln = (DeepLinearObjective)f;
        var h = ExactHessian.DeepLinear(dln, theta);
        var v = ObjectiveFixtures.Gaussian(ObjectiveFixtures.Rng("hv"), f.Dimension);
        var hv = (h * Vector<double>.Build.DenseOfArray(v)).ToArray();
        Assert.True(VectorOps.Distance(hv, f.HessianVectorProduct(theta, v)) < 1e-12 * VectorOps.Norm(hv));
        double q = VectorOps.Dot(v, hv);
        Assert.True(Math.Abs(ExactHessian.Lemma5QuadraticForm(dln, theta, v) - q) < 1e-12 * Math.Max(1, Math.Abs(q)));
    }

    [Fact]
    public void LinearActivationHomogeneousNetworkHasTheDeepLinearHessian()
    {
        var rng = ObjectiveFixtures.Rng("lemma9-vs-lemma5");
        var x = rng.GaussianMatrix(3, 4);
        var y = ObjectiveFixtures.OneHot(rng, 2, 4);
        int[] dims = [3, 2, 4, 2];
        var dln = new DeepLinearObjective(dims, new DataLoss(Losses.CrossEntropy, x, y));
        var hom = HomogeneousNetwork.FullyConnected(dims, Activation.Linear, Losses.CrossEntropy, x, y);
        var theta = ObjectiveFixtures.Gaussian(rng, dln.Dimension);
        Assert.Equal(dln.Value(theta), hom.Value(theta), 12);
        Assert.True(MaxAbsDiff(ExactHessian.DeepLinear(dln, theta), ExactHessian.Homogeneous(hom, theta)) < 1e-12);
    }
}
