using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 9 (Sec. 4.1.2, Eq. 16, L239; proof App. I.8): inside a region D_θ′ of fixed activation pattern, the Hessian
/// quadratic form of a homogeneous-activation net is (1/|S|)Σ_i∇²ℓ_i[Σ_j(D′W)_{n:j+1}D′_{i,j}ΔW_j(D′W)_{j−1:1}x_i]
/// + (2/|S|)Σ_i∇ℓ_iᵀΣ_{j&lt;j'}(D′W)_{n:j'+1}D′_{i,j'}ΔW_{j'}(D′W)_{j'−1:j+1}D′_{i,j}ΔW_j(D′W)_{j−1:1}x_i.
/// Formalisation note: LHS = Δθᵀ(∇²fΔθ) by Core's homogeneous-network HVP with the masks frozen at θ (it replaced central
/// differences, whose Richardson tolerance is only a heuristic); instances with min|pre-activation| below 1e3·step·scale are
/// still rejected (θ well inside its region); tolerance: the rigorous rounding bound of both sides.
/// Activations: ReLU, leaky ReLU, general (α, ᾱ) ∈ [−3, 3]², linear; square and logistic losses; n ∈ 2..4.
/// </summary>
public static class Lemma9
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma9"),
        Source = Ec21.Source("Lemma 9 (Sec. 4.1.2, Eq. 16); proof App. I.8", "L239–245"),
        Kind = StatementKind.Lemma,
        Title = "Hessian quadratic form inside an activation region",
        Text = "Inside D_θ′, ∇²f(θ)[ΔW] is given by Eq. (16) with the activation matrices D′_{i,j} frozen.",
        FormalisationNote = "Eq. (16) vs Core's frozen-mask HVP (forward-over-reverse, independent of Eq. 16) inside the region; rigorous rounding bound of both sides.",
        Fidelity = Fidelity.Full("Eq. (16) at random θ, Δθ inside the activation region, four activation kinds, square and logistic losses"),
        Hypotheses = new Hypotheses("G0: n ∈ 2..4, widths 1..3, |S| ≤ 4, Gaussian weights/data/direction, 4 activation kinds, square/logistic", ctx => HomogeneousInstances.Random(ctx.Rng, ctx.Index, ctx.Rng.NextInt(2, 4), ctx.Index % 3 == 1),
            (x, k) => HypothesesCheck.All((HomogeneousInstances.InsideRegion(x), "θ inside its region (min |pre-activation| ≫ FD step)"))),
        Conclusion = (x, k, p) => Conclude(x, 2, true),
        DefaultTrials = 32,
        Variants =
        [
            Variant.Mutant("DropFactorTwo", "cross term without the factor 2", s => s.WithConclusion((x, k, p) => Conclude(x, 1, true))),
            Variant.Mutant("DropMaskNextToDelta", "D′_{i,j} next to ΔW_j omitted: refuted whenever an active unit has slope ≠ 1 or a unit is off", s => s.WithConclusion((x, k, p) => Conclude(x, 2, false))),
        ],
    };

    private static MarginSet Conclude(Instance x, double crossFactor, bool mask)
    {
        var net = HomogeneousNet.From(x);
        var dims = x.Network.Dims;
        var dw = x.MatrixLists["Delta"];
        // Left side: Δθᵀ(∇²f(θ)Δθ) by Core's homogeneous-network HVP with the masks frozen at θ (forward-over-reverse through the
        // backprop gradient), an implementation independent of Eq. (16); θ is inside its region (validator), so f is smooth there.
        var theta = ParameterLayout.Flatten(x.Weights);
        var delta = ParameterLayout.Flatten(dw);
        var hv = net.Core(dims).HessianVectorProduct(theta, delta);
        double lhs = 0;
        for (int i = 0; i < delta.Length; i++)
        {
            lhs += delta[i] * hv[i];
        }
        double rhs = net.Eq16(x.Weights, dw, crossFactor, mask);
        var tol = Tolerance.Bound(2 * net.QuadraticFormRounding(theta, dims, dw), "rounding of both sides, each ≤ γ_K·C_Δ (standard model with Frobenius magnitudes, HomogeneousNet.QuadraticFormRounding)");
        return MarginSet.Of(Margin.Deviation("|Δθᵀ∇²fΔθ − Eq. (16)| ≤ 0", Math.Abs(lhs - rhs), Math.Max(Math.Abs(lhs), Math.Abs(rhs)), tol));
    }
}
