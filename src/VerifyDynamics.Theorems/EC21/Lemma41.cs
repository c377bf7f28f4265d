using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 41 (App. I.12, L1312): along the u-IVP (59), ‖u(0)‖e^{−2nt} ≤ ‖u(t)‖ ≤ ‖u(0)‖e^{nt}.
/// Formalisation note: both sides at 16 times of the validated DOP853 solution; tolerance = solver deviation.
/// </summary>
public static class Lemma41
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma41"),
        Source = Ec21.Source("Lemma 41 (App. I.12)", "L1312–1340"),
        Kind = StatementKind.Lemma,
        Title = "exponential bounds on ‖u(t)‖",
        Text = "‖u(0)‖e^{−2nt} ≤ ‖u(t)‖ ≤ ‖u(0)‖e^{nt}.",
        FormalisationNote = "Validated DOP853 u-trajectory, 16 times; the upper rate is nearly attained for ν(0) = 1 and small ‖u(0)‖.",
        Fidelity = Fidelity.Full("both bounds at 16 times of t ∈ (0, horizon], horizon ∈ [2, 6]: the upper bound is nearly attained early for aligned small starts; for larger t both bounds only loosen"),
        Hypotheses = new Hypotheses("as Lemma 44", UFlow.Generate, (x, k) => HypothesesCheck.All(
            (x.Scalar("n") >= 2, "n ≥ 2"),
            (x.Scalar("r") > 0 && x.Scalar("r") <= 0.2, "‖u(0)‖ ∈ (0, 0.2] (Prop. 14's setting; the proof uses ‖u(0)‖ < 1)"),
            (x.Scalar("nu") > -1 && x.Scalar("nu") <= 1, "ν(0) ∈ (−1, 1]"),
            (x.Scalar("horizon") > 0, "horizon > 0"))),
        Conclusion = (x, k, p) => Conclude(x, p, 1),
        DefaultTrials = 16,
        Variants =
        [
            Variant.Mutant("HalfUpperRate", "upper bound e^{nt/2}: refuted by an aligned small start (‖u‖ grows at rate ≈ n)",
                s => s.WithGenerator("ν(0) = 1, r = 0.01", ctx => Instance.OfScalars("u-ode", ("n", 3), ("d0", 2), ("r", 0.01), ("nu", 1.0), ("horizon", 1.0))).WithConclusion((x, k, p) => Conclude(x, p, 0.5)), trials: 1),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double upperRate)
    {
        var solved = UFlow.Solve(x, p == Precision.Confirm ? 1e-12 : 1e-10);
        if (!solved.Succeeded)
        {
            return MarginSet.Of(Margin.Uncomputable("u-IVP solved"));
        }
        int n = (int)x.Scalar("n");
        double u0 = x.Scalar("r"), horizon = x.Scalar("horizon");
        var margins = new List<Margin>();
        for (int i = 1; i <= 16; i++)
        {
            double t = horizon * i / 16;
            double nu = VectorOps.Norm(solved.Reference.Evaluate(t));
            var tol = Tolerance.ValidatedEstimate(2 * solved.MaxDeviation, "DOP853 deviation").Plus(Tolerance.FromRounding(32, nu, "‖u‖"));
            margins.Add(Margin.AtLeast($"‖u(t)‖ ≥ ‖u(0)‖e^{{−2nt}} at t = {t:G3}", nu, u0 * Math.Exp(-2 * n * t), tol));
            margins.Add(Margin.AtMost($"‖u(t)‖ ≤ ‖u(0)‖e^{{nt}} at t = {t:G3}", nu, u0 * Math.Exp(upperRate * n * t), tol));
        }
        return new MarginSet(margins);
    }
}
