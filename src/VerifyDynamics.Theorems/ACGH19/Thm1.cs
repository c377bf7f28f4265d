using MathNet.Numerics.LinearAlgebra;
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
/// ε ≤ 1e-6·ℓ(0) on the matrix families (small row / column / tight / square instances whose κ = η c^{2(N−1)/N} makes T(ε) ≈ 1e5–3.5e6
/// steps affordable on preallocated arrays). Along the way it checks the proof's envelope (13) ℓ(t) ≤ ℓ(0)(1 − κ)^t at every step
/// (computed as exp(t·log1p(−κ))), monotone descent and σ_min(W_{1:N}(t)) ≥ c (Claim 1 chain).
/// </summary>
public static class Thm1
{
    /// <summary>Bounded horizon of the NoBalancedness mutant (Claim 4's construction diverges within a few steps).</summary>
    public const int Horizon = 60;

    /// <summary>Largest T(ε) the array path runs (row / column / 2×2 end-to-end matrices, d ≤ 8).</summary>
    public const int FastStepCap = 8_000_000;

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Thm1"),
        Source = new SourceRef(Papers.ACGH19, "Theorem 1 (Sec. 3.2), Eqs. (7), (8); proof Sec. 3.2.2, Eqs. (9)–(13)", "L117–125, L171–201"),
        Kind = StatementKind.Theorem,
        Title = "linear convergence of GD",
        Text = "If W_{1:N}(0) has deficiency margin c > 0 w.r.t. Φ, W(0) is δ-balanced with δ = c²/(256N³‖Φ‖_F^{2(N−1)/N}) and "
            + "η ≤ c^{(4N−2)/N}/(6144N³‖Φ‖_F^{(6N−4)/N}), then ℓ(T) ≤ ε for every ε > 0 and T ≥ log(ℓ(0)/ε)/(η c^{2(N−1)/N}).",
        FormalisationNote = "ε and T: T := ⌈log(ℓ(0)/ε)/κ⌉ (rounded up by γ_8 so it is ≥ the bound (8)), κ = η c^{2(N−1)/N}; η = η*(c), the largest "
            + "step (7) allows. Every trial runs GD for the whole T(ε) with ε/ℓ(0) log-uniform in [5e-7, 1e-6]: scalar networks (N ∈ 1..3, "
            + "w(0) = φ(1 ± ρ)) on doubles, and matrix instances on preallocated arrays: a row target (d_N = 1, d_0 ∈ {2, 3}, N ∈ {1, 2}, hidden "
            + "widths 1..3, Procedure 1), the same with N = 2 and the imbalance AT δ*(c) (H2 at its boundary), a column target (d_0 = 1, N = 2), "
            + "the tight instance (Φ = a(1, 0), W = a cos θ(cos θ, sin θ), θ ∈ [0.03, 0.1], N = 2) and a square 2×2 target Φ = a·Q (N ∈ {1, 2}); "
            + "W(0) = Φ + ρ‖Φ‖E, ρ ∈ [0.03, 0.1], c = (0.95..0.999)·margin. Small instances with c close to σ_min(Φ) are chosen so that T(ε) ≈ "
            + "1e5–3.5e6 steps is affordable; the theorem's constants are not scaled. Extra margins from the proof: envelope (13) at every step, "
            + "ℓ(t+1) ≤ ℓ(t), σ_min(W(t)) ≥ c (closed forms: the norm of a row/column, the 2×2 singular values). Tolerances: the a-priori rounding "
            + "bound γ_n·(Π‖W_j‖_F + ‖Φ‖_F)·‖G‖_F of evaluating ℓ at the stored iterate (n = 2(N+1)d_max + 8), plus the rounding of exp/log1p. "
            + "The trajectory is the floating-point one (each step's rounding, ~u‖W‖, perturbs the iterate; no shadowing bound is claimed). "
            + "The final margin ℓ(T) ≤ ε is intrinsically loose: to first order GD contracts at rate ≥ 2ησ_min^{2(N−1)/N} ≥ 2κ (the ½ of (9)), "
            + "so ℓ(T) ≈ ε²/ℓ(0) and no admissible instance approaches the bound; the boundary search is therefore off (it would also cost a "
            + "full T(ε) run per evaluation).",
        Fidelity = Fidelity.Full("the theorem as printed at its constants (7), (8) with η = η*(c), run over the whole horizon T(ε) for ε ≤ 1e-6·ℓ(0) "
            + "on small instances (d ≤ 3, N ≤ 2; scalar N ≤ 3) with scalar, row, column, tight and square targets"),
        BoundarySearchSteps = 0,
        Constants = TheoremOneSetting.Constants,
        Hypotheses = new Hypotheses(
            "cycling scalar (N ≤ 3) / row (N ∈ {1, 2}) / row with imbalance δ*(c) / column / tight / square 2×2; η = η*(c); ε ≤ 1e-6ℓ(0); full T(ε)",
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
            Variant.Mutant("EnvelopeNearMiss", "envelope (13) at 1.1× the rate an N = 1 trajectory attains exactly (ℓ(t) = (1 − κ)^{2t}ℓ(0), rate 2κ − κ²): "
                + "ℓ(0)(1 − 1.1(2κ − κ²))^t, refuted at t = 1 by ≈ 0.2κℓ(0) (the printed rate κ itself is half the attained rate, see the control)",
                s => s.WithConclusion((x, k, p) => Conclude(x, envelopeFactor: 1.1 * (2 - TheoremOneSetting.Kappa(x.RequireEta, x.Scalar("c"), x.Network.Depth))))
                    .WithGenerator("row target, N = 1, η = η*(c), full T(ε)", ctx => TheoremOneSetting.FullHorizon(ctx.Rng, ctx.Constants, "row-n1")), trials: 2),
            Variant.Control("EnvelopeTwiceKappa", "envelope (1 − 2κ)^t for N ≥ 2: expected NOT refuted (the rate uses σ_min(W(t)) > c and is ~2κ); "
                + "for N = 1 it is false (ℓ(t) = (1 − η)^{2t}ℓ(0) > (1 − 2η)^tℓ(0)), so N = 1 instances are excluded",
                s => s.WithConclusion((x, k, p) => Conclude(x, envelopeFactor: 2))
                    .WithHypotheses(s.Hypotheses.GeneratorDescription + ", N ≥ 2", s.Hypotheses.Generate, (x, k) => x.Network.Depth < 2 ? HypothesesCheck.Fail("N ≥ 2 (the control is false for N = 1)") : TheoremOneSetting.Validate(x, k)), trials: 5),
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

    internal static MarginSet Conclude(Instance x, double envelopeFactor = 1)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int n = net.Depth;
        double eta = x.RequireEta, c = x.Scalar("c"), eps = x.Scalar("eps");
        double kappa = envelopeFactor * TheoremOneSetting.Kappa(eta, c, n);
        double l0 = net.Loss(phi);
        double bound = Math.Log(l0 / eps) / TheoremOneSetting.Kappa(eta, c, n);
        double horizon = Math.Max(0, Math.Ceiling(bound * (1 + Tolerance.Gamma(8))));
        bool scalar = net.Dims.All(d => d == 1);
        bool small = !scalar && (Math.Min(net.Dims[0], net.Dims[n]) == 1 || (net.Dims[0] == 2 && net.Dims[n] == 2)) && net.Dims.Max() <= 8;
        int cap = scalar ? TheoremOneSetting.ScalarStepCap : small ? FastStepCap : TheoremOneSetting.MatrixStepCap;
        if (horizon > cap)
        {
            return MarginSet.Of(Margin.Uncomputable("ε − ℓ(T) (Eq. 8)")).WithObservation("T(ε)", horizon);
        }
        var run = scalar ? RunScalar(net, phi[0, 0], eta, c, (int)horizon, kappa, l0)
            : small ? RunSmall(net, phi, eta, c, (int)horizon, kappa, l0)
            : RunMatrix(net, phi, eta, c, (int)horizon, kappa, l0);
        var set = run.WithObservation("T(ε)", horizon).WithObservation("κ", kappa).WithObservation("ℓ(0)", l0).WithObservation("ε", eps);
        if (set.Observations!.TryGetValue("ℓ(T)", out double lt) && lt > 0 && lt < l0 && horizon > 0)
        {
            // The envelope's exponent against the attained one, log(ℓ(0)/env(T))/log(ℓ(0)/ℓ(T)) ≈ κT/log(ℓ(0)/ℓ(T)): ~½, the slack of the
            // printed rate (the per-step utilizations of the envelope and descent margins are ≈ 1 only because both sides start at ℓ(0)).
            set = set.WithObservation("envelope exponent / attained exponent", -horizon * LogOnePlus(-Math.Min(kappa, 0.5)) / Math.Log(l0 / lt));
        }
        return set with { Margins = [.. set.Margins, FinalMargin(set, eps)] };
    }

