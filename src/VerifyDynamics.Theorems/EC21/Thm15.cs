using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Theorem 15 (Sec. 5, Eqs. 23–24, L325; proof App. I.13): under Prop. 14's conditions, GD with η ≤ Eq. (23) reaches
/// f(θ_k) − min f ≤ ε̃ after k = ⌈(2nM^n/(rη))·ln(15nR/(r·min{1,ε̃})) + 1⌉ iterations (M = max{1, (3/2)ρ}, R = max{1, ρ}).
/// Formalisation note: the literal statement is infeasible to run (η ≤ ~1e−22, k ≈ 1e25 for n = 3, r = 0.2); its scalar
/// constant chain (T15.1–T15.7) is an obligation bank written elsewhere. Checked here, as the catalog proposes, through
/// its mechanism — Theorem 3 with measured constants along the actual trajectory (catalog Thm 3 generator (c)): with
/// ε̄ = 0.01, t̃ = the GF hitting time of ε̄, ε = ε̄/(6√n) (so that 6√n·ε + ε̄ ≤ ε̃ := 2ε̄, the proof's last step),
/// β, γ the pointwise Lemma 61/62 bounds sup_t n(‖w‖+2nε)^{2(n−1)/n} + 2n(‖∇φ(w)‖+2nε)(‖w‖+2nε)^{(n−2)/n} and
/// sup_t √n(‖∇φ(w)‖+2nε)(‖w‖+2nε)^{(n−1)/n}, m from Eq. (71); η = 0.9·inf_t ε/(βγ∫_0^t e^{∫_{t'}^{t}m}) on a 1024-point grid.
/// Margins: max_k ‖θ_k − θ(kη)‖ ≤ ε (tolerance: DOP853 validated deviation + GD rounding) and f(θ_K) − min f ≤ ε̃ at
/// K = ⌊t̃/η⌋. The theorem's own η (23) and k (24) are recorded as observations.
/// </summary>
public static class Thm15
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Thm15"),
        Source = Ec21.Source("Theorem 15 (Sec. 5, Eqs. 23–24); proof App. I.13", "L325–339, L1880"),
        Kind = StatementKind.Theorem,
        Title = "GD converges from balanced near-zero initialization",
        Text = "With η ≤ (23), GD reaches f(θ_k) − min f ≤ ε̃ after the k of (24).",
        FormalisationNote = "Mechanism check (Theorem 3 with measured Lemma 61/62/71 constants along the validated DOP853 trajectory); the literal η ≈ 1e−22 is infeasible; the constant chain is an obligation bank.",
        NotCheckableReason = "The literal step size of Eq. (23) (~1e−22) makes a direct run infeasible; only its mechanism is simulated here.",
        Fidelity = Fidelity.Substitute("Theorem 3's mechanism with β, γ, m measured along the validated GF trajectory, at η ≈ 3.8e−5 instead of Eq. (23)'s η ≈ 1.2e−23, because a run at the printed step needs k ≈ 1e25 iterations (Eq. 24)"),
        Hypotheses = new Hypotheses("as Prop. 14 with n ∈ {2, 3}, r = 0.2, ν ∈ {0.5, 0}", ctx =>
            S5.Generate(ctx.Rng, ctx.Rng.NextInt(2, 3), 0.2, ctx.Rng.Pick([0.5, 0.0])), Prop14.Validate),
        Conclusion = (x, k, p) => Conclude(x, p, 1),
        DefaultTrials = 3,
        Variants =
        [
            Variant.Mutant("StepTimesTenThousand", "the measured step-size bound × 10^4 (the catalog observed ≈400× slack): GD leaves the ε-tube",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, 1e4)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double stepFactor)
    {
        int n = x.Network.Depth;
        double r = x.Scalar("r"), nu = x.Scalar("nu"), epsBar = 0.01, eps = epsBar / (6 * Math.Sqrt(n));
        var lambda = x.RequireTarget.Row(0).ToArray();
        var solved = S5.Flow(x, 60, p == Precision.Confirm ? 1e-12 : 1e-10);
        if (!solved.Succeeded)
        {
            return MarginSet.Of(Margin.Uncomputable("GF solved"));
        }
        var sol = solved.Reference;
        double horizon = S5.HittingTime(x, sol, epsBar);
        const int grid = 1024;
        double h = horizon / grid, beta = 0, gamma = 0, mu = 0, jInt = 0, best = double.PositiveInfinity;
        double mPrev = 0;
        for (int i = 0; i <= grid; i++)
        {
            var w = S5.EndToEnd(x, sol.Evaluate(i * h));
            double nw = VectorOps.Norm(w) + 2 * n * eps, g = VectorOps.Distance(w, lambda) + 2 * n * eps;
            beta = Math.Max(beta, n * Math.Pow(nw, 2.0 * (n - 1) / n) + 2 * n * g * Math.Pow(nw, (n - 2.0) / n));
            gamma = Math.Max(gamma, Math.Sqrt(n) * g * Math.Pow(nw, (n - 1.0) / n));
            double m = S5.M71(n, w, lambda, eps);
            if (i > 0)
            {
                // J(t+h) = J(t)e^{Δμ} + ∫_t^{t+h} e^{μ(t+h)−μ(s)}ds (trapezoid), Δμ by the trapezoid rule.
                double dmu = 0.5 * h * (m + mPrev);
                jInt = jInt * Math.Exp(dmu) + 0.5 * h * (Math.Exp(dmu) + 1);
                mu += dmu;
            }
            mPrev = m;
            if (i > 0)
            {
                best = Math.Min(best, eps / jInt);
            }
        }
        double eta = stepFactor * 0.9 * best / (beta * gamma);
        long steps = (long)Math.Floor(horizon / eta);
        var dims = x.Network.Dims;
        var net = x.Network;
        double maxErr = 0;
        for (long k = 1; k <= steps; k++)
        {
            net = net.GradientStep(x.RequireTarget, eta);
            double err = VectorOps.Distance(ParameterLayout.Flatten(net.Weights), sol.Evaluate(k * eta));
            maxErr = Math.Max(maxErr, err);
            if (!(maxErr < 1e3))
            {
                break;
            }
        }
        double finalLoss = net.Loss(x.RequireTarget);
        var tol = solved.Tolerance.Plus(Tolerance.FromRounding((int)Math.Min(int.MaxValue / 2, 64 * steps + 64), 1 + VectorOps.Norm(ParameterLayout.Flatten(net.Weights)), "‖θ‖ (GD rounding)"));
        double rho = (1 - nu) / (1 + nu), epsTilde = 2 * epsBar;
        double l = Math.Log(15 * n * Math.Max(1, rho) / (r * Math.Min(1, epsTilde)));
        double eta23 = Math.Pow(r, 5) * Math.Min(1, epsTilde) / (Math.Pow(n, 8.5) * Math.Exp(7 * n + 6) * Math.Pow(Math.Max(1, rho), (11 * n - 5) / 2.0)) / (l * l);
        return MarginSet.Of(
                Ec21.AtMost("max_k ‖θ_k − θ(kη)‖ ≤ ε", maxErr, eps, tol),
                Ec21.AtMost("f(θ_K) − min f ≤ ε̃ = 2ε̄", double.IsFinite(finalLoss) ? finalLoss : double.MaxValue, epsTilde, Tolerance.FromRounding(64, epsTilde, "ε̃")))
            .WithObservation("eta_measured", eta).WithObservation("steps", steps).WithObservation("beta_measured", beta).WithObservation("gamma_measured", gamma)
            .WithObservation("integral_m", mu).WithObservation("eta_eq23", eta23).WithObservation("k_eq24", Math.Ceiling(2 * n * Math.Pow(Math.Max(1, 1.5 * rho), n) / (r * eta23) * l + 1));
    }
}
