using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 7 (App. D.2.2, L584–594; proof Eqs. (27)–(32), L596–710): with Theorem 1's Φ, c, δ = δ*(c) and η
/// satisfying (7), if at some t (1) ‖W_j(t)‖_σ ≤ (4‖Φ‖_F)^{1/N} for all j, (2) ‖W(t) − Φ‖_σ ≤ ‖Φ‖_F, (3) imb_j(t) ≤ 2δ for
/// all j, (4) σ_min(W(t)) ≥ c, then after one GD step L(W(t+1)) − L(W(t)) ≤ −(η/2)σ_min^{2(N−1)/N}‖dL/dW(W(t))‖_F².
/// Formalisation note: single-state check (the state need not be reachable from a Theorem 1 initialization). The
/// conclusion margin uses the telescoped loss difference; the proof's intermediate bounds are separate margins on the
/// same state so a failure can be localized: (27) in its state-dependent form, (28), (30), (31) and the spectral bound
/// λ_min(Σ_j (W_1ᵀW_1)^{j−1} ⊗ (W_NW_Nᵀ)^{N−j}) ≥ (3/4)σ_min^{2(N−1)/N}.
/// </summary>
public static class Lemma7
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma7"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 7 (App. D.2.2); proof Eqs. (27)–(32), footnote 12", "L584–710"),
        Kind = StatementKind.Lemma,
        Title = "one GD step decreases the loss",
        Text = "Under Theorem 1's constants, if ‖W_j‖_σ ≤ (4‖Φ‖_F)^{1/N}, ‖W − Φ‖_σ ≤ ‖Φ‖_F, imb_j ≤ 2δ and σ_min(W) ≥ c, then one GD step "
            + "decreases L by at least (η/2)σ_min^{2(N−1)/N}‖W − Φ‖_F².",
        FormalisationNote = "States: W = Φ + R with ‖R‖_σ ≤ ρ·min(‖Φ‖_F, σ_min(Φ) − c), layers by Procedure 1 perturbed to imbalance "
            + "u·2δ (u ∈ [0, 1]); η = η*(c)·{1, 0.1}; every third trial is the TIGHT instance (d_0 = 2, d_N = 1, Φ = a(1, 0)). "
            + "M := (4‖Φ‖_F)^{1/N}, B := ‖Φ‖_F. (30) is checked on (*) = ΔW + ηΣ_j W_{j+1:N}W_{j+1:N}ᵀGW_{1:j−1}ᵀW_{1:j−1} (difference of "
            + "two O(η) quantities, error ~u·‖ΔW‖ ≪ η²); the Kronecker operator acts on column-major vec(G).",
        Constants = TheoremOneSetting.Constants,
        Fidelity = Fidelity.Full("the one-step descent from states satisfying every hypothesis (imbalance up to 2δ, σ_min ≥ c), η = η*(c)·{1, 0.1}, plus the tight instance"),
        Hypotheses = new Hypotheses(
            "Procedure 1 states with imbalance ≤ 2δ and σ_min(W) ≥ c, plus the tight instance",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, k),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("DropOneHalf", "conclusion without the ½: refuted only by the tight instance (margin ≈ −1e-12)",
                s => s.WithGenerator("tight instance", ctx => TheoremOneSetting.Tight(ctx.Rng, ctx.Constants, 1, ctx.Rng.LogUniform(0.05, 3), ctx.Rng.NextInt(2, 4)))
                    .WithConclusion((x, k, p) => Conclude(x, k, factor: 1)), trials: 3),
            Variant.Mutant("SigmaMaxInsteadOfSigmaMin", "σ_max in place of σ_min: refuted by Φ = diag(1, 0.2), W = diag(1, 0.1), N = 2",
                s => s.WithGenerator("Φ = diag(1, 0.2), W = diag(1, 0.1), N = 2", Lemma1.WeakDirection).WithConclusion((x, k, p) => Conclude(x, k, sigmaMax: true)), trials: 1),
        ],
        Errata =
        [
            "Proof of Lemma 7 (Lemma 5 step): the first sum shows M^{2(N−j)}(N−j)²M^{2(j−1)}; the correct factor is M^{2(N−j−1)} (stated result unaffected).",
            "Display before (32): '+ η(N²M^{4(N−1)} + 4η²M^{6N−8}N⁴B²)' is missing the factor η‖G‖_F² (should be + η²‖G‖_F²(…)); (32) is consistent.",
            "(27): the second term simplifies to 3·2^10, the paper states 3·2^11 (weaker, still valid).",
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        var k = ctx.Constants;
        if (ctx.Index % 3 == 0)
        {
            return TheoremOneSetting.Tight(rng, k, 1, rng.LogUniform(0.05, 3), rng.NextInt(2, 4));
        }
        int n = rng.NextInt(1, 4);
        int d0 = rng.NextInt(1, 3), dn = rng.NextInt(1, 3);
        int m = Math.Min(d0, dn);
        int[] dims = [d0, .. Enumerable.Range(0, n - 1).Select(_ => rng.NextInt(m, 3)), dn];
        double scale = rng.LogUniform(0.2, 5);
        var phi = rng.Stiefel(dn, m) * Matrix<double>.Build.DenseDiagonal(m, m, _ => scale * rng.Uniform(0.4, 1)) * rng.Stiefel(d0, m).Transpose();
        double sigmaMin = MatrixMeasures.SigmaMin(phi);
        double c = sigmaMin * rng.Uniform(0.1, 0.9);
        var r = rng.GaussianMatrix(dn, d0);
        var w = phi + rng.Uniform(0, 0.95) * Math.Min(phi.FrobeniusNorm(), sigmaMin - c) * r / MatrixMeasures.Spectral(r);
        var net = BalancedInitialization.Create(dims, w);
        double phiF = phi.FrobeniusNorm();
        if (n >= 2)
        {
            net = TheoremOneSetting.Unbalance(rng, net, rng.Uniform(0, 1) * 2 * TheoremOneSetting.DeltaStar(c, n, phiF, k));
        }
        double eta = TheoremOneSetting.EtaStar(c, n, phiF, k) * rng.Pick([1.0, 0.1]);
        return Instance.ForNetwork("state", net, phi, eta).WithScalar("c", c);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int n = net.Depth;
        double c = x.Scalar("c"), phiF = phi.FrobeniusNorm();
        double delta = TheoremOneSetting.DeltaStar(c, n, phiF, k);
        var w = net.EndToEnd();
        double slack = Tolerance.Gamma(8 * (phi.RowCount + phi.ColumnCount)) * MatrixMeasures.Spectral(phi);
        return HypothesesCheck.All(
            (c > 0 && c <= MatrixMeasures.SigmaMin(phi), "0 < c ≤ σ_min(Φ)"),
            (x.RequireEta > 0 && x.RequireEta <= TheoremOneSetting.EtaStar(c, n, phiF, k), "η satisfies (7)"),
            (net.Weights.All(wj => MatrixMeasures.Spectral(wj) <= Math.Pow(4 * phiF, 1.0 / n)), "(1) ‖W_j‖_σ ≤ (4‖Φ‖_F)^{1/N}"),
            (MatrixMeasures.Spectral(w - phi) <= phiF, "(2) ‖W − Φ‖_σ ≤ ‖Φ‖_F"),
            (Enumerable.Range(1, n - 1).All(j => net.Imbalance(j) <= 2 * delta), "(3) imb_j ≤ 2δ"),
            (MatrixMeasures.SigmaMin(w) >= c - slack, "(4) σ_min(W) ≥ c"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, double factor = 0.5, bool sigmaMax = false)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int n = net.Depth;
        double eta = x.RequireEta, c = x.Scalar("c"), phiF = phi.FrobeniusNorm();
        double delta = TheoremOneSetting.DeltaStar(c, n, phiF, k);
        var next = net.GradientStep(phi, eta);
        var change = TheoremOneSetting.Step(net, next, phi);
        var margins = new List<Margin>
        {
            TheoremOneSetting.DescentMargin("L(W(t)) − (η/2)σ_min^(2(N−1)/N)‖G‖² − L(W(t+1))", change, eta, n, factor, sigmaMax),
        };
        double mm = Math.Pow(4 * phiF, 1.0 / n), b = phiF, s = change.SigmaMin, gF = change.GradientNorm;
        double p = 2.0 * (n - 1) / n, sp = Math.Pow(s, p);
        int ops = 8 * (n + 2);
        // (27) with σ_min(W(t)) in place of c (the state-dependent form the proof needs).
        double eta27 = new[]
        {
            1 / (2 * Math.Pow(mm, n - 2) * b * n),
            sp / (48 * Math.Pow(mm, 3 * n - 4) * n * n * b),
            sp / (24 * n * n * Math.Pow(mm, 4 * (n - 1))),
            Math.Pow(s, p / 3) / Math.Cbrt(96 * Math.Pow(mm, 6 * n - 8) * Math.Pow(n, 4) * b * b),
        }.Min();
        margins.Add(Margin.AtMost("(27): η ≤ min{1/(2M^{N−2}BN), σ^p/(48M^{3N−4}N²B), σ^p/(24N²M^{4(N−1)}), σ^{p/3}/(96M^{6N−8}N⁴B²)^{1/3}}", eta, eta27, ops));
        double delta28 = Math.Min(sp / (8.0 * n * n * n * Math.Pow(mm, 2 * (n - 2))), s * s / (6.0 * n * n * Math.Pow(mm, 2 * (n - 1))));
        margins.Add(Margin.AtMost("(28): 2δ ≤ min{σ^p/(8N³M^{2(N−2)}), σ²/(6N²M^{2(N−1)})}", 2 * delta, delta28, ops));
        // (29)/(30): the higher-order part (*) of ΔW.
        var grads = net.Gradients(phi);
        // ΔW of the exact GD step from this state: Σ_j (W+D)_{j+1:N} D_j W_{1:j−1} with D_j = −η g_j (not the rounded next state,
        // whose u·‖W_j‖ rounding would swamp the O(η²) quantity (*)).
        var moved = new DeepLinearNetwork(net.Weights.Select((wj, i) => wj - eta * grads[i]));
        var dw = Matrix<double>.Build.Dense(phi.RowCount, phi.ColumnCount);
        var firstOrder = Matrix<double>.Build.Dense(phi.RowCount, phi.ColumnCount);
        double sizes = 0;
        for (int j = 1; j <= n; j++)
        {
            var after = moved.Product(j + 1, n);
            var before = net.Product(1, j - 1);
            dw += after * (-eta * grads[j - 1]) * before;
            firstOrder += net.Product(j + 1, n) * grads[j - 1] * before;
            sizes += after.FrobeniusNorm() * eta * grads[j - 1].FrobeniusNorm() * before.FrobeniusNorm();
        }
        var star = dw + eta * firstOrder;
        double bound30 = eta * (2 * eta * Math.Pow(mm, 3 * n - 4) * n * n * b) * gF;
        var dwTol = Tolerance.FromRounding(ops, sizes + eta * firstOrder.FrobeniusNorm(), "Σ_j‖(W+D)_{j+1:N}‖‖D_j‖‖W_{1:j−1}‖ + η‖first-order term‖_F");
        margins.Add(Margin.AtMost("(30): η(2ηM^{3N−4}N²B)‖G‖_F − ‖(*)‖_F", star.FrobeniusNorm(), bound30, dwTol));
        double bound31 = 2 * eta * eta * gF * gF * (n * n * Math.Pow(mm, 4 * (n - 1)) + 4 * eta * eta * Math.Pow(mm, 6 * n - 8) * Math.Pow(n, 4) * b * b);
        double dwF = dw.FrobeniusNorm();
        margins.Add(Margin.AtMost("(31): ‖W(t+1) − W(t)‖_F² ≤ 2η²‖G‖_F²(N²M^{4(N−1)} + 4η²M^{6N−8}N⁴B²)", dwF * dwF, bound31, ops));
        // Spectral step: λ_min of Σ_j (W_1ᵀW_1)^{j−1} ⊗ (W_NW_Nᵀ)^{N−j} against (3/4)σ_min^{2(N−1)/N}.
        var d = net[1].TransposeThisAndMultiply(net[1]);
        var e = net[n].TransposeAndMultiply(net[n]);
        Matrix<double>? op = null;
        for (int j = 1; j <= n; j++)
        {
            var term = MatrixMeasures.Power(d, j - 1).KroneckerProduct(MatrixMeasures.Power(e, n - j));
            op = op is null ? term : op + term;
        }
        double lambda = MatrixMeasures.MinEigenvalue(0.5 * (op! + op!.Transpose()));
        double opScale = n * Math.Pow(Math.Max(MatrixMeasures.Spectral(d), MatrixMeasures.Spectral(e)), n - 1);
        margins.Add(Margin.AtLeast("λ_min(Σ_j (W_1ᵀW_1)^{j−1} ⊗ (W_NW_Nᵀ)^{N−j}) − (3/4)σ_min^{2(N−1)/N}", lambda, 0.75 * sp,
            Tolerance.FromRounding(ops * d.RowCount * e.RowCount, opScale, "N·max(‖W_1ᵀW_1‖, ‖W_NW_Nᵀ‖)^{N−1} (powers + eigen-solver)")));
        return new MarginSet(margins).WithObservation("normalized descent margin (per η·ℓ)", margins[0].Normalized);
    }
}