    private static Margin FinalMargin(MarginSet run, double eps)
    {
        double lt = run.Observations!.TryGetValue("ℓ(T)", out var v) ? v : double.NaN;
        double tol = run.Observations.TryGetValue("ℓ(T) rounding", out var r) ? r : 0;
        if (double.IsNaN(lt))
        {
            return Margin.Uncomputable("ε − ℓ(T) (Eq. 8)");
        }
        // ℓ(T) ≤ ε: utilization ℓ(T)/ε.
        return Margin.AtMost("ε − ℓ(T) (Eq. 8)", lt, eps, Tolerance.Bound(tol, "γ_n·(Π‖W_j‖_F + ‖Φ‖_F)·‖G‖_F: a-priori rounding bound of evaluating ℓ at the stored iterate"));
    }

    /// <summary>
    /// ℓ(0)(1 − κ)^t as exp(t·log1p(−κ)) (catalog: the power itself loses all digits for κ ~ 1e-10); <paramref name="logFactor"/>
    /// is log1p(−κ), computed once per run.
    /// </summary>
    private static double Envelope(double l0, double kappa, double logFactor, int t) =>
        kappa < 1 ? l0 * Math.Exp(t * logFactor) : l0 * Math.Pow(1 - kappa, t);

    /// <summary>log(1 + x) to a few ulps (Goldberg's trick: the rounding of 1 + x cancels in log(u)·x/(u − 1)).</summary>
    private static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    /// <summary>ℓ(t) against the envelope ℓ(0)(1 − κ)^t along the run (for the report's plot; sampled, not evidence).</summary>
    private static TraceRecorder LossTrace() =>
        new("loss ℓ(t) along GD against the envelope ℓ(0)(1 − κ)^t of (13)", "GD step t", "loss ℓ(t)", "ℓ(t) (GD)", "ℓ(0)(1 − κ)^t (bound)");

