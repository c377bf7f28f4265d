using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 54 (App. I.12.6, L1476–1482): for all t ≥ 0, ‖λ_yx − u(t_a + t_c + t)‖ ≤ (6/5)·exp(−(2n/(3(n+1)))t). The proof shows,
/// for all t ≥ 0, d‖λ − u‖/dt = −‖u‖‖λ − u‖ − ((n−1)‖u‖/‖λ − u‖)(‖u‖ − ν)² (≤ 0).
/// Formalisation note: along the validated DOP853 u-trajectory: (a) the bound at 256 times of [t_a + t_c, horizon] (tolerance δ_u +
/// the bound's slope × δt_c, δt_c = (3/(2n))·2δ_u/u_min); (b) the proof's derivative identity at 128 times of [0, horizon]: the chain
/// rule (λ − u)ᵀ(−g(u))/‖λ − u‖ with (59)'s g equals the closed expression (rounding tolerance relative to the terms), and (c) it is ≤ 0;
/// times with ‖λ − u‖ ≤ 1e−8 are skipped (the quotients are rounding noise there).
/// </summary>
public static class Lemma54
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma54"),
        Source = Ec21.Source("Lemma 54 (App. I.12.6)", "L1476–1482"),
        Kind = StatementKind.Lemma,
        Title = "exponential convergence after t_a + t_c",
        Text = "For all t ≥ 0: ‖λ_yx − u(t_a + t_c + t)‖ ≤ (6/5)·exp(−(2n/(3(n+1)))·t). (Proof: d‖λ_yx − u‖/dt = −‖u‖‖λ_yx − u‖ − ((n−1)‖u‖/‖λ_yx − u‖)(‖u‖ − ν)² ≤ 0.)",
        FormalisationNote = "Validated DOP853 u-trajectory: the bound at 256 times after t_a + t_c; the proof's derivative identity and its sign at 128 times.",
        Fidelity = Fidelity.Full("256 times of [t_a + t_c, horizon], the horizon t_ε̄ + 6 past t_a + t_c^+, where the bound has decayed below ε̄"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, 1),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("RateTripled", "rate 2n/(3(n+1)) → 2n/(n+1) (> 1, faster than the tangential convergence rate 1): refuted late on the horizon",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, 3)), trials: 4),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double rateFactor)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null)
        {
            return UFlowChecks.Unsolved();
        }
        int n = tr.N;
        double kappa = rateFactor * 2.0 * n / (3 * (n + 1));
        double start = UFlowChecks.TA(x.Scalar("nu")) + UFlowChecks.TC(n, tr.UMin);
        var margins = new List<Margin>();
        if (start > tr.Horizon)
        {
            return UFlowChecks.Unsolved("t_a + t_c within the horizon");
        }
        double dtc = tr.DeltaTC;
        var bound = UFlowChecks.Trajectory.Grid(start, tr.Horizon, 256).Select(t =>
        {
            double rhs = 1.2 * Math.Exp(-kappa * (t - start));
            return Margin.AtMost($"t = {t:G4}", tr.DistanceToLambda(t), rhs, Tolerance.ValidatedEstimate(tr.DeltaU + kappa * rhs * dtc, "δ_u + κ·bound·δt_c").Plus(Tolerance.FromRounding(16, rhs, "bound")));
        });
        margins.Add(UFlowChecks.Worst("‖λ − u(t_a + t_c + t)‖ ≤ (6/5)e^{−2nt/(3(n+1))}", bound));
        var identity = new List<Margin>();
        var sign = new List<Margin>();
        foreach (double t in UFlowChecks.Trajectory.Grid(0, tr.Horizon, 128))
        {
            var u = tr.U(t);
            var g = UFlowChecks.G(n, tr.Lambda, u);
            double dist = tr.DistanceToLambda(t), z = VectorOps.Norm(u), nu = tr.Nu(t);
            if (dist <= 1e-8)
            {
                // Both sides divide by ‖λ − u‖ (≠ 0 exactly, Lemma 46 (iv)); once the trajectory has converged to within 1e−8
                // (it reaches λ in floating point for ν(0) = 1) the quotient is rounding noise: such times are skipped.
                continue;
            }
            double chain = 0;
            for (int i = 0; i < u.Length; i++)
            {
                chain -= (tr.Lambda[i] - u[i]) * g[i];
            }
            chain /= dist;
            double closed = -z * dist - (n - 1) * z / dist * (z - nu) * (z - nu);
            double scale = z * dist + (n - 1) * z / dist * (z - nu) * (z - nu) + n * z * (1 + z);
            identity.Add(Margin.Deviation($"t = {t:G4}", Math.Abs(chain - closed), scale, Tolerance.FromRounding(128, scale / Math.Min(dist, 1), "terms / ‖λ − u‖")));
            sign.Add(Margin.Bound($"t = {t:G4}", -chain, scale, Tolerance.FromRounding(128, scale / Math.Min(dist, 1), "terms / ‖λ − u‖").Plus(Tolerance.ValidatedEstimate(tr.DeltaNormDerivative(t) / Math.Min(dist, 1), "δ_u-sensitivity"))));
        }
        margins.Add(UFlowChecks.Worst("proof: d‖λ − u‖/dt (chain rule) = −‖u‖‖λ − u‖ − ((n−1)‖u‖/‖λ − u‖)(‖u‖ − ν)²", identity));
        margins.Add(UFlowChecks.Worst("proof: d‖λ − u‖/dt ≤ 0", sign));
        return new MarginSet(margins).WithObservation("t_a + t_c", start);
    }
}
