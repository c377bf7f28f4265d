using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Theorem 1 (Existence–Uniqueness; Sec. 2, Eq. 1, L55; Grant 2014 §1.5): for a locally Lipschitz g the IVP
/// θ(0) = θ_s, θ' = g(t, θ) has a solution on [0, t_e) with either t_e = ∞ or ‖θ(t)‖ → ∞ as t ↗ t_e, and every
/// other solution is a restriction of it.
/// Formalisation note: an existence–uniqueness statement cannot be refuted by sampling; it is checked through its
/// consequences on q' = q² (t_e = 1/q_0, unique solution q_0/(1 − q_0t)) and q' = −q³ (t_e = ∞): (i) numerical
/// solutions (paper-local RK4, step-doubling error estimate as tolerance) converge to the unique closed form at
/// s·t_e, s ∈ {0.5, 0.9, 0.99}; (ii) in the blow-up case |q| exceeds q_0/(2(1 − s)) (it grows without bound as s → 1);
/// in the global case |q| stays ≤ |q_0| (bounded, so t_e = ∞ is consistent).
/// </summary>
public static class Thm1
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Thm1"),
        Source = Ec21.Source("Theorem 1 (Sec. 2, Eq. 1); Grant (2014) §1.5", "L55–70"),
        Kind = StatementKind.Theorem,
        Title = "existence and uniqueness of a maximal solution with blow-up alternative",
        Text = "A locally Lipschitz IVP has a unique maximal solution on [0, t_e); if t_e < ∞ then ‖θ(t)‖ → ∞ as t ↗ t_e.",
        FormalisationNote = "Checked via consequences on q' = q² (blow-up at 1/q_0) and q' = −q³ (global): RK4 converges to the unique closed form within its step-doubling error estimate; the blow-up alternative holds.",
        Fidelity = Fidelity.Substitute("consequences of existence–uniqueness on two scalar IVPs (q′ = q², blow-up at 1/q_0; q′ = −q³, global): numerical solutions converge to the unique closed form and the blow-up alternative holds — an existence–uniqueness theorem for every locally Lipschitz g cannot be refuted by sampling"),
        Hypotheses = new Hypotheses("q_0 ∈ [0.2, 5]; field q² (even trials) or −q³ (odd trials)", ctx =>
            Instance.OfScalars(ctx.Index % 2 == 0 ? "blowup" : "global", ("q0", ctx.Rng.Uniform(0.2, 5))),
            (x, k) => HypothesesCheck.All((x.Scalar("q0") > 0, "q_0 > 0"))),
        Conclusion = (x, k, p) => Conclude(x, p, boundedClaim: false),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("NoBlowUp", "claims every solution stays bounded by its initial size (as for dissipative fields): q' = q² refutes it",
                s => s.WithGenerator("q' = q²", ctx => Instance.OfScalars("blowup", ("q0", ctx.Rng.Uniform(0.2, 5)))).WithConclusion((x, k, p) => Conclude(x, p, boundedClaim: true)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, bool boundedClaim)
    {
        double q0 = x.Scalar("q0");
        bool blowup = x.Family == "blowup";
        int steps = p == Precision.Confirm ? 40_000 : 10_000;
        var margins = new List<Margin>();
        foreach (double s in new[] { 0.5, 0.9, 0.99 })
        {
            double t = blowup ? s / q0 : s * 10 / q0;
            var flow = new OdeProblem((_, q, dq) => dq[0] = blowup ? q[0] * q[0] : -q[0] * q[0] * q[0], 0, [q0], t);
            var (y, err) = OdeSolver.SolveRichardson(flow, RungeKuttaTableaus.ClassicalRk4, steps);
            double exact = blowup ? q0 / (1 - q0 * t) : q0 / Math.Sqrt(1 + 2 * q0 * q0 * t);
            var tol = Tolerance.ValidatedEstimate(err, "RK4 step-doubling: deviation from the step-h/2 solve ·16/15 (a-posteriori)");
            margins.Add(Ec21.AtMost($"|RK4(t) − unique solution| at t = {s}·scale", Math.Abs(y[0] - exact), 0, tol));
            if (boundedClaim || !blowup)
            {
                margins.Add(Ec21.AtMost($"|q(t)| ≤ |q_0| at t = {s}·scale", Math.Abs(y[0]), q0, tol));
            }
            else
            {
                margins.Add(Ec21.AtLeast($"|q(t)| ≥ q_0/(2(1 − s)) at s = {s} (unbounded as t ↗ t_e)", Math.Abs(y[0]), q0 / (2 * (1 - s)), tol));
            }
        }
        return new MarginSet(margins);
    }
}
