using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 App. B preamble (L335–339, unnumbered): if C is β-PL on matrices, then for every θ,
/// ½‖JA_θᵀ∇C(A_θ)‖² = ½∇Cᵀ Θ(θ) ∇C ≥ (λ_min(Θ)/2)‖∇C‖² ≥ λ_min(Θ(θ))β(C(A_θ) − C_min): C∘A is pointwise [λ_min(Θ)β]-PL.
/// Formalisation note: MC costs (β = 2/N; the second inequality is an equality there), random θ of any scale, L ∈ {1..3},
/// w ∈ {1..4}; Θ by the Kronecker formula; tolerance γ_n·‖Θ‖·‖∇C‖² (eigenvalue backward error).
/// </summary>
public static class Fact_PLTransfer
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.PLTransfer"),
        Source = new SourceRef(Papers.JGGSH21, "App. B preamble; proof sketch of Prop. 2 (unnumbered)", "L124, L335–339"),
        Kind = StatementKind.Unnumbered,
        Title = "PL transfers through the NTK",
        Text = "If C is β-PL then C∘A is pointwise [λ_min(Θ(θ))β]-PL.",
        FormalisationNote = "Margins: ½‖Jᵀ∇C‖² − (λ_min/2)‖∇C‖² and (λ_min/2)‖∇C‖² − λ_min β(C − C_min).",
        Constants = [new NamedConstant("rhsFactor", R(1), "right side multiplied by this (paper: 1)")],
        Fidelity = Fidelity.Restricted("matrix-completion costs with distinct entries (n ≤ 4), L ≤ 3, w ≤ 4 (the fact holds for any β-PL cost)"),
        Hypotheses = new Hypotheses("MC n ≤ 4 distinct entries; DLN L ∈ {1..3}, w ∈ {1..4}; θ scale log-uniform [0.1, 2]", ctx => Generate(ctx, identity: false), (x, k) => HypothesesCheck.Ok),
        Conclusion = (x, k, p) => Conclude(x, k, useMax: false),
        DefaultTrials = 30,
        Variants =
        [
            Variant.Mutant("LambdaMax", "λ_max(Θ) instead of λ_min: refuted at θ with a spread NTK spectrum",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, useMax: true)).WithGenerator("L = 2, w ≥ 2", ctx => Generate(ctx, identity: false, minDepth: 2))),
            Variant.Mutant("RightSideDoubled", "right side doubled: refuted with L = 1 (Θ = I) on MC where both inequalities are equalities",
                s => s.WithConstantDefault("rhsFactor", R(2)).WithGenerator("L = 1", ctx => Generate(ctx, identity: true))),
        ],
    };

    private static Instance Generate(TrialContext ctx, bool identity, int minDepth = 1)
    {
        var rng = ctx.Rng;
        int r = rng.NextInt(2, 4), c = rng.NextInt(2, 4), depth = identity ? 1 : rng.NextInt(minDepth, 3), w = rng.NextInt(minDepth == 2 ? 2 : 1, 4);
        var cost = RandomCompletion(rng, r, c, rng.NextInt(1, r * c), false);
        var net = DeepLinearCost.Rectangular(cost, depth, w);
        double scale = rng.LogUniform(0.1, 2);
        var theta = SequentialBuild.Vector(net.ParameterCount, _ => scale * rng.NextGaussian());
        return new Instance { Family = "mc", Weights = [.. net.Layers(theta)], Dims = [.. net.Dims] }.WithCost(cost);
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, bool useMax)
    {
        var cost = (MatrixCompletion)Cost(x);
        var net = new DeepLinearCost(cost, [.. x.Dims]);
        var theta = net.ToVector(x.Weights.ToArray());
        var a = net.EndToEnd(theta);
        var g = cost.Gradient(a);
        var ntk = net.NeuralTangentKernel(theta);
        var eig = ntk.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).ToArray();
        double lam = useMax ? eig.Max() : Math.Max(0, eig.Min());
        // ½‖Jᵀ∇C‖² = ½ vec(∇C)ᵀ Θ vec(∇C) (row-major vec).
        var vg = Vector<double>.Build.Dense(g.RowCount * g.ColumnCount, i => g[i / g.ColumnCount, i % g.ColumnCount]);
        double lhs = 0.5 * (vg * (ntk * vg));
        double mid = 0.5 * lam * vg * vg;
        double rhs = k.D("rhsFactor") * lam * cost.PolyakLojasiewiczConstant() * cost.Value(a);
        double scale = eig.Max(Math.Abs) * (vg * vg) + 1e-300;
        int ops = 32 * ntk.RowCount + 32;
        return MarginSet.Of(
            Rounding("½‖Jᵀ∇C‖² − (λ/2)‖∇C‖²", lhs - mid, ops, scale, "‖Θ‖·‖∇C‖²"),
            Rounding("(λ/2)‖∇C‖² − λβ(C − C_min)", mid - rhs, ops, scale, "‖Θ‖·‖∇C‖²"))
            .WithObservation("lambda_min_ntk", eig.Min());
    }
}