    private sealed class Worst(string name)
    {
        private double _value, _tol, _scale = 1, _normalized = double.PositiveInfinity;
        private string _source = "";

        /// <summary>When set, every offer is also sampled as (t, lhs = scale − value, rhs = scale): the envelope's ℓ(t) against ℓ(0)(1 − κ)^t.</summary>
        public TraceRecorder? Trace { get; init; }

        public int Step { get; private set; } = -1;

        /// <summary>The worst step as a bound margin: value = rhs − lhs, scale = the bound's own size at that step (envelope, ℓ(t), σ_min).</summary>
        public Margin? Margin => Step < 0 ? null : Model.Margin.Bound(name, _value, _scale, Tolerance.Bound(_tol, _source));

        public void Offer(int t, double value, double tol, double scale, string source)
        {
            // Raw numbers only: the scalar family offers up to 1e6 steps, so nothing is allocated per step.
            double s = Math.Max(scale, double.Epsilon);
            Trace?.Offer(t, scale - value, scale);
            if (Step < 0 || value / s < _normalized)
            {
                (_value, _tol, _scale, _source, _normalized, Step) = (value, tol, s, source, value / s, t);
            }
        }
    }

    private static MarginSet Assemble(Worst envelope, Worst descent, Worst sigma, int checkedSteps, double lastLoss, double lastTol, bool diverged)
    {
        var margins = new List<Margin>();
        foreach (var w in new[] { envelope, descent, sigma })
        {
            if (w.Margin is { } m)
            {
                margins.Add(m);
            }
        }
        var set = new MarginSet(margins) { Traces = envelope.Trace is { } trace ? [trace.Build()] : [] }
            .WithObservation("steps checked", checkedSteps)
            .WithObservation("ℓ(T) rounding", lastTol);
        if (!diverged)
        {
            // A diverged run has no ℓ(T): the final margin is then NaN (uncomputable), the envelope carries the verdict.
            set = set.WithObservation("ℓ(T)", lastLoss);
        }
        if (envelope.Step >= 0)
        {
            set = set.WithObservation("worst envelope step", envelope.Step);
        }
        return diverged ? set.WithObservation("diverged at step", checkedSteps + 1) : set;
    }

