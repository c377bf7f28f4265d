using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 48 (App. I.12.4, L1424–1440): u_min ≥ ‖w_{n:1}(0)‖·min{1, ((2/3)(1+ν(0))/(1−ν(0)))^n} (= ‖w_{n:1}(0)‖ when
/// ν(0) = 1). Proof (case ‖u(0)‖ &gt; ν(0)): t_b := ½ln(((1+‖u(0)‖)/(1−‖u(0)‖))·ρ) ≥ t_m, then Lemma 41 and (1+u)/(1−u) ≤ 3/2 for u ≤ 0.2.
/// Formalisation note: u_min from the validated DOP853 u-trajectory (grid + golden section; tolerance 2δ_u); also the proof's
/// intermediate t_b ≥ t_m (t_m by bisection; tolerance = bisection width + δ_ν/(1 − ν²) — the time error of a root of ν − ‖u‖ whose
/// slope there is ν′ − ‖u‖′ = 1 − ν² − 0). Catalog reference: ν = −0.99, r = 0.2, n = 3 gives u_min = 4.7e−4 ≥ 7.5e−9.
/// </summary>
public static class Lemma48
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma48"),
        Source = Ec21.Source("Lemma 48 (App. I.12.4)", "L1424–1440"),
        Kind = StatementKind.Lemma,
        Title = "lower bound on the minimal distance u_min from the origin",
        Text = "u_min ≥ ‖w_{n:1}(0)‖·min{1, ((2/3)·(1+ν(0))/(1−ν(0)))^n}, where for ν(0) = 1 the fraction is +∞, giving u_min ≥ ‖w_{n:1}(0)‖.",
        FormalisationNote = "Validated DOP853 u-trajectory; u_min by grid + golden section vs the bound; intermediate t_b ≥ t_m in the case ‖u(0)‖ > ν(0).",
        Fidelity = Fidelity.Full("n ∈ 2..5, d_0 ∈ {2, 3}, ‖u(0)‖ ∈ {0.2, 0.1, 0.01}, ν(0) ∈ {1, 0.5, 0, −0.5, −0.9, −0.99}: sampled points of the hypothesis set ‖w(0)‖ ≤ 0.2, ν(0) > −1"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, (int)x.Scalar("n")),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("ExponentOne", "exponent n → 1: refuted at ν(0) = −0.99, r = 0.2, n = 3 (u_min ≈ 4.7e−4 < 0.2·(2/3)/199 ≈ 6.7e−4)",
                s => s.WithGenerator("n = 3, r = 0.2, ν(0) = −0.99", ctx => UFlowChecks.Make(3, 2, 0.2, -0.99, 0.01)).WithConclusion((x, k, p) => Conclude(x, p, 1)), trials: 1),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, int exponent)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null)
        {
            return UFlowChecks.Unsolved();
        }
        double r = x.Scalar("r"), nu = x.Scalar("nu");
        double bound = UFlowChecks.UMinBound(tr.N, r, nu, exponent);
        var margins = new List<Margin>
        {
            // Case (i) ν(0) ≥ ‖u(0)‖ makes u_min = ‖u(0)‖ by definition (utilization 1 by construction): its own family, so
            // that the approach gate sees how near case (ii), the substance of the lemma, came (audit 2026-12-07).
            Margin.AtLeast("u_min ≥ ‖w(0)‖·min{1, ((2/3)(1+ν)/(1−ν))^n}", tr.UMin, bound, Tolerance.ValidatedEstimate(2 * tr.DeltaU, "2δ_u").Plus(Tolerance.FromRounding(16 * tr.N, r, "r")))
                .InFamily(r > nu ? "u_min bound, case ‖u(0)‖ > ν(0)" : "u_min bound, case ν(0) ≥ ‖u(0)‖ (u_min = ‖u(0)‖)"),
        };
        if (r > nu && !double.IsNaN(tr.TM))
        {
            double tb = 0.5 * Math.Log((1 + r) / (1 - r) * UFlowChecks.Rho(nu));
            double nuTm = tr.Nu(tr.TM);
            var tol = Tolerance.Bound(tr.Horizon * Math.Pow(2, -80), "bisection width")
                .Plus(Tolerance.ValidatedEstimate((tr.DeltaNu(tr.TM) + 2 * tr.DeltaU) / Math.Max(1 - nuTm * nuTm, 1e-300), "root-time error δ(ν − ‖u‖)/(1 − ν²)"))
                .Plus(Tolerance.FromRounding(16, Math.Abs(tb) + 1, "t_b"));
            margins.Add(Margin.AtLeast("case ‖u(0)‖ > ν(0): t_b ≥ t_m", tb, tr.TM, tol));
        }
        return new MarginSet(margins).WithObservation("u_min", tr.UMin).WithObservation("bound", bound);
    }
}
