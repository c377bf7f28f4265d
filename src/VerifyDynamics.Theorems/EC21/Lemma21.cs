using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 21 (App. C, Eq. 30, L562; proof App. I.15): for weight-sharing/sparse (convolutional) networks, inside a
/// region D_θ′ the Hessian quadratic form is Eq. (16) with ΔW_j replaced by W_j(Δw_j) and W_j by W_j(w_j).
/// Formalisation note: circular-convolution nets (<see cref="ConvInstances"/>); LHS by central differences of Core's
/// backprop gradient in w-coordinates along Δw (step ≪ region margin, Richardson tolerance); RHS = the paper-local dense
/// Eq. (16) evaluator applied to W_j(w_j), W_j(Δw_j). A second margin compares Core's exact HVP (forward-over-reverse with
/// frozen masks) with the same FD value, so the Hessians used by Lemma 23 / Prop 24 / Claim 29 are cross-checked here.
/// </summary>
public static class Lemma21
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma21"),
        Source = Ec21.Source("Lemma 21 (App. C, Eq. 30); proof App. I.15", "L562–569"),
        Kind = StatementKind.Lemma,
        Title = "Hessian of weight-sharing nets",
        Text = "Eq. (16) with ΔW_j replaced by W_j(Δw_j) and W_j by W_j(w_j) gives the Hessian quadratic form of a weight-sharing/sparse (convolutional) network inside a region.",
        FormalisationNote = "Circular-conv nets (n ∈ 2..4, L ∈ 2..4); Eq. (30) vs central differences of the backprop gradient along Δw (frozen masks, step ≪ region margin), Richardson tolerance; also exact HVP vs FD.",
        Fidelity = Fidelity.Full("Eq. (30) at random conv nets (n ∈ 2..4, L ∈ 2..4) inside the activation region"),
        Hypotheses = new Hypotheses("conv G0: n ∈ 2..4, circular convs (channels 1..2, kernel ≤ 3, L ∈ 2..4) + dense last layer, |S| ≤ 3, 4 activation kinds, square/logistic",
            ctx => ConvInstances.Random(ctx.Rng, ctx.Index, ctx.Rng.NextInt(2, 4), ctx.Index % 3 == 1),
            (x, k) => HypothesesCheck.All((ConvInstances.InsideRegion(ConvInstances.Network(x), ConvInstances.Theta(x)), "θ inside its region (min |pre-activation| ≫ FD step)"))),
        Conclusion = (x, k, p) => Conclude(x, 2, true),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("DropFactorTwo", "cross term without the factor 2", s => s.WithConclusion((x, k, p) => Conclude(x, 1, true))),
            Variant.Mutant("DropMaskNextToDelta", "D′_{i,j} next to W_j(Δw_j) omitted: refuted whenever an active unit has slope ≠ 1 or a unit is off", s => s.WithConclusion((x, k, p) => Conclude(x, 2, false))),
        ],
    };

    private static MarginSet Conclude(Instance x, double crossFactor, bool mask)
    {
        var net = ConvInstances.Network(x);
        var theta = ConvInstances.Theta(x);
        var delta = ConvInstances.Delta(x);
        var (lhs, err) = ConvInstances.DirectionalSecond(net, theta, delta, ConvInstances.StepFor(net, theta));
        double rhs = ConvInstances.Dense(x).Eq16(net.Weights(theta), net.Weights(delta), crossFactor, mask);
        var (hvp, hvpErr) = ConvInstances.QuadraticForm(net, theta, delta);
        var tol = Tolerance.Heuristic(err, "Richardson estimate of the central-difference truncation (finite differences: no guarantee)").Plus(Tolerance.FromRounding(64, Math.Max(Math.Abs(lhs), Math.Abs(rhs)), "|Eq. 30|"));
        return MarginSet.Of(
            Ec21.AtMost("|Δwᵀ∇²fΔw − Eq. (30)| ≤ 0", Math.Abs(lhs - rhs), 0, tol),
            Ec21.AtMost("|exact HVP form − FD| ≤ 0", Math.Abs(hvp - lhs), 0, Tolerance.Heuristic(err + hvpErr, "Richardson estimate of the central difference + HVP rounding")));
    }
}
