using VerifyDynamics.Core.Costs;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Sec. 2.1 bullet 2 (L69, unnumbered): the matrix-completion loss (1/N)Σ_i (A_{k_i m_i} − A*_{k_i m_i})² is
/// (2/N)-PL but not strongly convex.
/// Formalisation note: minus sign restored (printed without it). With multiplicities c_e, ½‖∇C‖² = (2/N²)Σc_e²d_e² ≥
/// (2/N)C, equality for distinct entries — the check is sharp everywhere on distinct-entry instances. "Not strongly
/// convex" is checked by moving an unobserved entry (C unchanged) when one exists.
/// </summary>
public static class Fact_McPL
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.McPL"),
        Source = new SourceRef(Papers.JGGSH21, "Sec. 2.1, second bullet (unnumbered)", "L69"),
        Kind = StatementKind.Unnumbered,
        Title = "the matrix-completion loss is (2/N)-PL",
        Text = "The MC loss satisfies β-PL with β = 2/N (C_min = 0) and is not strongly convex when an entry is unobserved.",
        FormalisationNote = "Margins: ½‖∇C(A)‖² − (2/N)C(A) ≥ −γ_n·max side; and, for the non-strong-convexity, the cost change along an "
            + "unobserved entry is exactly 0 (a strong-convexity margin (β/2)‖D‖² would be violated).",
        Constants = [new NamedConstant("betaNumerator", R(2), "β = betaNumerator/N (paper: 2)")],
        Fidelity = Fidelity.Full("matrix-completion costs of size ≤ 8×8 with and without repeated entries, A* of rank ≤ 3"),
        Hypotheses = new Hypotheses("n_L×n_0 with n ≤ 8, N ∈ [1, n_0n_L] entries with and without repeats, A* of rank ≤ 3", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 60,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "BetaDoubled", "β = 4/N: refuted at every A with C(A) > 0 and distinct entries", new NamedConstant("betaNumerator", R(2), ""), R(4)),
            Variant.Mutant("StronglyConvex", "\"(2/N)-strongly convex\": refuted by moving an unobserved entry",
                s => s.WithConclusion((x, k, p) =>
                {
                    var cost = (MatrixCompletion)Cost(x);
                    var a = x.Matrix("A");
                    var d = (1 - cost.Mask).PointwiseMultiply(x.Matrix("Direction"));
                    double change = cost.Value(a + d) - cost.Value(a) - (cost.Gradient(a).PointwiseMultiply(d)).Enumerate().Sum();
                    double required = (1.0 / cost.SampleCount) * d.FrobeniusNorm() * d.FrobeniusNorm();
                    return MarginSet.Of(Rounding("C(A+D) − C(A) − ⟨∇C, D⟩ − (β/2)‖D‖²", change - required, 64, Math.Max(required, cost.Value(a)), "scale"));
                }).WithGenerator("some entry unobserved", ctx => Build(ctx, partial: true))),
        ],
    };

    private static Instance Generate(TrialContext ctx) => Build(ctx, partial: false);

    private static Instance Build(TrialContext ctx, bool partial)
    {
        var rng = ctx.Rng;
        int r = rng.NextInt(2, 8), c = rng.NextInt(2, 8);
        bool repeats = !partial && ctx.Index % 3 == 2;
        int n = partial ? rng.NextInt(1, r * c - 1) : rng.NextInt(1, r * c);
        var cost = RandomCompletion(rng, r, c, n, repeats);
        return new Instance { Family = repeats ? "repeats" : "distinct" }.WithCost(cost)
            .WithMatrix("A", cost.Teacher + rng.LogUniform(1e-3, 1e3) * rng.GaussianMatrix(r, c))
            .WithMatrix("Direction", rng.GaussianMatrix(r, c));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) =>
        HypothesesCheck.All(((int)x.Scalar(CostKind) == 1, "matrix-completion cost"));

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision p)
    {
        var cost = (MatrixCompletion)Cost(x);
        var a = x.Matrix("A");
        double half = PolyakLojasiewicz.HalfSquaredGradient(cost, a);
        double right = k.D("betaNumerator") / cost.SampleCount * cost.Value(a);
        return MarginSet.Of(Rounding("½‖∇C‖² − (2/N)C", half - right, 8 * cost.SampleCount + 16, Math.Max(half, right), "max side"));
    }
}
