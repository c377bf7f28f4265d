using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Sec. 2.3 "Inclusion" (L89–93, unnumbered): for the zero-padding I^{(w→w')}, A_{Iθ} = A_θ and ∇(Iθ) = I∇(θ);
/// hence Im I (and every R·Im I) is invariant under the gradient flow, (derived) also with λ &gt; 0.
/// Formalisation note: margins −‖A_{Iθ} − A_θ‖, −‖∇(Iθ) − I∇(θ)‖ (this includes "gradient zero on padded entries"), and
/// −‖γ_{w'}(½, Iθ_0) − Iγ_w(½, θ_0)‖ by the paper-local RK4 (tolerance from the error estimates).
/// </summary>
public static class Fact_Inclusion
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.Inclusion"),
        Source = new SourceRef(Papers.JGGSH21, "Sec. 2.3, Inclusion (unnumbered)", "L89–93"),
        Kind = StatementKind.Unnumbered,
        Title = "inclusion invariance of deep linear networks",
        Text = "A_{Iθ} = A_θ and ∇(Iθ) = I∇(θ); Im I^{(w→w')} is invariant under gradient flow.",
        FormalisationNote = "L ∈ {2..4}, w ∈ {1..4}, w' ∈ {w+1..2w}, MSE or MC, λ ∈ {0, 0.1}. Flow to t = ½ with RK4 (1e−8; 1e−10 to confirm).",
        Constants = [new NamedConstant("padFill", R(0), "value on the new diagonal of middle layers (paper: 0)") { Domain = ConstantDomain.Any }],
        Fidelity = Fidelity.Restricted("the flow identity compared up to t = ½ only; L ≤ 4, w ≤ 4, MSE or MC, λ ∈ {0, 0.1}"),
        Hypotheses = new Hypotheses("random DLN and cost; wider width w'", Generate, (x, k) => HypothesesCheck.All((x.Scalar("wide") > x.Weights[0].RowCount, "w' > w"))),
        Conclusion = Conclude,
        DefaultTrials = 16,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "PadWithIdentity", "hidden blocks padded with ε·I (ε = 1/10) instead of 0: not invariant (L ≥ 3)",
                new NamedConstant("padFill", R(0), ""), R(1, 10)),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(3, 4), w = rng.NextInt(1, 4), n0 = rng.NextInt(1, 4), nL = rng.NextInt(1, 4);
        IMatrixCost cost = rng.NextBool() ? RandomMse(rng, n0, nL, rng.NextInt(2, 8)) : RandomCompletion(rng, nL, n0, rng.NextInt(1, n0 * nL), false);
        double lambda = rng.NextBool() ? 0 : 0.1;
        var net = DeepLinearCost.Rectangular(cost, depth, w, lambda);
        var theta = SequentialBuild.Vector(net.ParameterCount, _ => 0.5 * rng.NextGaussian());
        return new Instance { Family = "inclusion", Weights = [.. net.Layers(theta)], Dims = [.. net.Dims] }
            .WithCost(cost).WithScalar("lambda", lambda).WithScalar("wide", rng.NextInt(w + 1, 2 * w));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision p)
    {
        var cost = Cost(x);
        double lambda = x.Scalar("lambda");
        int wide = (int)x.Scalar("wide");
        var narrow = new DeepLinearCost(cost, [.. x.Dims], lambda);
        var wideNet = DeepLinearCost.Rectangular(cost, narrow.Depth, wide, lambda);
        double fill = k.D("padFill");
        Matrix<double>[] Inc(IReadOnlyList<Matrix<double>> l) => NetworkSymmetries.Include(l, Enumerable.Repeat(wide, l.Count - 1).ToArray(), fill);
        var theta = narrow.ToVector(x.Weights.ToArray());
        var itheta = wideNet.ToVector(Inc(x.Weights.ToArray()));
        int ops = 32 * narrow.Depth * (wide + x.Dims.Max());
        double scale = narrow.EndToEnd(theta).FrobeniusNorm() + 1;
        double dA = (wideNet.EndToEnd(itheta) - narrow.EndToEnd(theta)).FrobeniusNorm();
        var g = narrow.Gradient(theta);
        // The gradient is mapped by the inclusion with zero fill: the claim is that padded entries receive no gradient.
        double dG = (wideNet.Gradient(itheta) - wideNet.ToVector(NetworkSymmetries.Include(narrow.Layers(g), Enumerable.Repeat(wide, narrow.Depth - 1).ToArray()))).L2Norm();
        double tol = p == Precision.Confirm ? 1e-10 : 1e-8;
        var a = StepDoubling.Integrate(v => -narrow.Gradient(v), theta, 0.5, tol);
        var b = StepDoubling.Integrate(v => -wideNet.Gradient(v), itheta, 0.5, tol);
        var ia = wideNet.ToVector(NetworkSymmetries.Include(narrow.Layers(a.State), Enumerable.Repeat(wide, narrow.Depth - 1).ToArray()));
        double dFlow = (b.State - ia).L2Norm();
        var flowTol = Tolerance.Heuristic(10 * (a.ErrorEstimate + b.ErrorEstimate) + Tolerance.Gamma(ops) * (ia.L2Norm() + 1), "10×(ODE error estimates) + rounding");
        return MarginSet.Of(
            RoundingDeviation("−‖A_{Iθ} − A_θ‖", -dA, ops, scale, "‖A‖"),
            RoundingDeviation("−‖∇(Iθ) − I∇(θ)‖", -dG, 4 * ops, (g.L2Norm() + 1) * scale, "‖∇‖·‖A‖"),
            Margin.Deviation("−‖γ(½, Iθ_0) − Iγ(½, θ_0)‖", dFlow, ia.L2Norm() + 1, flowTol));
    }
}
