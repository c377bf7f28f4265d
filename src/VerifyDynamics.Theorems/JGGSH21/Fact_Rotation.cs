using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Sec. 2.3 "Rotations" (L83–87, unnumbered): for R = (O_1, …, O_{L−1}) orthogonal, A_{Rθ} = A_θ,
/// ∇(Rθ) = R∇(θ) and hence γ(t, Rθ_0) = Rγ(t, θ_0); (derived) also with the L2 term λ‖θ‖².
/// Formalisation note: layers in order W_1..W_L, Rθ: W_ℓ ↦ O_ℓW_ℓO_{ℓ−1}ᵀ. The flow is integrated to t = 1/2 by the paper-local RK4
/// (tolerance 1e−8 relative, 1e−10 on confirmation); the flow margin's tolerance is 10× the two runs' accumulated error estimates.
/// </summary>
public static class Fact_Rotation
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.Rotation"),
        Source = new SourceRef(Papers.JGGSH21, "Sec. 2.3, Rotations (unnumbered)", "L83–87"),
        Kind = StatementKind.Unnumbered,
        Title = "rotation symmetry of deep linear networks",
        Text = "For orthogonal O_1..O_{L−1}: A_{Rθ} = A_θ, ∇C(A_·)(Rθ) = R∇C(A_·)(θ), and γ(t, Rθ_0) = Rγ(t, θ_0).",
        FormalisationNote = "L ∈ {2..4}, w ∈ {1..5}, n_0, n_L ∈ {1..4}, MSE or MC, λ ∈ {0, 0.1}; Haar O_i. Margins −‖A_{Rθ} − A_θ‖, "
            + "−‖∇(Rθ) − R∇(θ)‖, −‖γ(½,Rθ_0) − Rγ(½,θ_0)‖ with rounding / ODE-error tolerances.",
        Fidelity = Fidelity.Restricted("the flow identity compared up to t = ½ only; L ≤ 4, w ≤ 5, n ≤ 4, MSE or MC, λ ∈ {0, 0.1}"),
        Hypotheses = new Hypotheses("random DLN, cost, λ and Haar rotations", ctx => Generate(ctx, general: false),
            (x, k) => HypothesesCheck.All((x.MatrixLists.ContainsKey("O"), "rotations given"))),
        Conclusion = (x, k, p) => Conclude(x, p, Mode.Orthogonal),
        DefaultTrials = 16,
        Variants =
        [
            Variant.Mutant("OneSided", "O_ℓ applied on one side only: A_θ changes",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, Mode.OneSided))),
            Variant.Mutant("GradientInvariant", "\"∇(Rθ) = ∇(θ)\" (no rotation of the gradient): refuted",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, Mode.GradientUnrotated))),
            Variant.Mutant("GeneralLinear", "invertible M_ℓ instead of orthogonal: A invariant but gradient and flow equivariance fail",
                s => s.WithGenerator("invertible (non-orthogonal) M_ℓ", ctx => Generate(ctx, general: true)).WithConclusion((x, k, p) => Conclude(x, p, Mode.General))),
        ],
    };

    private enum Mode { Orthogonal, OneSided, GradientUnrotated, General }

    internal static Instance Generate(TrialContext ctx, bool general)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(2, 4), w = rng.NextInt(general ? 2 : 1, 5), n0 = rng.NextInt(1, 4), nL = rng.NextInt(1, 4);
        IMatrixCost cost = rng.NextBool() ? RandomMse(rng, n0, nL, rng.NextInt(2, 8)) : RandomCompletion(rng, nL, n0, rng.NextInt(1, n0 * nL), false);
        double lambda = rng.NextBool() ? 0 : 0.1;
        var net = DeepLinearCost.Rectangular(cost, depth, w, lambda);
        var theta = SequentialBuild.Vector(net.ParameterCount, _ => 0.5 * rng.NextGaussian());
        var o = Enumerable.Range(0, depth - 1).Select(_ => general ? rng.HaarOrthogonal(w) * Matrix<double>.Build.DenseOfDiagonalArray([.. Enumerable.Range(0, w).Select(_ => rng.LogUniform(0.3, 3))]) : rng.HaarOrthogonal(w)).ToArray();
        return new Instance { Family = general ? "general-linear" : "orthogonal", Weights = [.. net.Layers(theta)], Dims = [.. net.Dims] }
            .WithCost(cost).WithScalar("lambda", lambda) with { MatrixLists = System.Collections.Immutable.ImmutableSortedDictionary.Create<string, System.Collections.Immutable.ImmutableArray<Matrix<double>>>(StringComparer.Ordinal).Add("O", [.. o]) };
    }

    private static MarginSet Conclude(Instance x, Precision p, Mode mode)
    {
        var cost = Cost(x);
        var net = new DeepLinearCost(cost, [.. x.Dims], x.Scalar("lambda"));
        var layers = x.Weights.ToArray();
        var o = x.MatrixLists["O"];
        Func<IReadOnlyList<Matrix<double>>, Matrix<double>[]> map = mode switch
        {
            Mode.OneSided => l => NetworkSymmetries.RotateOneSided(l, o),
            Mode.General => l => NetworkSymmetries.Reparametrize(l, o),
            _ => l => NetworkSymmetries.Rotate(l, o),
        };
        var theta = net.ToVector(layers);
        var rtheta = net.ToVector(map(layers));
        double scale = net.EndToEnd(theta).FrobeniusNorm() + 1;
        int ops = 32 * net.Depth * (x.Dims.Max() + 1);
        double dA = (net.EndToEnd(rtheta) - net.EndToEnd(theta)).FrobeniusNorm();
        var g = net.Gradient(theta);
        var rg = mode == Mode.GradientUnrotated ? g : net.ToVector(map(net.Layers(g)));
        double gScale = g.L2Norm() * (1 + o.Max(m => m.L2Norm() * m.Inverse().L2Norm())) + 1;
        double dG = (net.Gradient(rtheta) - rg).L2Norm();
        double tol = p == Precision.Confirm ? 1e-10 : 1e-8;
        const double horizon = 0.5;
        var a = StepDoubling.Integrate(v => -net.Gradient(v), theta, horizon, tol);
        var b = StepDoubling.Integrate(v => -net.Gradient(v), rtheta, horizon, tol);
        var ra = net.ToVector(map(net.Layers(a.State)));
        double dFlow = (b.State - ra).L2Norm();
        var flowTol = Tolerance.Heuristic(10 * (a.ErrorEstimate + b.ErrorEstimate) * gScale + Tolerance.Gamma(ops) * (ra.L2Norm() + 1), "10×(ODE error estimates)·cond(R) + rounding");
        return MarginSet.Of(
            RoundingDeviation("−‖A_{Rθ} − A_θ‖", -dA, ops, scale * gScale, "‖A‖·cond(R)"),
            RoundingDeviation("−‖∇(Rθ) − R∇(θ)‖", -dG, 4 * ops, gScale * scale, "‖∇‖·cond(R)"),
            Margin.Deviation("−‖γ(½, Rθ_0) − Rγ(½, θ_0)‖", dFlow, ra.L2Norm() + 1, flowTol));
    }
}