    /// <summary>Scalar network on doubles: w_j ← w_j − η(P − φ)Π_{i≠j} w_i, prefix/suffix products (no division).</summary>
    private static MarginSet RunScalar(DeepLinearNetwork net, double phi, double eta, double c, int horizon, double kappa, double l0)
    {
        int n = net.Depth;
        var w = Enumerable.Range(1, n).Select(j => net[j][0, 0]).ToArray();
        var prefix = new double[n + 1];
        var suffix = new double[n + 1];
        var envelope = new Worst("envelope (13): ℓ(0)(1 − κ)^t − ℓ(t), worst step") { Trace = LossTrace() };
        var descent = new Worst("ℓ(t) − ℓ(t+1) ≥ 0, worst step");
        var sigma = new Worst("σ_min(W(t)) − c ≥ 0, worst step");
        double gamma = Tolerance.Gamma(n + 4);
        double logFactor = kappa < 1 ? LogOnePlus(-kappa) : double.NaN;
        double loss = l0, lossTol = 0;
        for (int t = 0; t <= horizon; t++)
        {
            prefix[0] = 1;
            for (int j = 0; j < n; j++)
            {
                prefix[j + 1] = prefix[j] * w[j];
            }
            double p = prefix[n];
            double g = p - phi;
            loss = 0.5 * g * g;
            lossTol = gamma * (Math.Abs(p) + Math.Abs(phi)) * Math.Abs(g);
            if (!double.IsFinite(loss))
            {
                return Assemble(envelope, descent, sigma, t - 1, loss, lossTol, diverged: true);
            }
            if (t > 0)
            {
                double env = Envelope(l0, kappa, logFactor, t);
                envelope.Offer(t, env - loss, lossTol + env * Tolerance.Gamma(4) * (1 + t * kappa), env, "γ_{N+4}·(|P| + |φ|)·|G| + exp/log1p rounding");
            }
            sigma.Offer(t, Math.Abs(p) - c, gamma * Math.Abs(p), Math.Abs(p), "γ_{N+4}·|P|");
            if (t == horizon)
            {
                break;
            }
            suffix[n] = 1;
            for (int j = n - 1; j >= 0; j--)
            {
                suffix[j] = suffix[j + 1] * w[j];
            }
            double prevLoss = loss;
            for (int j = 0; j < n; j++)
            {
                w[j] -= eta * g * prefix[j] * suffix[j + 1];
            }
            double pn = 1;
            for (int j = 0; j < n; j++)
            {
                pn *= w[j];
            }
            double gn = pn - phi;
            // The scalar decrease is not near cancellation here (relative decrease ≥ κ ≥ 1e-7 ≫ u), so direct losses are fine.
            descent.Offer(t, prevLoss - 0.5 * gn * gn, lossTol + gamma * (Math.Abs(pn) + Math.Abs(phi)) * Math.Abs(gn), prevLoss, "γ_{N+4} rounding of both losses");
        }
        return Assemble(envelope, descent, sigma, horizon, loss, lossTol, diverged: false);
    }

