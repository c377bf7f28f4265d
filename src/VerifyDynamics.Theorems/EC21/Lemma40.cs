using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 40 (App. I.12.3, L1300–1308): along the u-IVP (59), for all t ∈ [0, t_e):
/// d‖u(t)‖/dt = n‖u(t)‖(ν(t) − ‖u(t)‖), with ν(t) = λᵀu/‖u‖ (Def. 39, ‖λ_yx‖ = 1).
/// Formalisation note: two margins at 64 times of the validated DOP853 u-trajectory: (a) the proof's algebra — the chain-rule
/// derivative uᵀg(u)/‖u‖ with g the right-hand side of (59) equals n‖u‖(ν − ‖u‖) (rounding tolerance); (b) along the
/// trajectory — the central difference (‖u(t+h)‖ − ‖u(t−h)‖)/(2h) of the dense output (h = 1e−3, Richardson against 2h)
/// equals n‖u‖(ν − ‖u‖); tolerance = Richardson estimate + 2δ_u/h (solution error amplified by the difference quotient)
/// + the δ_u-sensitivity of the right-hand side.
/// </summary>
public static class Lemma40
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma40"),
        Source = Ec21.Source("Lemma 40 (App. I.12.3)", "L1300–1308"),
        Kind = StatementKind.Lemma,
        Title = "norm dynamics of the reparameterized trajectory",
        Text = "For all t ∈ [0, t_e): d‖u(t)‖/dt = n‖u(t)‖(ν(t) − ‖u(t)‖), where u solves the IVP (59) and ν(t) = λ_yxᵀu(t)/(‖λ_yx‖‖u(t)‖).",
        FormalisationNote = "Validated DOP853 u-trajectory (59), 64 times: chain-rule derivative uᵀg(u)/‖u‖ and a Richardson-checked central difference of ‖u‖ against n‖u‖(ν − ‖u‖).",
        Fidelity = Fidelity.Full("the identity at 64 times of [0, horizon], the horizon t_a + t_c^+ + t_ε̄ + 6 lying past convergence; λ = e_1, ‖λ‖ = 1 (rotation invariance, the appendix's normalisation)"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, 0),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("CoefficientNMinus1", "n‖u‖(ν − ‖u‖) → (n−1)‖u‖(ν − ‖u‖): refuted wherever ν ≠ ‖u‖", s => s.WithConclusion((x, k, p) => Conclude(x, p, -1)), trials: 4),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, int shift)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null)
        {
            return UFlowChecks.Unsolved();
        }
        int n = tr.N + shift;
        const double h = 1e-3;
        var algebra = new List<Margin>();
        var along = new List<Margin>();
        foreach (double t in UFlowChecks.Trajectory.Grid(2 * h, tr.Horizon - 2 * h, 63))
        {
            double z = tr.Norm(t), nu = tr.Nu(t);
            double rhs = n * z * (nu - z);
            double chain = tr.NormDerivative(t);
            algebra.Add(Margin.Deviation($"t = {t:G4}", Math.Abs(chain - rhs), tr.N * z * (1 + z), Tolerance.FromRounding(64, tr.N * z * (1 + z), "n‖u‖(1 + ‖u‖)")));
            double d1 = (tr.Norm(t + h) - tr.Norm(t - h)) / (2 * h), d2 = (tr.Norm(t + 2 * h) - tr.Norm(t - 2 * h)) / (4 * h);
            double richardson = Math.Abs(d1 - d2) * 4 / 3;
            var tol = Tolerance.Heuristic(richardson, "central-difference Richardson estimate (h vs 2h): a truncation-error estimate, not a bound")
                .Plus(Tolerance.ValidatedEstimate(2 * tr.DeltaU / h, "2δ_u/h: solution error through the difference quotient"))
                .Plus(Tolerance.ValidatedEstimate(tr.DeltaNormDerivative(t), "δ_u-sensitivity of n‖u‖(ν − ‖u‖)"));
            along.Add(Margin.Deviation($"t = {t:G4}", Math.Abs(d1 - rhs), tr.N * z * (1 + z), tol));
        }
        return MarginSet.Of(
            UFlowChecks.Worst("|uᵀg(u)/‖u‖ − n‖u‖(ν − ‖u‖)| (proof algebra)", algebra),
            UFlowChecks.Worst("|d‖u‖/dt (central difference) − n‖u‖(ν − ‖u‖)|", along));
    }
}
