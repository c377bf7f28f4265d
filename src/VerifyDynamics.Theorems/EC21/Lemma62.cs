using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 62 (App. I.12.8, L1630–1694): for any θ (S5, d_n = 1): (i) ‖∇²f(θ)‖_s ≤ n·max_{|J|=n−1}∏_{j∈J}‖W_j‖_F² +
/// 2n‖∇φ(w_{n:1})‖·max_{|J|=n−2}∏_{j∈J}‖W_j‖_F; (ii) ‖∇f(θ)‖ ≤ √n‖∇φ(w_{n:1})‖·max_{|J|=n−1}∏_{j∈J}‖W_j‖_F (empty product = 1).
/// Formalisation note: exact dense Hessian (Core ExactHessian.DeepLinear, Lemma 5's form) and exact gradient at random θ: Gaussian
/// layers with per-layer scales log-uniform in [0.1, 2] (two of three trials), or (every third) a balanced rank-one θ with w_{n:1} ∥ λ
/// and ‖w‖ ∈ {1 (the minimizer, where (i) is tight: ‖∇²f‖_s = n), log-uniform [0.3, 1.5]} — there (ii) is tight.
/// Tolerance: eigensolver backward error γ_{8d}‖H‖_F + Hessian assembly rounding γ_{16nd}·(scale of the bound).
/// </summary>
public static class Lemma62
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma62"),
        Source = Ec21.Source("Lemma 62 (App. I.12.8)", "L1630–1694"),
        Kind = StatementKind.Lemma,
        Title = "Hessian and gradient norm bounds for deep linear scalar regression",
        Text = "For any θ: (i) ‖∇²f(θ)‖_s ≤ n·max_{J⊆[n],|J|=n−1}∏_{j∈J}‖W_j‖_F² + 2n‖∇φ(w_{n:1})‖_2·max_{J⊆[n],|J|=n−2}∏_{j∈J}‖W_j‖_F; (ii) ‖∇f(θ)‖_2 ≤ √n‖∇φ(w_{n:1})‖_2·max_{J⊆[n],|J|=n−1}∏_{j∈J}‖W_j‖_F.",
        FormalisationNote = "Exact dense Hessian and gradient at Gaussian θ (random layer scales) and at balanced aligned θ where the bounds are tight.",
        Fidelity = Fidelity.Full("any θ: Gaussian layers with random scales, and balanced aligned θ where the bounds are tight; n ∈ 2..4, widths ≤ 3"),
        Hypotheses = new Hypotheses("n ∈ 2..4, d_0 ∈ {2, 3}, hidden 1..3, unit λ; Gaussian layers × log-uniform [0.1, 2] scales, or balanced rank-one w ∥ λ", Generate,
            (x, k) => HypothesesCheck.All((x.Dims[^1] == 1, "d_n = 1"), (Math.Abs(x.RequireTarget.FrobeniusNorm() - 1) < 1e-12, "‖Λ_yx‖ = 1"))),
        Conclusion = (x, k, p) => Conclude(x, Math.Sqrt(x.Network.Depth), x.Network.Depth),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("HessianFactorOne", "(i) with n → 1 in the first term: refuted at the balanced minimizer (‖∇²f‖_s = n)",
                s => s.WithGenerator("balanced, w = λ", ctx => Aligned(ctx, 1)).WithConclusion((x, k, p) => Conclude(x, Math.Sqrt(x.Network.Depth), 1)), trials: 2),
            Variant.Mutant("GradientFactorOne", "(ii) with √n → 1: refuted at balanced aligned θ (every layer contributes equally)",
                s => s.WithGenerator("balanced, w = 0.5λ", ctx => Aligned(ctx, 0.5)).WithConclusion((x, k, p) => Conclude(x, 1, x.Network.Depth)), trials: 2),
        ],
    };

    private static Instance Aligned(TrialContext ctx, double norm)
    {
        int n = ctx.Rng.NextInt(2, 4);
        return S5.Generate(ctx.Rng, n, norm, 1);
    }

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        if (ctx.Index % 3 == 2)
        {
            return Aligned(ctx, ctx.Index % 2 == 0 ? 1 : r.LogUniform(0.3, 1.5));
        }
        int n = r.NextInt(2, 4), d0 = r.NextInt(2, 3);
        var dims = new int[n + 1];
        dims[0] = d0;
        for (int j = 1; j < n; j++)
        {
            dims[j] = r.NextInt(1, 3);
        }
        dims[n] = 1;
        var ws = Enumerable.Range(1, n).Select(j => { var g = r.GaussianMatrix(dims[j], dims[j - 1]); return g * (r.LogUniform(0.1, 2) / g.FrobeniusNorm()); }).ToArray();
        var l = r.GaussianMatrix(1, d0);
        return Instance.ForNetwork("gaussian", new DeepLinearNetwork(ws), l / l.FrobeniusNorm());
    }

    private static double MaxProduct(double[] norms, int size, int power)
    {
        double best = 0;
        int n = norms.Length;
        for (int mask = 0; mask < 1 << n; mask++)
        {
            if (System.Numerics.BitOperations.PopCount((uint)mask) != size)
            {
                continue;
            }
            double prod = 1;
            for (int j = 0; j < n; j++)
            {
                if ((mask & (1 << j)) != 0)
                {
                    prod *= Math.Pow(norms[j], power);
                }
            }
            best = Math.Max(best, prod);
        }
        return best;
    }

    private static MarginSet Conclude(Instance x, double gradFactor, double hessFactor)
    {
        var net = x.Network;
        int n = net.Depth;
        var objective = DeepLinearObjective.ForTarget(net.Dims, x.RequireTarget);
        var theta = objective.Pack(net);
        var h = ExactHessian.DeepLinear(objective, theta);
        var ev = h.Evd(Symmetricity.Symmetric).EigenValues.Select(z => Math.Abs(z.Real)).Max();
        double gradPhi = (net.EndToEnd() - x.RequireTarget).FrobeniusNorm();
        var norms = net.Weights.Select(w => w.FrobeniusNorm()).ToArray();
        double p1sq = MaxProduct(norms, n - 1, 2), p1 = MaxProduct(norms, n - 1, 1), p2 = MaxProduct(norms, n - 2, 1);
        double rhsH = hessFactor * p1sq + 2 * n * gradPhi * p2;
        double grad = VectorOps.Norm(objective.Gradient(theta));
        double rhsG = gradFactor * gradPhi * p1;
        int ops = 16 * n * net.Dims.Max() + 8 * theta.Length;
        var tolH = Tolerance.Bound(Tolerance.Gamma(8 * theta.Length + 8) * h.FrobeniusNorm(), "eigensolver γ_{8d}‖H‖_F (backward-stable symmetric eigensolver, Weyl)").Plus(Tolerance.FromRounding(ops, n * p1sq + 2 * n * gradPhi * p2 + gradPhi, "assembly, bound scale"));
        return MarginSet.Of(
            Margin.AtMost("(i) ‖∇²f‖_s ≤ n·max∏_{|J|=n−1}‖W_j‖² + 2n‖∇φ‖·max∏_{|J|=n−2}‖W_j‖", ev, rhsH, tolH),
            Margin.AtMost("(ii) ‖∇f‖ ≤ √n‖∇φ‖·max∏_{|J|=n−1}‖W_j‖", grad, rhsG, Tolerance.FromRounding(ops, Math.Sqrt(n) * gradPhi * p1 + grad, "gradient products")));
    }
}