    /// <summary>Matrix network: GD steps, direct losses for the envelope, the telescoped difference for descent, SVD for σ_min.</summary>
    private static MarginSet RunMatrix(DeepLinearNetwork net, Matrix<double> phi, double eta, double c, int horizon, double kappa, double l0)
    {
        int n = net.Depth;
        var envelope = new Worst("envelope (13): ℓ(0)(1 − κ)^t − ℓ(t), worst step") { Trace = LossTrace() };
        var descent = new Worst("ℓ(t) − ℓ(t+1) ≥ 0 (telescoped), worst step");
        var sigma = new Worst("σ_min(W(t)) − c ≥ 0, worst step");
        int ops = 2 * (n + 1) * net.Dims.Max() + 8;
        double logFactor = kappa < 1 ? LogOnePlus(-kappa) : double.NaN;
        double loss = l0, lossTol = 0;
        for (int t = 0; t <= horizon; t++)
        {
            var g = net.EndToEnd() - phi;
            double gF = g.FrobeniusNorm();
            loss = 0.5 * gF * gF;
            double layers = net.Weights.Aggregate(1.0, (a, m) => a * m.FrobeniusNorm());
            lossTol = Tolerance.Gamma(ops) * (layers + phi.FrobeniusNorm()) * gF;
            if (!double.IsFinite(loss))
            {
                return Assemble(envelope, descent, sigma, t - 1, loss, lossTol, diverged: true);
            }
            if (t > 0)
            {
                double env = Envelope(l0, kappa, logFactor, t);
                envelope.Offer(t, env - loss, lossTol + env * Tolerance.Gamma(4) * (1 + t * kappa), env, "γ_n·(Π‖W_j‖ + ‖Φ‖)·‖G‖ + exp/log1p rounding");
            }
            double s = VerifyDynamics.Core.LinearAlgebra.MatrixMeasures.SigmaMin(net.EndToEnd());
            sigma.Offer(t, s - c, Tolerance.Gamma(ops) * layers, s, "γ_n·Π‖W_j‖ (SVD backward error)");
            if (t == horizon)
            {
                break;
            }
            var next = net.GradientStep(phi, eta);
            if (!next.IsFinite())
            {
                return Assemble(envelope, descent, sigma, t, loss, lossTol, diverged: true);
            }
            var change = TheoremOneSetting.Step(net, next, phi);
            descent.Offer(t, -change.LossDifference, change.Tolerance, change.Loss, "telescoped loss difference rounding");
            net = next;
        }
        return Assemble(envelope, descent, sigma, horizon, loss, lossTol, diverged: false);
    }

