using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 23 (App. C, Eq. 31, L576; proof App. I.17): for θ in a region of a weight-sharing network,
/// λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖·∏_{j=1}^n‖W_j(·)‖_op·max_{|J|=n−2}∏_{j∈J}‖w_j‖₂.
/// Formalisation note: circular-conv nets (<see cref="ConvInstances"/>), λ_min of Core's exact frozen-mask Hessian
/// (<see cref="Core.Networks.ExactHessian.Homogeneous"/>, cross-checked against finite differences by EC21.Lemma21);
/// random points and (odd trials) layer rescalings with ∏c_j = 1, c_j ∈ [0.1, 10]. Tolerance: eigensolver + assembly
/// rounding + rounding of the bound.
/// </summary>
public static class Lemma23
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma23"),
        Source = Ec21.Source("Lemma 23 (App. C, Eq. 31); proof App. I.17", "L576–587"),
        Kind = StatementKind.Lemma,
        Title = "λ_min lower bound for conv nets",
        Text = "λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖∏_j‖W_j(·)‖_op max_{|J|=n−2}∏_{j∈J}‖w_j‖.",
        FormalisationNote = "Exact frozen-mask Hessian λ_min vs Eq. (31) at random and rescaled (∏c_j = 1) conv-net points.",
        Fidelity = Fidelity.Full("bound (31) at random conv-net points and weight rescalings (∏c_j = 1)"),
        Hypotheses = new Hypotheses("conv G0, n ∈ 2..4; odd trials rescale weight vectors by c_j ∈ [0.1, 10], ∏c_j = 1", ctx => Generate(ctx, 1, null),
            (x, k) => HypothesesCheck.All((ConvInstances.InsideRegion(ConvInstances.Network(x), ConvInstances.Theta(x)), "θ inside its region"))),
        Conclusion = (x, k, p) => Conclude(x, false, false),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("ProductOfNMinusOne", "product over n − 1 vector norms: refuted by shrinking every layer",
                s => s.WithGenerator("weights × 0.05, n = 3", ctx => Generate(ctx, 0.05, 3)).WithConclusion((x, k, p) => Conclude(x, true, false)), trials: 12),
            Variant.Mutant("DropOpNorm", "∏‖W_j(·)‖_op dropped: refuted by a linear conv net with L = 4 on spatially constant inputs (op norm √L per conv layer)",
                s => s.WithGenerator("linear activation, n = 2, L = 4, weights × 0.01, x_i constant along positions (then λ_min ≈ −√K‖∇ℓ‖‖x‖)", GenerateConstantInput).WithConclusion((x, k, p) => Conclude(x, false, true)), trials: 12),
        ],
    };

    private static Instance Generate(TrialContext ctx, double scale, int? depth)
    {
        var r = ctx.Rng;
        var inst = ConvInstances.Random(r, ctx.Index, depth ?? r.NextInt(2, 4), ctx.Index % 3 == 1, scale);
        if (ctx.Index % 2 == 1 && depth is null)
        {
            var net = ConvInstances.Network(inst);
            inst = ConvInstances.WithTheta(inst, ConvRescaling.Scale(net, ConvInstances.Theta(inst), ConvRescaling.Balanced(r, net.Depth, 0.1, 10)));
        }
        return inst;
    }

    private static Instance GenerateConstantInput(TrialContext ctx)
    {
        var r = ctx.Rng;
        var inst = ConvInstances.Random(r, 3, 2, false, 0.01, 4);
        var x = inst.Matrix("X");
        int len = 4;
        var constant = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (row, col) => x[row / len * len, col]);
        return inst.WithMatrix("X", constant) with { Family = inst.Family + ", x constant along positions" };
    }

    private static MarginSet Conclude(Instance x, bool nMinusOne, bool dropOpNorm)
    {
        var net = ConvInstances.Network(x);
        var theta = ConvInstances.Theta(x);
        int n = net.Depth;
        var (lmin, err) = ConvInstances.MinEigen(net, theta);
        var norms = ConvInstances.LayerNorms(net, theta);
        double prod = nMinusOne ? LinearNetProblem.MaxProductOmittingOne(norms) : LinearNetProblem.MaxProductOmittingTwo(norms);
        double bound = -ConvInstances.LeadingFactor(net, theta, n - 1) * (dropOpNorm ? 1 : ConvInstances.OpNormProduct(net)) * prod;
        var tol = ConvInstances.MinEigenTolerance(err).Plus(Tolerance.FromRounding(32 * n, Math.Abs(bound), "|bound|"));
        return MarginSet.Of(Ec21.AtLeast("λ_min ≥ bound (31)", lmin, bound, tol)).WithObservation("lambda_min", lmin).WithObservation("bound", bound);
    }
}
