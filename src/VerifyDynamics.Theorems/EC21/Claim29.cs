using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Claim 29 (App. E, L697): the assumptions of Proposition 22 are necessary. For n = 2 inside a region of a
/// weight-sharing network, λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}(1/|S|)Σ_i‖∇ℓ_i‖‖x_i‖∏_{j=1}^2‖W_j(·)‖_op, which with the
/// logistic loss (|ℓ′| ≤ 1) is ≥ the uniform floor −max{|α|,|ᾱ|}(1/|S|)Σ_i‖x_i‖∏_j‖W_j(·)‖_op; if (ii) fails (x_i = 0)
/// f is constant. (Proof typo, catalog §18-T12: "W_2(w_1)D′W_1(w_1)x_i" should read W_2(w_2).)
/// Formalisation note: certificate check at random and rescaled (w_1c, w_2/c) two-layer conv points (exact frozen-mask
/// Hessian); x_i = 0 in a third of the trials (then λ_min ≥ 0). Mutant: the floor claimed at depth 3, refuted by
/// Proposition 22's construction.
/// </summary>
public static class Claim29
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Claim29"),
        Source = Ec21.Source("Claim 29 (App. E)", "L697–724"),
        Kind = StatementKind.Claim,
        Title = "Proposition 22 needs depth ≥ 3 and non-degeneracy",
        Text = "For n = 2, λ_min ≥ −max{|α|,|ᾱ|}(1/|S|)Σ‖∇ℓ_i‖‖x_i‖∏_{j=1}^2‖W_j(·)‖_op; bounded ∇ℓ ⇒ inf > −∞. (Proof typo: W_2(w_1) should read W_2(w_2), catalog §18-T12.)",
        FormalisationNote = "Certificate λ_min ≥ −max{|α|,|ᾱ|}(1/|S|)Σ‖∇ℓ_i‖‖x_i‖∏‖W_j(·)‖_op ≥ uniform floor at random/rescaled two-layer conv points (logistic); λ_min ≥ 0 with x_i = 0.",
        Fidelity = Fidelity.Restricted("the proof's uniform floor at sampled two-layer conv points (random and rescaled, c ∈ [0.1, 10]), logistic loss; inf > −∞ over all θ is not reachable by sampling"),
        Hypotheses = new Hypotheses("conv nets, n = 2, logistic (d_2 = 1), 4 activation kinds, rescaling c ∈ [0.1, 10]; x_i = 0 in every third trial", Generate,
            (x, k) => HypothesesCheck.All(((int)x.Scalar("n") == 2, "n = 2"), (x.Family == "zero-data" || ConvInstances.InsideRegion(ConvInstances.Network(x), ConvInstances.Theta(x)), "θ inside its region"))),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 18,
        Errata = ["Claim 29 proof (catalog §18-T12): the point \"(W_2(w_1)D′_{i,1}W_1(w_1)x_i, y_i)\" should read W_2(w_2); the check encodes the corrected form."],
        Variants =
        [
            Variant.Mutant("DepthThree", "the n = 2 floor claimed at depth 3: Proposition 22's rescaled point goes below it",
                s => s.WithHypotheses("Prop. 22 construction, n = 3, logistic", ctx => ConvInstances.Random(ctx.Rng, 0, 3, true),
                    (x, k) => HypothesesCheck.All((ConvInstances.NonDegeneracy(ConvInstances.Network(x), ConvInstances.Theta(x)) != 0, "non-degenerate"))).WithConclusion((x, k, p) => ConcludeDeep(x)), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        var inst = ConvInstances.Random(r, ctx.Index, 2, true);
        double c = r.LogUniform(0.1, 10);
        inst = ConvInstances.WithTheta(inst, ConvRescaling.Scale(ConvInstances.Network(inst), ConvInstances.Theta(inst), [c, 1 / c]));
        if (ctx.Index % 3 == 2)
        {
            inst = inst.WithMatrix("X", Matrix<double>.Build.Dense(inst.Matrix("X").RowCount, inst.Matrix("X").ColumnCount)) with { Family = "zero-data" };
        }
        return inst;
    }

    private static double Floor(HomogeneousNetwork net) =>
        net.Activation.MaxAbsSlope * Enumerable.Range(0, net.Samples).Sum(i => net.X.Column(i).L2Norm()) / net.Samples * ConvInstances.OpNormProduct(net);

    private static MarginSet Conclude(Instance x)
    {
        var net = ConvInstances.Network(x);
        var theta = ConvInstances.Theta(x);
        var (lmin, err) = ConvInstances.MinEigen(net, theta);
        var tol = ConvInstances.MinEigenTolerance(err);
        return MarginSet.Of(
            Ec21.AtLeast("λ_min ≥ −max{|α|,|ᾱ|}(1/|S|)Σ‖∇ℓ_i‖‖x_i‖∏‖W_j(·)‖_op", lmin, -ConvInstances.LeadingFactor(net, theta, 1) * ConvInstances.OpNormProduct(net), tol),
            Ec21.AtLeast("λ_min ≥ uniform floor", lmin, -Floor(net), tol));
    }

    private static MarginSet ConcludeDeep(Instance x)
    {
        var net = ConvInstances.Network(x);
        double floor = Floor(net);
        var (q, err, _) = Prop22.Search(net, ConvInstances.Theta(x), 10 * floor + 1);
        return MarginSet.Of(Ec21.AtLeast("Rayleigh quotient ≥ uniform floor at depth 3", q, -floor, Tolerance.Heuristic(err, "HVP rounding estimate relative to the computed |q| + ‖HΔ‖‖Δ‖ (no proof)")));
    }
}
