using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// Weight-sharing ("convolutional") networks of EC21 App. C (Eq. 28) for Lemma 21 – Claim 29: layers 1..n−1 are circular
/// 1-D convolutions (Core <see cref="LayerMap.CircularConvolution"/>, C_{j−1} → C_j channels over length L, kernel K_j),
/// the last layer is fully connected C_{n−1}L → d_n; the objective is Core's <see cref="HomogeneousNetwork"/> (exact
/// backprop gradient and HVP with frozen masks, <see cref="ExactHessian.Homogeneous"/> = the Lemma 21 pull-back).
/// Instance layout (replayable from JSON): scalars n, L, C0..C{n−1}, K1..K{n−1}, dn, alpha, alphaBar, logistic;
/// matrices X (C0·L × |S|), Y, theta (d × 1), Delta (d × 1).
/// </summary>
internal static class ConvInstances
{
    /// <summary>Relative FD step (as <see cref="HomogeneousInstances.Step"/>).</summary>
    public const double Step = HomogeneousInstances.Step;

    public static IReadOnlyList<LayerMap> Layers(Instance x)
    {
        int n = (int)x.Scalar("n"), length = (int)x.Scalar("L");
        var layers = new List<LayerMap>();
        for (int j = 1; j < n; j++)
        {
            layers.Add(LayerMap.CircularConvolution((int)x.Scalar($"C{j - 1}"), (int)x.Scalar($"C{j}"), length, (int)x.Scalar($"K{j}")));
        }
        layers.Add(LayerMap.Dense((int)x.Scalar("dn"), (int)x.Scalar($"C{n - 1}") * length));
        return layers;
    }

    public static HomogeneousNetwork Network(Instance x) =>
        new(Layers(x), new Activation(x.Scalar("alpha"), x.Scalar("alphaBar"), "homogeneous"), Loss(x), x.Matrix("X"), x.Matrix("Y"));

    public static ISampleLoss Loss(Instance x) => x.Scalar("logistic") == 1 ? Losses.Logistic : Losses.Square;

    public static double[] Theta(Instance x) => x.Matrix("theta").Column(0).ToArray();

    public static double[] Delta(Instance x) => x.Matrix("Delta").Column(0).ToArray();

    public static Instance WithTheta(Instance x, double[] theta) => x.WithMatrix("theta", Matrix<double>.Build.Dense(theta.Length, 1, theta));

    /// <summary>
    /// A random conv net: n layers, L ∈ 2..4, channels 1..2, kernels 1..min(L, 3), d_n ∈ 1..2 (1 for logistic),
    /// |S| ∈ 1..3, Gaussian weights × <paramref name="scale"/>, data, direction; activation kinds as EC21 Lemma 9.
    /// </summary>
    public static Instance Random(Rng r, int index, int n, bool logistic, double scale = 1, int? length = null)
    {
        int len = length ?? r.NextInt(2, 4);
        var inst = new Instance().WithScalar("n", n).WithScalar("L", len);
        for (int j = 0; j < n; j++)
        {
            inst = inst.WithScalar($"C{j}", r.NextInt(1, 2));
        }
        for (int j = 1; j < n; j++)
        {
            inst = inst.WithScalar($"K{j}", r.NextInt(1, Math.Min(len, 3)));
        }
        int dn = logistic ? 1 : r.NextInt(1, 2);
        var (alpha, alphaBar) = HomogeneousNet.RandomActivation(r, index);
        int samples = r.NextInt(1, 3);
        var data = LinearNetProblem.Random(r, (int)inst.Scalar("C0") * len, dn, samples, logistic);
        inst = data.Store(inst.WithScalar("dn", dn).WithScalar("alpha", alpha).WithScalar("alphaBar", alphaBar))
            with { Family = $"conv n = {n}, L = {len}, {(logistic ? "logistic" : "square")}, σ = ({alpha:G3}, {alphaBar:G3})" };
        int d = Layers(inst).Sum(l => l.ParameterCount);
        var theta = r.GaussianMatrix(d, 1) * scale;
        return inst.WithMatrix("theta", theta).WithMatrix("Delta", r.GaussianMatrix(d, 1));
    }

    /// <summary>‖w_j‖₂, j = 1..n.</summary>
    public static double[] LayerNorms(HomogeneousNetwork net, double[] theta) =>
        [.. Enumerable.Range(1, net.Depth).Select(j => Math.Sqrt(net.LayerParameters(theta, j).ToArray().Sum(v => v * v)))];

    /// <summary>∏_j‖W_j(·)‖_op (footnote 27).</summary>
    public static double OpNormProduct(HomogeneousNetwork net) => net.Layers.Aggregate(1.0, (p, l) => p * l.OperatorNorm());

    /// <summary>The FD step: Step·min_j‖w_j‖ (relative perturbation of every layer, as for the dense nets).</summary>
    public static double StepFor(HomogeneousNetwork net, double[] theta) => Step * Math.Max(LayerNorms(net, theta).Min(), 1e-12);

