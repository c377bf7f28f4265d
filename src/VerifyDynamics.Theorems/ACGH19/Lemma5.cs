using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 5 (App. D.2.1, Eqs. 15–18, L429–445; proof L447–531): if d_N ≤ d_{N−1}, d_0 ≤ d_1, and for some
/// ν, M &gt; 0 (15) ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F ≤ ν (1 ≤ j ≤ N−1) and ‖W_j‖_σ ≤ M (1 ≤ j ≤ N), then for 1 ≤ j ≤ N
/// (16) ‖W_{1:j}ᵀW_{1:j} − (W_1ᵀW_1)^j‖_F ≤ (3/2)ν M^{2(j−1)} j²,
/// (17) ‖W_{j:N}W_{j:N}ᵀ − (W_NW_Nᵀ)^{N−j+1}‖_F ≤ (3/2)ν M^{2(N−j)} (N−j+1)², and
/// (18) as PROVED (L520–530): σ_{N,min}^{2N} ≥ σ_min² − (3/2)νM^{2(N−1)}N² when d_N ≤ d_0, and σ_{1,min}^{2N} ≥ the same
/// when d_0 ≤ d_N (σ_min = σ_min(W_{1:N}), σ_{1,min} = σ_min(W_1), σ_{N,min} = σ_min(W_N)).
/// Formalisation note: the PRINTED (18) has the case labels swapped (σ_{N,min} for d_N ≥ d_0) and is false whenever
/// d_N ≠ d_0 — it is the erratum variant, refuted by N = 2, dims (1, 3, 3), Procedure 1 weights (σ_{2,min} = 0 while
/// σ_min(W_{1:2}) = ‖A‖ &gt; 0). ν := computed max_j imb_j + its rounding bound (so ν ≥ the exact imbalance and ν &gt; 0),
/// M := max_j ‖W_j‖_σ. Tolerances: a product of k factors of norm ≤ M carries γ_n·k·M^k·√d.
/// The control <c>OutsideDimensionHypotheses</c> checks (16)/(17) on no-bottleneck dims with d_0 &gt; d_1 or d_N &gt; d_{N−1}
/// (outside the lemma, as Theorem 1 needs; the proof of (16)/(17) does not use the dimension hypotheses).
/// </summary>
public static class Lemma5
{
    public static readonly NamedConstant ThreeHalves = new("three_halves", Rational.Of(3, 2), "the constant 3/2 in (16), (17), (18)");

