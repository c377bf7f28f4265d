using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 9 (Sec. 4.1.2, Eq. 16, L239; proof App. I.8): inside a region D_θ′ of fixed activation pattern, the Hessian
/// quadratic form of a homogeneous-activation net is (1/|S|)Σ_i∇²ℓ_i[Σ_j(D′W)_{n:j+1}D′_{i,j}ΔW_j(D′W)_{j−1:1}x_i]
/// + (2/|S|)Σ_i∇ℓ_iᵀΣ_{j&lt;j'}(D′W)_{n:j'+1}D′_{i,j'}ΔW_{j'}(D′W)_{j'−1:j+1}D′_{i,j}ΔW_j(D′W)_{j−1:1}x_i.
/// Formalisation note: LHS by central differences of the exact (backprop) gradient along Δθ with a step far below the
/// region margin (instances with min|pre-activation| below 1e3·step·scale are rejected); Richardson tolerance.
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
        FormalisationNote = "Eq. (16) vs central differences of the backprop gradient with frozen masks (step ≪ region margin); Richardson tolerance.",
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
        var (lhs, err) = net.DirectionalSecond(Ec21.Flatten(x.Weights), Ec21.Flatten(dw), dims, HomogeneousInstances.StepFor(x.Weights));
        double rhs = net.Eq16(x.Weights, dw, crossFactor, mask);
        var tol = Tolerance.Heuristic(err, "Richardson estimate of the central-difference truncation (finite differences: no guarantee)").Plus(Tolerance.FromRounding(64, Math.Max(Math.Abs(lhs), Math.Abs(rhs)), "|Eq. 16|"));
        return MarginSet.Of(Ec21.AtMost("|Δθᵀ∇²fΔθ − Eq. (16)| ≤ 0", Math.Abs(lhs - rhs), 0, tol));
    }
}
