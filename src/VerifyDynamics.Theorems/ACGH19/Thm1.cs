using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Theorem 1 (Sec. 3.2, Eqs. (7), (8), L117–125; proof Sec. 3.2.2, Eqs. (9)–(13), L171–201):
/// if W_{1:N}(0) has deficiency margin c &gt; 0 w.r.t. Φ, W_1(0), …, W_N(0) are δ-balanced with
/// δ = c²/(256 N³ ‖Φ‖_F^{2(N−1)/N}) and η ≤ c^{(4N−2)/N}/(6144 N³ ‖Φ‖_F^{(6N−4)/N}), then for every ε &gt; 0 and
/// T ≥ log(ℓ(0)/ε)/(η c^{2(N−1)/N}), ℓ(T) ≤ ε.
/// Formalisation note: every trial runs GD for the whole horizon T(ε) of (8) at η = η*(c), the largest step (7) allows, with
/// ε ≤ 1e-6·ℓ(0) (small row / column / tight / square instances whose κ = η c^{2(N−1)/N} makes T(ε) ≈ 1e5–4e6 steps affordable),
/// on Core's allocation-free deep-linear kernel. At every step it checks the proof's envelope (13) in exponents,
/// log(ℓ(0)/ℓ(t)) ≥ −t·log(1 − κ), and the per-step contraction (12) with σ_min ≥ c; σ_min(W_{1:N}(t)) ≥ c (Claim 1 chain) on a
/// stride. Rate bounds are measured in exponents, so a margin's utilization is the printed rate over the attained one (≈ ½ here),
/// not the ≈ 1 that the linear envelope shows at t = 1 where both sides are ≈ ℓ(0). Larger instances: <c>vd experiment acgh19-thm1</c>.
/// </summary>
public static class Thm1
{
    /// <summary>Bounded horizon of the NoBalancedness mutant (Claim 4's construction diverges within a few steps).</summary>
    public const int Horizon = 60;

    /// <summary>Largest T(ε) a conclusion runs (the generator's instances need ≤ ~5e6; the experiment's largest ~1e8).</summary>
    public const int StepCap = 200_000_000;

