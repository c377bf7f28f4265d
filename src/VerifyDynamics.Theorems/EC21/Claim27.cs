using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Claim 27 (App. E, L666): the assumptions of Proposition 6 are necessary — if n = 2 or ∇φ(0) = 0 then
/// possibly inf_θ λ_min(∇²f(θ)) &gt; −∞. Proof: for n = 2, λ_min(∇²f(θ)) ≥ −‖∇φ(W_{2:1})‖_F; with the logistic loss
/// ‖∇φ‖_F ≤ (1/|S|)Σ‖x_i‖; and x_i = 0 makes f constant.
/// Formalisation note: certificate check — at random and adversarially rescaled two-layer points (W_1c, W_2/c,
/// c ∈ [1e−2, 1e2]) with the logistic loss, λ_min (dense FD Hessian) ≥ −‖∇φ(W_{2:1})‖_F ≥ −(1/|S|)Σ‖x_i‖; with x_i = 0
/// (a third of the trials) λ_min ≥ 0.
/// </summary>
public static class Claim27
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Claim27"),
        Source = Ec21.Source("Claim 27 (App. E)", "L666–675"),
        Kind = StatementKind.Claim,
        Title = "Proposition 6 needs depth ≥ 3 and ∇φ(0) ≠ 0",
        Text = "For n = 2 (bounded ∇φ, e.g. logistic loss) or ∇φ(0) = 0 (x_i = 0), inf_θ λ_min(∇²f(θ)) > −∞.",
        FormalisationNote = "Certificate: λ_min ≥ −‖∇φ(W_{2:1})‖_F ≥ −(1/|S|)Σ‖x_i‖ at random/rescaled points (n = 2, logistic); λ_min ≥ 0 when x_i = 0.",
        Fidelity = Fidelity.Restricted("the proof's uniform floor λ_min ≥ −(1/|S|)Σ‖x_i‖ at sampled points (random and rescaled, c ∈ [1e−2, 1e2]), logistic loss; inf > −∞ over all θ is not reachable by sampling"),
        Hypotheses = new Hypotheses("n = 2, widths 1..3, d_2 = 1, logistic loss; rescaling c ∈ [1e−2, 1e2]; x_i = 0 in every third trial", Generate,
            (x, k) => HypothesesCheck.All((x.Weights.Length == 2, "n = 2"), (x.Dims[^1] == 1, "binary logistic (d_2 = 1)"))),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("DepthThree", "the n = 2 floor −(1/|S|)Σ‖x_i‖ claimed for n = 3: Proposition 6's point goes below it",
                s => s.WithHypotheses("Prop. 6 construction, n = 3, logistic, c = 10·floor", ctx => Prop6.Generate(ctx, 3, true, 1),
                    (x, k) => HypothesesCheck.Ok).WithConclusion((x, k, p) => ConcludeDeep(x)), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        var dims = new[] { r.NextInt(1, 3), r.NextInt(1, 3), 1 };
        var prob = LinearNetProblem.Random(r, dims[0], 1, r.NextInt(1, 5), logistic: true);
        if (ctx.Index % 3 == 2)
        {
            prob = new LinearNetProblem(Matrix<double>.Build.Dense(dims[0], prob.N), prob.Y, true);
        }
        double c = r.LogUniform(1e-2, 1e2);
        var net = new DeepLinearNetwork([r.GaussianMatrix(dims[1], dims[0]) * c, r.GaussianMatrix(1, dims[1]) / c]);
        return prob.Store(new Instance { Family = ctx.Index % 3 == 2 ? "zero-data" : "logistic" }.WithNetwork(net));
    }

    private static double Floor(LinearNetProblem prob) => Enumerable.Range(0, prob.N).Sum(i => prob.X.Column(i).L2Norm()) / prob.N;

    private static MarginSet Conclude(Instance x)
    {
        var prob = LinearNetProblem.From(x);
        var net = x.Network;
        var (lmin, err) = prob.MinEigen(ParameterLayout.Flatten(net.Weights), net.Dims);
        var tol = LinearNetProblem.MinEigenTolerance(err);
        double g = prob.GradPhi(net.EndToEnd()).FrobeniusNorm();
        return MarginSet.Of(
            Ec21.AtLeast("λ_min ≥ −‖∇φ(W_{2:1})‖_F", lmin, -g, tol),
            Ec21.AtLeast("λ_min ≥ −(1/|S|)Σ‖x_i‖ (uniform floor)", lmin, -Floor(prob), tol));
    }

    private static MarginSet ConcludeDeep(Instance x)
    {
        var prob = LinearNetProblem.From(x);
        double floor = Floor(prob);
        var (theta, _, dims) = Prop6.Construct(x, 10 * floor);
        var (lmin, err) = prob.MinEigen(theta, dims);
        return MarginSet.Of(Ec21.AtLeast("λ_min ≥ −(1/|S|)Σ‖x_i‖ at depth 3", lmin, -floor, LinearNetProblem.MinEigenTolerance(err)));
    }
}