    /// <summary>Which form of the conclusion to evaluate (the lemma, its catalog mutants, the erratum).</summary>
    private sealed record Form(double Constant17Override = double.NaN, int Exponent17Shift = 0, bool Printed18 = false, bool Only16And17 = false);

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma5"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 5, Eqs. (15)–(18) (App. D.2.1); proof of (18) L520–530", "L429–531"),
        Kind = StatementKind.Lemma,
        Title = "approximate balancedness ⇒ products ≈ powers",
        Text = "Under (15) and ‖W_j‖_σ ≤ M: (16), (17) bound W_{1:j}ᵀW_{1:j} − (W_1ᵀW_1)^j and W_{j:N}W_{j:N}ᵀ − (W_NW_Nᵀ)^{N−j+1}; (18) bounds σ_min(W_{1:N})² by σ_{N,min}^{2N} (d_N ≤ d_0) or σ_{1,min}^{2N} (d_0 ≤ d_N).",
        FormalisationNote = "Main check = (16), (17) for all j and the PROVED case labels of (18). ν = max imb + rounding bound, M = max ‖W_j‖_σ. "
            + "Families (index mod 5): 0 erratum-exposing Proc1 with d_0 < d_N (literal dims (1, 3, 3) when index mod 10 = 0); "
            + "1 Proc1 + noise ε ∈ 10^[−6, −0.5]; 2 orthogonal chain + noise; 3 Gaussian layers (large ν); 4 adversarial for (17): "
            + "N = 2, W_2 = M·Q, W_1 = (M²I − ν vvᵀ)^{1/2}, so the (17) LHS at j = 1 is exactly M²ν (M ∈ [3, 5] when index mod 10 = 4).",
        Constants = [ThreeHalves],
        Fidelity = Fidelity.Substitute("(16) and (17) as printed, and (18) with the case labels its proof establishes (σ_{N,min} for d_N ≤ d_0); the printed labels are refuted by the erratum variant PrintedEq18"),
        Hypotheses = new Hypotheses(
            "N 1..4 (2 for families 0, 4), widths 1..4 with d_N ≤ d_{N−1} and d_0 ≤ d_1; five families, see the formalisation note",
            ctx => Build(ctx, outsideDims: false),
            (x, k) => ValidateWith(x, insideDims: true)),
        Conclusion = (x, k, p) => Conclude(x, k, new Form()),
        DefaultTrials = 100,
        Errata =
        [
            "Eq. (18) as printed has its case labels swapped: it pairs σ_{N,min} with d_N ≥ d_0 and σ_{1,min} with d_N ≤ d_0, but the proof (L520–530) "
            + "establishes σ_{N,min}^{2N} ≥ σ_min² − (3/2)νM^{2(N−1)}N² for d_N ≤ d_0 and σ_{1,min}^{2N} ≥ … for d_0 ≤ d_N. The printed form is false "
            + "whenever d_N ≠ d_0: N = 2, dims (1, 3, 3), Procedure 1 weights give σ_{2,min} = 0 < σ_min(W_{1:2})² − O(ν).",
        ],
        Variants =
        [
            Variant.Erratum("PrintedEq18", "Eq. (18) with the printed case labels (σ_{N,min} for d_N ≥ d_0, σ_{1,min} for d_N ≤ d_0): refuted by Proc1 weights with d_0 < d_N",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, new Form(Printed18: true))), trials: 10),
            Variant.Mutant("OneEighthIn17", "3/2 → 1/8 in (17): refuted by the adversarial N = 2 instance (LHS = M²ν > ½M²ν)",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, new Form(Constant17Override: 1.0 / 8))), trials: 10),
            Variant.Mutant("ExponentInSeventeenLowered", "M^{2(N−j)} → M^{2(N−j−1)} in (17): dimensionally inconsistent, refuted by the adversarial instance with M ≥ 3",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, new Form(Exponent17Shift: -2))), trials: 10),
            Variant.Control("OutsideDimensionHypotheses", "(16), (17) on no-bottleneck dims with d_0 > d_1 or d_N > d_{N−1} (outside the lemma; used by Thm 1): must still hold",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, new Form(Only16And17: true)))
                      .WithHypotheses("Proc1 + noise / Gaussian layers on no-bottleneck dims violating d_0 ≤ d_1 or d_N ≤ d_{N−1}", ctx => Build(ctx, outsideDims: true), (x, k) => ValidateWith(x, insideDims: false)),
                trials: 40),
        ],
    };

    private static Instance Build(TrialContext ctx, bool outsideDims)
    {
        var rng = ctx.Rng;
        if (outsideDims)
        {
            int depth = rng.NextInt(2, 4);
            int[] dims;
            do
            {
                dims = BalancedNetworks.NoBottleneckDims(rng, depth, 5);
            }
            while (BalancedNetworks.MeetsLemma5Dims(dims));
            var net = ctx.Index % 2 == 0
                ? BalancedNetworks.Perturbed(BalancedInitialization.Create(dims, BalancedNetworks.TargetMatrix(rng, dims[depth], dims[0], 0)), rng.LogUniform(1e-6, 0.3), rng)
                : new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.GaussianMatrix(dims[j], dims[j - 1])));
            return new Instance { Family = ctx.Index % 2 == 0 ? "outside-proc1-noise" : "outside-gaussian" }.WithNetwork(net);
        }
        switch (ctx.Index % 5)
        {
            case 0:
                {
                    int[] dims = ctx.Index % 10 == 0 ? [1, 3, 3] : ErratumDims(rng);
                    var a = BalancedNetworks.TargetMatrix(rng, dims[^1], dims[0], 0);
                    return new Instance { Family = ctx.Index % 10 == 0 ? "erratum-(1,3,3)" : "erratum-proc1" }.WithNetwork(BalancedInitialization.Create(dims, a));
                }
            case 1:
                {
                    int depth = rng.NextInt(1, 4);
                    var dims = BalancedNetworks.Lemma5Dims(rng, depth, 4);
                    var net = BalancedInitialization.Create(dims, BalancedNetworks.TargetMatrix(rng, dims[depth], dims[0], rng.NextInt(0, 2)));
                    return new Instance { Family = "proc1-noise" }.WithNetwork(BalancedNetworks.Perturbed(net, rng.LogUniform(1e-6, 0.3), rng));
                }
            case 2:
                {
                    var net = BalancedNetworks.OrthogonalChain(rng, rng.NextInt(2, 4), rng.NextInt(1, 4), rng.LogUniform(0.3, 3));
                    return new Instance { Family = "chain-noise" }.WithNetwork(BalancedNetworks.Perturbed(net, rng.LogUniform(1e-6, 0.3), rng));
                }
            case 3:
                {
                    int depth = rng.NextInt(1, 4);
                    var dims = BalancedNetworks.Lemma5Dims(rng, depth, 4);
                    return new Instance { Family = "gaussian" }.WithNetwork(new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.GaussianMatrix(dims[j], dims[j - 1]))));
                }
            default:
                {
                    int d = rng.NextInt(1, 4);
                    double m = ctx.Index % 10 == 4 ? rng.Uniform(3, 5) : rng.LogUniform(0.3, 3);
                    double nu = m * m * rng.Uniform(0.01, 0.5);
                    var v = rng.GaussianMatrix(d, 1);
                    v /= v.FrobeniusNorm();
                    var w1 = MatrixMeasures.SymmetricFunction(m * m * Matrix<double>.Build.DenseIdentity(d) - nu * v * v.Transpose(), z => Math.Sqrt(Math.Max(z, 0)));
                    var w2 = m * rng.HaarOrthogonal(d);
                    return new Instance { Family = "adversarial-17" }.WithNetwork(new DeepLinearNetwork([w1, w2]));
                }
        }
    }

    /// <summary>N = 2..4, d_0 &lt; d_N ≤ d_{N−1}: the padded last layer of Procedure 1 has rank d_0 &lt; d_N, so σ_{N,min} = 0.</summary>
    private static int[] ErratumDims(Core.Randomness.Rng rng)
    {
        int depth = rng.NextInt(2, 4);
        var dims = new int[depth + 1];
        dims[0] = rng.NextInt(1, 3);
        dims[depth] = rng.NextInt(dims[0] + 1, 4);
        for (int j = 1; j < depth; j++)
        {
            dims[j] = rng.NextInt(dims[depth], 4);
        }
        return dims;
    }

    private static HypothesesCheck ValidateWith(Instance x, bool insideDims)
    {
        var dims = x.Network.Dims;
        return insideDims
            ? HypothesesCheck.All((BalancedNetworks.MeetsLemma5Dims(dims), "d_N ≤ d_{N−1} and d_0 ≤ d_1"))
            : HypothesesCheck.All((BalancedNetworks.HasNoBottleneck(dims) && !BalancedNetworks.MeetsLemma5Dims(dims), "no bottleneck, outside Lemma 5's dimension hypotheses"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Form form)
    {
        var net = x.Network;
        int n = net.Depth;
        var dims = net.Dims;
        double threeHalves = k.Double(ThreeHalves.Name);
        var imbTol = BalancedNetworks.ImbalanceRounding(net);
        // ν must be > 0 and at least the exact imbalance: the computed maximum plus its rounding bound.
        double nu = net.BalancednessGap() + imbTol.Absolute;
        double m = BalancedNetworks.MaxLayerNorm(net);
        int ops = BalancedNetworks.Operations(dims);
        double sqrtD = Math.Sqrt(dims.Max());
        var margins = new List<Margin>();
        var w1Gram = net[1].TransposeThisAndMultiply(net[1]);
        var wNGram = net[n].TransposeAndMultiply(net[n]);
        for (int j = 1; j <= n; j++)
        {
            var p = net.Product(1, j);
            double lhs16 = (p.TransposeThisAndMultiply(p) - MatrixMeasures.Power(w1Gram, j)).FrobeniusNorm();
            double rhs16 = threeHalves * nu * Math.Pow(m, 2 * (j - 1)) * j * j;
            margins.Add(Margin.AtMost($"(16) j={j}", lhs16, rhs16, Tolerance.FromRounding(ops, 2 * j * Math.Pow(m, 2 * j) * sqrtD, "2j·M^{2j}·√d")));
            var s = net.Product(j, n);
            int k17 = n - j + 1;
            double lhs17 = (s.TransposeAndMultiply(s) - MatrixMeasures.Power(wNGram, k17)).FrobeniusNorm();
            double c17 = double.IsNaN(form.Constant17Override) ? threeHalves : form.Constant17Override;
            double rhs17 = c17 * nu * Math.Pow(m, 2 * (n - j) + form.Exponent17Shift) * k17 * k17;
            margins.Add(Margin.AtMost($"(17) j={j}", lhs17, rhs17, Tolerance.FromRounding(ops, 2 * k17 * Math.Pow(m, 2 * k17) * sqrtD, "2(N−j+1)·M^{2(N−j+1)}·√d")));
        }
        if (!form.Only16And17)
        {
            double sigmaMin = MatrixMeasures.SigmaMin(net.EndToEnd());
            double lower = sigmaMin * sigmaMin - threeHalves * nu * Math.Pow(m, 2 * (n - 1)) * n * n;
            double s1 = Math.Pow(MatrixMeasures.SigmaMin(net[1]), 2 * n);
            double sN = Math.Pow(MatrixMeasures.SigmaMin(net[n]), 2 * n);
            var tol18 = Tolerance.FromRounding(ops, (2 * n + 2) * Math.Pow(m, 2 * n) * sqrtD, "(2N+2)·M^{2N}·√d");
            int d0 = dims[0], dN = dims[n];
            // Proved labels: σ_{N,min} when d_N ≤ d_0, σ_{1,min} when d_0 ≤ d_N. Printed labels: the other way round.
            bool useN = form.Printed18 ? dN >= d0 : dN <= d0;
            bool use1 = form.Printed18 ? dN <= d0 : d0 <= dN;
            string which = form.Printed18 ? "printed" : "proved";
            if (useN)
            {
                margins.Add(Margin.Bound($"(18, {which}) σ_{{N,min}}^{{2N}} − (σ_min² − (3/2)νM^{{2(N−1)}}N²)", sN - lower, Math.Max(Math.Max(Math.Abs(sN), Math.Abs(lower)), double.Epsilon), tol18));
            }
            if (use1)
            {
                margins.Add(Margin.Bound($"(18, {which}) σ_{{1,min}}^{{2N}} − (σ_min² − (3/2)νM^{{2(N−1)}}N²)", s1 - lower, Math.Max(Math.Max(Math.Abs(s1), Math.Abs(lower)), double.Epsilon), tol18));
            }
        }
        return new MarginSet(margins).WithObservation("nu", nu).WithObservation("M", m);
    }
}
