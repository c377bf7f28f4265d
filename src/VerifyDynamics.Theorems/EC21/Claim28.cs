using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Claim 28 (App. E, L676): the assumptions of Proposition 10 are necessary. For n = 2 inside a region,
/// λ_min(∇²f(θ)) ≥ −max{|α|,|ᾱ|}(1/|S|)Σ_i‖∇ℓ_i‖‖x_i‖, which with the logistic loss (|ℓ′| ≤ 1) is ≥ the uniform floor
/// −max{|α|,|ᾱ|}(1/|S|)Σ_i‖x_i‖; if (ii) fails (x_i = 0) f is constant.
/// Formalisation note: certificate check at random and rescaled (W_1c, W_2/c) two-layer points (the exact frozen-mask Hessian inside the
/// region; the depth-3 mutant uses a Richardson central difference); x_i = 0 in a third of the trials (then λ_min ≥ 0). Mutant: the floor claimed at depth 3, refuted by
/// Proposition 10's construction.
/// </summary>
public static class Claim28
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Claim28"),
        Source = Ec21.Source("Claim 28 (App. E)", "L676–696"),
        Kind = StatementKind.Claim,
        Title = "Proposition 10 needs depth ≥ 3 and non-degeneracy",
        Text = "For n = 2 (bounded ∇ℓ) or when Σ∇ℓ(0,y_i)ᵀh_θ(x_i) ≡ 0, inf λ_min(∇²f) > −∞.",
        FormalisationNote = "Certificate λ_min ≥ −max{|α|,|ᾱ|}(1/|S|)Σ‖∇ℓ_i‖‖x_i‖ ≥ uniform floor at random/rescaled points (n = 2, logistic); λ_min ≥ 0 with x_i = 0.",
        Fidelity = Fidelity.Restricted("the proof's uniform floor at sampled points (random and rescaled, c ∈ [0.1, 10]), logistic loss, four activation kinds; inf > −∞ over all θ is not reachable by sampling"),
        Hypotheses = new Hypotheses("n = 2, widths 1..3, logistic (d_2 = 1), 4 activation kinds, rescaling c ∈ [0.1, 10]; x_i = 0 in every third trial", Generate,
            (x, k) => HypothesesCheck.All((x.Weights.Length == 2, "n = 2"), (x.Family == "zero-data" || HomogeneousInstances.InsideRegion(x), "θ inside its region"))),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 18,
        Variants =
        [
            Variant.Mutant("DepthThree", "the n = 2 floor claimed at depth 3: Proposition 10's rescaled point goes below it",
                s => s.WithHypotheses("Prop. 10 construction, n = 3, logistic", ctx => HomogeneousInstances.Random(ctx.Rng, 0, 3, true).WithScalar("c", 1),
                    (x, k) => HypothesesCheck.All((Prop10.NonDegeneracy(HomogeneousNet.From(x), x.Weights) != 0, "non-degenerate"))).WithConclusion((x, k, p) => ConcludeDeep(x)), trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        var inst = HomogeneousInstances.Random(r, ctx.Index, 2, true);
        double c = r.LogUniform(0.1, 10);
        inst = inst.WithNetwork(new DeepLinearNetwork([inst.Weights[0] * c, inst.Weights[1] / c]));
        if (ctx.Index % 3 == 2)
        {
            inst = inst.WithMatrix("X", Matrix<double>.Build.Dense(inst.Matrix("X").RowCount, inst.Matrix("X").ColumnCount)) with { Family = "zero-data" };
        }
        return inst;
    }

    private static double Floor(HomogeneousNet net) =>
        Math.Max(Math.Abs(net.Alpha), Math.Abs(net.AlphaBar)) * Enumerable.Range(0, net.Data.N).Sum(i => net.Data.X.Column(i).L2Norm()) / net.Data.N;

    private static MarginSet Conclude(Instance x)
    {
        var net = HomogeneousNet.From(x);
        var (lmin, err) = net.MinEigenExact(ParameterLayout.Flatten(x.Weights), x.Network.Dims);
        var tol = HomogeneousNet.MinEigenExactTolerance(err);
        return MarginSet.Of(
            Ec21.AtLeast("λ_min ≥ −max{|α|,|ᾱ|}(1/|S|)Σ‖∇ℓ_i‖‖x_i‖", lmin, -HomogeneousInstances.LeadingFactor(net, x.Weights, 1), tol),
            Ec21.AtLeast("λ_min ≥ uniform floor", lmin, -Floor(net), tol));
    }

    private static MarginSet ConcludeDeep(Instance x)
    {
        var net = HomogeneousNet.From(x);
        double floor = Floor(net);
        var (q, err, _) = Prop10.Search(x, 10 * floor + 1);
        return MarginSet.Of(Ec21.AtLeast("Rayleigh quotient ≥ uniform floor at depth 3", q, -floor, Tolerance.Heuristic(err, "Richardson estimate of the central difference")));
    }
}