    /// <summary>
    /// Small networks whose end-to-end matrix is a row, a column or 2×2, on preallocated row-major arrays (the same recursion as
    /// Core's DeepLinearDescentKernel: prefixes P_j = W_j⋯W_1, G = P_N − Φ, B_{j−1} = W_jᵀB_j, ∂L/∂W_j = B_jP_{j−1}ᵀ), so the whole
    /// T(ε) of (8) is affordable. σ_min(W_{1:N}) in closed form: ‖P_N‖_F for a row/column; for 2×2, 2|det|²/(‖P‖² + √(‖P‖⁴ − 4det²))
    /// under a square root. Direct losses for the descent margin (relative decrease ≥ κ ≫ the rounding bound).
    /// </summary>
    private static MarginSet RunSmall(DeepLinearNetwork net, Matrix<double> phi, double eta, double c, int horizon, double kappa, double l0)
    {
        int n = net.Depth;
        int[] dims = net.Dims;
        int d0 = dims[0];
        var w = net.Weights.Select(m => m.ToRowMajorArray()).ToArray();
        var target = phi.ToRowMajorArray();
        var prefix = Enumerable.Range(0, n + 1).Select(j => new double[dims[j] * d0]).ToArray();
        var back = Enumerable.Range(0, n + 1).Select(j => new double[dims[j] * d0]).ToArray();
        var grad = Enumerable.Range(1, n).Select(j => new double[dims[j] * dims[j - 1]]).ToArray();
        bool square = dims[0] == 2 && dims[n] == 2;
        double phiF = phi.FrobeniusNorm();
        int ops = 2 * (n + 1) * dims.Max() + 8;
        double gamma = Tolerance.Gamma(ops);
        var envelope = new Worst("envelope (13): ℓ(0)(1 − κ)^t − ℓ(t), worst step") { Trace = LossTrace() };
        var descent = new Worst("ℓ(t) − ℓ(t+1) ≥ 0, worst step");
        var sigma = new Worst("σ_min(W(t)) − c ≥ 0, worst step");
        double logFactor = kappa < 1 ? LogOnePlus(-kappa) : double.NaN;
        double loss = l0, lossTol = 0, prevLoss = double.NaN, prevTol = 0;
        for (int t = 0; t <= horizon; t++)
        {
            Array.Copy(w[0], prefix[1], w[0].Length);
            for (int j = 2; j <= n; j++)
            {
                Core.LinearAlgebra.DenseKernels.Multiply(w[j - 1], prefix[j - 1], prefix[j], dims[j], dims[j - 1], d0);
            }
            var p = prefix[n];
            var g = back[n];
            double g2 = 0, p2 = 0;
            for (int i = 0; i < g.Length; i++)
            {
                g[i] = p[i] - target[i];
                g2 += g[i] * g[i];
                p2 += p[i] * p[i];
            }
            loss = 0.5 * g2;
            double layers = 1;
            for (int j = 0; j < n; j++)
            {
                double f = 0;
                foreach (double v in w[j])
                {
                    f += v * v;
                }
                layers *= Math.Sqrt(f);
            }
            lossTol = gamma * (layers + phiF) * Math.Sqrt(g2);
            if (!double.IsFinite(loss))
            {
                return Assemble(envelope, descent, sigma, t - 1, loss, lossTol, diverged: true);
            }
            if (t > 0)
            {
                double env = Envelope(l0, kappa, logFactor, t);
                envelope.Offer(t, env - loss, lossTol + env * Tolerance.Gamma(4) * (1 + t * kappa), env, "γ_n·(Π‖W_j‖_F + ‖Φ‖_F)·‖G‖_F + exp/log1p rounding");
                descent.Offer(t - 1, prevLoss - loss, prevTol + lossTol, prevLoss, "γ_n rounding of both losses");
            }
            double smin;
            if (square)
            {
                double det = Math.Abs(p[0] * p[3] - p[1] * p[2]);
                smin = Math.Sqrt(2 * det * det / (p2 + Math.Sqrt(Math.Max(0, p2 * p2 - 4 * det * det))));
            }
            else
            {
                smin = Math.Sqrt(p2);
            }
            sigma.Offer(t, smin - c, gamma * layers * (square ? 4 : 1), smin, square ? "γ_n·Π‖W_j‖_F (product) ×4 (closed-form 2×2 σ_min)" : "γ_n·Π‖W_j‖_F (product)");
            if (t == horizon)
            {
                break;
            }
            (prevLoss, prevTol) = (loss, lossTol);
            for (int j = n; j >= 2; j--)
            {
                Core.LinearAlgebra.DenseKernels.MultiplyTransposeLeft(w[j - 1], back[j], back[j - 1], dims[j], dims[j - 1], d0);
            }
            Array.Copy(back[1], grad[0], grad[0].Length);
            for (int j = 2; j <= n; j++)
            {
                Core.LinearAlgebra.DenseKernels.MultiplyTransposeRight(back[j], prefix[j - 1], grad[j - 1], dims[j], d0, dims[j - 1]);
            }
            for (int j = 0; j < n; j++)
            {
                Core.LinearAlgebra.DenseKernels.Axpy(-eta, grad[j], w[j]);
            }
        }
        return Assemble(envelope, descent, sigma, horizon, loss, lossTol, diverged: false);
    }
}
