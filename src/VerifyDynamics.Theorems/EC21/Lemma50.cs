using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 50 (App. I.12.5, L1446–1452): for all t ≥ t_a (Def. 49, t_a = ½ln max{5ρ, 1}, ρ = (1−ν(0))/(1+ν(0))): ν(t) ≥ 2/3.
/// The proof: for ν(0) &lt; 2/3, ν(t_a) = 2/3 exactly (Lemma 44's closed form with e^{2t_a} = 5ρ), and ν is non-decreasing.
/// Formalisation note: (a) the closed-form step 1 − 2ρ/(ρ + 5ρ) ≥ 2/3 is an identity in ρ, so it is an obligation proven once
/// (with its 4ρ form, which must fail), not a per-trial margin: as a margin it held on every instance by algebra and gave the
/// check a utilization of 1 that no dynamics had earned (audit 2026-12-07, session 5); (b) along the validated DOP853
/// u-trajectory: min of ν(t) = λᵀu/‖u‖ over 256 times in [t_a, horizon] ≥ 2/3 and, for ν(0) &lt; 2/3, |ν(t_a) − 2/3| ≤ tol;
/// tolerance δ_ν = 2δ_u/‖u‖ + rounding. The FactorFour mutant is refuted by the trajectory margins (ν(t_a′) ≈ 3/5 at its t_a′).
/// </summary>
public static class Lemma50
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma50"),
        Source = Ec21.Source("Lemma 50 (App. I.12.5)", "L1444–1452"),
        Kind = StatementKind.Lemma,
        Title = "alignment ν(t) ≥ 2/3 after t_a",
        Text = "For all t ≥ t_a := ½ln(max{5(1−ν(0))/(1+ν(0)), 1}): ν(t) ≥ 2/3.",
        FormalisationNote = "Closed form ν(t_a) = 1 − 2ρ/(ρ + 5ρ) ≥ 2/3 as a proven obligation (an identity in ρ, not a per-trial margin); validated DOP853 u-trajectory: min ν on [t_a, horizon] ≥ 2/3 and ν(t_a) = 2/3 when ν(0) < 2/3.",
        Fidelity = Fidelity.Full("closed-form step proven for every ρ > 0; ν ≥ 2/3 at 256 times of [t_a, horizon], the horizon past convergence (ν non-decreasing, Lemma 44), and ν(t_a) = 2/3 along the trajectory"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, 5),
        DefaultTrials = 12,
        Obligations =
        [
            new ObligationSpec("closed-form", "EC21 Lemma 50 proof: with e^{2t_a} = 5ρ, ν(t_a) = 1 − 2ρ/(ρ + 5ρ) ≥ 2/3 (Lemma 44's closed form)",
                "forall rho in (0, inf): 1 - 2*rho/(rho + 5*rho) >= 2/3"),
            new ObligationSpec("closed-form.factor-four", "EC21 Lemma 50 with e^{2t_a} = 4ρ: ν(t_a) = 3/5 < 2/3",
                "forall rho in (0, inf): 1 - 2*rho/(rho + 4*rho) >= 2/3", ObligationExpectation.Fails),
        ],
        Variants =
        [
            Variant.Mutant("FactorFour", "t_a with 5ρ → 4ρ (then ν(t_a) = 3/5 < 2/3): refuted whenever ν(0) < 3/5", s => s.WithConclusion((x, k, p) => Conclude(x, p, 4)), trials: 6),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, int five)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null)
        {
            return UFlowChecks.Unsolved();
        }
        double nu0 = x.Scalar("nu"), ta = UFlowChecks.TA(nu0, five);
        var margins = new List<Margin>();
        if (nu0 < 2.0 / 3)
        {
            // The closed form 1 − 2ρ/(ρ + 5ρ) = 2/3 is the obligation "closed-form"; here only what the dynamics do.
            margins.Add(Margin.Deviation("|ν(t_a) − 2/3| along the trajectory", Math.Abs(tr.Nu(ta) - 2.0 / 3), 2.0 / 3, Tolerance.ValidatedEstimate(tr.DeltaNu(ta), "δ_ν = 2δ_u/‖u‖")));
        }
        var grid = UFlowChecks.Trajectory.Grid(ta, tr.Horizon, 256).Select(t => Margin.AtLeast($"t = {t:G4}", tr.Nu(t), 2.0 / 3, Tolerance.ValidatedEstimate(tr.DeltaNu(t), "δ_ν = 2δ_u/‖u‖")));
        margins.Add(UFlowChecks.Worst("ν(t) ≥ 2/3 for t ∈ [t_a, horizon]", grid));
        return new MarginSet(margins).WithObservation("t_a", ta);
    }
}
