using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 53 (App. I.12.6, L1468–1474): for all t ≥ 0, ‖u(t_a + t_c + t)‖ ≥ 2n/(3(n+1)), with t_c := (3/(2n))ln(2n/(3u_min))
/// (Def. 52). Proof's last step: with E := e^{(2/3)nt_c} = n(2/3)/u_min, (2/3)E/(E + (2/3)/u_min) = 2n/(3(n+1)) (catalog S14).
/// Formalisation note: (a) the identity in exact rationals (u_min replaced by its rational value); (b) along the validated
/// DOP853 u-trajectory at 256 times of [t_a + t_c, horizon]; t_c from the numerical u_min. Tolerance: δ_u + |d‖u‖/dt|·δt_c with
/// δt_c = (3/(2n))·2δ_u/u_min (error of the start time) and |d‖u‖/dt| ≤ 2n.
/// </summary>
public static class Lemma53
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma53"),
        Source = Ec21.Source("Lemma 53 (App. I.12.6)", "L1466–1474"),
        Kind = StatementKind.Lemma,
        Title = "‖u‖ is of order one after t_a + t_c",
        Text = "For all t ≥ 0: ‖u(t_a + t_c + t)‖ ≥ 2n/(3(n+1)), where t_c := (3/(2n))·ln(2n/(3u_min)).",
        FormalisationNote = "Exact rational identity of the proof's last step; validated DOP853 u-trajectory, 256 times on [t_a + t_c, horizon].",
        Fidelity = Fidelity.Full("exact rational identity of the proof's last step, and 256 times of [t_a + t_c, horizon], the horizon past convergence"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, true),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("WithoutTc", "t_c dropped (claim from t_a on): refuted, ‖u(t_a)‖ is still small", s => s.WithConclusion((x, k, p) => Conclude(x, p, false)), trials: 4),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, bool withTc)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null)
        {
            return UFlowChecks.Unsolved();
        }
        int n = tr.N;
        double target = 2.0 * n / (3 * (n + 1));
        double start = UFlowChecks.TA(x.Scalar("nu")) + (withTc ? UFlowChecks.TC(n, tr.UMin) : 0);
        var u = Rational.FromDouble(tr.UMin);
        var twoThirds = Rational.Of(2, 3);
        var e = Rational.Of(n) * twoThirds / u;
        var diff = twoThirds * e / (e + twoThirds / u) - Rational.Of(2 * n, 3 * (n + 1));
        var margins = new List<Margin>
        {
            Margin.Deviation("(2/3)E/(E + (2/3)/u_min) = 2n/(3(n+1)) at E = (2/3)n/u_min (exact)", diff.Sign == 0 ? 0 : Math.Max(Math.Abs(diff.ToDouble()), double.Epsilon), target, Tolerance.Exact),
        };
        if (start > tr.Horizon)
        {
            margins.Add(Margin.Uncomputable("t_a + t_c within the horizon"));
            return new MarginSet(margins);
        }
        double dtc = tr.DeltaTC;
        var grid = UFlowChecks.Trajectory.Grid(start, tr.Horizon, 256).Select(t =>
            Margin.AtLeast($"t = {t:G4}", tr.Norm(t), target, Tolerance.ValidatedEstimate(tr.DeltaU + 2 * n * dtc, "δ_u + 2n·δt_c").Plus(Tolerance.FromRounding(16, 1, "‖u‖ < 1"))));
        margins.Add(UFlowChecks.Worst("‖u(t_a + t_c + t)‖ ≥ 2n/(3(n+1))", grid));
        return new MarginSet(margins).WithObservation("u_min", tr.UMin).WithObservation("t_a + t_c", start);
    }
}
