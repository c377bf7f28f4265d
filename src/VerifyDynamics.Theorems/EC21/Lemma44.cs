using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 44 (App. I.12, L1374): along the u-IVP (59), ν(t) = λᵀu/‖u‖ ∈ (−1, 1] solves ν' = 1 − ν², i.e.
/// ν(t) = 1 − 2ρ/(ρ + e^{2t}) with ρ = (1 − ν(0))/(1 + ν(0)), and ν → 1.
/// Formalisation note: closed form vs the validated DOP853 solution at 16 times; tolerance = the solver's deviation
/// (relative to ‖u‖, so divided by min ‖u‖ on the grid) + rounding.
/// </summary>
public static class Lemma44
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma44"),
        Source = Ec21.Source("Lemma 44 (App. I.12)", "L1374–1392"),
        Kind = StatementKind.Lemma,
        Title = "closed form of the alignment ν(t)",
        Text = "ν(t) = 1 − 2ρ/(ρ + e^{2t}), ρ = (1 − ν(0))/(1 + ν(0)).",
        FormalisationNote = "Closed form vs the validated DOP853 u-trajectory at 16 times.",
        Fidelity = Fidelity.Full("closed form at 16 times of (0, horizon], horizon ∈ [2, 6] (ν(t) has converged to 1 within 1e−4 by then for ν(0) ≥ −0.9)"),
        Hypotheses = new Hypotheses("n ∈ 2..5, d_0 ∈ {2,3}, r ∈ {0.2, 0.1, 0.01}, ν(0) ∈ {1, 0.5, 0, −0.5, −0.9}, horizon ∈ [2, 6]", UFlow.Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("nu") > -1, "ν(0) > −1"), (x.Scalar("r") > 0, "u(0) ≠ 0"))),
        Conclusion = (x, k, p) => Conclude(x, p, 2),
        DefaultTrials = 16,
        Variants =
        [
            Variant.Mutant("RateOne", "e^{2t} → e^{t} (i.e. ν' = (1 − ν²)/2)", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1))),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double rate)
    {
        var solved = UFlow.Solve(x, p == Precision.Confirm ? 1e-12 : 1e-10);
        if (!solved.Succeeded)
        {
            return MarginSet.Of(Margin.Uncomputable("u-IVP solved"));
        }
        double nu0 = x.Scalar("nu"), rho = (1 - nu0) / (1 + nu0), horizon = x.Scalar("horizon");
        var margins = new List<Margin>();
        for (int i = 1; i <= 16; i++)
        {
            double t = horizon * i / 16;
            var u = solved.Reference.Evaluate(t);
            double nu = u[0] / VectorOps.Norm(u);
            double closed = 1 - 2 * rho / (rho + Math.Exp(rate * t));
            var tol = Tolerance.ValidatedEstimate(2 * solved.MaxDeviation / VectorOps.Norm(u), "DOP853 deviation / ‖u‖").Plus(Tolerance.FromRounding(32, 1, "|ν| ≤ 1"));
            margins.Add(Margin.Deviation($"|ν(t) − closed form| at t = {t:G3}", Math.Abs(nu - closed), 1, tol));
        }
        return new MarginSet(margins);
    }
}
