using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 12 (Sec. 4.1.2, Eq. 18, L265; proof App. I.11): if θ ∈ D_θ′ lies on a GF trajectory from θ_s with
/// ‖θ_s‖ ≤ ε (any ε &gt; 0), then λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ_i‖∇ℓ_i‖‖x_i‖(min_j‖W_j‖_F + ε)^{n−2}.
/// Formalisation note: ε := ‖θ_s‖; GF by the engine's DOP853 (<see cref="OdeSolver.SolveValidated"/>, rtol 1e−10 vs
/// 1e−11; Confirm 1e−11 vs 1e−13) on [0, 4], integrated only while the trajectory stays in θ_s's activation region (the
/// statement is about points of D_θ′ on the trajectory; across a region boundary ∇f is discontinuous and ReLU flows
/// chatter), with a step budget; checked at t ∈ {0..4} before the exit and at the last in-region time, where the point is
/// inside its region with margin (min |pre-activation| ≫ FD step). Tolerance: exact frozen-mask Hessian rounding bound + eigensolver +
/// |margin(loose run) − margin(reference run)| (ODE error propagated).
/// </summary>
public static class Prop12
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop12"),
        Source = Ec21.Source("Proposition 12 (Sec. 4.1.2, Eq. 18); proof App. I.11", "L265–275"),
        Kind = StatementKind.Proposition,
        Title = "λ_min along GF from small initialization (homogeneous nets)",
        Text = "On a GF trajectory from ‖θ_s‖ ≤ ε: λ_min(∇²f) ≥ −max{|α|,|ᾱ|}^{n−1}((n−1)/|S|)Σ‖∇ℓ_i‖‖x_i‖(min_j‖W_j‖_F + ε)^{n−2}.",
        FormalisationNote = "ε = ‖θ_s‖ ∈ [0.1, 1]; DOP853 GF (validated by a 100× tighter run); integrated while it stays in θ_s's activation region; exact frozen-mask Hessian λ_min at t ∈ {0..4} and at the region exit.",
        Fidelity = Fidelity.Restricted("n = 3, horizon t ≤ 4, and only the first stay of the trajectory in θ_s's activation region"),
        Hypotheses = new Hypotheses("n = 3, widths 1..3, |S| ≤ 3, 4 activation kinds, square/logistic, θ_s = εg/‖g‖ with ε ∈ [0.1, 1]", ctx => Generate(ctx, false),
            (x, k) => HypothesesCheck.All((VectorOps.Norm(ParameterLayout.Flatten(x.Weights)) <= x.Scalar("epsilon") * (1 + 1e-12), "‖θ_s‖ ≤ ε"), (HomogeneousInstances.InsideRegion(x), "θ_s inside a region"))),
        Conclusion = (x, k, p) => Conclude(x, true, p),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("DropEpsilon", "the +ε dropped: refuted at t = 0 by an unbalanced start whose first layer is tiny",
                s => s.WithGenerator("W_1 scaled by 1e−3 before normalizing", ctx => Generate(ctx, true)).WithConclusion((x, k, p) => Conclude(x, false, p)), trials: 8),
        ],
    };

    private static Instance Generate(TrialContext ctx, bool tinyFirstLayer)
    {
        var r = ctx.Rng;
        var inst = HomogeneousInstances.Random(r, ctx.Index, 3, ctx.Index % 2 == 1);
        var ws = inst.Weights.Select((w, i) => tinyFirstLayer && i == 0 ? w * 1e-3 : w).ToArray();
        double eps = r.Uniform(0.1, 1);
        double norm = VectorOps.Norm(ParameterLayout.Flatten(ws));
        return inst.WithNetwork(new DeepLinearNetwork(ws.Select(w => w * (eps / norm)))).WithScalar("epsilon", eps);
    }

    private static double MarginAt(HomogeneousNet net, double[] theta, int[] dims, double eps, bool withEps, out double err, out double scale)
    {
        var ws = ParameterLayout.Unflatten(theta, dims);
        int n = ws.Length;
        var (lmin, e) = net.MinEigenExact(theta, dims);
        double bound = -HomogeneousInstances.LeadingFactor(net, ws, n - 1) * Math.Pow(ws.Min(w => w.FrobeniusNorm()) + (withEps ? eps : 0), n - 2);
        err = e + Tolerance.Gamma(32 * n) * Math.Abs(bound);
        scale = Math.Abs(bound);
        return lmin - bound;
    }

    private static bool[] SignPattern(HomogeneousNet net, double[] theta, int[] dims) =>
        [.. net.Forward(ParameterLayout.Unflatten(theta, dims)).Z[1..^1].SelectMany(z => z.Enumerate().Select(v => v > 0))];

    private static MarginSet Conclude(Instance x, bool withEps, Precision precision)
    {
        var net = HomogeneousNet.From(x);
        var dims = x.Network.Dims;
        double eps = x.Scalar("epsilon");
        var y0 = ParameterLayout.Flatten(x.Weights);
        // t = 0 needs no flow: a violation there is already a complete counterexample (and spares the ODE run).
        double m0 = MarginAt(net, y0, dims, eps, withEps, out double e0, out double s0);
        var atStart = Margin.Bound("λ_min − bound (18) at t = 0", m0, s0, HomogeneousNet.MinEigenExactTolerance(e0)).InFamily(Family);
        if (m0 < -e0)
        {
            return MarginSet.Of(atStart);
        }
        // The statement is about points of D_θ′ on the trajectory. The flow is integrated only while it stays in θ_s's
        // activation region (an observer stops it at the first accepted step with another sign pattern): inside a region
        // ∇f is smooth, so DOP853's error control means something, and a ReLU flow cannot chatter along a kink (a
        // differential inclusion there, which made this check inconclusive before). Valid horizon: the last accepted time
        // before the crossing step (that step straddles a discontinuity of ∇f). The step budget turns anything else into an
        // explained outcome (NaN margin → inconclusive), never an unbounded run.
        double rtol = precision == Precision.Confirm ? 1e-11 : 1e-9;
        var pattern = SignPattern(net, y0, dims);
        var problem = new OdeProblem((t, y, dy) =>
        {
            var g = net.Grad(y, dims);
            for (int i = 0; i < g.Length; i++)
            {
                dy[i] = -g[i];
            }
        }, 0, y0, 4, "EC21 Prop 12 GF (stopped at the region boundary)");
        OdeSolution Run(double r) => OdeSolver.Solve(problem, new OdeSettings(Rtol: r, Atol: r * 1e-3, MaxSteps: 20_000, StoreDenseOutput: true),
            (t, th) => SignPattern(net, th, dims).SequenceEqual(pattern));
        var loose = Run(rtol);
        var reference = Run(rtol / 100);
        double horizon = Math.Min(loose.HorizonBeforeStop, reference.HorizonBeforeStop);
        if (double.IsNaN(horizon))
        {
            return MarginSet.Of(Margin.Uncomputable("λ_min − bound (18) along GF").InFamily(Family));
        }
        var margins = new List<Margin> { atStart };
        foreach (double t in new[] { 1.0, 2, 3, 4 }.Where(t => t <= horizon).Append(horizon).Where(t => t > 0).Distinct())
        {
            var refState = reference.Evaluate(t);
            var looseState = loose.Evaluate(t);
            var probe = x.WithNetwork(new DeepLinearNetwork(ParameterLayout.Unflatten(refState, dims)));
            if (!HomogeneousInstances.InsideRegion(probe))
            {
                continue;
            }
            double m = MarginAt(net, refState, dims, eps, withEps, out double e, out double scale);
            double mLoose = MarginAt(net, looseState, dims, eps, withEps, out _, out _);
            margins.Add(Margin.Bound($"λ_min − bound (18) at t = {t:G4}", m, scale, HomogeneousNet.MinEigenExactTolerance(e).Plus(Tolerance.ValidatedEstimate(Math.Abs(m - mLoose), $"DOP853 rtol {rtol:G2} vs {rtol / 100:G2}: margin deviation"))).InFamily(Family));
        }
        return new MarginSet(margins).WithObservation("in-region horizon", horizon);
    }

    private const string Family = "λ_min − bound (18) along GF";
}
