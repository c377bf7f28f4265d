using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 2 (App. D.2, L390–402; proof D.2.3, Eqs. (33)–(37), L714–776): under the conditions of Theorem 1,
/// for all t ≥ 0:
/// A(t): ‖W_{j+1}ᵀ(t)W_{j+1}(t) − W_j(t)W_jᵀ(t)‖_F ≤ 2δ (1 ≤ j ≤ N−1);
/// A′(t): for t ≥ 1, imb_j(t) ≤ imb_j(t−1) + η²‖G(t−1)‖_F‖G(t−1)‖_σ·4(2‖Φ‖_F)^{2(N−1)/N} with G(t−1) = W_{1:N}(t−1) − Φ;
/// B(t): ℓ(0) ≤ ½‖Φ‖_F², and for t ≥ 1 ℓ(t) ≤ ℓ(t−1) − (η/2)σ_min(W(t−1))^{2(N−1)/N}‖G(t−1)‖_F²;
/// C(t): ‖W_j(t)‖_σ ≤ (4‖Φ‖_F)^{1/N} (1 ≤ j ≤ N).
/// Formalisation note: checked along Theorem 1 trajectories over a bounded horizon. A′ is checked in its sufficient,
/// cancellation-free form: the Gram-difference increment is exactly Δ_j = η²(g_{j+1}ᵀg_{j+1} − g_jg_jᵀ) (first-order terms
/// cancel identically; g_j = ∂L^N/∂W_j), and ‖Δ_j‖_F ≤ bound implies A′ by the triangle inequality.
/// </summary>
public static class Lemma2
{
    public const int Horizon = 30;

    /// <summary>On a full-horizon trial the SVD-based margins are evaluated every this many steps (and at t ≤ <see cref="Horizon"/>, T − 1, T).</summary>
    public const int FullCheckStride = 4096;

    public sealed record Options(Func<double, double, double> GradientFactor, Func<double, int, double> LayerBound, string GradientText, string LayerText);

