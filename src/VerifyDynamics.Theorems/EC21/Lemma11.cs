using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 11 (Sec. 4.1.2, Eq. 17, L257; proof App. I.10): for θ in a region D_θ′,
/// λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖·max_{|J|=n−2}∏_{j∈J}‖W_j‖_F.
/// Formalisation note: Core's exact Hessian with the masks frozen at θ (valid inside the region; rigorous rounding bound + eigensolver
/// tolerance — it replaced a finite-difference Hessian whose Richardson tolerance was only a heuristic); random points and
/// layer rescalings with ∏c_j = 1 (odd trials), four activation kinds (incl. |α|, |ᾱ| up to 3).
/// </summary>
public static class Lemma11
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma11"),
        Source = Ec21.Source("Lemma 11 (Sec. 4.1.2, Eq. 17); proof App. I.10", "L257–263"),
        Kind = StatementKind.Lemma,
        Title = "λ_min lower bound inside an activation region",
        Text = "λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖ max_{|J|=n−2}∏_{j∈J}‖W_j‖_F.",
        FormalisationNote = "Exact frozen-mask Hessian (Core) inside the region vs the bound, rigorous rounding bound; random and rescaled points.",
        Fidelity = Fidelity.Full("bound (17) at random θ and layer rescalings inside the region, four activation kinds"),
        Hypotheses = new Hypotheses("G0 homogeneous, n ∈ 2..4; odd trials rescale layers by c_j ∈ [0.1, 10], ∏c_j = 1", ctx => Generate(ctx, 1, null),
            (x, k) => HypothesesCheck.All((HomogeneousInstances.InsideRegion(x), "θ inside its region"))),
        Conclusion = (x, k, p) => Conclude(x, false),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("ProductOfNMinusOne", "product over n − 1 Frobenius norms: refuted by shrinking every layer", s => s.WithGenerator("layers × 0.05, n = 3", ctx => Generate(ctx, 0.05, 3)).WithConclusion((x, k, p) => Conclude(x, true)), trials: 12),
        ],
    };

    private static Instance Generate(TrialContext ctx, double scale, int? depth)
    {
        var r = ctx.Rng;
        var inst = HomogeneousInstances.Random(r, ctx.Index, depth ?? r.NextInt(2, 4), ctx.Index % 3 == 1, scale);
        if (ctx.Index % 2 == 1 && depth is null)
        {
            var c = inst.Weights.Select(_ => r.LogUniform(0.1, 10)).ToArray();
            double g = Math.Exp(c.Average(Math.Log));
            inst = inst.WithNetwork(new DeepLinearNetwork(inst.Weights.Select((w, i) => w * (c[i] / g))));
        }
        return inst;
    }

    private static MarginSet Conclude(Instance x, bool nMinusOne)
    {
        var net = HomogeneousNet.From(x);
        int n = x.Weights.Length;
        var (lmin, err) = net.MinEigenExact(ParameterLayout.Flatten(x.Weights), x.Network.Dims);
        var norms = x.Weights.Select(w => w.FrobeniusNorm());
        double prod = nMinusOne ? LinearNetProblem.MaxProductOmittingOne(norms) : LinearNetProblem.MaxProductOmittingTwo(norms);
        double bound = -HomogeneousInstances.LeadingFactor(net, x.Weights, n - 1) * prod;
        var tol = HomogeneousNet.MinEigenExactTolerance(err).Plus(Tolerance.FromRounding(32 * n, Math.Abs(bound), "|bound|"));
        return MarginSet.Of(Ec21.AtLeast("λ_min ≥ bound (17)", lmin, bound, tol)).WithObservation("lambda_min", lmin).WithObservation("bound", bound);
    }
}
