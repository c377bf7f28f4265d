using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>Generators shared by the EC21 homogeneous-activation statements (Lemmas 9, 11, Props 10, 12, Claim 28).</summary>
internal static class HomogeneousInstances
{
    /// <summary>Relative FD step for Hessians inside a region (see <see cref="StepFor"/>).</summary>
    public const double Step = 2e-5;

    public static Instance Random(Rng r, int index, int n, bool logistic, double scale = 1)
    {
        var dims = Enumerable.Range(0, n + 1).Select(_ => r.NextInt(1, 3)).ToArray();
        if (logistic)
        {
            dims[n] = 1;
        }
        var (alpha, alphaBar) = HomogeneousNet.RandomActivation(r, index);
        var ws = Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1]) * scale).ToArray();
        var data = LinearNetProblem.Random(r, dims[0], dims[n], r.NextInt(1, 4), logistic);
        var inst = new HomogeneousNet(data, alpha, alphaBar).Store(new Instance { Family = $"{(logistic ? "logistic" : "square")}, σ = ({alpha:G3}, {alphaBar:G3})" }.WithNetwork(new DeepLinearNetwork(ws)));
        return inst with { MatrixLists = inst.MatrixLists.SetItem("Delta", [.. Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1]))]) };
    }

    /// <summary>The FD step: Step·min_j‖W_j‖_F, so the stencil moves every layer, hence every pre-activation, by a relative O(Step).</summary>
    public static double StepFor(IReadOnlyList<MathNet.Numerics.LinearAlgebra.Matrix<double>> ws) => Step * Math.Max(ws.Min(w => w.FrobeniusNorm()), 1e-12);

    /// <summary>
    /// Inside a region with margin: in every layer min|Z_j| ≥ 100·n·Step·max|Z_j| (a relative perturbation δ of every
    /// weight moves Z_j by at most a relative (1 + δ)^j − 1 ≈ jδ of its magnitude scale, so masks stay frozen under the FD stencil).
    /// </summary>
    public static bool InsideRegion(Instance x)
    {
        var net = HomogeneousNet.From(x);
        var pre = net.Forward(x.Weights).Z[1..^1];
        int n = x.Weights.Length;
        return pre.All(z => z.Enumerate().Min(Math.Abs) > 100 * n * Step * Math.Max(z.Enumerate().Max(Math.Abs), double.Epsilon));
    }

    /// <summary>max{|α|, |ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖ — the common factor of Eqs. (17), (18).</summary>
    public static double LeadingFactor(HomogeneousNet net, IReadOnlyList<MathNet.Numerics.LinearAlgebra.Matrix<double>> ws, int power)
    {
        int n = ws.Count;
        var output = net.Forward(ws).Output;
        var lg = net.Data.LossGradients(output);
        double s = 0;
        for (int i = 0; i < net.Data.N; i++)
        {
            s += lg.Column(i).L2Norm() * net.Data.X.Column(i).L2Norm();
        }
        return Math.Pow(Math.Max(Math.Abs(net.Alpha), Math.Abs(net.AlphaBar)), power) * (n - 1) / net.Data.N * s;
    }
}
