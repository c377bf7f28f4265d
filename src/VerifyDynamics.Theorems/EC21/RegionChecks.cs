using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// The consequence checks of EC21 Props. 25/26 (regions of differentiability) on a concrete θ′ (catalog §9 (a)–(c)):
/// (a) θ′ is regular: min |pre-activation| &gt; 0; (b) on the ball of certified radius r_0 around θ′, f equals Eq. (15)
/// with θ′'s activation matrices (checked at θ′ + r_0·u/2 for a stored unit direction u: same activation pattern, and the
/// network value equals the frozen-mask evaluation); (c) positive per-layer rescalings c_j keep the pattern.
/// Certified radius: for ‖θ − θ′‖ ≤ r every layer moves by ≤ r in Frobenius (hence spectral) norm, so for sample i
/// |ΔZ_j| ≤ max{|α|,|ᾱ|}^{j−1}‖x_i‖(∏_{k≤j}(‖W_k(·)‖_op‖w_k‖ + ‖W_k(·)‖_op r) − ∏_{k≤j}‖W_k(·)‖_op‖w_k‖); r_0 = the largest r
/// (bisection, 60 halvings) with this &lt; min_j,unit |Z_j| / 2 for every sample.
/// </summary>
internal static class RegionChecks
{
    public static Instance AddProbes(Rng r, Instance x, int depth, int dimension)
    {
        var u = r.GaussianMatrix(dimension, 1);
        u /= u.FrobeniusNorm();
        var c = SequentialBuild.Matrix(depth, 1, (_, _) => r.LogUniform(1e-3, 1e3));
        return x.WithMatrix("u", u).WithMatrix("c", c);
    }

    public static bool[] Pattern(HomogeneousNetwork net, double[] theta)
    {
        var fp = net.Forward(theta);
        return [.. Enumerable.Range(1, net.Depth - 1).SelectMany(j => fp.Z[j].Enumerate().Select(z => z > 0))];
    }

    /// <summary>h with the activation slopes frozen at θ′ (Eq. 15).</summary>
    public static Matrix<double> FrozenOutput(HomogeneousNetwork net, double[] thetaPrime, double[] theta)
    {
        var slopes = net.Forward(thetaPrime).Slopes;
        var w = net.Weights(theta);
        var a = net.X;
        for (int j = 1; j <= net.Depth; j++)
        {
            var z = w[j - 1] * a;
            a = j < net.Depth ? z.PointwiseMultiply(slopes[j]) : z;
        }
        return a;
    }

    public static double CertifiedRadius(HomogeneousNetwork net, double[] theta)
    {
        var fp = net.Forward(theta);
        var norms = ConvInstances.LayerNorms(net, theta);
        var ops = net.Layers.Select(l => l.OperatorNorm()).ToArray();
        double slope = net.Activation.MaxAbsSlope;
        bool Ok(double r)
        {
            for (int i = 0; i < net.Samples; i++)
            {
                double xi = net.X.Column(i).L2Norm();
                double p0 = 1, p1 = 1;
                for (int j = 1; j < net.Depth; j++)
                {
                    p0 *= ops[j - 1] * norms[j - 1];
                    p1 *= ops[j - 1] * (norms[j - 1] + r);
                    double minZ = fp.Z[j].Column(i).Enumerate().Min(Math.Abs);
                    if (Math.Pow(slope, j - 1) * xi * (p1 - p0) >= minZ / 2)
                    {
                        return false;
                    }
                }
            }
            return true;
        }
        double lo = 0, hi = Math.Max(1, norms.Max());
        for (int k = 0; k < 60; k++)
        {
            double mid = (lo + hi) / 2;
            if (Ok(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    public static MarginSet Conclude(HomogeneousNetwork net, Instance x, double[] theta, bool negativeRescaling)
    {
        double minPre = net.RegionMargin(theta);
        var pattern = Pattern(net, theta);
        var c = x.Matrix("c").Column(0).ToArray();
        if (negativeRescaling)
        {
            c[0] = -c[0];
        }
        int rescaleMismatches = Pattern(net, ConvRescaling.Scale(net, theta, c)).Zip(pattern).Count(t => t.First != t.Second);
        double r0 = CertifiedRadius(net, theta);
        var probe = VectorOps.AddScaled(theta, r0 / 2, x.Matrix("u").Column(0).ToArray());
        int ballMismatches = Pattern(net, probe).Zip(pattern).Count(t => t.First != t.Second);
        var actual = net.Output(probe);
        var frozen = FrozenOutput(net, theta, probe);
        double diff = (actual - frozen).Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max();
        return MarginSet.Of(
            Ec21.AtLeast("θ′ regular: min |pre-activation| > 0", minPre, 0, Tolerance.Exact),
            Ec21.AtMost("activation pattern changes under positive rescaling", rescaleMismatches, 0, Tolerance.Exact),
            Ec21.AtMost("activation pattern changes inside the certified ball", ballMismatches, 0, Tolerance.Exact),
            Ec21.AtMost("|h(θ) − Eq. (15) with θ′'s masks| inside the ball", diff, 0, Tolerance.FromRounding(8 * net.Depth * net.Dims.Max(), actual.Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max(), "forward pass")))
            .WithObservation("certified radius", r0);
    }
}
