using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 51 (App. I.12.5, L1454–1462): for all t ≥ 0,
/// ‖u(t_a + t)‖ ≥ (2/3)·exp((2/3)nt)/(exp((2/3)nt) + (2/3)u_min^{−1} − 1), u_min := inf_{t≥0}‖u(t)‖.
/// Formalisation note: along the validated DOP853 u-trajectory at 256 times of [0, horizon − t_a]; u_min from the same trajectory
/// (grid + golden section). Tolerance: δ_u + (∂RHS/∂u_min)·2δ_u (the bound increases with u_min) + rounding.
/// </summary>
public static class Lemma51
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma51"),
        Source = Ec21.Source("Lemma 51 (App. I.12.5)", "L1454–1462"),
        Kind = StatementKind.Lemma,
        Title = "escape from the origin after t_a",
        Text = "For all t ≥ 0: ‖u(t_a + t)‖ ≥ (2/3)·exp((2/3)nt)/(exp((2/3)nt) + (2/3)u_min^{−1} − 1), where u_min := inf_{t≥0}‖u(t)‖.",
        FormalisationNote = "Validated DOP853 u-trajectory, 256 times after t_a; u_min read off the trajectory.",
        Fidelity = Fidelity.Full("256 times of [0, horizon − t_a], the horizon past convergence (the bound tends to 2/3 ≤ ‖u‖ thereafter)"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, 2.0 / 3),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("RateDoubled", "rate (2/3)n → (4/3)n: refuted on aligned small starts (‖u‖ grows at rate ≤ n)",
                s => s.WithGenerator("ν(0) = 1, r = 0.01, n ∈ 2..5", ctx => UFlowChecks.Make(ctx.Rng.NextInt(2, 5), 2, 0.01, 1, 0.01))
                    .WithConclusion((x, k, p) => Conclude(x, p, 4.0 / 3)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double rate)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null)
        {
            return UFlowChecks.Unsolved();
        }
        int n = tr.N;
        double ta = UFlowChecks.TA(x.Scalar("nu")), c = 2.0 / 3 / tr.UMin - 1;
        var grid = UFlowChecks.Trajectory.Grid(0, tr.Horizon - ta, 256).Select(t =>
        {
            double e = Math.Exp(rate * n * t);
            double rhs = 2.0 / 3 * e / (e + c);
            double dRhs = 2.0 / 3 * e * (2.0 / 3) / (tr.UMin * tr.UMin) / ((e + c) * (e + c));
            var tol = Tolerance.ValidatedEstimate(tr.DeltaU + dRhs * 2 * tr.DeltaU, "δ_u + ∂RHS/∂u_min·2δ_u").Plus(Tolerance.FromRounding(32, 1, "values ≤ 1"));
            return Margin.AtLeast($"t = {t:G4}", tr.Norm(ta + t), rhs, tol);
        });
        return MarginSet.Of(UFlowChecks.Worst("‖u(t_a + t)‖ ≥ (2/3)e^{(2/3)nt}/(e^{(2/3)nt} + (2/3)/u_min − 1)", grid)).WithObservation("u_min", tr.UMin).WithObservation("t_a", ta);
    }
}
