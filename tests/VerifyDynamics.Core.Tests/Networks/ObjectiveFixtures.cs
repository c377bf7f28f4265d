using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Core.Tests.Networks;

/// <summary>Small random objectives of every supported kind, deterministic from a label.</summary>
public static class ObjectiveFixtures
{
    public static Rng Rng(string label) => Seed.Default.Split(label).CreateRng();

    public static double[] Gaussian(Rng rng, int n, double std = 1) => [.. Enumerable.Range(0, n).Select(_ => std * rng.NextGaussian())];

    public static Matrix<double> OneHot(Rng rng, int classes, int m)
    {
        var y = Matrix<double>.Build.Dense(classes, m);
        for (int i = 0; i < m; i++)
        {
            y[rng.NextInt(0, classes - 1), i] = 1;
        }
        return y;
    }

    public static Matrix<double> Signs(Rng rng, int m) => Matrix<double>.Build.Dense(1, m, (_, _) => rng.NextBool() ? 1 : -1);

    /// <summary>(name, objective, θ) for DLNs with the Frobenius and data losses and homogeneous nets with every loss/activation.</summary>
    public static IEnumerable<(string Name, IDifferentiableObjective F, double[] Theta)> All()
    {
        var rng = Rng("objectives");
        int[] dims = [3, 4, 2, 3];
        var target = rng.GaussianMatrix(3, 3);
        var dlnFrob = DeepLinearObjective.ForTarget(dims, target);
        yield return ("dln-frobenius", dlnFrob, Gaussian(rng, dlnFrob.Dimension, 0.7));
        var x = rng.GaussianMatrix(3, 5);
        var dlnSquare = new DeepLinearObjective(dims, new DataLoss(Losses.Square, x, rng.GaussianMatrix(3, 5)));
        yield return ("dln-square-data", dlnSquare, Gaussian(rng, dlnSquare.Dimension, 0.7));
        var dlnCe = new DeepLinearObjective(dims, new DataLoss(Losses.CrossEntropy, x, OneHot(rng, 3, 5)));
        yield return ("dln-cross-entropy", dlnCe, Gaussian(rng, dlnCe.Dimension, 0.7));
        foreach (var act in new[] { Activation.Linear, Activation.Relu, Activation.LeakyRelu(0.1), new Activation(2, -0.5, "general") })
        {
            var sq = HomogeneousNetwork.FullyConnected(dims, act, Losses.Square, x, rng.GaussianMatrix(3, 5));
            yield return ($"fc-{act.Name}-square", sq, InRegion(sq, rng));
            var ce = HomogeneousNetwork.FullyConnected(dims, act, Losses.CrossEntropy, x, OneHot(rng, 3, 5));
            yield return ($"fc-{act.Name}-ce", ce, InRegion(ce, rng));
            var lg = HomogeneousNetwork.FullyConnected([3, 4, 3, 1], act, Losses.Logistic, x, Signs(rng, 5));
            yield return ($"fc-{act.Name}-logistic", lg, InRegion(lg, rng));
            var ex = HomogeneousNetwork.FullyConnected([3, 4, 3, 1], act, Losses.Exponential, x, Signs(rng, 5));
            yield return ($"fc-{act.Name}-exponential", ex, InRegion(ex, rng));
        }
        yield return ("conv-leaky-square", Conv(rng, Activation.LeakyRelu(0.2), out var th), th);
    }

    /// <summary>A Gaussian θ whose pre-activations all have |z| ≥ 0.02 (so finite differences stay in one region).</summary>
    public static double[] InRegion(HomogeneousNetwork net, Rng rng)
    {
        for (int attempt = 0; ; attempt++)
        {
            var theta = Gaussian(rng, net.Dimension, 0.7);
            if (net.RegionMargin(theta) >= 0.02 || attempt > 200)
            {
                return theta;
            }
        }
    }

    /// <summary>Circular conv (1→2 channels, L = 5, K = 3) → conv (2→2, K = 2) → dense 10 → 2, square loss.</summary>
    public static HomogeneousNetwork Conv(Rng rng, Activation act, out double[] theta)
    {
        var layers = new[]
        {
            LayerMap.CircularConvolution(1, 2, 5, 3),
            LayerMap.CircularConvolution(2, 2, 5, 2),
            LayerMap.Dense(2, 10),
        };
        var x = rng.GaussianMatrix(5, 4);
        var net = new HomogeneousNetwork(layers, act, Losses.Square, x, rng.GaussianMatrix(2, 4));
        theta = InRegion(net, rng);
        return net;
    }
}
