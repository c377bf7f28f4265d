using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 46 (App. I.12.4, L1397–1414): (i) t_m &lt; ∞; (ii) d‖u‖/dt &lt; 0 on [0, t_m); (iii) d‖u‖/dt ≥ 0 on [t_m, ∞);
/// (iv) ‖u(t)‖ &lt; 1 for all t ≥ 0. In the proof, for ν(0) = 1: ‖u(t)‖ = e^{nt}/(e^{nt} + ‖u(0)‖^{−1} − 1).
/// Formalisation note: along the validated DOP853 u-trajectory on [0, horizon] (horizon ≥ t_a + t_c + t_ε̄ + 6): t_m is located by
/// bisection of ν(t) − ‖u(t)‖ (i: found within the horizon — finiteness itself is not finitely checkable; not found ⇒ NaN);
/// d‖u‖/dt = uᵀg(u)/‖u‖ (exact chain rule with (59)'s right-hand side) on a 512-point grid, ≤ 0 before t_m and ≥ 0 after, with the
/// δ_u-sensitivity as tolerance (strictness in (ii) is reported as an observation, it cannot be certified numerically);
/// max ‖u‖ ≤ 1; for ν(0) = 1 the closed form against the trajectory (tolerance δ_u + rounding).
/// </summary>
public static class Lemma46
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma46"),
        Source = Ec21.Source("Lemma 46 (App. I.12.4)", "L1397–1414"),
        Kind = StatementKind.Lemma,
        Title = "‖u‖ decreases until t_m, then does not decrease, and stays below 1",
        Text = "(i) t_m < ∞; (ii) d‖u(t)‖/dt < 0 for all t ∈ [0, t_m); (iii) d‖u(t)‖/dt ≥ 0 for all t ∈ [t_m, ∞); (iv) ‖u(t)‖ < 1 for all t ≥ 0. (Proof, case ν(0) = 1: ‖u(t)‖ = e^{nt}/(e^{nt} + ‖u(0)‖^{−1} − 1).)",
        FormalisationNote = "Validated DOP853 u-trajectory; t_m by bisection; sign of uᵀg(u)/‖u‖ on a 512-point grid before/after t_m; max ‖u‖ ≤ 1; closed form for ν(0) = 1.",
        Fidelity = Fidelity.Restricted("non-strict forms of the strict inequalities (ii) and (iv), checked within the ODE tolerance (a margin inside its tolerance passes); (i)–(iv) along [0, horizon], the horizon t_a + t_c^+ + t_ε̄ + 6 lying past convergence to λ; (i) t_m < ∞ is witnessed by a crossing inside the horizon"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, 0),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("ClosedFormRateNMinus1", "ν(0) = 1 closed form with e^{(n−1)t}: refuted on aligned starts",
                s => s.WithGenerator("ν(0) = 1, n ∈ 2..5, r ∈ {0.2, 0.1, 0.01}", ctx => UFlowChecks.Make(ctx.Rng.NextInt(2, 5), 2, ctx.Rng.Pick(UFlowChecks.Radii), 1, 0.01))
                    .WithConclusion((x, k, p) => Conclude(x, p, -1)), trials: 3),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, int rateShift)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null)
        {
            return UFlowChecks.Unsolved();
        }
        int n = tr.N;
        double r = x.Scalar("r"), tm = tr.TM;
        var margins = new List<Margin>
        {
            double.IsNaN(tm)
                ? Margin.Uncomputable("(i) t_m found within the horizon")
                : Margin.Deviation("(i) t_m < ∞: a crossing of ν − ‖u‖ found within the horizon (witness)", 0, tm, Tolerance.Bound(tr.Horizon * Math.Pow(2, -80), "bisection width")),
        };
        var before = new List<Margin>();
        var after = new List<Margin>();
        var below = new List<Margin>();
        var closed = new List<Margin>();
        double strict = double.NegativeInfinity;
        foreach (double t in UFlowChecks.Trajectory.Grid(0, tr.Horizon, 512))
        {
            double d = tr.NormDerivative(t), z = tr.Norm(t);
            var tolD = Tolerance.ValidatedEstimate(tr.DeltaNormDerivative(t), "δ_u-sensitivity of uᵀg(u)/‖u‖");
            if (!double.IsNaN(tm) && t < tm)
            {
                before.Add(Margin.Bound($"t = {t:G4}", -d, tr.N * z * (1 + z), tolD));
                strict = Math.Max(strict, d);
            }
            else if (!double.IsNaN(tm))
            {
                after.Add(Margin.Bound($"t = {t:G4}", d, tr.N * z * (1 + z), tolD));
            }
            below.Add(Margin.AtMost($"t = {t:G4}", z, 1, Tolerance.ValidatedEstimate(tr.DeltaU, "δ_u")));
            if (x.Scalar("nu") >= 1)
            {
                double e = Math.Exp((n + rateShift) * t);
                double form = e / (e + 1 / r - 1);
                closed.Add(Margin.Deviation($"t = {t:G4}", Math.Abs(z - form), 1, Tolerance.ValidatedEstimate(tr.DeltaU, "δ_u").Plus(Tolerance.FromRounding(16, 1, "‖u‖ < 1"))));
            }
        }
        if (before.Count > 0)
        {
            margins.Add(UFlowChecks.Worst("(ii) d‖u‖/dt ≤ 0 on [0, t_m)", before));
        }
        margins.Add(UFlowChecks.Worst("(iii) d‖u‖/dt ≥ 0 on [t_m, horizon]", after));
        margins.Add(UFlowChecks.Worst("(iv) ‖u(t)‖ ≤ 1", below));
        if (closed.Count > 0)
        {
            margins.Add(UFlowChecks.Worst("ν(0) = 1: ‖u(t)‖ = e^{nt}/(e^{nt} + ‖u(0)‖^{−1} − 1)", closed));
        }
        var set = new MarginSet(margins).WithObservation("t_m", tm).WithObservation("u_min", tr.UMin);
        return before.Count > 0 ? set.WithObservation("max d‖u‖/dt on [0, t_m) (strictly < 0 observed if negative)", strict) : set;
    }
}
