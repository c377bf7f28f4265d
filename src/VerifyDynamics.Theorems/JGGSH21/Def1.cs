using VerifyDynamics.Core.Costs;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Definition 1 (Sec. 2.1, L59; restated as Def. 9, L345): C with global minimum C_min is β-PL iff
/// ½‖∇C(x)‖² ≥ β(C(x) − C_min) for all x. Companion (iii): PL does not imply convexity.
/// Formalisation note: a definition is checked through its instances — the MSE with β = 2s_0²/N, matrix completion with
/// β = 2/N, and the external non-convex fixture f(x) = x² + 3sin²x with β = 1/32 (Karimi–Nutini–Schmidt 2016; not from
/// this paper). The fixture also carries companion (iii): f″(π/2) = −4 &lt; 0 although f is PL.
/// </summary>
public static class Def1
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Def1"),
        Source = new SourceRef(Papers.JGGSH21, "Definition 1 (Sec. 2.1); Definition 9 (App. B.1)", "L59–65, L345"),
        Kind = StatementKind.Definition,
        Title = "β-Polyak–Łojasiewicz inequality",
        Text = "C satisfies β-PL iff ½‖∇C(x)‖² ≥ β(C(x) − C_min) for every x; PL does not imply convexity.",
        FormalisationNote = "Instances: MSE (β = 2s_0²/N, s_0 smallest non-zero singular value of X), MC (β = 2/N), and the "
            + "external fixture f(x) = x² + 3sin²x (β = 1/32, non-convex). Margin ½‖∇C‖² − β(C − C_min) with C − C_min formed "
            + "cancellation-free; tolerance γ_n of the products (n ∝ sizes) times the larger side.",
        Fidelity = Fidelity.Restricted("MSE, MC and fixture instances at their stated PL constants (a definition has no conclusion of its own: checked is that these instances are β-PL)"),
        Hypotheses = new Hypotheses("MSE / MC / fixture instances in rotation (trial index mod 3)", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 60,
        Variants =
        [
            Variant.Mutant("PLImpliesConvex", "\"every PL cost is convex\": f″(x) ≥ 0 on the fixture near π/2 — refuted (companion (iii))",
                s => s.WithGenerator("fixture near π/2", ctx => Instance.OfScalars("fixture", ("x", ctx.Rng.Uniform(1.3, 1.8)), ("fixture", 1)))
                      .WithConclusion((x, k, p) =>
                      {
                          double v = x.Scalar("x");
                          double second = 2 + 6 * Math.Cos(2 * v);
                          return MarginSet.Of(Rounding("f″(x) ≥ 0", second, 8, 8, "|f″| ≤ 8"));
                      })),
            Variant.Mutant("BetaDoubledOnCompletion", "β = 4/N for matrix completion: refuted at any A with C(A) > 0 (the MC loss is PL with equality)",
                s => s.WithGenerator("MC, distinct entries", ctx => Completion(ctx)).WithConclusion((x, k, p) => Conclude(x, betaFactor: 2))),
        ],
    };

    private static Instance Generate(TrialContext ctx) => (ctx.Index % 3) switch
    {
        0 => Mse(ctx),
        1 => Completion(ctx),
        _ => Instance.OfScalars("fixture", ("x", ctx.Rng.Uniform(-6, 6)), ("fixture", 1)),
    };

    private static Instance Mse(TrialContext ctx)
    {
        var rng = ctx.Rng;
        var cost = RandomMse(rng, rng.NextInt(1, 5), rng.NextInt(1, 5), rng.NextInt(1, 12));
        return new Instance { Family = "mse" }.WithCost(cost).WithMatrix("A", cost.LeastSquares + rng.LogUniform(1e-2, 1e2) * rng.GaussianMatrix(cost.Rows, cost.Columns));
    }

    private static Instance Completion(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int r = rng.NextInt(2, 6), c = rng.NextInt(2, 6);
        var cost = RandomCompletion(rng, r, c, rng.NextInt(1, r * c), allowRepeats: false);
        return new Instance { Family = "mc" }.WithCost(cost).WithMatrix("A", cost.Teacher + rng.GaussianMatrix(r, c));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) =>
        x.Scalars.ContainsKey("fixture") ? HypothesesCheck.Ok : HypothesesCheck.All((x.Matrices.ContainsKey("A"), "a point A is given"));

    internal static MarginSet Conclude(Instance x, double betaFactor = 1)
    {
        if (x.Scalars.ContainsKey("fixture"))
        {
            double v = x.Scalar("x");
            double f = v * v + 3 * Math.Sin(v) * Math.Sin(v);
            double g = 2 * v + 3 * Math.Sin(2 * v);
            double lhs = 0.5 * g * g, rhs = betaFactor * f / 32;
            return MarginSet.Of(Rounding("½f′² − (1/32)f", lhs - rhs, 16, Math.Max(lhs, rhs), "max side"));
        }
        var cost = Cost(x);
        var a = x.Matrix("A");
        double beta, excess;
        switch (cost)
        {
            case MeanSquaredError m:
                beta = m.PolyakLojasiewiczConstant();
                excess = m.Excess(a);
                break;
            case MatrixCompletion c:
                beta = c.PolyakLojasiewiczConstant();
                excess = c.Value(a);
                break;
            default:
                throw new InvalidOperationException("Def1 instances are MSE or MC");
        }
        double half = PolyakLojasiewicz.HalfSquaredGradient(cost, a);
        double right = betaFactor * beta * excess;
        int ops = 16 * (cost.Rows + cost.Columns + (cost is MeanSquaredError mm ? mm.SampleCount : 1));
        return MarginSet.Of(Rounding("½‖∇C‖² − β(C − C_min)", half - right, ops, Math.Max(half, right), "max side"))
            .WithObservation("beta", betaFactor * beta);
    }
}
