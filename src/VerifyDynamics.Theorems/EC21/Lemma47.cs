using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 47 (App. I.12.4, L1418–1420): ‖u(t_m)‖ = u_min := inf_{t≥0}‖u(t)‖; moreover, if ν(0) ≤ ‖u(0)‖ then ν(t_m) = u_min.
/// Formalisation note: along the validated DOP853 u-trajectory: u_min = the minimum of ‖u‖ over the horizon (4096-cell grid +
/// golden-section refinement; ‖u‖ is non-decreasing after t_m, and the horizon extends ≥ 6 time units beyond t_a + t_c + t_ε̄, so
/// the infimum over [0, ∞) is attained inside — Lemma 46), t_m by bisection of ν − ‖u‖. Tolerance 4δ_u + the bisection width
/// (2^{−80}·horizon) times |d‖u‖/dt| ≤ 2n, + rounding.
/// </summary>
public static class Lemma47
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma47"),
        Source = Ec21.Source("Lemma 47 (App. I.12.4)", "L1418–1420"),
        Kind = StatementKind.Lemma,
        Title = "the minimal norm is attained at t_m",
        Text = "‖u(t_m)‖ = u_min := inf_{t≥0}‖u(t)‖. Moreover, if ν(0) ≤ ‖u(0)‖ then ν(t_m) = u_min.",
        FormalisationNote = "Validated DOP853 u-trajectory; u_min by grid + golden section, t_m by bisection; equalities within 4δ_u.",
        Fidelity = Fidelity.Full("u_min over [0, horizon]; the horizon lies past t_m and ‖u‖ is non-decreasing after t_m (Lemma 46), so the infimum over [0, ∞) is attained inside"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, false),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("MinimumAtStart", "t_m replaced by 0 (‖u(0)‖ = u_min, i.e. ‖u‖ never decreases): refuted when ν(0) < ‖u(0)‖",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, true)), trials: 4),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, bool atZero)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null || double.IsNaN(tr.TM))
        {
            return UFlowChecks.Unsolved(tr is null ? "u-IVP (59) solved" : "t_m found within the horizon");
        }
        double tm = atZero ? 0 : tr.TM;
        var tol = Tolerance.ValidatedEstimate(4 * tr.DeltaU, "4δ_u (two trajectory values)")
            .Plus(Tolerance.Bound(2 * tr.N * tr.Horizon * Math.Pow(2, -80), "bisection width × |d‖u‖/dt| ≤ 2n"))
            .Plus(Tolerance.FromRounding(32, 1, "‖u‖ < 1"));
        var margins = new List<Margin> { Margin.Deviation("|‖u(t_m)‖ − u_min|", Math.Abs(tr.Norm(tm) - tr.UMin), tr.UMin, tol) };
        if (x.Scalar("nu") <= x.Scalar("r"))
        {
            margins.Add(Margin.Deviation("ν(0) ≤ ‖u(0)‖ ⇒ |ν(t_m) − u_min|", Math.Abs(tr.Nu(tm) - tr.UMin), tr.UMin, tol.Plus(Tolerance.ValidatedEstimate(tr.DeltaNu(tm), "2δ_u/‖u‖ (ν)"))));
        }
        return new MarginSet(margins).WithObservation("t_m", tr.TM).WithObservation("u_min", tr.UMin).WithObservation("argmin ‖u‖", tr.TArgMin);
    }
}