    /// <summary>Inside a region with margin: per hidden layer min|Z_j| ≥ 100·n·Step·max|Z_j| (see HomogeneousInstances.InsideRegion).</summary>
    public static bool InsideRegion(HomogeneousNetwork net, double[] theta)
    {
        if (net.Activation.IsLinear)
        {
            return true;
        }
        var fp = net.Forward(theta);
        for (int j = 1; j < net.Depth; j++)
        {
            var abs = fp.Z[j].Enumerate().Select(Math.Abs).ToArray();
            if (abs.Min() <= 100 * net.Depth * Step * Math.Max(abs.Max(), double.Epsilon))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>max{|α|,|ᾱ|}^power·((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖, the common factor of Eqs. (31), (32).</summary>
    public static double LeadingFactor(HomogeneousNetwork net, double[] theta, int power)
    {
        var lg = net.Loss.Gradient(net.Output(theta), net.Y);
        double s = 0;
        for (int i = 0; i < net.Samples; i++)
        {
            s += lg.Column(i).L2Norm() * net.X.Column(i).L2Norm();
        }
        return Math.Pow(net.Activation.MaxAbsSlope, power) * (net.Depth - 1) / net.Samples * s;
    }

    /// <summary>
    /// λ_min of the exact Hessian with frozen masks (Core <see cref="ExactHessian.CertifiedMinEigenvalue"/>, the assembled matrix as
    /// is); error: the eigensolver's γ_{8d+8}‖H‖_F plus Core's rigorous rounding bound γ_K·max‖W_j(·)‖_op²·C_W
    /// (<see cref="HessianRoundingBound"/> with the pull-back through the weight-sharing maps).
    /// </summary>
    public static (double Value, double Error) MinEigen(HomogeneousNetwork net, double[] theta) =>
        ExactHessian.CertifiedMinEigenvalue(net, theta, symmetrize: false);

    /// <summary>The tolerance kind of <see cref="MinEigen"/>'s error.</summary>
    public static Tolerance MinEigenTolerance(double error) =>
        Tolerance.Bound(error, "exact frozen-mask Hessian rounding γ_K·max‖W_j(·)‖_op²·C_W (|fl(AB) − AB| ≤ γ_k|A||B|, Frobenius magnitudes) + eigensolver γ_{8d+8}‖H‖_F");

    /// <summary>Δθᵀ∇²fΔθ by central differences of Core's backprop gradient (step h along Δθ), Richardson error estimate.</summary>
    public static (double Value, double Error) DirectionalSecond(HomogeneousNetwork net, double[] theta, double[] delta, double h) =>
        RichardsonDifferences.DirectionalSecond(net.Gradient, theta, delta, h);

    /// <summary>Δθᵀ∇²fΔθ by the exact HVP with frozen masks, with the rounding γ_{16·n·D}·‖Δ‖²·‖H‖-scale (scale from |ΔᵀHΔ| + ‖HΔ‖‖Δ‖).</summary>
    public static (double Value, double Error) QuadraticForm(HomogeneousNetwork net, double[] theta, double[] delta)
    {
        var hv = net.HessianVectorProduct(theta, delta);
        double q = 0;
        for (int i = 0; i < delta.Length; i++)
        {
            q += delta[i] * hv[i];
        }
        return (q, Tolerance.Gamma(16 * net.Depth * net.Dims.Max()) * (Math.Abs(q) + VectorOps.Norm(hv) * VectorOps.Norm(delta)));
    }

    /// <summary>The paper-local dense evaluator of Eq. (16) on the same data/activation (Eq. 30 = Eq. 16 at W_j(w_j), W_j(Δw_j)).</summary>
    public static HomogeneousNet Dense(Instance x) => new(LinearNetProblem.From(x), x.Scalar("alpha"), x.Scalar("alphaBar"));

    /// <summary>Σ_i∇ℓ(0, y_i)ᵀh_θ(x_i)/|S| (non-degeneracy (ii) of Props 10/22).</summary>
    public static double NonDegeneracy(HomogeneousNetwork net, double[] theta)
    {
        var h = net.Output(theta);
        var g0 = net.Loss.Gradient(Matrix<double>.Build.Dense(h.RowCount, h.ColumnCount), net.Y);
        return g0.PointwiseMultiply(h).Enumerate().Sum() / net.Samples;
    }
}

/// <summary>Rescalings of conv instances (positive per-layer factors keep the activation pattern).</summary>
internal static class ConvRescaling
{
    /// <summary>θ with w_j multiplied by c_j.</summary>
    public static double[] Scale(HomogeneousNetwork net, double[] theta, IReadOnlyList<double> c)
    {
        var t = (double[])theta.Clone();
        for (int j = 1; j <= net.Depth; j++)
        {
            for (int k = 0; k < net.Layers[j - 1].ParameterCount; k++)
            {
                t[net.Offset(j) + k] *= c[j - 1];
            }
        }
        return t;
    }

    /// <summary>Random c_j log-uniform in [lo, hi], normalized to ∏c_j = 1.</summary>
    public static double[] Balanced(Rng r, int n, double lo, double hi)
    {
        var c = Enumerable.Range(0, n).Select(_ => r.LogUniform(lo, hi)).ToArray();
        double g = Math.Exp(c.Average(Math.Log));
        return [.. c.Select(v => v / g)];
    }
}
