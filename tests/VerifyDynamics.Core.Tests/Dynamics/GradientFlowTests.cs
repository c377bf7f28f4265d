using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Tests.Networks;
using Xunit;

namespace VerifyDynamics.Core.Tests.Dynamics;

public class GradientFlowTests
{
    [Fact]
    public void GradientDescentWithTinyStepsTracksGradientFlowToFirstOrder()
    {
        var rng = ObjectiveFixtures.Rng("gd-vs-gf");
        var f = DeepLinearObjective.ForTarget([2, 3, 3, 2], rng.GaussianMatrix(2, 2));
        var theta0 = ObjectiveFixtures.Gaussian(rng, f.Dimension, 0.5);
        double tEnd = 1.0;
        var gf = GradientFlow.Solve(f, theta0, tEnd);
        Assert.True(gf.Succeeded);
        double Distance(int steps)
        {
            var (theta, _, diverged) = ObjectiveGradientDescent.Run(f, theta0, tEnd / steps, steps);
            Assert.False(diverged);
            return VectorOps.Distance(theta, gf.FinalTheta);
        }
        double d1 = Distance(500), d2 = Distance(1000);
        // Euler's global error is O(η): halving η halves the distance (ratio → 2).
        Assert.True(d2 < 1e-2, $"distance {d2}");
        Assert.InRange(d1 / d2, 1.8, 2.2);
    }

    [Fact]
    public void BalancednessIsConservedAlongTheFlowToIntegratorAccuracy()
    {
        var rng = ObjectiveFixtures.Rng("balance");
        var f = DeepLinearObjective.ForTarget([3, 4, 4, 2], rng.GaussianMatrix(2, 3));
        var theta0 = ObjectiveFixtures.Gaussian(rng, f.Dimension, 0.5);
        var gf = GradientFlow.Solve(f, theta0, 20);
        Assert.True(gf.Succeeded);
        Assert.True(gf.MaxInvariantDrift() < 1e-8, $"drift {gf.MaxInvariantDrift()}");
        Assert.True(gf.Loss(20) < gf.Loss(0));
        // The drift is a genuine error signal: a sloppy run drifts much more.
        var sloppy = GradientFlow.Solve(f, theta0, 20, new OdeSettings(Rtol: 1e-3, Atol: 1e-3));
        Assert.True(sloppy.MaxInvariantDrift() > 10 * gf.MaxInvariantDrift());
    }

    [Fact]
    public void NormBalanceIsConservedForAReluNetworkInsideItsRegion()
    {
        var rng = ObjectiveFixtures.Rng("relu-gf");
        var x = rng.GaussianMatrix(3, 6);
        var net = HomogeneousNetwork.FullyConnected([3, 4, 3, 2], Activation.LeakyRelu(0.1), Losses.Square, x, rng.GaussianMatrix(2, 6));
        var theta0 = ObjectiveFixtures.InRegion(net, rng);
        // Stop at the first step whose end point leaves the initial region (masks would change).
        var masks0 = net.Forward(theta0).Slopes;
        var gf = GradientFlow.Solve(net, theta0, 0.5, onStep: (_, th) =>
            net.Forward(th).Slopes.Zip(masks0).All(p => p.First is null || p.First.Equals(p.Second)));
        Assert.True(gf.MaxInvariantDrift() < 1e-9, $"drift {gf.MaxInvariantDrift()}");
    }

    [Fact]
    public void ValidatedSolveReportsAToleranceCoveringTheLooseRun()
    {
        var rng = ObjectiveFixtures.Rng("validated");
        var f = DeepLinearObjective.ForTarget([2, 2, 2], rng.GaussianMatrix(2, 2));
        var theta0 = ObjectiveFixtures.Gaussian(rng, f.Dimension, 0.5);
        var gf = GradientFlow.SolveValidated(f, theta0, 5, new OdeSettings(Rtol: 1e-8, Atol: 1e-10));
        Assert.True(gf.Succeeded);
        Assert.NotNull(gf.Validation);
        Assert.True(gf.ThetaTolerance().Absolute < 1e-6);
        Assert.True(VectorOps.Distance(gf.Validation!.Solution.FinalState, gf.FinalTheta) <= Math.Sqrt(f.Dimension) * gf.ThetaTolerance().Absolute + 1e-15);
    }
}
