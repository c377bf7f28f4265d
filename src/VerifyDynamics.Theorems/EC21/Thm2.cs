using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Theorem 2 (Fundamental Theorem; Sec. 2, Eqs. 2–4, L75; Hairer et al. 1993 Thm 10.6): for g ∈ C¹,
/// the solution θ of θ' = g(t,θ) and the Euler polygon θ̄ with step η satisfy
/// ‖θ(t) − θ̄(t)‖ ≤ e^{μ(t)}(‖θ(0) − θ̄(0)‖ + ∫_0^t e^{−μ(t')}δ(t')dt'), μ = ∫_0^t m, whenever m(t) bounds the
/// logarithmic norm λ_max(½(J + Jᵀ)) on the segment [θ(t), θ̄(t)] and δ(t) ≥ ‖θ̄'(t⁺) − g(t, θ̄(t))‖.
/// Formalisation note: g(q) = Aq with A a real 2×2 matrix (random, half of them non-normal with an
/// upper entry K ∈ [2, 20]); the affine case g = Aq + b is a translation of this one when A is invertible.
/// Everything is in closed form: θ(t) = e^{At}θ(0) (2×2 exponential via τ = tr/2, δ² = τ² − det),
/// m ≡ λ_max(sym A) exactly (J is constant), δ(t) = (t − t_k)‖Ag_k‖ exactly on [t_k, t_{k+1}), and
/// ∫ e^{−mt'}δ per segment in closed form (∫_0^τ s e^{−ms} ds). The margin is RHS(4) − ‖θ(t) − θ̄(t)‖ at
/// every grid point t_k and every segment midpoint, tolerance γ_{32k}·scale (rounding only).
/// </summary>
public static class Thm2
{
    public enum Rule { Theorem, InitialErrorNotAmplified, SpectralAbscissa, NoDiscountInIntegral }

    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Thm2"),
        Source = Ec21.Source("Theorem 2 (Sec. 2, Eqs. 2–4); Hairer et al. (1993) Thm 10.6", "L75–95"),
        Kind = StatementKind.Theorem,
        Title = "fundamental theorem: Euler polygon error bound",
        Text = "‖θ(t) − θ̄(t)‖ ≤ e^{μ(t)}(‖θ(0) − θ̄(0)‖ + ∫_0^t e^{−μ(t')}δ(t')dt') with μ = ∫m, m ≥ log-norm of the Jacobian on [θ(t), θ̄(t)], δ ≥ the polygon's defect.",
        FormalisationNote = "Linear autonomous g(q) = Aq in R² (non-normal in half the trials), closed-form solution, exact m, δ and integrals; "
            + "margins at all t_k and segment midpoints; tolerance: rounding γ_{32k}·scale.",
        Fidelity = Fidelity.Restricted("linear autonomous g(q) = Aq in R² (random 2×2 A, half of them non-normal), where θ, m, δ and the integrals are in closed form; general C¹ g, other dimensions and non-constant Jacobians are not exercised"),
        Hypotheses = new Hypotheses(
            "A 2×2 Gaussian (+ K·e1e2ᵀ, K ∈ [2,20], in odd trials), θ(0) Gaussian, ‖θ̄(0) − θ(0)‖ ≤ 0.1, η ∈ [1e−3, 1e−1], horizon ∈ [1, 3]",
            Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("eta") > 0, "η > 0"), (x.Scalar("horizon") > 0, "t ∈ [0, t_e) (t_e = ∞ for linear g)"))),
        Conclusion = (x, k, p) => Conclude(x, Rule.Theorem),
        DefaultTrials = 32,
        Variants =
        [
            Variant.Mutant("InitialErrorNotAmplified", "e^{μ(t)} dropped from the initial-error term: refuted by an expanding field with θ̄(0) ≠ θ(0)",
                s => s.WithGenerator("A = diag(1, 0.5), Δ_0 = 0.1e_1", _ => Designed(1, 0, 0, 0.5, [0.1, 0], 1e-3, 3))
                    .WithConclusion((x, k, p) => Conclude(x, Rule.InitialErrorNotAmplified)), trials: 1),
            Variant.Mutant("SpectralAbscissa", "spectral abscissa max Re eig(J) in place of the logarithmic norm: refuted by transient growth of a non-normal A",
                s => s.WithGenerator("A = [[−1, 10], [0, −1.1]], Δ_0 = 0.1e_2", _ => Designed(-1, 10, 0, -1.1, [0, 0.1], 1e-3, 3))
                    .WithConclusion((x, k, p) => Conclude(x, Rule.SpectralAbscissa)), trials: 1),
            Variant.Mutant("NoDiscountInIntegral", "e^{−μ(t')} dropped inside the integral: refuted by a slowly contracting rotation over a long horizon",
                s => s.WithGenerator("A = [[−0.1, 1], [−1, −0.1]], η = 0.05, horizon 40", _ => Designed(-0.1, 1, -1, -0.1, [0, 0], 0.05, 40))
                    .WithConclusion((x, k, p) => Conclude(x, Rule.NoDiscountInIntegral)), trials: 1),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        double k = ctx.Index % 2 == 1 ? r.Uniform(2, 20) : 0;
        var g = new[] { r.NextGaussian(), r.NextGaussian() };
        double s = r.Uniform(0, 0.1) / VectorOps.Norm(g);
        return Designed(r.NextGaussian(), r.NextGaussian() + k, r.NextGaussian(), r.NextGaussian(), [g[0] * s, g[1] * s], r.LogUniform(1e-3, 1e-1), r.Uniform(1, 3))
            .WithMatrix("theta0", Matrix<double>.Build.Dense(2, 1, [r.NextGaussian(), r.NextGaussian()]));
    }

    private static Instance Designed(double a11, double a12, double a21, double a22, double[] delta0, double eta, double horizon) =>
        new Instance { Family = "linear2x2", Eta = eta }
            .WithMatrix("A", Matrix<double>.Build.DenseOfArray(new[,] { { a11, a12 }, { a21, a22 } }))
            .WithMatrix("theta0", Matrix<double>.Build.Dense(2, 1, [1.0, 1.0]))
            .WithMatrix("delta0", Matrix<double>.Build.Dense(2, 1, delta0))
            .WithScalar("eta", eta)
            .WithScalar("horizon", horizon);

    /// <summary>e^{At} for a real 2×2 A: e^{τt}[c(t)I + s(t)(A − τI)], c, s from δ² = τ² − det (cosh/sinh, cos/sin or 1/t).</summary>
    internal static Matrix<double> Exp2(Matrix<double> a, double t)
    {
        double tau = (a[0, 0] + a[1, 1]) / 2, det = a[0, 0] * a[1, 1] - a[0, 1] * a[1, 0];
        double d2 = tau * tau - det;
        double c, s;
        if (Math.Abs(d2) * t * t < 1e-12)
        {
            c = 1 + d2 * t * t / 2;
            s = t * (1 + d2 * t * t / 6);
        }
        else if (d2 > 0)
        {
            double d = Math.Sqrt(d2);
            c = Math.Cosh(d * t);
            s = Math.Sinh(d * t) / d;
        }
        else
        {
            double d = Math.Sqrt(-d2);
            c = Math.Cos(d * t);
            s = Math.Sin(d * t) / d;
        }
        var id = Matrix<double>.Build.DenseIdentity(2);
        return Math.Exp(tau * t) * (c * id + s * (a - tau * id));
    }

    /// <summary>∫_0^τ s e^{−ms} ds, stable for small mτ.</summary>
    private static double RampIntegral(double m, double tau)
    {
        double x = m * tau;
        if (Math.Abs(x) < 1e-4)
        {
            return tau * tau * (0.5 - x / 3 + x * x / 8);
        }
        return (1 - Math.Exp(-x) * (1 + x)) / (m * m);
    }

    private static MarginSet Conclude(Instance x, Rule rule)
    {
        var a = x.Matrix("A");
        var theta0 = x.Matrix("theta0").Column(0);
        var bar = theta0 + x.Matrix("delta0").Column(0);
        double eta = x.Scalar("eta"), horizon = x.Scalar("horizon");
        double logNorm = (a[0, 0] + a[1, 1]) / 2 + Math.Sqrt(Math.Pow((a[0, 0] - a[1, 1]) / 2, 2) + Math.Pow((a[0, 1] + a[1, 0]) / 2, 2));
        var eig = a.Evd().EigenValues;
        double m = rule == Rule.SpectralAbscissa ? eig.Select(z => z.Real).Max() : logNorm;
        double delta0 = (bar - theta0).L2Norm();
        int steps = (int)Math.Ceiling(horizon / eta);
        // I(t) = ∫_0^t e^{−mt'}δ(t')dt' (or without e^{−mt'} for the NoDiscount mutant), accumulated per segment.
        double integral = 0, worst = double.PositiveInfinity, worstScale = 1, worstRhs = 0, worstErr = 0;
        string worstAt = "";
        for (int k = 0; k < steps; k++)
        {
            double tk = k * eta;
            var g = a * bar;
            double defectRate = (a * g).L2Norm();
            foreach (double frac in new[] { 0.5, 1.0 })
            {
                double tau = frac * eta, t = tk + tau;
                double segment = rule == Rule.NoDiscountInIntegral ? defectRate * tau * tau / 2 : Math.Exp(-m * tk) * defectRate * RampIntegral(m, tau);
                double iT = integral + segment;
                double rhs = rule switch
                {
                    Rule.InitialErrorNotAmplified => delta0 + Math.Exp(m * t) * iT,
                    _ => Math.Exp(m * t) * (delta0 + iT),
                };
                var exact = Exp2(a, t) * theta0;
                var polygon = bar + tau * g;
                double err = (exact - polygon).L2Norm();
                double normalized = (rhs - err) / Math.Max(rhs, 1e-300);
                if (normalized < worst)
                {
                    worst = normalized;
                    worstScale = Math.Max(rhs, exact.L2Norm());
                    worstAt = $"{t:G6}";
                    worstRhs = rhs;
                    worstErr = err;
                }
                if (frac == 1.0)
                {
                    integral = iT;
                }
            }
            bar += eta * g;
        }
        var tol = Tolerance.FromRounding(32 * steps + 64, worstScale, "max(RHS, ‖θ‖) (closed forms; rounding of the Euler recurrence)");
        return MarginSet.Of(Ec21.AtMost($"‖θ(t) − θ̄(t)‖ ≤ RHS(4) (worst at t = {worstAt})", worstErr, worstRhs, tol))
            .WithObservation("m", m).WithObservation("steps", steps);
    }
}
