using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 5 (Sec. 4.1.1, Eq. 12, L177; proof App. I.4, Eqs. 37–39): for a deep linear network,
/// ∇²f(θ)[ΔW_1..ΔW_n] = ∇²φ(W_{n:1})[Σ_j W_{n:j+1}ΔW_jW_{j−1:1}] + 2Tr(∇φ(W_{n:1})ᵀ Σ_{j&lt;j'} W_{n:j'+1}ΔW_{j'}W_{j'−1:j+1}ΔW_jW_{j−1:1}).
/// Formalisation note: the left side is Δθᵀ(∇²f(θ)Δθ) by Core's Hessian-vector product (forward-over-reverse differentiation of
/// the layer gradients, an oracle independent of Eq. 12; it replaced central differences, whose Richardson tolerance is only a
/// heuristic); tolerance: the rigorous rounding bound 2γ_K·C_Δ of both sides.
/// Square (non-whitened) and logistic losses, n ∈ 2..4, widths 1..3, |S| ∈ 1..6.
/// </summary>
public static class Lemma5
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma5"),
        Source = Ec21.Source("Lemma 5 (Sec. 4.1.1, Eq. 12); proof App. I.4", "L177–195"),
        Kind = StatementKind.Lemma,
        Title = "Hessian quadratic form of a deep linear network",
        Text = "∇²f(θ)[ΔW] = ∇²φ(W_{n:1})[Σ_j W_{n:j+1}ΔW_jW_{j−1:1}] + 2Tr(∇φ(W_{n:1})ᵀΣ_{j<j'}W_{n:j'+1}ΔW_{j'}W_{j'−1:j+1}ΔW_jW_{j−1:1}).",
        FormalisationNote = "LHS = Δθᵀ(∇²fΔθ) by Core's forward-over-reverse HVP (independent of Eq. 12's double sum); rigorous rounding bound on both sides; square and logistic losses.",
        Fidelity = Fidelity.Full("Eq. (12) at random θ, Δθ of deep linear nets (n ∈ 2..4, widths ≤ 3), square and logistic losses"),
        Hypotheses = new Hypotheses("n ∈ 2..4, widths 1..3, |S| ∈ 1..6, Gaussian data/weights/direction, square (even) or logistic (odd, d_n = 1) loss", Generate,
            (x, k) => HypothesesCheck.All((x.Weights.Length >= 2, "n ≥ 2"), (x.Scalars.GetValueOrDefault("logistic") == 0 || x.Dims[^1] == 1, "logistic loss needs d_n = 1"))),
        Conclusion = (x, k, p) => Conclude(x, 2),
        DefaultTrials = 32,
        Variants =
        [
            Variant.Mutant("DropFactorTwo", "cross term without the factor 2", s => s.WithConclusion((x, k, p) => Conclude(x, 1))),
            Variant.Mutant("DropCrossTerm", "only the ∇²φ term (the Gauss–Newton part)", s => s.WithConclusion((x, k, p) => Conclude(x, 0))),
        ],
    };

    internal static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        bool logistic = ctx.Index % 2 == 1;
        int n = r.NextInt(2, 4);
        var dims = Enumerable.Range(0, n + 1).Select(_ => r.NextInt(1, 3)).ToArray();
        if (logistic)
        {
            dims[n] = 1;
        }
        var net = new DeepLinearNetwork(Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1])));
        var prob = LinearNetProblem.Random(r, dims[0], dims[n], r.NextInt(1, 6), logistic);
        var inst = prob.Store(new Instance { Family = logistic ? "logistic" : "square" }.WithNetwork(net));
        return inst with { MatrixLists = inst.MatrixLists.SetItem("Delta", [.. Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1]))]) };
    }

    private static MarginSet Conclude(Instance x, double crossFactor)
    {
        var prob = LinearNetProblem.From(x);
        var net = x.Network;
        var dims = net.Dims;
        var dw = x.MatrixLists["Delta"];
        var theta = ParameterLayout.Flatten(net.Weights);
        // Left side: Δθᵀ(∇²f(θ)Δθ) with Core's Hessian-vector product — the exact directional derivative of the layer gradients
        // (Fact.GradLinear) by forward-over-reverse, an implementation independent of Eq. (12)'s double sum.
        var objective = prob.Objective(dims);
        var delta = ParameterLayout.Flatten(dw);
        var hv = objective.HessianVectorProduct(theta, delta);
        double lhs = 0;
        for (int i = 0; i < delta.Length; i++)
        {
            lhs += delta[i] * hv[i];
        }
        double rhs = prob.Eq12(net, dw, crossFactor);
        double bound = prob.QuadraticFormRounding(theta, dims, dw);
        var tol = Tolerance.Bound(2 * bound, "rounding of both sides, each ≤ γ_K·C_Δ (standard model with Frobenius magnitudes, LinearNetProblem.QuadraticFormRounding)");
        return MarginSet.Of(Margin.Deviation("|Δθᵀ∇²fΔθ − Eq. (12)| ≤ 0", Math.Abs(lhs - rhs), Math.Max(Math.Abs(lhs), Math.Abs(rhs)), tol));
    }
}
