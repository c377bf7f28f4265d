using VerifyDynamics.Core.Costs;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Corollary 12 (App. B.1, L396–399): if C is β-PL, then with d = dist(x_0, argmin C), C(x_0) ≥ C_min + (β/2)d² and
/// ‖∇C(x_0)‖ ≥ βd.
/// Formalisation note: on matrix completion with distinct entries (β = 2/N, d = ‖P_Ω(A − A*)‖_F) both are EQUALITIES —
/// the sharp instance; tolerance γ_n of the masked sums times the larger side.
/// </summary>
public static class Cor12
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Cor12"),
        Source = new SourceRef(Papers.JGGSH21, "Corollary 12 (App. B.1)", "L396–399"),
        Kind = StatementKind.Corollary,
        Title = "quadratic growth and gradient lower bound under PL",
        Text = "β-PL ⇒ C(x_0) ≥ C_min + (β/2)d² and ‖∇C(x_0)‖ ≥ βd, d = dist(x_0, argmin C).",
        FormalisationNote = "MC, distinct entries, β = 2/N; argmin = {A : P_Ω(A) = P_Ω(A*)}, so d = ‖P_Ω(A − A*)‖_F exactly.",
        Constants = [new NamedConstant("growthFactor", R(1, 2), "C − C_min ≥ growthFactor·βd² (paper: 1/2)"), new NamedConstant("gradientFactor", R(1), "‖∇C‖ ≥ gradientFactor·βd (paper: 1)")],
        Fidelity = Fidelity.Restricted("matrix-completion costs with distinct entries (β = 2/N, where the bounds are sharp), n ≤ 8; other β-PL costs are not generated"),
        Hypotheses = new Hypotheses("MC n ≤ 8, distinct observed entries, A = A* + scale·Gaussian", Generate, (x, k) => HypothesesCheck.All(((int)x.Scalar(CostKind) == 1, "MC cost"))),
        Conclusion = Conclude,
        DefaultTrials = 40,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "NoOneHalf", "C − C_min ≥ βd²: refuted on MC (equality at ½)", new NamedConstant("growthFactor", R(1, 2), ""), R(1)),
            Variant.ConstantChanged(VariantRole.Mutant, "GradientDoubled", "‖∇C‖ ≥ 2βd: refuted on MC", new NamedConstant("gradientFactor", R(1), ""), R(2)),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int r = rng.NextInt(2, 8), c = rng.NextInt(2, 8);
        var cost = RandomCompletion(rng, r, c, rng.NextInt(1, r * c), false);
        return new Instance { Family = "mc" }.WithCost(cost).WithMatrix("A", cost.Teacher + rng.LogUniform(1e-3, 1e3) * rng.GaussianMatrix(r, c));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision p)
    {
        var cost = (MatrixCompletion)Cost(x);
        var a = x.Matrix("A");
        double beta = cost.PolyakLojasiewiczConstant();
        double d = cost.Mask.PointwiseMultiply(a - cost.Teacher).FrobeniusNorm();
        double value = cost.Value(a), grad = cost.Gradient(a).FrobeniusNorm();
        int ops = 8 * cost.SampleCount + 16;
        double growth = k.D("growthFactor") * beta * d * d, gradBound = k.D("gradientFactor") * beta * d;
        return MarginSet.Of(
            Rounding("C − C_min − (β/2)d²", value - growth, ops, Math.Max(value, growth), "max side"),
            Rounding("‖∇C‖ − βd", grad - gradBound, ops, Math.Max(grad, gradBound), "max side"));
    }
}