    /// <summary>σ_min(W_{1:N}(t)) ≥ c is measured every this many steps (an SVD of the end-to-end matrix) and at T.</summary>
    public const int SigmaStride = 256;

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Thm1"),
        Source = new SourceRef(Papers.ACGH19, "Theorem 1 (Sec. 3.2), Eqs. (7), (8); proof Sec. 3.2.2, Eqs. (9)–(13)", "L117–125, L171–201"),
        Kind = StatementKind.Theorem,
        Title = "linear convergence of GD",
        Text = "If W_{1:N}(0) has deficiency margin c > 0 w.r.t. Φ, W(0) is δ-balanced with δ = c²/(256N³‖Φ‖_F^{2(N−1)/N}) and "
            + "η ≤ c^{(4N−2)/N}/(6144N³‖Φ‖_F^{(6N−4)/N}), then ℓ(T) ≤ ε for every ε > 0 and T ≥ log(ℓ(0)/ε)/(η c^{2(N−1)/N}).",
        FormalisationNote = "ε and T: T := ⌈log(ℓ(0)/ε)/κ⌉ (rounded up by γ_8 so it is ≥ the bound (8)), κ = η c^{2(N−1)/N}; η = η*(c), the largest "
            + "step (7) allows. Every trial runs GD for the whole T(ε) with ε/ℓ(0) log-uniform in [5e-7, 1e-6], on Core's allocation-free "
            + "deep-linear kernel: scalar networks (N ∈ {1, 2}, w(0) = φ(1 ± ρ)), a row target (d_N = 1, d_0 ∈ {2, 3}, N ∈ {1, 2}, hidden "
            + "widths 1..3, Procedure 1), the same with N = 2 and the imbalance AT δ*(c) (H2 at its boundary), a column target (d_0 = 1, N = 2), "
            + "the tight instance (Φ = a(1, 0), W = a cos θ(cos θ, sin θ), θ ∈ [0.03, 0.1], N = 2) and a square 2×2 target Φ = a·Q (N ∈ {1, 2}); "
            + "W(0) = Φ + ρ‖Φ‖E, ρ ∈ [0.03, 0.1], c = (0.95..0.999)·margin. Small instances with c close to σ_min(Φ) are chosen so that T(ε) ≈ "
            + "1e5–4e6 steps is affordable (κ = (c/‖Φ‖_F)^{(6N−4)/N}/(6144N³) for a row target is scale-free, so T(ε) grows like N³ and like "
            + "(‖Φ‖_F/σ_min(Φ))^{(6N−4)/N}; paper-scale widths and depths run in `vd experiment acgh19-thm1`); the theorem's constants are not "
            + "scaled. Extra margins from the proof, at every step: the envelope (13) in exponents, log(ℓ(0)/ℓ(t)) ≥ −t·log(1 − κ), and the "
            + "per-step contraction (12) with σ_min ≥ c, log(ℓ(t)/ℓ(t+1)) ≥ −log(1 − κ) (on the steps whose loss rounding is below a tenth of "
            + "−log(1 − κ); the steps below that resolution, near ℓ ~ (u‖Φ‖/κ)², are counted in an observation); σ_min(W(t)) ≥ c every 256 "
            + "steps and at T. Rate "
            + "bounds are compared in exponents, so their utilization is printed rate / attained rate (≈ ½), not the ≈ 1 the linear envelope "
            + "shows at t = 1 where both sides are ≈ ℓ(0). Tolerances: the a-priori rounding bound τ = γ_n·(Π‖W_j‖_F + ‖Φ‖_F)·‖G‖_F of "
            + "evaluating ℓ at the stored iterate (n = 2(N+1)d_max + 8), carried through the logarithm as −log(1 − τ/ℓ), plus γ_4 of the logs. "
            + "The trajectory is the floating-point one (each step's rounding, ~u‖W‖, perturbs the iterate; no shadowing bound is claimed). "
            + "The final margin ℓ(T) ≤ ε is intrinsically loose: to first order GD contracts at rate ≥ 2ησ_min^{2(N−1)/N} ≥ 2κ (the ½ of (9)), "
            + "so ℓ(T) ≈ ε²/ℓ(0) and no admissible instance approaches the bound (a finding about the paper's rate, reported as such: the "
            + "diagnostic margin '(8) in exponents' shows the share of T(ε) the trajectory needed, ≈ ½); the boundary search is therefore off "
            + "(it would also cost a full T(ε) run per evaluation).",
        Fidelity = Fidelity.Restricted("the theorem at its constants (7), (8), but only at the largest step η = η*(c) (smaller admissible η "
            + "are not run), only for ε/ℓ(0) ∈ [5e-7, 1e-6] (not every ε > 0), only up to T = T(ε) (not every T ≥ T(ε); monotone descent "
            + "makes later T harmless but it is not checked), and only on small instances (d ≤ 3, N ≤ 2: scalar, row, column, tight and "
            + "square 2×2 targets); larger widths and depths (d_0 up to 64, N up to 4) run in `vd experiment acgh19-thm1` (committed, sealed)"),
        BoundarySearchSteps = 0,
        Constants = TheoremOneSetting.Constants,
        Hypotheses = new Hypotheses(
            "cycling scalar (N ≤ 2) / row (N ∈ {1, 2}) / row with imbalance δ*(c) / column / tight / square 2×2; η = η*(c); ε ≤ 1e-6ℓ(0); full T(ε)",
            TheoremOneSetting.FullHorizon,
            (x, k) => TheoremOneSetting.Validate(x, k)),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 10,
        Variants =
        [
            Variant.Mutant("NoBalancedness", "H2 dropped: the Claim 4 construction (margin c, η = η*(c), unbalanced layers A c^{1/N}, c^{1/N}/A) diverges",
                s => s.WithHypotheses("Claim 4 construction with η = η*(c), d ∈ {1, 2}", NoBalancednessInstance, (x, k) => TheoremOneSetting.Validate(x, k, balanced: false)), trials: 2),
            Variant.Mutant("NoMargin", "H1 dropped: the Claim 5 construction (Φ = −λ, W_j(0) = 1, balanced, c := λ) stays at ℓ ≥ λ²/2 > ε",
                s => s.WithHypotheses("Claim 5 construction, scalar, N = 2, c = λ, η = η*(c), ε = λ²/4", NoMarginInstance, (x, k) => TheoremOneSetting.Validate(x, k, margin: false)), trials: 2),
            Variant.Mutant("NoStepSizeBound", "(7) dropped: N = 1, Φ = 1, W(0) = 0.5, η = 3 gives errors −0.5, +1, −2, … (diverges)",
                s => s.WithHypotheses("N = 1, Φ = 1, W(0) = 0.5, c = 0.5, η = 3", _ => Instance.ForNetwork("large-step", new DeepLinearNetwork([Matrix<double>.Build.Dense(1, 1, 0.5)]), Matrix<double>.Build.Dense(1, 1, 1.0), 3)
                    .WithScalar("c", 0.5).WithScalar("eps", 0.0125), (x, k) => TheoremOneSetting.Validate(x, k, stepSize: false)), trials: 1),
            Variant.Mutant("EnvelopeTwoAndAHalfKappa", "envelope (13) with the FIXED rate 2.5κ, ℓ(0)(1 − 2.5κ)^t, on the tight instance (N = 2, "
                + "G(0) ⟂ W(0)): a paper-level near miss just above the rate its trajectory attains — the residual stays orthogonal to the "
                + "row W(t), which contracts it at 2η‖W(t)‖ per step, ≈ 2κ‖Φ‖/c ≤ 2κ/(1 − sin θ) ≤ 2.22κ for θ ≤ 0.1 (the control at 2κ "
                + "holds); refuted by the trajectory's own descent over T(ε), not by construction. (Row / column targets with a residual "
                + "partly along W(0) descend faster early, up to ~2.4κ on average, and violate 2.5κ only late in the horizon — e.g. from step 655,560 of 938,516 on one column instance — while the tight one violates it from t = 1; so the tight family is used.)",
                s => s.WithConclusion((x, k, p) => Conclude(x, envelopeFactor: 2.5))
                    .WithGenerator("tight instance (N = 2, θ ∈ [0.03, 0.1]), η = η*(c), full T(ε)",
                        ctx => TheoremOneSetting.FullHorizon(ctx.Rng, ctx.Constants, "tight-full")), trials: 3),
            Variant.Control("EnvelopeTwiceKappa", "envelope (1 − 2κ)^t for N ≥ 2: expected NOT refuted (the rate uses σ_min(W(t)) > c and is ~2κ); "
                + "for N = 1 it is false (ℓ(t) = (1 − η)^{2t}ℓ(0) > (1 − 2η)^tℓ(0)), so N = 1 instances are excluded",
                s => s.WithConclusion((x, k, p) => Conclude(x, envelopeFactor: 2))
                    .WithHypotheses(s.Hypotheses.GeneratorDescription + ", N ≥ 2", s.Hypotheses.Generate, (x, k) => x.Network.Depth < 2 ? HypothesesCheck.Fail("N ≥ 2 (the control is false for N = 1)") : TheoremOneSetting.Validate(x, k)), trials: 3),
        ],
    };

    /// <summary>Claim 4's construction (Phi = I_d, c ∈ [3/4, 0.95], A from (50)) with the learning rate Theorem 1 would allow.</summary>
    private static Instance NoBalancednessInstance(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(1, 2), n = 2;
        double c = rng.Uniform(0.75, 0.95);
        var phi = Matrix<double>.Build.DenseIdentity(d);
        double eta = TheoremOneSetting.EtaStar(c, n, phi.FrobeniusNorm(), ctx.Constants);
        double a = ClaimFourConstruction.AmplitudeDouble(n, eta, c);
        var layers = Enumerable.Range(1, n).Select(j =>
        {
            var w = Matrix<double>.Build.DenseIdentity(d);
            w[0, 0] = j <= n / 2 ? a * Math.Pow(c, 1.0 / n) : Math.Pow(c, 1.0 / n) / a;
            return w;
        });
        var x = Instance.ForNetwork("claim4", new DeepLinearNetwork(layers), phi, eta).WithScalar("c", c);
        return TheoremOneSetting.WithHorizon(x, Horizon);
    }

    /// <summary>Claim 5's construction in the scalar case: Φ = −λ, W_j(0) = 1 (0-balanced), c := λ (no margin: margin(1) = −1).</summary>
    private static Instance NoMarginInstance(TrialContext ctx)
    {
        var rng = ctx.Rng;
        const int n = 2;
        double lambda = rng.Uniform(0.5, 2);
        var phi = Matrix<double>.Build.Dense(1, 1, -lambda);
        var net = new DeepLinearNetwork(Enumerable.Range(0, n).Select(_ => Matrix<double>.Build.Dense(1, 1, 1.0)));
        double eta = TheoremOneSetting.EtaStar(lambda, n, lambda, ctx.Constants);
        return Instance.ForNetwork("claim5", net, phi, eta).WithScalar("c", lambda).WithScalar("eps", lambda * lambda / 4);
    }

    /// <summary>
    /// The conclusion on one instance. <paramref name="envelopeFactor"/> scales κ in the envelope (13) (the control at 2κ, the
    /// near-miss mutant at 2.5κ).
    /// </summary>
    internal static MarginSet Conclude(Instance x, double envelopeFactor = 1)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int n = net.Depth;
        double eta = x.RequireEta, c = x.Scalar("c"), eps = x.Scalar("eps");
        double kappa = TheoremOneSetting.Kappa(eta, c, n);
        double l0 = net.Loss(phi);
        double bound = Math.Log(l0 / eps) / kappa;
        double horizon = Math.Max(0, Math.Ceiling(bound * (1 + Tolerance.Gamma(8))));
        if (horizon > StepCap)
        {
            return MarginSet.Of(Margin.Uncomputable("ε − ℓ(T) (Eq. 8)")).WithObservation("T(ε)", horizon);
        }
        int steps = (int)horizon;
        double envelopeRate = RateOf(envelopeFactor * kappa);
        var run = Run(net, phi, eta, c, steps, kappa, envelopeRate);
        var set = run.WithObservation("T(ε)", horizon).WithObservation("κ", kappa).WithObservation("ℓ(0)", l0).WithObservation("ε", eps)
            .WithObservation("envelope rate per step", envelopeRate);
        return set with { Margins = [.. set.Margins, .. FinalMargins(set, l0, eps)] };
    }

    /// <summary>−log(1 − κ), the per-step exponent of (13); NaN when κ ≥ 1 (the envelope is then checked in its linear form).</summary>
    private static double RateOf(double kappa) => kappa < 1 ? -AccurateFunctions.Log1p(-kappa) : double.NaN;

    private static IEnumerable<Margin> FinalMargins(MarginSet run, double l0, double eps)
    {
        double lt = run.Observations!.TryGetValue("ℓ(T)", out var v) ? v : double.NaN;
        double tol = run.Observations.TryGetValue("ℓ(T) rounding", out var r) ? r : 0;
        if (double.IsNaN(lt))
        {
            yield return Margin.Uncomputable("ε − ℓ(T) (Eq. 8)");
            yield break;
        }
        // ℓ(T) ≤ ε: utilization ℓ(T)/ε (≈ ε/ℓ(0) ≤ 1e-6: the printed rate has a factor ~2 of slack, so ℓ(T) ≈ ε²/ℓ(0)).
        yield return Margin.AtMost("ε − ℓ(T) (Eq. 8)", lt, eps, Tolerance.Bound(tol, "γ_n·(Π‖W_j‖_F + ‖Φ‖_F)·‖G‖_F: a-priori rounding bound of evaluating ℓ at the stored iterate"));
        if (lt > 0 && l0 > eps)
        {
            // The same inequality in exponents, log(ℓ(0)/ℓ(T)) ≥ log(ℓ(0)/ε): utilization log(ℓ(0)/ε)/log(ℓ(0)/ℓ(T)) is the share of
            // T(ε) the trajectory needed (≈ ½), the honest measure of how near a rate bound comes (a diagnostic: the linear margin decides
            // the utilization the verdict reports).
            double lhs = Math.Log(l0 / lt), rhs = Math.Log(l0 / eps);
            double err = LogError(tol, lt) + Tolerance.Gamma(4) * (Math.Abs(lhs) + Math.Abs(rhs));
            yield return Margin.AtLeast("(8) in exponents: log(ℓ(0)/ℓ(T)) − log(ℓ(0)/ε) (diagnostic: share of T(ε) needed)", lhs, rhs,
                Tolerance.Bound(err, "−log(1 − τ/ℓ(T)) for the rounding τ of ℓ(T) + γ_4 rounding of the logarithms"));
        }
    }

    /// <summary>|log ℓ − log ℓ̃| ≤ −log(1 − τ/ℓ̃) when |ℓ − ℓ̃| ≤ τ &lt; ℓ̃ (+∞ otherwise).</summary>
    private static double LogError(double tau, double value) =>
        tau <= 0 ? 0 : tau < value ? -AccurateFunctions.Log1p(-tau / value) * (1 + Tolerance.Gamma(4)) : double.PositiveInfinity;

    /// <summary>ℓ(t) against the envelope ℓ(0)(1 − κ)^t along the run (for the report's plot; sampled, not evidence).</summary>
    private static TraceRecorder LossTrace() =>
        new("loss ℓ(t) along GD against the envelope ℓ(0)(1 − κ)^t of (13)", "GD step t", "loss ℓ(t)", "ℓ(t) (GD)", "ℓ(0)(1 − κ)^t (bound)");

    /// <summary>The worst step of a per-step margin, kept as raw numbers (up to 2e8 offers per run: nothing is allocated per step).</summary>
    private sealed class Worst(string name)
    {
        private double _value, _tol, _scale = 1, _normalized = double.PositiveInfinity;
        private string _source = "";

        public int Step { get; private set; } = -1;

        public Margin? Margin => Step < 0 ? null : Model.Margin.Bound(name, _value, _scale, Tolerance.Bound(_tol, _source));

        /// <summary>lhs ≥ rhs as value lhs − rhs on the scale max(|lhs|, |rhs|) (utilization rhs/lhs for 0 ≤ rhs ≤ lhs).</summary>
        public void AtLeast(int t, double lhs, double rhs, double tol, string source) =>
            Offer(t, lhs - rhs, tol, Math.Max(Math.Abs(lhs), Math.Abs(rhs)), source);

        public void Offer(int t, double value, double tol, double scale, string source)
        {
            double s = Math.Max(scale, double.Epsilon);
            double normalized = double.IsFinite(s) ? value / s : value;
            if (Step < 0 || normalized < _normalized || double.IsNaN(normalized))
            {
                (_value, _tol, _scale, _source, _normalized, Step) = (value, tol, s, source, normalized, t);
            }
        }
    }

    /// <summary>
    /// GD for the whole horizon on Core's allocation-free deep-linear kernel (<see cref="DeepLinearKernel"/>: loss and gradient
    /// on the flat parameters, Axpy step). At every step t: ℓ(t) with its a-priori rounding bound; the envelope (13) in exponents,
    /// log(ℓ(0)/ℓ(t)) ≥ t·rate (rate = −log(1 − κ) as printed; a variant's rate otherwise; linear form ℓ(t) ≤ ℓ(0)(1 − κ)^t when
    /// κ ≥ 1); the proof's per-step contraction (12) with σ_min ≥ c, log(ℓ(t−1)/ℓ(t)) ≥ −log(1 − κ). σ_min(W_{1:N}(t)) ≥ c (the
    /// Claim 1 chain) every <see cref="SigmaStride"/> steps and at T, by an SVD of the end-to-end matrix.
    /// </summary>
    private static MarginSet Run(DeepLinearNetwork net, Matrix<double> phi, double eta, double c, int horizon, double kappa, double rate)
    {
        int n = net.Depth;
        int[] dims = net.Dims;
        var objective = DeepLinearObjective.ForTarget(dims, phi);
        var kernel = objective.CreateKernel();
        var theta = objective.Pack(net);
        var gradient = new double[theta.Length];
        int[] offsets = [.. Enumerable.Range(1, n).Select(objective.Offset), objective.Dimension];
        double phiF = phi.FrobeniusNorm();
        double gamma = Tolerance.Gamma(2 * (n + 1) * dims.Max() + 8), gamma4 = Tolerance.Gamma(4);
        double stepRate = RateOf(kappa);
        var envelope = new Worst(double.IsNaN(rate)
            ? "envelope (13): ℓ(0)(1 − κ)^t − ℓ(t), worst step (κ ≥ 1)"
            : "envelope (13) in exponents: log(ℓ(0)/ℓ(t)) − t·(−log(1 − κ)), worst step");
        var contraction = new Worst("(12) per step with σ_min ≥ c: log(ℓ(t)/ℓ(t+1)) − (−log(1 − κ)), worst step");
        var sigma = new Worst($"σ_min(W(t)) − c ≥ 0, every {SigmaStride} steps and at T, worst");
        var trace = LossTrace();
        double l0 = double.NaN, l0Tol = 0, logL0 = double.NaN, loss = double.NaN, lossTol = 0, prevLoss = double.NaN, prevTol = 0, sum = 0;
        int checkedSteps = horizon, unresolved = 0;
        bool diverged = false;
        for (int t = 0; t <= horizon; t++)
        {
            loss = kernel.ValueAndGradient(theta, gradient);
            if (!double.IsFinite(loss))
            {
                (checkedSteps, diverged) = (t - 1, true);
                break;
            }
            double layers = 1;
            for (int j = 0; j < n; j++)
            {
                var w = theta.AsSpan(offsets[j], offsets[j + 1] - offsets[j]);
                layers *= Math.Sqrt(DenseKernels.Dot(w, w));
            }
            lossTol = gamma * (layers + phiF) * Math.Sqrt(2 * loss);
            sum += loss;
            if (t == 0)
            {
                (l0, l0Tol, logL0) = (loss, lossTol, Math.Log(loss));
            }
            else
            {
                OfferEnvelope(envelope, trace, t, l0, l0Tol, logL0, loss, lossTol, kappa, rate, gamma4);
                if (!OfferContraction(contraction, t - 1, prevLoss, prevTol, loss, lossTol, stepRate, gamma4))
                {
                    unresolved++;
                }
            }
            if (t % SigmaStride == 0 || t == horizon)
            {
                var p = objective.Network(theta).EndToEnd();
                double s = MatrixMeasures.SigmaMin(p);
                sigma.Offer(t, s - c, gamma * layers * 4, s, "γ_n·Π‖W_j‖_F ×4 (product and SVD backward error)");
            }
            if (t == horizon)
            {
                break;
            }
            (prevLoss, prevTol) = (loss, lossTol);
            DenseKernels.Axpy(-eta, gradient, theta);
        }
        var margins = new List<Margin>();
        foreach (var w in new[] { envelope, contraction, sigma })
        {
            if (w.Margin is { } m)
            {
                margins.Add(m);
            }
        }
        var set = new MarginSet(margins) { Traces = [trace.Build()] }
            .WithObservation("max_j imbalance at 0", net.BalancednessGap())
            .WithObservation("steps checked", checkedSteps)
            .WithObservation("ℓ(T) rounding", lossTol)
            .WithObservation("Σ_{t≤T} ℓ(t)", sum)
            .WithObservation("(12) steps below rounding resolution (not offered)", unresolved);
        if (envelope.Step >= 0)
        {
            set = set.WithObservation("worst envelope step", envelope.Step);
        }
        if (diverged)
        {
            // A diverged run has no ℓ(T): the final margin is then NaN (uncomputable), the envelope carries the verdict.
            return set.WithObservation("diverged at step", checkedSteps + 1);
        }
        set = set.WithObservation("ℓ(T)", loss).WithObservation("max_j imbalance at T", objective.Network(theta).BalancednessGap());
        if (loss > 0 && loss < l0 && horizon > 0 && !double.IsNaN(stepRate))
        {
            // Attained against printed rate: −log(1 − κ) / (log(ℓ(0)/ℓ(T))/T) ≈ ½ (the printed rate is about half the attained one).
            double attained = Math.Log(l0 / loss) / horizon;
            set = set.WithObservation("attained rate log(ℓ(0)/ℓ(T))/T", attained)
                .WithObservation("printed rate −log(1 − κ)", stepRate)
                .WithObservation("printed rate / attained rate", stepRate / attained);
        }
        return set;
    }

    private static void OfferEnvelope(Worst envelope, TraceRecorder trace, int t, double l0, double l0Tol, double logL0, double loss, double lossTol, double kappa, double rate, double gamma4)
    {
        if (double.IsNaN(rate))
        {
            // κ ≥ 1: (1 − κ)^t ≤ 0 at odd t, checked as printed.
            double env = l0 * Math.Pow(1 - kappa, t);
            trace.Offer(t, loss, env);
            envelope.Offer(t, env - loss, lossTol + Math.Abs(env) * gamma4 * (1 + t), Math.Max(Math.Abs(env), loss), "γ_n rounding of ℓ(t) + rounding of the power");
            return;
        }
        trace.Offer(t, loss, l0 * Math.Exp(-t * rate));
        if (loss <= 0)
        {
            // ℓ(t) = 0 lies below every envelope.
            return;
        }
        double logLoss = Math.Log(loss);
        double lhs = logL0 - logLoss, rhs = t * rate;
        double tol = LogError(l0Tol, l0) + LogError(lossTol, loss) + gamma4 * (Math.Abs(logL0) + Math.Abs(logLoss) + rhs);
        envelope.AtLeast(t, lhs, rhs, tol, "−log(1 − τ/ℓ) for the γ_n·(Π‖W_j‖_F + ‖Φ‖_F)·‖G‖_F rounding τ of ℓ(0) and ℓ(t) + γ_4 of logs and t·rate");
    }

    /// <summary>
    /// Offers (12) at step t; returns false (nothing offered) when the step lies below the rounding resolution: the losses' rounding
    /// bound exceeds a tenth of the bound's own per-step exponent (near ℓ ~ (u‖Φ‖/κ)², where a step may leave the stored loss unchanged).
    /// </summary>
    private static bool OfferContraction(Worst contraction, int t, double prev, double prevTol, double loss, double lossTol, double stepRate, double gamma4)
    {
        if (double.IsNaN(stepRate) || loss <= 0 || prev <= 0)
        {
            return true;
        }
        // log(ℓ(t)/ℓ(t+1)) = log1p((ℓ(t) − ℓ(t+1))/ℓ(t+1)); the losses' rounding moves x by ≤ (τ_t + τ_{t+1}(1 + |x|))/ℓ(t+1).
        double x = (prev - loss) / loss;
        double lhs = AccurateFunctions.Log1p(x);
        double tx = (prevTol + lossTol * (1 + Math.Abs(x))) / loss * (1 + gamma4);
        double floor = 1 + Math.Min(x, 0) - tx;
        double tol = floor > 0 ? tx / floor + gamma4 * (Math.Abs(lhs) + stepRate) : double.PositiveInfinity;
        if (tol > 0.1 * stepRate)
        {
            return false;
        }
        contraction.AtLeast(t, lhs, stepRate, tol, "rounding of both losses through log1p + γ_4");
        return true;
    }
}
