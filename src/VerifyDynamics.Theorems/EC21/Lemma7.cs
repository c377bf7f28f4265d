using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 7 (Sec. 4.1.1, Eq. 13, L203; proof App. I.6): for any θ of a deep linear network with convex C² φ,
/// λ_min(∇²f(θ)) ≥ −(n−1)·√min{d_0, d_n}·‖∇φ(W_{n:1})‖_F·max_{|J|=n−2}∏_{j∈J}‖W_j‖_s (empty product 1).
/// Formalisation note: λ_min from a dense finite-difference Hessian of the exact gradient (tolerance: Richardson
/// estimate + eigensolver backward error); random points plus layer rescalings with ∏c_j = 1 (c_j ∈ [1e−1, 1e1])
/// which keep f but move the bound.
/// </summary>
public static class Lemma7
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma7"),
        Source = Ec21.Source("Lemma 7 (Sec. 4.1.1, Eq. 13); proof App. I.6", "L203–215"),
        Kind = StatementKind.Lemma,
        Title = "lower bound on the Hessian's minimal eigenvalue (linear nets)",
        Text = "λ_min(∇²f(θ)) ≥ −(n−1)√min{d_0,d_n}‖∇φ(W_{n:1})‖_F max_{|J|=n−2}∏_{j∈J}‖W_j‖_s.",
        FormalisationNote = "Dense FD Hessian λ_min vs the bound; random Gaussian points and rescaled ones; square and logistic losses.",
        Fidelity = Fidelity.Full("bound (13) at random θ and at layer rescalings (∏c_j = 1, c_j ∈ [0.1, 10]) that move the bound but keep f"),
        Hypotheses = new Hypotheses("as Lemma 5, n ∈ 2..4; odd trials rescale layers by c_j with ∏c_j = 1", ctx => Rescaled(ctx, 1),
            (x, k) => HypothesesCheck.All((x.Weights.Length >= 2, "n ≥ 2"))),
        Conclusion = (x, k, p) => Conclude(x, false, false),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("FactorOne", "(n − 1) → 1: refuted at random depth-3 points (observed tightness ≈ 1.56)",
                s => s.WithGenerator("depth 3", ctx => Rescaled(ctx, 1, depth: 3)).WithConclusion((x, k, p) => Conclude(x, true, false)), trials: 48),
            Variant.Mutant("ProductOfNMinusOne", "product over n − 1 norms: refuted by shrinking every layer (bound ∝ c^{n−1}, truth ∝ c^{n−2})",
                s => s.WithGenerator("all layers scaled by 0.05", ctx => Rescaled(ctx, 0.05, depth: 3)).WithConclusion((x, k, p) => Conclude(x, false, true)), trials: 8),
        ],
    };

    private static Instance Rescaled(TrialContext ctx, double scale, int? depth = null)
    {
        var inst = Lemma5.Generate(ctx);
        var r = ctx.Rng;
        var ws = inst.Weights.Select(w => w * scale).ToArray();
        if (depth is int n && ws.Length != n)
        {
            var dims = Enumerable.Range(0, n + 1).Select(_ => r.NextInt(1, 3)).ToArray();
            dims[0] = inst.Matrix("X").RowCount;
            dims[n] = inst.Matrix("Y").RowCount;
            ws = [.. Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1]) * scale)];
        }
        if (ctx.Index % 2 == 1)
        {
            var c = ws.Select(_ => r.LogUniform(0.1, 10)).ToArray();
            double g = Math.Exp(c.Average(Math.Log));
            ws = [.. ws.Select((w, i) => w * (c[i] / g))];
        }
        return inst.WithNetwork(new DeepLinearNetwork(ws));
    }

    private static MarginSet Conclude(Instance x, bool factorOne, bool nMinusOne)
    {
        var prob = LinearNetProblem.From(x);
        var net = x.Network;
        int n = net.Depth;
        var dims = net.Dims;
        var (lmin, err) = prob.MinEigen(ParameterLayout.Flatten(net.Weights), dims);
        var norms = net.Weights.Select(MatrixMeasures.Spectral);
        double prod = nMinusOne ? LinearNetProblem.MaxProductOmittingOne(norms) : LinearNetProblem.MaxProductOmittingTwo(norms);
        double bound = -(factorOne ? 1 : n - 1) * Math.Sqrt(Math.Min(dims[0], dims[n])) * prob.GradPhi(net.EndToEnd()).FrobeniusNorm() * prod;
        var tol = LinearNetProblem.MinEigenTolerance(err).Plus(Tolerance.FromRounding(16 * n, Math.Abs(bound), "|bound|"));
        return MarginSet.Of(Ec21.AtLeast("λ_min(∇²f) ≥ bound (13)", lmin, bound, tol)).WithObservation("lambda_min", lmin).WithObservation("bound", bound);
    }
}
