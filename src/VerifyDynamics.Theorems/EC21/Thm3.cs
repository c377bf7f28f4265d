using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Theorem 3 (Sec. 3, Eqs. 5–7, L111; proof App. I.2): let θ be the GF trajectory of a C² f,
/// t̃ &gt; 0, ε &gt; 0, β ≥ sup ‖∇²f‖_s and γ ≥ sup ‖∇f‖ over the ε-tube around θ([0,t̃]), and m(t) ≥
/// −λ_min(∇²f(q)) for all q ∈ B_ε(θ(t)). If η &lt; inf_{t∈(0,t̃]} (ε − e^{∫_0^t m}‖θ_0 − θ(0)‖)/(βγ∫_0^t e^{∫_{t'}^{t} m}dt'),
/// then ‖θ_k − θ(kη)‖ ≤ ε for k = 1..⌊t̃/η⌋.
/// Formalisation note: the main check encodes the proof's form of Eq. (7) (inner upper limit t, catalog §18-T2)
/// on quadratics f = ½qᵀAq + bᵀq with spec(A) ⊂ [−a, β]: GF is exact in the eigenbasis, β = ‖A‖_s,
/// γ = max(‖∇f(θ(0))‖, ‖∇f(θ(t̃))‖) + βε (each eigen-component of ∇f(θ(t)) is a single exponential, so
/// ‖∇f(θ(t))‖² is convex in t and peaks at an end point), m ≡ −λ_min(A). The infimum over t is taken on a
/// 2049-point grid and η := 0.9·(grid infimum) (the grid minimum can exceed the true infimum; 10% absorbs
/// the variation of the ratio between grid points). GD is iterated exactly (recurrence in the eigenbasis);
/// the tolerance is the rounding of k steps, γ_{8k}·max‖θ‖. The printed Eq. (7) (upper limit t̃) is the
/// erratum variant, refuted by the catalog's 1-D counterexample with sign-changing curvature (GF in
/// closed form on all three pieces of f′; ∫m by the trapezoid rule on a fine grid, finer in Confirm).
/// </summary>
public static class Thm3
{
    /// <summary>How the step-size bound is formed: the proof's, the printed one, or a mutant.</summary>
    public enum Rule { Proof, Printed, DropBeta, CurvatureSignFlipped, InitialRateNearMiss }

    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Thm3"),
        Source = Ec21.Source("Theorem 3 (Sec. 3, Eqs. 5–7); proof App. I.2", "L111–125, L812"),
        Kind = StatementKind.Theorem,
        Title = "GD ε-tracks GF under the curvature step-size bound",
        Text = "If η < inf_{t∈(0,t̃]} (ε − e^{∫_0^t m}‖θ_0 − θ(0)‖)/(β γ ∫_0^t e^{∫_{t'}^{t} m} dt') then ‖θ_k − θ(kη)‖ ≤ ε for all k ≤ ⌊t̃/η⌋.",
        FormalisationNote = "Proof form of Eq. (7) (inner limit t) on random quadratics with exact GF, exact β, γ, m; η = 0.9·inf over a 2049-point t-grid; "
            + "margin ε − max_k ‖θ_k − θ(kη)‖, tolerance γ_{8k}·max‖θ‖ (GD rounding). The printed form is an erratum variant on the catalog's 1-D instance.",
        Fidelity = Fidelity.Restricted("quadratic f = ½qᵀAq + bᵀq (exact GF, exact β, γ, m), with the proof's form of Eq. (7) (inner integral limit t; the printed limit t̃ is the erratum variant, refuted separately); η = 0.9·infimum on a 2049-point grid"),
        Hypotheses = new Hypotheses(
            "f = ½qᵀAq + bᵀq, d ∈ 1..4, spec(A) ⊂ [−1, 10], ‖b‖ ≤ 1, θ(0) Gaussian, ‖θ_0 − θ(0)‖ ∈ {0, ≤ ε/4}, t̃ ∈ [0.5, 3], ε ∈ [0.05, 0.5]",
            GenerateQuadratic,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, Rule.Proof, horizonFactor: 1, p),
        DefaultTrials = 16,
        Errata =
        [
            "Eq. (7) as printed has e^{∫_{t'}^{t̃} m} inside the integral; the proof (and Eqs. 79/99) use e^{∫_{t'}^{t} m}. For sign-changing m the printed theorem is false "
            + "(catalog §18-T2: 1-D f with f″ = −1 below 1 and 10 above 1.05, θ_0 = e^{−20}, t̃ = 30, ε = 0.05: printed bound η < 0.0499, GD error ≈ 0.398).",
        ],
        Variants =
        [
            Variant.Erratum("PrintedUpperLimit", "Eq. (7) as printed (inner upper limit t̃) on the catalog's 1-D sign-changing-curvature instance: GD leaves the ε-tube",
                s => s.WithGenerator("catalog §18-T2 instance", _ => T2Instance()).WithConclusion((x, k, p) => Conclude(x, Rule.Printed, 1, p)), trials: 1),
            Variant.Mutant("DropBeta", "β dropped from the denominator of Eq. (7): f = 50q², θ_0 = 1, ε = 0.9, the bound allows η > 2/β and GD diverges",
                s => s.WithGenerator("stiff quadratic β = 100", _ => Quadratic("stiff", [100], [0], [1], [0], 1, 0.9))
                    .WithConclusion((x, k, p) => Conclude(x, Rule.DropBeta, 1, p)), trials: 1),
            Variant.Mutant("CurvatureSignFlipped", "m(t) ≥ +λ_min instead of −λ_min: f = −q²/2, θ_0 = 1, t̃ = 10, ε = 0.1 gives η ≈ 4.5e−6 and error ≈ 0.5",
                s => s.WithGenerator("concave quadratic", _ => Quadratic("concave", [-1], [0], [1], [0], 10, 0.1))
                    .WithConclusion((x, k, p) => Conclude(x, Rule.CurvatureSignFlipped, 1, p)), trials: 1),
            Variant.Mutant("AllIterations", "conclusion claimed for k up to 2⌊t̃/η⌋ (beyond the horizon): an unstable quadratic leaves the tube",
                s => s.WithGenerator("concave quadratic, t̃ = 3", _ => Quadratic("concave", [-1], [0], [1], [0], 3, 0.1))
                    .WithConclusion((x, k, p) => Conclude(x, Rule.Proof, 2, p)), trials: 1),
            Variant.Mutant("InitialRateNearMiss", "near miss: the initial error amplified at 0.9× the rate, e^{0.9∫m}‖θ_0 − θ(0)‖ in Eq. (7): f = −q²/2 (m = 1) "
                + "with GF resting at the saddle θ(0) = 0, t̃ = 3, ε = 0.1, ‖θ_0‖ = 0.95ε·e^{−0.9t̃}; the bound then admits η ≈ 2.4e−3 and GD's error "
                + "(1 + η)^k‖θ_0‖ ≈ e^{t̃}‖θ_0‖ reaches ≈ 1.28ε (the proof's e^{∫m} is attained exactly by this linear flow)",
                s => s.WithGenerator("unstable quadratic at its saddle, initial offset near ε e^{−0.9t̃}", _ => Quadratic("saddle", [-1], [0], [0], [0.95 * 0.1 * Math.Exp(-0.9 * 3)], 3, 0.1))
                    .WithConclusion((x, k, p) => Conclude(x, Rule.InitialRateNearMiss, 1, p)), trials: 1),
        ],
    };

    private static Instance GenerateQuadratic(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(1, 4);
        var lambda = Enumerable.Range(0, d).Select(_ => rng.Uniform(-1, 10)).ToArray();
        var c = Enumerable.Range(0, d).Select(_ => rng.Uniform(-1, 1) / Math.Sqrt(d)).ToArray();
        var z0 = Enumerable.Range(0, d).Select(_ => rng.NextGaussian()).ToArray();
        double eps = rng.LogUniform(0.05, 0.5);
        var dz = new double[d];
        if (ctx.Index % 2 == 1)
        {
            var g = Enumerable.Range(0, d).Select(_ => rng.NextGaussian()).ToArray();
            double r = rng.Uniform(0, eps / 4) / VectorOps.Norm(g);
            dz = [.. g.Select(v => v * r)];
        }
        var inst = Quadratic("quadratic", lambda, c, z0, dz, rng.Uniform(0.5, 3), eps);
        // The check runs in A's eigenbasis: GF, GD, β, γ, m and distances are invariant under the rotation Q.
        return inst;
    }

    /// <summary>A quadratic instance in its eigenbasis: eigenvalues λ, linear term c (= Qᵀb), GF start z0, GD offset dz.</summary>
    internal static Instance Quadratic(string family, double[] lambda, double[] c, double[] z0, double[] dz, double horizon, double eps) =>
        new Instance { Family = family }
            .WithMatrix("lambda", Matrix<double>.Build.Dense(lambda.Length, 1, lambda))
            .WithMatrix("c", Matrix<double>.Build.Dense(c.Length, 1, c))
            .WithMatrix("z0", Matrix<double>.Build.Dense(z0.Length, 1, z0))
            .WithMatrix("dz", Matrix<double>.Build.Dense(dz.Length, 1, dz))
            .WithScalar("horizon", horizon)
            .WithScalar("epsilon", eps);

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        if (x.Family == "t2")
        {
            return HypothesesCheck.All((x.Scalar("epsilon") > 0, "ε > 0"), (x.Scalar("horizon") > 0, "t̃ > 0"));
        }
        var lambda = x.Matrix("lambda").Column(0).ToArray();
        return HypothesesCheck.All(
            (lambda.All(double.IsFinite), "A finite (f ∈ C²)"),
            (x.Scalar("epsilon") > 0, "ε > 0"),
            (x.Scalar("horizon") > 0, "t̃ ∈ (0, t_e) (t_e = ∞ for quadratics)"),
            (VectorOps.Norm(x.Matrix("dz").Column(0).ToArray()) < x.Scalar("epsilon"), "‖θ_0 − θ(0)‖ < ε (else no η satisfies Eq. 7)"));
    }

    /// <summary>expm1(−λt)/λ, continuous at λ = 0 (value −t).</summary>
    private static double Em1(double l, double t) => Math.Abs(l * t) < 1e-8 ? -t * (1 - l * t / 2) : AccurateFunctions.Expm1(-l * t) / l;

    private static MarginSet Conclude(Instance x, Rule rule, double horizonFactor, Precision p) =>
        x.Family == "t2" ? ConcludeT2(x, rule, p) : ConcludeQuadratic(x, rule, horizonFactor);

    private static MarginSet ConcludeQuadratic(Instance x, Rule rule, double horizonFactor)
    {
        var lambda = x.Matrix("lambda").Column(0).ToArray();
        var c = x.Matrix("c").Column(0).ToArray();
        var z0 = x.Matrix("z0").Column(0).ToArray();
        var dz = x.Matrix("dz").Column(0).ToArray();
        double horizon = x.Scalar("horizon"), eps = x.Scalar("epsilon");
        int d = lambda.Length;
        double beta = lambda.Max(Math.Abs);
        double m = -lambda.Min();
        double GradNorm(double t)
        {
            double s = 0;
            for (int i = 0; i < d; i++)
            {
                double g = (lambda[i] * z0[i] + c[i]) * Math.Exp(-lambda[i] * t);
                s += g * g;
            }
            return Math.Sqrt(s);
        }
        double gamma = Math.Max(GradNorm(0), GradNorm(horizon)) + beta * eps;
        double delta0 = VectorOps.Norm(dz);
        double mUsed = rule == Rule.CurvatureSignFlipped ? lambda.Min() : m;
        double eta = StepBound(mUsed, horizon, eps, delta0, rule == Rule.DropBeta ? 1 : beta, gamma, rule);
        if (!(eta > 0) || !double.IsFinite(eta))
        {
            return MarginSet.Of(Margin.Uncomputable("step-size bound of Eq. (7) is positive"));
        }
        long steps = (long)Math.Floor(horizonFactor * horizon / eta);
        if (steps > 20_000_000)
        {
            return MarginSet.Of(Margin.Uncomputable($"GD needs {steps} steps (budget 2e7)"));
        }
        var z = z0.Select((v, i) => v + dz[i]).ToArray();
        double maxErr = 0, scale = VectorOps.Norm(z);
        // ‖θ_k − θ(kη)‖ against ε along the run, for the report's plot (not evidence: the margin decides).
        var trace = new TraceRecorder("distance of GD from gradient flow ‖θ_k − θ(kη)‖ against ε", "GD step k", "‖θ_k − θ(kη)‖",
            "‖θ_k − θ(kη)‖", "ε (bound of Thm 3)");
        trace.Offer(0, VectorOps.Norm(dz), eps);
        for (long kk = 1; kk <= steps; kk++)
        {
            double t = kk * eta, err2 = 0;
            for (int i = 0; i < d; i++)
            {
                z[i] -= eta * (lambda[i] * z[i] + c[i]);
                double gf = z0[i] * Math.Exp(-lambda[i] * t) + c[i] * Em1(lambda[i], t);
                err2 += (z[i] - gf) * (z[i] - gf);
                scale = Math.Max(scale, Math.Abs(gf));
            }
            maxErr = Math.Max(maxErr, Math.Sqrt(err2));
            trace.Offer(kk, Math.Sqrt(err2), eps);
            if (!double.IsFinite(maxErr) || maxErr > 1e6 * (eps + scale))
            {
                break;
            }
        }
        var tol = Tolerance.FromRounding((int)Math.Min(int.MaxValue / 2, 8 * steps + 16), scale, "max‖θ‖ (exact GF; rounding of the GD recurrence)");
        return MarginSet.Of(Ec21.AtMost("max_k ‖θ_k − θ(kη)‖ ≤ ε", maxErr, eps, tol)).WithTrace(trace.Build())
            .WithObservation("eta", eta).WithObservation("steps", steps).WithObservation("beta", beta)
            .WithObservation("gamma", gamma).WithObservation("m", m);
    }

    /// <summary>
    /// 0.9 × the infimum over a uniform 2049-point t-grid of the Eq. (7) ratio for constant m, where
    /// ∫_0^t e^{∫_{t'}^{t} m}dt' = expm1(mt)/m (proof form) or e^{mt̃}(1 − e^{−mt})/m (printed form).
    /// </summary>
    private static double StepBound(double m, double horizon, double eps, double delta0, double beta, double gamma, Rule rule)
    {
        const int grid = 2048;
        double best = double.PositiveInfinity;
        for (int i = 1; i <= grid; i++)
        {
            double t = horizon * i / grid;
            double integral = rule == Rule.Printed ? -Math.Exp(m * horizon) * Em1(m, t) : -Em1(-m, t);
            double amplification = Math.Exp((rule == Rule.InitialRateNearMiss ? 0.9 : 1) * m * t);
            best = Math.Min(best, (eps - amplification * delta0) / (beta * gamma * integral));
        }
        return 0.9 * best;
    }

    // ---------------- catalog §18-T2: the 1-D counterexample to the printed Eq. (7) ----------------

    private const double M = 1, K = 10, W = 0.05;

    internal static Instance T2Instance() =>
        Instance.OfScalars("t2", ("theta0", Math.Exp(-20)), ("horizon", 30), ("epsilon", 0.05));

    private static double FPrime(double q) =>
        q <= 1 ? -M * q
        : q < 1 + W ? -M - M * (q - 1) + (M + K) * (q - 1) * (q - 1) / (2 * W)
        : -M + (K - M) * W / 2 + K * (q - 1 - W);

    private static double FSecond(double q) =>
        q <= 1 ? -M : q < 1 + W ? -M + (M + K) * (q - 1) / W : K;

    /// <summary>GF of the T2 function in closed form: exponential, Riccati with constant coefficients, relaxation.</summary>
    private static double T2Flow(double theta0, double t)
    {
        double t1 = Math.Log(1 / theta0) / M;
        if (t <= t1)
        {
            return theta0 * Math.Exp(M * t);
        }
        // s = q − 1 solves s' = M + Ms − cs², c = (M+K)/(2w) = −c(s − s₊)(s − s₋).
        double cc = (M + K) / (2 * W);
        double disc = Math.Sqrt(M * M + 4 * cc * M);
        double sp = (M + disc) / (2 * cc), sm = (M - disc) / (2 * cc);
        double rate = cc * (sp - sm);
        double r0 = (0 - sp) / (0 - sm);
        double tw = t1 + Math.Log(r0 / ((W - sp) / (W - sm))) / rate;
        if (t <= tw)
        {
            double r = r0 * Math.Exp(-rate * (t - t1));
            return 1 + (sp - r * sm) / (1 - r);
        }
        double g0 = M - (K - M) * W / 2;
        return 1 + W + g0 / K * -AccurateFunctions.Expm1(-K * (t - tw));
    }

    private static MarginSet ConcludeT2(Instance x, Rule rule, Precision p)
    {
        double theta0 = x.Scalar("theta0"), horizon = x.Scalar("horizon"), eps = x.Scalar("epsilon");
        int grid = p == Precision.Confirm ? 60_000 : 30_000;
        double h = horizon / grid;
        // μ(t) = ∫_0^t m with m(t) = −f″(θ(t) − ε): exact max over the ball since f″ is non-decreasing.
        var mu = new double[grid + 1];
        double sup = 0, lo = theta0 - eps, hi = theta0 + eps;
        for (int i = 1; i <= grid; i++)
        {
            double a = -FSecond(T2Flow(theta0, (i - 1) * h) - eps), b = -FSecond(T2Flow(theta0, i * h) - eps);
            mu[i] = mu[i - 1] + 0.5 * h * (a + b);
            hi = Math.Max(hi, T2Flow(theta0, i * h) + eps);
        }
        foreach (var q in new[] { lo, hi, 1.0, 1 + W, 1 + M * W / (M + K) })
        {
            if (q >= lo && q <= hi)
            {
                sup = Math.Max(sup, Math.Abs(FPrime(q)));
            }
        }
        double beta = Math.Max(M, K), gamma = sup;
        double best = double.PositiveInfinity;
        // J(t) = ∫_0^t e^{μ(upper) − μ(t')} dt' via the recursion of the catalog (trapezoid per cell).
        double jInner = 0;
        for (int i = 1; i <= grid; i++)
        {
            jInner += 0.5 * h * (Math.Exp(-mu[i - 1]) + Math.Exp(-mu[i]));
            double upperMu = rule == Rule.Printed ? mu[grid] : mu[i];
            double ratio = eps / (beta * gamma * Math.Exp(upperMu) * jInner);
            best = Math.Min(best, ratio);
        }
        double eta = 0.99 * best;
        long steps = (long)Math.Floor(horizon / eta);
        if (steps > 20_000_000)
        {
            return MarginSet.Of(Margin.Uncomputable($"GD needs {steps} steps (budget 2e7)")).WithObservation("eta", eta);
        }
        double q2 = theta0, maxErr = 0, at = 0;
        for (long kk = 1; kk <= steps; kk++)
        {
            q2 -= eta * FPrime(q2);
            double e = Math.Abs(q2 - T2Flow(theta0, kk * eta));
            if (e > maxErr)
            {
                maxErr = e;
                at = kk * eta;
            }
        }
        var tol = Tolerance.FromRounding((int)(16 * steps + 64), 2, "|θ| ≤ 2 (closed-form GF; GD recurrence rounding)");
        return MarginSet.Of(Ec21.AtMost("max_k |θ_k − θ(kη)| ≤ ε", maxErr, eps, tol))
            .WithObservation("eta", eta).WithObservation("integral_m", mu[grid]).WithObservation("gamma", gamma).WithObservation("worst_time", at);
    }
}