    public static Options Paper { get; } = new((gF, gS) => gF * gS, (phiF, n) => Math.Pow(4 * phiF, 1.0 / n), "‖G‖_F‖G‖_σ", "(4‖Φ‖_F)^(1/N)");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma2"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 2 (App. D.2); proof D.2.3, Eqs. (33)–(37)", "L390–402, L714–776"),
        Kind = StatementKind.Lemma,
        Title = "trajectory invariants A(t), A′(t), B(t), C(t)",
        Text = "Under Theorem 1's conditions, for all t: imbalance ≤ 2δ (A); per-step imbalance increment ≤ η²‖G‖_F‖G‖_σ·4(2‖Φ‖_F)^{2(N−1)/N} (A′); "
            + "the descent (9) (B); ‖W_j(t)‖_σ ≤ (4‖Φ‖_F)^{1/N} (C).",
        FormalisationNote = $"Theorem 1 instances. Trials 2 mod 4 run the whole horizon T(ε) of Theorem 1 (ε ≤ 1e-6·ℓ(0), 1e6–2e6 steps) on Core's "
            + "deep-linear kernel: a row target with the imbalance AT δ*(c) and a balanced column target (imbalance = pure drift), N = 2; every "
            + "step checks A(t) (Gram differences on the flat weights), the running sum (36)/(37), A′(t+1) through the exact increment "
            + "(with ‖G‖_σ = ‖G‖_F, exact for a row or column target) and B(t+1) with σ_min ≥ c; C(t), (33), the brute-force increment and "
            + $"B(t+1) at σ_min(W(t)) at t ≤ {Horizon}, every {FullCheckStride} steps and at T − 1, T. Beyond T(ε) the imbalance can move by at "
            + "most the tail of (36), ≤ 4(2‖Φ‖_F)^(2(N−1)/N)η²·2ℓ(T)/κ (ℓ(t) ≤ ℓ(T)(1 − κ)^(t−T)), i.e. ≤ 1e-6 of what the run covers. "
            + $"The other trials (N ≤ 4, Procedure 1, scalar, tight) run t ≤ {Horizon}; every other one of them starts with the imbalance AT δ*(c) "
            + "(Procedure 1 layers perturbed by bisection to the H2 boundary), so A(t)'s 2δ is used to ≈ 1/2 at t = 0. A′ via the exact increment "
            + "Δ_j = η²(g_{j+1}ᵀg_{j+1} − g_jg_jᵀ) formed from the layer gradients (no cancellation; catalog formula), plus a brute-force "
            + "consistency margin imb_j(t+1) − imb_j(t) ≤ ‖Δ_j‖_F. B(0) and B(t+1) (= Lemma 1, telescoped loss difference). C(t) and the "
            + "sharper (33) bound (2‖Φ‖_F)^{1/N}2^{1/(2N)}. Running sum (36)/(37): 4(2‖Φ‖_F)^{2(N−1)/N}η²Σ_i‖G(i)‖_F² ≤ δ. "
            + "A′ reads 'dL¹/dW W(t−1)' in print: the gradient at W(t−1). Worst step per margin.",
        Hypotheses = new Hypotheses(
            "Theorem 1 generator: trials 2 mod 4 full horizon T(ε) (row target with imbalance AT δ*(c) / balanced column target, N = 2); trials 0 mod 4 imbalance AT δ*(c) (Procedure 1 + perturbation, N ∈ 2..4); odd trials scalar / tight / Procedure 1 / Procedure 1 + imbalance",
            Generate,
            (x, k) => TheoremOneSetting.Validate(x, k)),
        Conclusion = (x, k, p) => Conclude(x, k, Paper),
        Fidelity = Fidelity.Restricted($"the whole horizon T(ε) (ε ≤ 1e-6·ℓ(0)) only on N = 2 row / column targets (d ≤ 3); N ≤ 4 and the other "
            + $"families for t ≤ {Horizon}; SVD-based margins on a stride of {FullCheckStride} steps. Over T(ε) the drift bound (36)/(37) reaches "
            + "~1e-4–1e-3 of δ (ℓ(0) ≈ ρ²‖Φ‖²/2 with ρ ≤ 0.1), so A(t) is exercised through the initial imbalance (generated at δ) and the "
            + "drift bound only weakly: the printed 2δ is never approached by drift"),
        Constants = TheoremOneSetting.Constants,
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("PrintedEq35FirstLine", "A′ with ‖G‖_F²‖G‖_σ (printed first line of (35)): refuted by scaling (tight instance with ‖Φ‖ = 0.05)",
                s => s.WithGenerator("tight instance, a = 0.05", SmallTight).WithConclusion((x, k, p) => Conclude(x, k, Paper with { GradientFactor = (gF, gS) => gF * gF * gS, GradientText = "‖G‖_F²‖G‖_σ" })), trials: 2),
            Variant.Mutant("PrintedEq35LastLine", "A′ with ‖G‖_F²‖G‖_σ² (printed last line of (35)): refuted by scaling",
                s => s.WithGenerator("tight instance, a = 0.05", SmallTight).WithConclusion((x, k, p) => Conclude(x, k, Paper with { GradientFactor = (gF, gS) => gF * gF * gS * gS, GradientText = "‖G‖_F²‖G‖_σ²" })), trials: 2),
            Variant.Mutant("LayerBoundWithoutFour", "C(t) with ‖Φ‖_F^{1/N}: refuted by d_N = 1, W(0) = 1.5Φ balanced (‖W_j‖ = (1.5‖Φ‖)^{1/N})",
                s => s.WithGenerator("d_N = 1, W(0) = 1.5Φ, Procedure 1", OneAndAHalf).WithConclusion((x, k, p) => Conclude(x, k, Paper with { LayerBound = (phiF, n) => Math.Pow(phiF, 1.0 / n), LayerText = "‖Φ‖_F^(1/N)" })), trials: 2),
            Variant.Control("LayerBoundTwo", "C(t) with (2‖Φ‖_F)^{1/N}: expected NOT refuted",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, Paper with { LayerBound = (phiF, n) => Math.Pow(2 * phiF, 1.0 / n), LayerText = "(2‖Φ‖_F)^(1/N)" }))),
        ],
        Errata =
        [
            "A′(t) prints 'dL¹/dW W(t−1)' for the gradient at W(t−1).",
            "Eq. (35): first line has ‖G‖_F²‖G‖_σ and last line ‖G‖_F²‖G‖_σ², both inconsistent with A′ (‖G‖_F‖G‖_σ, which the algebra gives); "
                + "both printed forms are refuted here (mutants PrintedEq35FirstLine / PrintedEq35LastLine).",
            "The constant 4(2‖Φ‖_F)^{2(N−1)/N} needs Lemma 6's per-layer bound (2‖Φ‖_F)^{1/N}2^{1/(2N)}; with C(t)'s (4‖Φ‖_F)^{1/N} one gets 2(4‖Φ‖_F)^{2(N−1)/N}.",
            "Proof index slips: 'A′(i) for 0 ≤ i ≤ t' should be 1 ≤ i ≤ t+1; the sum bound needs B(1..t+1).",
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        // Trials 2 mod 4 run Theorem 1's whole horizon T(ε), ε ≤ 1e-6·ℓ(0) ("steps" = −1): a row target with the imbalance AT δ*(c)
        // and a balanced column target (whose imbalance is pure drift), alternately.
        if (ctx.Index % 4 == 2)
        {
            return TheoremOneSetting.FullHorizon(ctx.Rng, ctx.Constants, (ctx.Index / 4) % 2 == 0 ? "row-unbalanced" : "column").WithScalar("steps", -1);
        }
        var x = ctx.Index % 4 == 0
            ? TheoremOneSetting.Generate(ctx.Rng, ctx.Constants, "proc1-at-delta", Horizon)
            : TheoremOneSetting.Generate(ctx.Rng, ctx.Constants, TheoremOneSetting.Families[(ctx.Index / 2) % TheoremOneSetting.Families.Length], Horizon);
        return x.WithScalar("steps", Horizon);
    }

    private static Instance SmallTight(TrialContext ctx) =>
        TheoremOneSetting.Tight(ctx.Rng, ctx.Constants, Horizon, 0.05, ctx.Rng.NextInt(2, 4)).WithScalar("steps", Horizon);

    /// <summary>Catalog Lemma 2 Mut (iii): Φ a row vector, W(0) = 1.5Φ (margin 0.5‖Φ‖), Procedure 1 layers.</summary>
    private static Instance OneAndAHalf(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(2, 4), d0 = rng.NextInt(1, 3);
        var phi = rng.GaussianMatrix(1, d0);
        int[] dims = [d0, .. Enumerable.Range(0, n - 1).Select(_ => rng.NextInt(1, 3)), 1];
        var net = BalancedInitialization.Create(dims, 1.5 * phi);
        double c = 0.5 * phi.FrobeniusNorm();
        double eta = TheoremOneSetting.EtaStar(c, n, phi.FrobeniusNorm(), ctx.Constants);
        return Instance.ForNetwork("one-and-a-half", net, phi, eta).WithScalar("c", c).WithScalar("steps", 3);
    }

    /// <summary>η²(g_{j+1}ᵀg_{j+1} − g_jg_jᵀ): the exact one-step change of the j-th Gram difference (1-indexed j).</summary>
    public static Matrix<double> ImbalanceIncrement(Matrix<double>[] gradients, int j, double eta) =>
        eta * eta * (gradients[j].TransposeThisAndMultiply(gradients[j]) - gradients[j - 1].TransposeAndMultiply(gradients[j - 1]));

    private sealed class Worst
    {
        private readonly SortedDictionary<string, Margin> _worst = new(StringComparer.Ordinal);

        public void Offer(Margin m)
        {
            if (!_worst.TryGetValue(m.Name, out var w) || m.Normalized < w.Normalized)
            {
                _worst[m.Name] = m;
            }
        }

        public MarginSet Set => new([.. _worst.Values]);
    }

    /// <summary>The constants of one instance's margins.</summary>
    private sealed record Setting(DeepLinearNetwork Start, Matrix<double> Phi, int N, double Eta, double C, double PhiF, double Delta, double ImbConstant,
        double LayerBound, double Sharper, int Ops, Options O)
    {
        public static Setting Of(Instance x, ConstantValues k, Options o)
        {
            var phi = x.RequireTarget;
            var net = x.Network;
            int n = net.Depth;
            double c = x.Scalar("c"), phiF = phi.FrobeniusNorm();
            return new Setting(net, phi, n, x.RequireEta, c, phiF, TheoremOneSetting.DeltaStar(c, n, phiF, k), 4 * Math.Pow(2 * phiF, 2.0 * (n - 1) / n),
                o.LayerBound(phiF, n), Math.Pow(2 * phiF, 1.0 / n) * Math.Pow(2, 1.0 / (2 * n)), 4 * (n + 1) * net.Dims.Max() + 8, o);
        }
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Options o)
    {
        var st = Setting.Of(x, k, o);
        int steps = (int)x.Scalar("steps");
        if (steps < 0)
        {
            return ConcludeFullHorizon(x, st);
        }
        var phi = st.Phi;
        var net = st.Start;
        int n = st.N;
        double eta = st.Eta;
        var worst = new Worst();
        worst.Offer(Margin.AtMost("B(0): ℓ(0) ≤ ½‖Φ‖_F²", net.Loss(phi), 0.5 * st.PhiF * st.PhiF));
        double runningSum = 0;
        var trace = ImbalanceTrace();
        for (int t = 0; t <= steps; t++)
        {
            var g = net.EndToEnd() - phi;
            double gF = g.FrobeniusNorm();
            double size2 = net.Weights.Max(w => w.FrobeniusNorm() * w.FrobeniusNorm());
            double imbalance = 0;
            for (int j = 1; j < n; j++)
            {
                double imb = net.Imbalance(j);
                imbalance = Math.Max(imbalance, imb);
                worst.Offer(Margin.AtMost("A(t): 2δ − imb_j(t)", imb, 2 * st.Delta, Tolerance.FromRounding(st.Ops, size2, "max_j‖W_j‖_F² (Gram products)")));
            }
            trace.Offer(t, imbalance, 2 * st.Delta);
            OfferLayers(worst, net, st);
            runningSum += gF * gF;
            worst.Offer(RunningSum(st, runningSum, t));
            if (t == steps)
            {
                break;
            }
            var next = OfferStep(worst, net, st);
            if (next is null)
            {
                break;
            }
            net = next;
        }
        return worst.Set.WithTrace(trace.Build());
    }

    private static TraceRecorder ImbalanceTrace() =>
        new("imbalance max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F along GD against 2δ (A)", "GD step t", "imbalance (Frobenius)", "max_j imbalance at step t", "2δ (bound)");

    private static Margin RunningSum(Setting st, double runningSum, int t) =>
        Margin.AtMost("(36)/(37): δ − 4(2‖Φ‖_F)^(2(N−1)/N)·η²·Σ_{i≤t}‖G(i)‖_F²", st.ImbConstant * st.Eta * st.Eta * runningSum, st.Delta,
            Tolerance.FromRounding(st.Ops + t, st.ImbConstant * st.Eta * st.Eta * runningSum, "the running sum"));

    /// <summary>C(t) and the sharper (33) at the current weights.</summary>
    private static void OfferLayers(Worst worst, DeepLinearNetwork net, Setting st)
    {
        for (int j = 1; j <= st.N; j++)
        {
            double s = MatrixMeasures.Spectral(net[j]);
            worst.Offer(Margin.AtMost($"C(t): {st.O.LayerText} − ‖W_j(t)‖_σ", s, st.LayerBound, Tolerance.FromRounding(st.Ops, s, "‖W_j‖_σ (SVD)")));
            worst.Offer(Margin.AtMost("(33): (2‖Φ‖_F)^(1/N)·2^(1/(2N)) − ‖W_j(t)‖_σ", s, st.Sharper, Tolerance.FromRounding(st.Ops, s, "‖W_j‖_σ (SVD)")));
        }
    }

    /// <summary>One GD step from <paramref name="net"/>: A′(t+1) (exact increment and brute-force consistency) and B(t+1); the next weights, or null if not finite.</summary>
    private static DeepLinearNetwork? OfferStep(Worst worst, DeepLinearNetwork net, Setting st)
    {
        int n = st.N;
        double eta = st.Eta;
        var g = net.EndToEnd() - st.Phi;
        double gF = g.FrobeniusNorm(), gS = MatrixMeasures.Spectral(g);
        double size2 = net.Weights.Max(w => w.FrobeniusNorm() * w.FrobeniusNorm());
        var grads = net.Gradients(st.Phi);
        var next = net.GradientStep(st.Phi, eta);
        if (!next.IsFinite())
        {
            worst.Offer(Margin.Uncomputable("trajectory finite"));
            return null;
        }
        double bound = eta * eta * st.O.GradientFactor(gF, gS) * st.ImbConstant;
        for (int j = 1; j < n; j++)
        {
            var inc = ImbalanceIncrement(grads, j, eta);
            double incF = inc.FrobeniusNorm();
            double gradSizes = eta * eta * (grads[j].FrobeniusNorm() * grads[j].FrobeniusNorm() + grads[j - 1].FrobeniusNorm() * grads[j - 1].FrobeniusNorm());
            worst.Offer(Margin.AtMost($"A′(t+1): η²·{st.O.GradientText}·4(2‖Φ‖_F)^(2(N−1)/N) − ‖Δ_j‖_F", incF, bound,
                Tolerance.FromRounding(st.Ops, gradSizes + bound, "η²(‖g_j‖² + ‖g_{j+1}‖²) + bound")));
            // Consistency of the exact increment with the brute-force difference of the stored states.
            double brute = next.Imbalance(j) - net.Imbalance(j);
            double stateRounding = Tolerance.Gamma(st.Ops) * (size2 + net.Weights.Max(w => w.FrobeniusNorm()) * 2 * eta * grads.Max(gj => gj.FrobeniusNorm()))
                + 2 * Tolerance.UnitRoundoff * size2;
            // A consistency check of the increment formula against the stored states (both rounding-level): no bound to approach.
            worst.Offer(Margin.Deviation("imb_j(t+1) − imb_j(t) ≤ ‖Δ_j‖_F (brute force vs exact increment)", Math.Max(0, brute - incF),
                Math.Max(Math.Max(incF, Math.Abs(brute)), double.Epsilon), Tolerance.Bound(stateRounding, "γ_n·‖W‖² Gram rounding of both states + u·‖W‖² next-state rounding")));
        }
        var change = TheoremOneSetting.Step(net, next, st.Phi);
        worst.Offer(TheoremOneSetting.DescentMargin("B(t+1): ℓ(t) − (η/2)σ_min^(2(N−1)/N)‖G‖² − ℓ(t+1)", change, eta, n));
        return next;
    }

    /// <summary>max over j of ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F (or of the same Gram difference of the gradients) on the flat column-major slices.</summary>
    private static double GramDifference(ReadOnlySpan<double> theta, int[] offsets, int[] dims, int j, double[] left, double[] right, double[] scratch)
    {
        // The column-major slice of W_j is the row-major U_j = W_jᵀ (d_{j−1}×d_j): W_{j+1}ᵀW_{j+1} = U_{j+1}U_{j+1}ᵀ, W_jW_jᵀ = U_jᵀU_j (d_j×d_j).
        int dj = dims[j];
        var u = theta.Slice(offsets[j - 1], dims[j] * dims[j - 1]);
        var v = theta.Slice(offsets[j], dims[j + 1] * dims[j]);
        DenseKernels.MultiplyTransposeRight(v, v, left, dj, dims[j + 1], dj, scratch);
        DenseKernels.MultiplyTransposeLeft(u, u, right, dims[j - 1], dj, dj);
        double sum = 0;
        for (int i = 0; i < dj * dj; i++)
        {
            double d = left[i] - right[i];
            sum += d * d;
        }
        return Math.Sqrt(sum);
    }

    /// <summary>The worst step of a per-step inequality lhs ≤ rhs, kept as raw numbers (no allocation per step on a 1e6-step run).</summary>
    private sealed class RawWorst(string name, string what)
    {
        private double _lhs, _rhs, _scale, _normalized = double.PositiveInfinity;
        private int _ops;
        private bool _any;

        public void AtMost(double lhs, double rhs, int ops, double scale)
        {
            double normalized = (rhs - lhs) / Math.Max(Math.Max(Math.Abs(lhs), Math.Abs(rhs)), double.Epsilon);
            if (!_any || normalized < _normalized || double.IsNaN(normalized))
            {
                (_lhs, _rhs, _ops, _scale, _normalized, _any) = (lhs, rhs, ops, scale, normalized, true);
            }
        }

        public void OfferTo(Worst worst)
        {
            if (_any)
            {
                worst.Offer(Margin.AtMost(name, _lhs, _rhs, Tolerance.FromRounding(_ops, _scale, what)));
            }
        }
    }

    /// <summary>
    /// The whole horizon T(ε) of Theorem 1 (ε from the instance) on Core's deep-linear kernel. Every step: A(t) (Gram differences on
    /// the flat weights), the running sum (36)/(37), A′(t+1) through the exact increment η²(g_{j+1}ᵀg_{j+1} − g_jg_jᵀ) of the layer
    /// gradients against the bound with ‖G‖_σ ≥ ‖G‖_F/√min(d_0, d_N) (equality for a row or column target), and B(t+1) with σ_min
    /// ≥ c (the weaker form the descent margin of Thm 1's proof uses). The SVD-based margins (C(t), (33), A′ by brute force, B(t+1) at
    /// σ_min(W(t))) at t ≤ <see cref="Horizon"/>, every <see cref="FullCheckStride"/> steps, and at T − 1, T.
    /// </summary>
    private static MarginSet ConcludeFullHorizon(Instance x, Setting st)
    {
        var net0 = st.Start;
        int n = st.N;
        int[] dims = net0.Dims;
        double eta = st.Eta, l0 = net0.Loss(st.Phi), eps = x.Scalar("eps");
        double kappa = TheoremOneSetting.Kappa(eta, st.C, n);
        double horizon = Math.Ceiling(Math.Log(l0 / eps) / kappa * (1 + Tolerance.Gamma(8)));
        if (!(horizon <= Thm1.StepCap))
        {
            return MarginSet.Of(Margin.Uncomputable("A(t): 2δ − imb_j(t)")).WithObservation("T(ε)", horizon);
        }
        int steps = (int)horizon;
        var objective = DeepLinearObjective.ForTarget(dims, st.Phi);
        var kernel = objective.CreateKernel();
        var theta = objective.Pack(net0);
        var grad = new double[theta.Length];
        int[] offsets = [.. Enumerable.Range(1, n).Select(objective.Offset), objective.Dimension];
        int dmax = dims.Max();
        double[] left = new double[dmax * dmax], right = new double[dmax * dmax], scratch = new double[dmax * dmax];
        double gammaLoss = Tolerance.Gamma(2 * (n + 1) * dmax + 8);
        double sigmaPower = Math.Pow(st.C, 2.0 * (n - 1) / n);
        double rank = Math.Min(dims[0], dims[n]);
        var worst = new Worst();
        worst.Offer(Margin.AtMost("B(0): ℓ(0) ≤ ½‖Φ‖_F²", l0, 0.5 * st.PhiF * st.PhiF));
        var imbalanceWorst = new RawWorst("A(t): 2δ − imb_j(t)", "max_j‖W_j‖_F² (Gram products)");
        var incrementWorst = new RawWorst($"A′(t+1): η²·{st.O.GradientText}·4(2‖Φ‖_F)^(2(N−1)/N) − ‖Δ_j‖_F", "η²(‖g_j‖² + ‖g_{j+1}‖²) + bound");
        var descentWorst = new RawWorst("B(t+1) with σ_min ≥ c, every step: ℓ(t) − ℓ(t+1) − (η/2)c^(2(N−1)/N)‖G(t)‖²", "(Π‖W_j‖_F + ‖Φ‖_F)·(‖G(t)‖_F + ‖G(t+1)‖_F) (both losses)");
        var trace = ImbalanceTrace();
        double runningSum = 0, prevLoss = double.NaN, prevSize = 0, maxImbalance = 0;
        for (int t = 0; t <= steps; t++)
        {
            double loss = kernel.ValueAndGradient(theta, grad);
            if (!double.IsFinite(loss))
            {
                worst.Offer(Margin.Uncomputable("trajectory finite"));
                break;
            }
            double gF = Math.Sqrt(2 * loss);
            double size2 = 0, layers = 1;
            for (int j = 0; j < n; j++)
            {
                var w = theta.AsSpan(offsets[j], offsets[j + 1] - offsets[j]);
                double f2 = DenseKernels.Dot(w, w);
                size2 = Math.Max(size2, f2);
                layers *= Math.Sqrt(f2);
            }
            double imbalance = 0;
            for (int j = 1; j < n; j++)
            {
                double imb = GramDifference(theta, offsets, dims, j, left, right, scratch);
                imbalance = Math.Max(imbalance, imb);
                imbalanceWorst.AtMost(imb, 2 * st.Delta, st.Ops, size2);
            }
            maxImbalance = Math.Max(maxImbalance, imbalance);
            trace.Offer(t, imbalance, 2 * st.Delta);
            runningSum += gF * gF;
            double lossSize = (layers + st.PhiF) * gF;
            if (t > 0)
            {
                // ℓ(t−1) − ℓ(t) ≥ (η/2)c^p‖G(t−1)‖² = ηc^pℓ(t−1) (utilization bound/decrease, ≈ ½: GD contracts at about twice this).
                descentWorst.AtMost(eta * sigmaPower * prevLoss, prevLoss - loss, 2 * (n + 1) * dmax + 12, prevSize + lossSize + 2 * prevLoss);
            }
            bool sampled = t <= Horizon || t % FullCheckStride == 0 || t >= steps - 1;
            if (sampled || t == steps)
            {
                worst.Offer(RunningSum(st, runningSum, t));
            }
            if (sampled)
            {
                var net = objective.Network(theta);
                OfferLayers(worst, net, st);
                if (t < steps && OfferStep(worst, net, st) is null)
                {
                    break;
                }
            }
            if (t == steps)
            {
                break;
            }
            // A′(t+1) on the layer gradients g_j (the same flat layout): Δ_j = η²(g_{j+1}ᵀg_{j+1} − g_jg_jᵀ).
            double bound = eta * eta * st.O.GradientFactor(gF, gF / Math.Sqrt(rank)) * st.ImbConstant;
            double gradSize = 0;
            for (int j = 0; j < n; j++)
            {
                var gj = grad.AsSpan(offsets[j], offsets[j + 1] - offsets[j]);
                gradSize = Math.Max(gradSize, DenseKernels.Dot(gj, gj));
            }
            for (int j = 1; j < n; j++)
            {
                double incF = eta * eta * GramDifference(grad, offsets, dims, j, left, right, scratch);
                incrementWorst.AtMost(incF, bound, st.Ops, 2 * eta * eta * gradSize + bound);
            }
            (prevLoss, prevSize) = (loss, lossSize);
            DenseKernels.Axpy(-eta, grad, theta);
        }
        imbalanceWorst.OfferTo(worst);
        incrementWorst.OfferTo(worst);
        descentWorst.OfferTo(worst);
        return worst.Set.WithTrace(trace.Build())
            .WithObservation("T(ε)", horizon)
            .WithObservation("max_t max_j imbalance", maxImbalance)
            .WithObservation("2δ", 2 * st.Delta)
            .WithObservation("drift bound (36)/(37) at T / δ", st.ImbConstant * eta * eta * runningSum / st.Delta);
    }
}
