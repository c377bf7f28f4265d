using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 50 (App. I.12.5, L1446–1452): for all t ≥ t_a (Def. 49, t_a = ½ln max{5ρ, 1}, ρ = (1−ν(0))/(1+ν(0))): ν(t) ≥ 2/3.
/// The proof: for ν(0) &lt; 2/3, ν(t_a) = 2/3 exactly (Lemma 44's closed form with e^{2t_a} = 5ρ), and ν is non-decreasing.
/// Formalisation note: (a) exact rational arithmetic: 1 − 2ρ/(ρ + 5ρ) = 2/3 (ρ the rational value of the double); (b) along the
/// validated DOP853 u-trajectory: min of ν(t) = λᵀu/‖u‖ over 256 times in [t_a, horizon] ≥ 2/3 and, for ν(0) &lt; 2/3,
/// |ν(t_a) − 2/3| ≤ tol; tolerance δ_ν = 2δ_u/‖u‖ + rounding.
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
        FormalisationNote = "Exact rational ν(t_a) = 2/3 from the closed form; validated DOP853 u-trajectory: min ν on [t_a, horizon] ≥ 2/3 and ν(t_a) = 2/3 when ν(0) < 2/3.",
        Fidelity = Fidelity.Full("exact rational ν(t_a) = 2/3 and ν ≥ 2/3 at 256 times of [t_a, horizon], the horizon past convergence (ν non-decreasing, Lemma 44)"),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, 5),
        DefaultTrials = 12,
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
            // Exact: with e^{2t_a} = 5ρ, ν(t_a) = 1 − 2ρ/(ρ + 5ρ).
            var rho = (Rational.One - Rational.FromDouble(nu0)) / (Rational.One + Rational.FromDouble(nu0));
            var nuTa = Rational.One - Rational.Of(2) * rho / (rho + Rational.Of(five) * rho);
            var diff = nuTa - Rational.Of(2, 3);
            margins.Add(Margin.Bound("closed form ν(t_a) ≥ 2/3 (exact rationals)", diff.Sign >= 0 ? diff.ToDouble() : -Math.Max(Math.Abs(diff.ToDouble()), double.Epsilon), 2.0 / 3, Tolerance.Exact));
            margins.Add(Margin.Deviation("|ν(t_a) − 2/3| along the trajectory", Math.Abs(tr.Nu(ta) - 2.0 / 3), 2.0 / 3, Tolerance.ValidatedEstimate(tr.DeltaNu(ta), "δ_ν = 2δ_u/‖u‖")));
        }
        var grid = UFlowChecks.Trajectory.Grid(ta, tr.Horizon, 256).Select(t => Margin.AtLeast($"t = {t:G4}", tr.Nu(t), 2.0 / 3, Tolerance.ValidatedEstimate(tr.DeltaNu(t), "δ_ν = 2δ_u/‖u‖")));
        margins.Add(UFlowChecks.Worst("ν(t) ≥ 2/3 for t ∈ [t_a, horizon]", grid));
        return new MarginSet(margins).WithObservation("t_a", ta);
    }
}
