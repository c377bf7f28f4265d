using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Corollary 4 (Sec. 3, L133; proof App. I.3): f ≥ 0 and β-smooth, m := −inf λ_min(∇²f),
/// c := (√(2β³f(θ(0))) + β²ε)^{−1}. If η &lt; c(ε − ‖θ_0 − θ(0)‖)|m| (m &lt; 0), η &lt; c(ε − ‖θ_0 − θ(0)‖)/t̃ (m = 0),
/// or η &lt; c(ε − ‖θ_0 − θ(0)‖e^{mt̃})m/(e^{mt̃} − 1) (m &gt; 0), then ‖θ_k − θ(kη)‖ ≤ ε for k ≤ ⌊t̃/η⌋.
/// Formalisation note: three exact families — strongly convex diagonal quadratics ½Σλ_i(q_i − q*_i)² with
/// λ_i ∈ [0.5, 10] (m = −min λ &lt; 0), the same with one λ_i = 0 (m = 0, convex, not strongly), and the
/// non-convex f = Σ(1 − cos q_i) (β = m = 1, f ≥ 0; GF q_i(t) = 2 arctan(tan(q_i(0)/2)e^{−t}) in closed form).
/// η := 0.99 × the bound (strict inequality); GD iterated exactly; margin ε − max_k‖θ_k − θ(kη)‖, tolerance
/// the rounding of k GD steps (γ_{16k}·max‖θ‖).
/// </summary>
public static class Cor4
{
    public enum Rule { Corollary, OneBetaFewer, MSquared }

    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Cor4"),
        Source = Ec21.Source("Corollary 4 (Sec. 3); proof App. I.3", "L133–150, L832"),
        Kind = StatementKind.Corollary,
        Title = "GD tracks GF under a global curvature bound",
        Text = "For f ≥ 0, β-smooth, m = −inf λ_min(∇²f) and c = (√(2β³f(θ(0))) + β²ε)^{−1}, the three step-size bounds (m < 0, m = 0, m > 0) give ‖θ_k − θ(kη)‖ ≤ ε for k ≤ ⌊t̃/η⌋.",
        FormalisationNote = "Strongly convex / convex / non-convex (Σ(1 − cos q_i)) families with exact GF; η = 0.99·bound; margin ε − max_k‖θ_k − θ(kη)‖ with the GD rounding as tolerance.",
        Fidelity = Fidelity.Restricted("three closed-form families: diagonal strongly convex and convex quadratics, and Σ(1 − cos q_i); η = 0.99 × the bound. "
            + "The bound is never approached by the discretization: the reported utilization is essentially the generator's own starting offset "
            + "‖θ_0 − θ(0)‖/ε (drawn ≤ ¼), which persists along flat/slow directions; the GD–GF gap from θ_0 = θ(0) uses ~1 % of ε "
            + "(observations 'offset ‖θ_0 − θ(0)‖/ε' and 'discretization gap / ε'), and the mutants are refuted only by GD diverging (η ≫ 2/β), "
            + "so the check cannot tell the printed step bound from one 10× larger (on the audit's worst trial η×10 still holds)"),
        Hypotheses = new Hypotheses(
            "trial mod 3: strongly convex diagonal quadratic (d ≤ 4) / convex quadratic with a flat direction and a curved one (β > 0) / Σ(1 − cos q_i) with |q_i(0)| < 3; ε ∈ [0.05, 0.5], t̃ ∈ [0.5, 3], ‖θ_0 − θ(0)‖ ≤ ε/4 (≤ εe^{−t̃}/4 for the cosine family, m = 1) in half the trials",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, Rule.Corollary),
        DefaultTrials = 18,
        Variants =
        [
            Variant.Mutant("OneBetaFewer", "c := (√(2βf(θ(0))) + βε)^{−1}: on f = 50q², θ_0 = 1, ε = 0.5 the bound allows η ≫ 2/β and GD diverges",
                s => s.WithGenerator("stiff quadratic β = 100", _ => Quadratic("stiff", [100], [1], [0], 1, 0.5)).WithConclusion((x, k, p) => Conclude(x, Rule.OneBetaFewer)), trials: 1),
            Variant.Mutant("MSquared", "|m| → m² in the strongly convex case: on f = 50q² the bound exceeds 2/β",
                s => s.WithGenerator("stiff quadratic β = 100", _ => Quadratic("stiff", [100], [1], [0], 1, 0.5)).WithConclusion((x, k, p) => Conclude(x, Rule.MSquared)), trials: 1),
        ],
    };

    private static Instance Quadratic(string family, double[] lambda, double[] z0, double[] dz, double horizon, double eps) =>
        (lambda.Length == 0 ? new Instance { Family = family } : new Instance { Family = family }.WithMatrix("lambda", Matrix<double>.Build.Dense(lambda.Length, 1, lambda)))
            .WithMatrix("z0", Matrix<double>.Build.Dense(z0.Length, 1, z0))
            .WithMatrix("dz", Matrix<double>.Build.Dense(dz.Length, 1, dz))
            .WithScalar("horizon", horizon).WithScalar("epsilon", eps);

    private static Instance Generate(TrialContext ctx)
    {
        // Rarely (about 1 in 300) the bound exceeds t̃ (small β·f(θ(0))): ⌊t̃/η⌋ = 0 steps, rejected by the validator as no
        // evidence; redraw (same family) a few times so that the trial budget is spent on instances that take GD steps.
        var x = GenerateOnce(ctx);
        for (int attempt = 0; attempt < 8 && !Validate(x, ctx.Constants).Satisfied; attempt++)
        {
            x = GenerateOnce(ctx);
        }
        return x;
    }

    private static Instance GenerateOnce(TrialContext ctx)
    {
        var r = ctx.Rng;
        int d = r.NextInt(1, 4);
        double eps = r.LogUniform(0.05, 0.5);
        var z0 = Enumerable.Range(0, d).Select(_ => r.Uniform(-2.5, 2.5)).ToArray();
        var dz = new double[d];
        if (ctx.Index % 2 == 1)
        {
            var g = Enumerable.Range(0, d).Select(_ => r.NextGaussian()).ToArray();
            double s = r.Uniform(0, eps / 4) / VectorOps.Norm(g);
            dz = [.. g.Select(v => v * s)];
        }
        double horizon = r.Uniform(0.5, 3);
        switch (ctx.Index % 3)
        {
            case 0:
                return Quadratic("strongly-convex", [.. Enumerable.Range(0, d).Select(_ => r.Uniform(0.5, 10))], z0, dz, horizon, eps);
            case 1:
                var lam = Enumerable.Range(0, d).Select(_ => r.Uniform(0.5, 10)).ToArray();
                lam[r.NextInt(0, d - 1)] = 0;
                if (d == 1)
                {
                    // One flat direction and nothing else would be f ≡ 0 (β = 0, excluded by the corollary): add a curved one.
                    lam = [lam[0], r.Uniform(0.5, 10)];
                    z0 = [z0[0], r.Uniform(-2.5, 2.5)];
                    dz = [dz[0], 0];
                }
                return Quadratic("convex", lam, z0, dz, horizon, eps);
            default:
                // m = 1 > 0: the corollary's bound c(ε − ‖θ_0 − θ(0)‖e^{mt̃})m/(e^{mt̃} − 1) admits a positive η only if
                // ‖θ_0 − θ(0)‖e^{mt̃} < ε, so the perturbation drawn above (≤ ε/4) is shrunk by e^{−mt̃} (then ≤ ε e^{−mt̃}/4).
                double shrink = Math.Exp(-CosineM * horizon);
                return Quadratic("cosine", [], z0, [.. dz.Select(v => v * shrink)], horizon, eps);
        }
    }

    /// <summary>m = −inf λ_min(∇²f) of f = Σ(1 − cos q_i): ∇²f = diag(cos q_i), inf λ_min = −1.</summary>
    private const double CosineM = 1;

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var z0 = x.Matrix("z0").Column(0);
        double eps = x.Scalar("epsilon"), horizon = x.Scalar("horizon"), delta0 = x.Matrix("dz").Column(0).L2Norm();
        bool cosine = x.Family == "cosine";
        double m = cosine ? CosineM : -x.Matrix("lambda").Column(0).Minimum();
        return HypothesesCheck.All(
            (eps > 0 && horizon > 0, "ε > 0, t̃ > 0"),
            (!cosine || z0.All(v => Math.Abs(v) < Math.PI), "cosine family: |θ_i(0)| < π (closed-form GF branch)"),
            (cosine || x.Matrix("lambda").Column(0).All(l => l >= 0), "f ≥ 0 (quadratic with λ_i ≥ 0)"),
            // The corollary is about η in (0, bound): it says something only if the bound is positive, i.e.
            // ‖θ_0 − θ(0)‖ < ε for m ≤ 0 and ‖θ_0 − θ(0)‖e^{mt̃} < ε for m > 0 (compared as ‖θ_0 − θ(0)‖ < εe^{−mt̃}: no overflow).
            (delta0 < eps * Math.Exp(-Math.Max(m, 0) * horizon), "some η > 0 satisfies the step-size bound: ‖θ_0 − θ(0)‖e^{max(m,0)t̃} < ε"),
            // The corollary assumes β > 0 (footnote 7): a quadratic with every λ_i = 0 is f ≡ 0, for which c and the bound are +∞.
            (cosine || x.Matrix("lambda").Column(0).Maximum() > 0, "β > 0 (f is not identically zero)"),
            // A trial whose step size η = 0.99·bound exceeds t̃ takes ⌊t̃/η⌋ = 0 GD steps: the conclusion is then empty
            // (no k to check), true of any bound, so it is not evidence and such instances are rejected.
            (!(StepSizeBound(x, Rule.Corollary) is var b && b > 0 && double.IsFinite(b)) || Math.Floor(horizon / (0.99 * b)) >= 1,
                "at least one GD step: ⌊t̃/η⌋ ≥ 1 for η = 0.99·bound"));
    }

    /// <summary>The corollary's step-size bound (or a mutant's) for an instance: NaN or ≤ 0 when none is positive.</summary>
    private static double StepSizeBound(Instance x, Rule rule)
    {
        var z0 = x.Matrix("z0").Column(0).ToArray();
        double eps = x.Scalar("epsilon"), horizon = x.Scalar("horizon");
        bool cosine = x.Family == "cosine";
        var lambda = cosine ? [] : x.Matrix("lambda").Column(0).ToArray();
        double beta = cosine ? 1 : lambda.Max();
        double m = cosine ? CosineM : -lambda.Min();
        double f0 = cosine ? z0.Sum(q => 1 - Math.Cos(q)) : 0.5 * z0.Select((q, i) => lambda[i] * q * q).Sum();
        double c = rule == Rule.OneBetaFewer ? 1 / (Math.Sqrt(2 * beta * f0) + beta * eps) : 1 / (Math.Sqrt(2 * beta * beta * beta * f0) + beta * beta * eps);
        double delta0 = VectorOps.Norm(x.Matrix("dz").Column(0).ToArray());
        return m < 0 ? c * (eps - delta0) * (rule == Rule.MSquared ? m * m : -m)
            : m == 0 ? c * (eps - delta0) / horizon
            // (ε − δ e^{mt̃})m/(e^{mt̃} − 1) rewritten as (εe^{−mt̃} − δ)m/(1 − e^{−mt̃}): no overflow of e^{mt̃}, no cancellation.
            : c * (eps * Math.Exp(-m * horizon) - delta0) * m / -AccurateFunctions.Expm1(-m * horizon);
    }

    private static MarginSet Conclude(Instance x, Rule rule)
    {
        var z0 = x.Matrix("z0").Column(0).ToArray();
        var dz = x.Matrix("dz").Column(0).ToArray();
        double eps = x.Scalar("epsilon"), horizon = x.Scalar("horizon");
        bool cosine = x.Family == "cosine";
        var lambda = cosine ? [] : x.Matrix("lambda").Column(0).ToArray();
        int d = z0.Length;
        double beta = cosine ? 1 : lambda.Max();
        double m = cosine ? CosineM : -lambda.Min();
        double bound = StepSizeBound(x, rule);
        if (!(bound > 0) || !double.IsFinite(bound))
        {
            // Unreachable for validated instances (the validator requires a positive bound); kept so that a bound that
            // cannot be computed is reported as uncomputable rather than as a pass.
            return MarginSet.Of(Margin.Uncomputable("step-size bound is positive"));
        }
        double eta = 0.99 * bound;
        long steps = (long)Math.Floor(horizon / eta);
        if (steps < 1)
        {
            // Unreachable for validated instances (the validator requires a GD step): zero steps check nothing.
            return MarginSet.Of(Margin.Uncomputable("at least one GD step (⌊t̃/η⌋ ≥ 1)"));
        }
        var q = z0.Select((v, i) => v + dz[i]).ToArray();
        // The same GD from θ(0) itself (no offset): its gap to the flow is the discretization error alone (a diagnostic).
        var q0 = (double[])z0.Clone();
        double maxErr = 0, maxGap = 0, scale = VectorOps.Norm(q) + 1;
        for (long k = 1; k <= steps && maxErr < 1e6; k++)
        {
            double t = k * eta, e2 = 0, g2 = 0;
            for (int i = 0; i < d; i++)
            {
                double gf;
                if (cosine)
                {
                    q[i] -= eta * Math.Sin(q[i]);
                    q0[i] -= eta * Math.Sin(q0[i]);
                    gf = 2 * Math.Atan(Math.Tan(z0[i] / 2) * Math.Exp(-t));
                }
                else
                {
                    q[i] -= eta * lambda[i] * q[i];
                    q0[i] -= eta * lambda[i] * q0[i];
                    gf = z0[i] * Math.Exp(-lambda[i] * t);
                }
                e2 += (q[i] - gf) * (q[i] - gf);
                g2 += (q0[i] - gf) * (q0[i] - gf);
            }
            maxErr = Math.Max(maxErr, Math.Sqrt(e2));
            maxGap = Math.Max(maxGap, Math.Sqrt(g2));
        }
        var tol = Tolerance.FromRounding((int)Math.Min(int.MaxValue / 2, 16 * steps + 64), scale, "max‖θ‖ (closed-form GF; GD rounding)");
        return MarginSet.Of(Ec21.AtMost("max_k ‖θ_k − θ(kη)‖ ≤ ε", maxErr, eps, tol))
            .WithObservation("eta", eta).WithObservation("m", m).WithObservation("beta", beta).WithObservation("steps", steps)
            .WithObservation("offset ‖θ_0 − θ(0)‖/ε", VectorOps.Norm(dz) / eps)
            .WithObservation("discretization gap / ε (max_k ‖GD from θ(0) − θ(kη)‖/ε)", maxGap / eps);
    }
}
