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
/// Formalisation note: η* is so small that T(ε) is ~1e8 steps for matrix instances. The check therefore runs
/// T(ε) in full only where it is affordable (scalar networks, simulated on doubles, T up to 4e6), and for matrix
/// instances chooses ε := ℓ(0)·exp(−κ·T_max) so that T(ε) = T_max is a bounded horizon (the theorem for that ε).
/// Along the way it checks the proof's envelope (13) ℓ(t) ≤ ℓ(0)(1 − κ)^t at every step (computed as
/// exp(t·log1p(−κ))), monotone descent and σ_min(W(t)) ≥ c (Claim 1 chain).
/// </summary>
public static class Thm1
{
    /// <summary>Bounded horizon for matrix instances (T(ε) of the theorem itself is ~1e8 there).</summary>
    public const int Horizon = 60;

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Thm1"),
        Source = new SourceRef(Papers.ACGH19, "Theorem 1 (Sec. 3.2), Eqs. (7), (8); proof Sec. 3.2.2, Eqs. (9)–(13)", "L117–125, L171–201"),
        Kind = StatementKind.Theorem,
        Title = "linear convergence of GD",
        Text = "If W_{1:N}(0) has deficiency margin c > 0 w.r.t. Φ, W(0) is δ-balanced with δ = c²/(256N³‖Φ‖_F^{2(N−1)/N}) and "
            + "η ≤ c^{(4N−2)/N}/(6144N³‖Φ‖_F^{(6N−4)/N}), then ℓ(T) ≤ ε for every ε > 0 and T ≥ log(ℓ(0)/ε)/(η c^{2(N−1)/N}).",
        FormalisationNote = "ε and T: T := ⌈log(ℓ(0)/ε)/κ⌉ (rounded up by γ_8 so it is ≥ the bound (8)), κ = η c^{2(N−1)/N}. Scalar networks "
            + "(all d_j = 1) run the full T(ε) on doubles (ε = ℓ(0)·max(1e-4, e^(−κ·2e5)) in the generator, T(ε) ≤ 2e5; replayed "
            + "instances may run T(ε) up to 4e6); matrix instances (tight, "
            + $"Procedure 1, Procedure 1 + imbalance ≤ δ*(c), hidden widths including d_0 > d_1) use ε := ℓ(0)e^(−κ·{Horizon}), i.e. the theorem "
            + $"for that ε with T = {Horizon}. Extra margins from the proof: envelope (13) at every step, ℓ(t+1) ≤ ℓ(t) (telescoped), "
            + "σ_min(W(t)) ≥ c. Tolerances: γ_n of the end-to-end product times (Π‖W_j‖_F + ‖Φ‖_F)·‖G‖, plus the rounding of exp/log1p.",
        NotCheckableReason = "The full horizon T(ε) of (8) is ~1e8 steps for matrix instances (η* ~ 1e-8): only bounded horizons (T = "
            + $"{Horizon}, ε chosen to match) are run there; the unbounded 'for every ε' is checked at the ε the budget affords.",
        Constants = TheoremOneSetting.Constants,
        Hypotheses = new Hypotheses(
            "scalar (full T) / tight / Procedure 1 / Procedure 1 + imbalance in [0.5, 1]·δ*(c); η = η*(c)·{1, 0.5, 0.1}",
            ctx => TheoremOneSetting.Generate(ctx, Horizon),
            (x, k) => TheoremOneSetting.Validate(x, k)),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("NoBalancedness", "H2 dropped: the Claim 4 construction (margin c, η = η*(c), unbalanced layers A c^{1/N}, c^{1/N}/A) diverges",
                s => s.WithHypotheses("Claim 4 construction with η = η*(c), d ∈ {1, 2}", NoBalancednessInstance, (x, k) => TheoremOneSetting.Validate(x, k, balanced: false)), trials: 2),
            Variant.Mutant("NoMargin", "H1 dropped: the Claim 5 construction (Φ = −λ, W_j(0) = 1, balanced, c := λ) stays at ℓ ≥ λ²/2 > ε",
                s => s.WithHypotheses("Claim 5 construction, scalar, N = 2, c = λ, η = η*(c), ε = λ²/4", NoMarginInstance, (x, k) => TheoremOneSetting.Validate(x, k, margin: false)), trials: 2),
            Variant.Mutant("NoStepSizeBound", "(7) dropped: N = 1, Φ = 1, W(0) = 0.5, η = 3 gives errors −0.5, +1, −2, … (diverges)",
                s => s.WithHypotheses("N = 1, Φ = 1, W(0) = 0.5, c = 0.5, η = 3", _ => Instance.ForNetwork("large-step", new DeepLinearNetwork([Matrix<double>.Build.Dense(1, 1, 0.5)]), Matrix<double>.Build.Dense(1, 1, 1.0), 3)
                    .WithScalar("c", 0.5).WithScalar("eps", 0.0125), (x, k) => TheoremOneSetting.Validate(x, k, stepSize: false)), trials: 1),
            Variant.Control("EnvelopeTwiceKappa", "envelope (1 − 2κ)^t for N ≥ 2: expected NOT refuted (the rate uses σ_min(W(t)) > c and is ~2κ); "
                + "for N = 1 it is false (ℓ(t) = (1 − η)^{2t}ℓ(0) > (1 − 2η)^tℓ(0)), so N = 1 instances are excluded",
                s => s.WithConclusion((x, k, p) => Conclude(x, envelopeFactor: 2))
                    .WithHypotheses(s.Hypotheses.GeneratorDescription + ", N ≥ 2", s.Hypotheses.Generate, (x, k) => x.Network.Depth < 2 ? HypothesesCheck.Fail("N ≥ 2 (the control is false for N = 1)") : TheoremOneSetting.Validate(x, k))),
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
        int cap = scalar ? TheoremOneSetting.ScalarStepCap : TheoremOneSetting.MatrixStepCap;
        if (horizon > cap)
        {
            return MarginSet.Of(new Margin("ε − ℓ(T)", double.NaN, Tolerance.Exact)).WithObservation("T(ε)", horizon);
        }
        var run = scalar ? RunScalar(net, phi[0, 0], eta, c, (int)horizon, kappa, l0) : RunMatrix(net, phi, eta, c, (int)horizon, kappa, l0);
        var set = run.WithObservation("T(ε)", horizon).WithObservation("κ", kappa).WithObservation("ℓ(0)", l0).WithObservation("ε", eps);
        return set with { Margins = [.. set.Margins, FinalMargin(set, eps)] };
    }

    private static Margin FinalMargin(MarginSet run, double eps)
    {
        double lt = run.Observations!.TryGetValue("ℓ(T)", out var v) ? v : double.NaN;
        double tol = run.Observations.TryGetValue("ℓ(T) rounding", out var r) ? r : 0;
        return new Margin("ε − ℓ(T) (Eq. 8)", eps - lt, new Tolerance(tol, "γ_n·(Π‖W_j‖ + ‖Φ‖)·‖G‖ of the final loss"), eps);
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

    private sealed class Worst(string name)
    {
        private double _value, _tol, _scale = 1, _normalized = double.PositiveInfinity;
        private string _source = "";

        public int Step { get; private set; } = -1;

        public Margin? Margin => Step < 0 ? null : new Margin(name, _value, new Tolerance(_tol, _source), _scale);

        public void Offer(int t, double value, double tol, double scale, string source)
        {
            // Raw numbers only: the scalar family offers up to 1e6 steps, so nothing is allocated per step.
            double s = Math.Max(scale, double.Epsilon);
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
        var set = new MarginSet(margins)
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
        var envelope = new Worst("envelope (13): ℓ(0)(1 − κ)^t − ℓ(t), worst step");
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
            sigma.Offer(t, Math.Abs(p) - c, gamma * Math.Abs(p), c, "γ_{N+4}·|P|");
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
            descent.Offer(t, prevLoss - 0.5 * gn * gn, lossTol + gamma * (Math.Abs(pn) + Math.Abs(phi)) * Math.Abs(gn), Math.Max(eta * prevLoss, double.Epsilon), "γ_{N+4} rounding of both losses");
        }
        return Assemble(envelope, descent, sigma, horizon, loss, lossTol, diverged: false);
    }

    /// <summary>Matrix network: GD steps, direct losses for the envelope, the telescoped difference for descent, SVD for σ_min.</summary>
    private static MarginSet RunMatrix(DeepLinearNetwork net, Matrix<double> phi, double eta, double c, int horizon, double kappa, double l0)
    {
        int n = net.Depth;
        var envelope = new Worst("envelope (13): ℓ(0)(1 − κ)^t − ℓ(t), worst step");
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
            sigma.Offer(t, s - c, Tolerance.Gamma(ops) * layers, c, "γ_n·Π‖W_j‖ (SVD backward error)");
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
            descent.Offer(t, -change.LossDifference, change.Tolerance, Math.Max(eta * change.Loss, double.Epsilon), "telescoped loss difference rounding");
            net = next;
        }
        return Assemble(envelope, descent, sigma, horizon, loss, lossTol, diverged: false);
    }
}
