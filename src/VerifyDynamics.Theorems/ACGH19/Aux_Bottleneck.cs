using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 footnote 2, Sec. 3.2.1 and Sec. 4 (L111, L131, L233; unnumbered): a deficiency margin c &gt; 0 implies σ_min(Φ) &gt; 0 and,
/// by Claim 1 with W′ = W, σ_min(W_{1:N}) ≥ c &gt; 0, so W_{1:N} has full rank min{d_0, d_N} — possible only if
/// min{d_1..d_{N−1}} ≥ min{d_0, d_N} (no bottleneck).
/// Formalisation note (derived, catalog): the contrapositive is checked on bottlenecked architectures (some d_i &lt; min{d_0, d_N}):
/// rank W_{1:N} ≤ d_i, so by Eckart–Young ‖W_{1:N} − Φ‖_F ≥ σ_min(Φ), i.e. margin(W_{1:N}) ≤ 0, for every choice of weights —
/// random ones and the adversarial best rank-d_i approximation of Φ factored into the layers (equality when d_i = m − 1).
/// The rank bound itself is checked as σ_{d_i+1}(W_{1:N}) = 0. On the even-numbered "margin" trials (no bottleneck, margin c &gt; 0
/// by construction) the direct statement is checked: σ_min(Φ) ≥ c and σ_min(W_{1:N}) ≥ c. Tolerance γ_n·‖Φ‖_F (or ∏‖W_j‖_σ for the
/// rank bound).
/// </summary>
public static class Aux_Bottleneck
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Aux.Bottleneck"),
        Source = new SourceRef(Papers.ACGH19, "footnote 2; Sec. 3.2.1; Sec. 4 (unnumbered)", "L111, L131, L233"),
        Kind = StatementKind.Unnumbered,
        Title = "margin forces full rank and no bottleneck",
        Text = "A deficiency margin c > 0 forces σ_min(W_{1:N}) ≥ c > 0 (full rank), which is impossible if some d_i < min{d_0, d_N}.",
        FormalisationNote = "index mod 4: 0 margin family (Proc1 of W = Φ + small, no bottleneck); 1 bottleneck + Gaussian layers; "
            + "2 bottleneck + adversarial best rank-d_i approximation of Φ factored through the layers (tight); 3 as 2 with d_i = m − 1.",
        Fidelity = Fidelity.Full("both directions (margin ⇒ full rank; bottleneck ⇒ no margin) on N ≤ 4, widths ≤ 5, including the adversarial best rank-d_i approximation"),
        Hypotheses = new Hypotheses(
            "N 2..4, d_0, d_N in 2..5; bottleneck width d_i < min{d_0, d_N} at a random hidden layer (odd families), or margin family",
            ctx => Build(ctx, bottleneckBelowMax: false),
            (x, k) => ValidateWith(x, bottleneckBelowMax: false)),
        Conclusion = (x, k, p) => Conclude(x, eckartYoungWithSigmaMax: false),
        DefaultTrials = 60,
        Variants =
        [
            Variant.Mutant("BottleneckBelowMax", "a hidden width below max{d_0, d_N} (instead of min) already rules out a margin: refuted by d_0 < d_i < d_N with weights near Φ",
                s => s.WithHypotheses("d_0 = 1..2, d_N = d_0 + 2, one hidden width d_0 + 1; Proc1 of Φ + small", ctx => Build(ctx, bottleneckBelowMax: true), (x, k) => ValidateWith(x, bottleneckBelowMax: true)), trials: 6),
            Variant.Mutant("EckartYoungWithSigmaMax", "distance to rank-deficient matrices ≥ σ_max(Φ): refuted by the adversarial best approximation",
                s => s.WithConclusion((x, k, p) => Conclude(x, eckartYoungWithSigmaMax: true)), trials: 8),
        ],
    };

    private static Instance Build(TrialContext ctx, bool bottleneckBelowMax)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(2, 4);
        if (bottleneckBelowMax || ctx.Index % 4 == 0)
        {
            var dims = bottleneckBelowMax ? BelowMaxDims(rng, depth) : BalancedNetworks.NoBottleneckDims(rng, depth, 5);
            var phi = rng.LogUniform(0.1, 10) * rng.GaussianMatrix(dims[depth], dims[0]);
            var e = rng.GaussianMatrix(dims[depth], dims[0]);
            var w = phi + rng.Uniform(0.05, 0.9) * MatrixMeasures.SigmaMin(phi) * e / e.FrobeniusNorm();
            var net = BalancedInitialization.Create(dims, w);
            return Instance.ForNetwork(bottleneckBelowMax ? "below-max" : "margin", net, phi)
                .WithScalar("c", rng.Uniform(0.1, 1) * DeficiencyMargin.Of(net.EndToEnd(), phi));
        }
        var bdims = new int[depth + 1];
        bdims[0] = rng.NextInt(2, 5);
        bdims[depth] = rng.NextInt(2, 5);
        int m = Math.Min(bdims[0], bdims[depth]);
        int where = rng.NextInt(1, depth - 1);
        int narrow = ctx.Index % 4 == 3 ? m - 1 : rng.NextInt(1, m - 1);
        // Other hidden widths are ≥ the bottleneck so the adversarial factorisation passes all of its k = d_i coordinates.
        for (int j = 1; j < depth; j++)
        {
            bdims[j] = j == where ? narrow : rng.NextInt(narrow, 5);
        }
        var target = rng.LogUniform(0.1, 10) * rng.GaussianMatrix(bdims[depth], bdims[0]);
        DeepLinearNetwork layers;
        if (ctx.Index % 4 == 1)
        {
            layers = new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.GaussianMatrix(bdims[j], bdims[j - 1])));
        }
        else
        {
            // Best rank-k approximation Φ_k = U_kΣ_kV_kᵀ (k = d_i) routed through the bottleneck: W_1..W_i carry Σ_kV_kᵀ padded,
            // W_{i+1}..W_N carry U_k padded; every other block is an identity on the first k coordinates.
            int k = bdims[where];
            var svd = target.Svd(computeVectors: true);
            var uk = svd.U.SubMatrix(0, bdims[depth], 0, k);
            var sv = Matrix<double>.Build.DenseDiagonal(k, k, i => svd.S[i]) * svd.VT.SubMatrix(0, k, 0, bdims[0]);
            var ws = new Matrix<double>[depth];
            for (int j = 1; j <= depth; j++)
            {
                var wj = Matrix<double>.Build.Dense(bdims[j], bdims[j - 1]);
                if (j == 1)
                {
                    wj.SetSubMatrix(0, 0, sv.SubMatrix(0, Math.Min(k, bdims[1]), 0, bdims[0]));
                }
                else if (j == depth)
                {
                    wj.SetSubMatrix(0, 0, uk.SubMatrix(0, bdims[depth], 0, Math.Min(k, bdims[depth - 1])));
                }
                else
                {
                    for (int i = 0; i < Math.Min(k, Math.Min(bdims[j], bdims[j - 1])); i++)
                    {
                        wj[i, i] = 1;
                    }
                }
                ws[j - 1] = wj;
            }
            layers = new DeepLinearNetwork(ws);
        }
        return Instance.ForNetwork(ctx.Index % 4 == 1 ? "bottleneck-gaussian" : ctx.Index % 4 == 3 ? "bottleneck-tight" : "bottleneck-best-approx", layers, target);
    }

    /// <summary>d_0 ∈ {1, 2}, d_N = d_0 + 2, hidden widths d_0 + 1: below max{d_0, d_N} but not below min (no bottleneck).</summary>
    private static int[] BelowMaxDims(Core.Randomness.Rng rng, int depth)
    {
        var dims = new int[depth + 1];
        dims[0] = rng.NextInt(1, 2);
        dims[depth] = dims[0] + 2;
        for (int j = 1; j < depth; j++)
        {
            dims[j] = dims[0] + 1;
        }
        return dims;
    }

    private static int MinHidden(IReadOnlyList<int> dims) => Enumerable.Range(1, dims.Count - 2).Min(j => dims[j]);

    private static HypothesesCheck ValidateWith(Instance x, bool bottleneckBelowMax)
    {
        var dims = x.Network.Dims;
        var phi = x.RequireTarget;
        int m = Math.Min(dims[0], dims[^1]);
        bool marginFamily = x.Scalars.ContainsKey("c") && !bottleneckBelowMax;
        if (marginFamily)
        {
            return HypothesesCheck.All(
                (x.Scalar("c") > 0 && DeficiencyMargin.Has(x.Network.EndToEnd(), phi, x.Scalar("c")), "W_{1:N} has deficiency margin c > 0"));
        }
        return HypothesesCheck.All(
            (dims.Length >= 3, "N ≥ 2 (a hidden layer exists)"),
            (bottleneckBelowMax ? MinHidden(dims) < Math.Max(dims[0], dims[^1]) : MinHidden(dims) < m,
                bottleneckBelowMax ? "some d_i < max{d_0, d_N} (mutated hypothesis)" : "bottleneck: some d_i < min{d_0, d_N}"),
            (MatrixMeasures.SigmaMin(phi) > 0, "Φ has full rank"));
    }

    private static MarginSet Conclude(Instance x, bool eckartYoungWithSigmaMax)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        var end = net.EndToEnd();
        int ops = BalancedNetworks.Operations(net.Dims);
        double phiF = Math.Max(phi.FrobeniusNorm(), double.Epsilon);
        double endScale = net.Weights.Aggregate(1.0, (acc, w) => acc * MatrixMeasures.Spectral(w));
        var tol = Tolerance.FromRounding(ops, phiF + endScale, "‖Φ‖_F + ∏‖W_j‖_σ");
        if (x.Scalars.ContainsKey("c") && x.Family != "below-max")
        {
            double c = x.Scalar("c");
            return MarginSet.Of(
                Margin.AtLeast("footnote 2: σ_min(Φ) − c", MatrixMeasures.SigmaMin(phi), c, tol),
                Margin.AtLeast("full rank: σ_min(W_{1:N}) − c", MatrixMeasures.SigmaMin(end), c, tol));
        }
        int bottleneck = MinHidden(net.Dims);
        int m = Math.Min(net.Dims[0], net.Dims[^1]);
        double sigma = eckartYoungWithSigmaMax ? MatrixMeasures.Spectral(phi) : MatrixMeasures.SigmaMin(phi);
        var margins = new List<Margin>
        {
            Margin.AtLeast(eckartYoungWithSigmaMax ? "‖W_{1:N} − Φ‖_F − σ_max(Φ)" : "no margin: ‖W_{1:N} − Φ‖_F − σ_min(Φ)", (end - phi).FrobeniusNorm(), sigma, tol),
        };
        if (bottleneck < m)
        {
            var s = MatrixMeasures.SingularValues(end);
            margins.Add(Margin.Deviation($"rank ≤ d_i: −σ_{bottleneck + 1}(W_{{1:N}})", s[bottleneck], endScale, Tolerance.FromRounding(ops, endScale, "∏‖W_j‖_σ")));
        }
        return new MarginSet(margins);
    }
}
