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
        FormalisationNote = $"Theorem 1 instances, every step t ≤ {Horizon} (bounded horizon); every other trial starts with the imbalance AT δ*(c) "
            + "(Procedure 1 layers perturbed by bisection to the H2 boundary: N ≥ 2, or the row-target family of Theorem 1), so A(t)'s 2δ is "
            + "used to ≈ 1/2 at t = 0. A′ via the exact increment "
            + "Δ_j = η²(W_{1:j}GᵀW_{j+2:N}ᵀ… − …) formed from the layer gradients (no cancellation; catalog formula), plus a brute-force "
            + "consistency margin imb_j(t+1) − imb_j(t) ≤ ‖Δ_j‖_F. B(0) and B(t+1) (= Lemma 1, telescoped loss difference). C(t) and the "
            + "sharper (33) bound (2‖Φ‖_F)^{1/N}2^{1/(2N)}. Running sum (36)/(37): 4(2‖Φ‖_F)^{2(N−1)/N}η²Σ_i‖G(i)‖_F² ≤ δ. "
            + "A′ reads 'dL¹/dW W(t−1)' in print: the gradient at W(t−1). Worst step per margin.",
        Constants = TheoremOneSetting.Constants,
        Hypotheses = new Hypotheses(
            "Theorem 1 generator: even trials imbalance AT δ*(c) (Procedure 1 + perturbation, N ∈ 2..4, or row target N = 2); odd trials scalar / tight / Procedure 1 / Procedure 1 + imbalance",
            Generate,
            (x, k) => TheoremOneSetting.Validate(x, k)),
        Conclusion = (x, k, p) => Conclude(x, k, Paper),
        Fidelity = Fidelity.Restricted($"horizon t ≤ {Horizon} of a statement about every t ≥ 0 (T(ε) is 1e5–1e8 steps): over it the imbalance moves by "
            + "≤ 1e-6·δ and the running sum (36)/(37) stays ≤ 1e-4·δ, so A(t) is exercised only through the initial imbalance (generated at δ) and "
            + "the drift bound not at all"),
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
        var x = (ctx.Index % 4) switch
        {
            0 => TheoremOneSetting.Generate(ctx.Rng, ctx.Constants, "proc1-at-delta", Horizon),
            2 => TheoremOneSetting.FullHorizon(ctx.Rng, ctx.Constants, "row-unbalanced"),
            _ => TheoremOneSetting.Generate(ctx.Rng, ctx.Constants, TheoremOneSetting.Families[(ctx.Index / 2) % TheoremOneSetting.Families.Length], Horizon),
        };
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

    private static MarginSet Conclude(Instance x, ConstantValues k, Options o)
    {
        var phi = x.RequireTarget;
        var net = x.Network;
        int n = net.Depth;
        double eta = x.RequireEta, c = x.Scalar("c");
        int steps = (int)x.Scalar("steps");
        double phiF = phi.FrobeniusNorm();
        double delta = TheoremOneSetting.DeltaStar(c, n, phiF, k);
        double imbConstant = 4 * Math.Pow(2 * phiF, 2.0 * (n - 1) / n);
        double layerBound = o.LayerBound(phiF, n);
        double sharper = Math.Pow(2 * phiF, 1.0 / n) * Math.Pow(2, 1.0 / (2 * n));
        int ops = 4 * (n + 1) * net.Dims.Max() + 8;
        var worst = new Worst();
        double l0 = net.Loss(phi);
        worst.Offer(Margin.AtMost("B(0): ℓ(0) ≤ ½‖Φ‖_F²", l0, 0.5 * phiF * phiF));
        double runningSum = 0;
        // max_j imbalance against 2δ along the run, for the report's plot (not evidence: the margins decide).
        var trace = new TraceRecorder("imbalance max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F along GD against 2δ (A)", "GD step t",
            "imbalance (Frobenius)", "max_j imbalance at step t", "2δ (bound)");
        for (int t = 0; t <= steps; t++)
        {
            var g = net.EndToEnd() - phi;
            double gF = g.FrobeniusNorm(), gS = MatrixMeasures.Spectral(g);
            double size2 = net.Weights.Max(w => w.FrobeniusNorm() * w.FrobeniusNorm());
            double imbalance = 0;
            for (int j = 1; j < n; j++)
            {
                double imb = net.Imbalance(j);
                imbalance = Math.Max(imbalance, imb);
                worst.Offer(Margin.AtMost("A(t): 2δ − imb_j(t)", imb, 2 * delta, Tolerance.FromRounding(ops, size2, "max_j‖W_j‖_F² (Gram products)")));
            }
            trace.Offer(t, imbalance, 2 * delta);
            for (int j = 1; j <= n; j++)
            {
                double s = MatrixMeasures.Spectral(net[j]);
                worst.Offer(Margin.AtMost($"C(t): {o.LayerText} − ‖W_j(t)‖_σ", s, layerBound, Tolerance.FromRounding(ops, s, "‖W_j‖_σ (SVD)")));
                worst.Offer(Margin.AtMost("(33): (2‖Φ‖_F)^(1/N)·2^(1/(2N)) − ‖W_j(t)‖_σ", s, sharper, Tolerance.FromRounding(ops, s, "‖W_j‖_σ (SVD)")));
            }
            runningSum += gF * gF;
            worst.Offer(Margin.AtMost("(36)/(37): δ − 4(2‖Φ‖_F)^(2(N−1)/N)·η²·Σ_{i≤t}‖G(i)‖_F²", imbConstant * eta * eta * runningSum, delta,
                Tolerance.FromRounding(ops + t, imbConstant * eta * eta * runningSum, "the running sum")));
            if (t == steps)
            {
                break;
            }
            var grads = net.Gradients(phi);
            var next = net.GradientStep(phi, eta);
            if (!next.IsFinite())
            {
                worst.Offer(Margin.Uncomputable("trajectory finite"));
                break;
            }
            double bound = eta * eta * o.GradientFactor(gF, gS) * imbConstant;
            for (int j = 1; j < n; j++)
            {
                var inc = ImbalanceIncrement(grads, j, eta);
                double incF = inc.FrobeniusNorm();
                double gradSizes = eta * eta * (grads[j].FrobeniusNorm() * grads[j].FrobeniusNorm() + grads[j - 1].FrobeniusNorm() * grads[j - 1].FrobeniusNorm());
                worst.Offer(Margin.AtMost($"A′(t+1): η²·{o.GradientText}·4(2‖Φ‖_F)^(2(N−1)/N) − ‖Δ_j‖_F", incF, bound,
                    Tolerance.FromRounding(ops, gradSizes + bound, "η²(‖g_j‖² + ‖g_{j+1}‖²) + bound")));
                // Consistency of the exact increment with the brute-force difference of the stored states.
                double brute = next.Imbalance(j) - net.Imbalance(j);
                double stateRounding = Tolerance.Gamma(ops) * (size2 + net.Weights.Max(w => w.FrobeniusNorm()) * 2 * eta * grads.Max(gj => gj.FrobeniusNorm()))
                    + 2 * Tolerance.UnitRoundoff * size2;
                // A consistency check of the increment formula against the stored states (both rounding-level): no bound to approach.
                worst.Offer(Margin.Deviation("imb_j(t+1) − imb_j(t) ≤ ‖Δ_j‖_F (brute force vs exact increment)", Math.Max(0, brute - incF),
                    Math.Max(Math.Max(incF, Math.Abs(brute)), double.Epsilon), Tolerance.Bound(stateRounding, "γ_n·‖W‖² Gram rounding of both states + u·‖W‖² next-state rounding")));
            }
            var change = TheoremOneSetting.Step(net, next, phi);
            worst.Offer(TheoremOneSetting.DescentMargin("B(t+1): ℓ(t) − (η/2)σ_min^(2(N−1)/N)‖G‖² − ℓ(t+1)", change, eta, n));
            net = next;
        }
        return worst.Set.WithTrace(trace.Build());
    }
}
