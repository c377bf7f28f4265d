using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 24 (App. C, Eq. 32, L588; proof App. I.18, Eq. 87): for weight-sharing networks, if θ ∈ D_θ′ lies on
/// a GF trajectory from θ_s with ‖θ_s‖ ≤ ε, then λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖
/// ·∏_j‖W_j(·)‖_op·(min_j‖w_j‖ + ε)^{n−2}.
/// Formalisation note: ε := ‖θ_s‖; GF of Core's conv network by <see cref="GradientFlow.Solve"/> (DOP853, rtol 1e−9
/// validated by a 100× tighter run; Confirm 1e−11 vs 1e−13) on [0, 4], integrated only while the trajectory stays in θ_s's
/// activation region (the statement is about points of D_θ′ on the trajectory; across a region boundary ∇f is
/// discontinuous and ReLU flows chatter), with a step budget; checked at t ∈ {0..4} before the exit and at the last
/// in-region time, where the point is inside its region with margin. λ_min of the exact frozen-mask Hessian; tolerance:
/// assembly + eigensolver + |margin(loose run) − margin(reference run)| (ODE error propagated).
/// </summary>
public static class Prop24
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop24"),
        Source = Ec21.Source("Proposition 24 (App. C, Eq. 32); proof App. I.18", "L588–600"),
        Kind = StatementKind.Proposition,
        Title = "λ_min along GF for conv nets",
        Text = "On a GF trajectory from ‖θ_s‖ ≤ ε, λ_min ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ‖∇ℓ_i‖‖x_i‖∏‖W_j(·)‖_op(min_j‖w_j‖ + ε)^{n−2}.",
        FormalisationNote = "ε = ‖θ_s‖ ∈ [0.1, 1]; DOP853 GF of a conv net (validated by a 100× tighter run) while it stays in θ_s's region, step budget; exact Hessian λ_min at t ∈ {0..4} and at the region exit.",
        Fidelity = Fidelity.Restricted("conv nets with n = 3, horizon t ≤ 4, and only the first stay of the trajectory in θ_s's activation region"),
        Hypotheses = new Hypotheses("conv nets, n = 3, L ∈ 2..4, 4 activation kinds, square/logistic, θ_s = εg/‖g‖ with ε ∈ [0.1, 1]", ctx => Generate(ctx, false),
            (x, k) => HypothesesCheck.All((VectorOps.Norm(ConvInstances.Theta(x)) <= x.Scalar("epsilon") * (1 + 1e-12), "‖θ_s‖ ≤ ε"),
                (ConvInstances.InsideRegion(ConvInstances.Network(x), ConvInstances.Theta(x)), "θ_s inside a region"))),
        Conclusion = (x, k, p) => Conclude(x, true, p),
        DefaultTrials = 10,
        Variants =
        [
            Variant.Mutant("DropEpsilon", "the +ε dropped: refuted at t = 0 by an unbalanced start whose first layer is tiny",
                s => s.WithGenerator("w_1 scaled by 1e−3 before normalizing", ctx => Generate(ctx, true)).WithConclusion((x, k, p) => Conclude(x, false, p)), trials: 6),
        ],
    };

    private static Instance Generate(TrialContext ctx, bool tinyFirstLayer)
    {
        var r = ctx.Rng;
        var inst = ConvInstances.Random(r, ctx.Index, 3, ctx.Index % 2 == 1);
        var net = ConvInstances.Network(inst);
        var theta = ConvRescaling.Scale(net, ConvInstances.Theta(inst), [tinyFirstLayer ? 1e-3 : 1, 1, 1]);
        double eps = r.Uniform(0.1, 1);
        double norm = VectorOps.Norm(theta);
        return ConvInstances.WithTheta(inst, [.. theta.Select(v => v * eps / norm)]).WithScalar("epsilon", eps);
    }

    private static double MarginAt(HomogeneousNetwork net, double[] theta, double eps, bool withEps, out double err, out double scale)
    {
        int n = net.Depth;
        var (lmin, e) = ConvInstances.MinEigen(net, theta);
        double bound = -ConvInstances.LeadingFactor(net, theta, n - 1) * ConvInstances.OpNormProduct(net)
            * Math.Pow(ConvInstances.LayerNorms(net, theta).Min() + (withEps ? eps : 0), n - 2);
        err = e + Tolerance.Gamma(32 * n) * Math.Abs(bound);
        scale = Math.Abs(bound);
        return lmin - bound;
    }

    private static bool[] SignPattern(HomogeneousNetwork net, double[] theta)
    {
        var fp = net.Forward(theta);
        return [.. Enumerable.Range(1, net.Depth - 1).SelectMany(j => fp.Z[j].Enumerate().Select(z => z > 0))];
    }

    private static MarginSet Conclude(Instance x, bool withEps, Precision precision)
    {
        var net = ConvInstances.Network(x);
        double eps = x.Scalar("epsilon");
        var y0 = ConvInstances.Theta(x);
        // t = 0 needs no flow: a violation there is already a complete counterexample (and spares the ODE run).
        if (ConvInstances.InsideRegion(net, y0))
        {
            double m0 = MarginAt(net, y0, eps, withEps, out double e0, out double s0);
            if (m0 < -e0)
            {
                return MarginSet.Of(Margin.Bound("λ_min − bound (32) at t = 0", m0, s0, ConvInstances.MinEigenTolerance(e0)).InFamily(Family));
            }
        }
        // The flow is integrated only while it stays in θ_s's activation region (an observer stops it at the first
        // accepted step with a different sign pattern): inside a region the right-hand side is smooth, so DOP853's error
        // control is meaningful, and ReLU flows cannot chatter along a kink. Valid horizon: the last accepted time before
        // the crossing step (that step straddles a discontinuity of ∇f). The step budget turns anything else into an
        // explained outcome (NaN margin → inconclusive), never an unbounded run.
        double rtol = precision == Precision.Confirm ? 1e-11 : 1e-9;
        var pattern = SignPattern(net, y0);
        GradientFlowSolution Run(double r) =>
            GradientFlow.Solve(net, y0, 4, new OdeSettings(Rtol: r, Atol: r * 1e-3, MaxSteps: 20_000), (t, th) => SignPattern(net, th).SequenceEqual(pattern));
        var loose = Run(rtol);
        var reference = Run(rtol / 100);
        double horizon = Math.Min(loose.Ode.HorizonBeforeStop, reference.Ode.HorizonBeforeStop);
        var margins = new List<Margin>();
        if (double.IsNaN(horizon))
        {
            return MarginSet.Of(Margin.Uncomputable("λ_min − bound (32) along GF").InFamily(Family));
        }
        var times = new[] { 0.0, 1, 2, 3, 4 }.Where(t => t <= horizon).Append(horizon).Distinct();
        foreach (double t in times)
        {
            var refState = t == 0 ? y0 : reference.Theta(t);
            var looseState = t == 0 ? y0 : loose.Theta(t);
            if (!ConvInstances.InsideRegion(net, refState))
            {
                continue;
            }
            double m = MarginAt(net, refState, eps, withEps, out double e, out double scale);
            double mLoose = MarginAt(net, looseState, eps, withEps, out _, out _);
            margins.Add(Margin.Bound($"λ_min − bound (32) at t = {t:G4}", m, scale, ConvInstances.MinEigenTolerance(e).Plus(Tolerance.ValidatedEstimate(Math.Abs(m - mLoose), $"DOP853 rtol {rtol:G2} vs {rtol / 100:G2}: margin deviation"))).InFamily(Family));
        }
        return new MarginSet(margins);
    }

    private const string Family = "λ_min − bound (32) along GF";
}
