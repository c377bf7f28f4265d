using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 6 (App. D.2.1, L535–540; proof Eqs. 23–26, L542–578): let C &gt; 0 and 0 &lt; ν ≤ C^{2/N}/(30N²). If
/// (1) ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F ≤ ν for 1 ≤ j ≤ N−1 and (2) ‖W_N⋯W_1‖_σ ≤ C, then ‖W_j‖_σ ≤ C^{1/N}·2^{1/(2N)} for all j.
/// Formalisation note: C := ‖W_{1:N}‖_σ (tightest), ν := computed max imb + its rounding bound (&gt; 0 and ≥ the exact
/// imbalance); the validator requires ν ≤ C^{2/N}/(30N²). Every third trial is the 1-D monotone adversary of the catalog
/// (d_j = 1, w_{j+1}² − w_j² = ν, product C, ν ∈ [0.5, 0.99]·bound); the rest are Proc1 / orthogonal chains plus noise shrunk
/// until the ν hypothesis holds. Tolerance: γ_n·(M + C^{1/N}) (SVD backward error; the root is one more rounding).
/// </summary>
public static class Lemma6
{
    public static readonly NamedConstant Thirty = new("thirty", Rational.Of(30), "the 30 in ν ≤ C^{2/N}/(30N²)");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma6"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 6 (App. D.2.1); proof Eqs. (23)–(26)", "L535–578"),
        Kind = StatementKind.Lemma,
        Title = "end-to-end norm bound ⇒ per-layer norm bound",
        Text = "If 0 < ν ≤ C^{2/N}/(30N²), all imbalances ≤ ν and ‖W_{1:N}‖_σ ≤ C, then ‖W_j‖_σ ≤ C^{1/N}·2^{1/(2N)} for every j.",
        FormalisationNote = "C = ‖W_{1:N}‖_σ, ν = max imb + rounding bound. Families: index mod 3 = 0 the 1-D monotone adversary (N 1..6, C log-uniform [0.1, 10]); "
            + "1 Proc1 (no-bottleneck dims ≤ 4, N 1..5) + noise; 2 orthogonal chain + noise; noise halved until ν ≤ C^{2/N}/(30N²).",
        Constants = [Thirty],
        Fidelity = Fidelity.Full("C = ‖W_{1:N}‖_σ, ν within a factor 2 of the hypothesis boundary C^{2/N}/(30N²) (noise halved until admissible), including the 1-D monotone adversary"),
        Hypotheses = new Hypotheses(
            "index mod 3: 1-D monotone adversary / Proc1 + noise / orthogonal chain + noise, noise shrunk until the ν hypothesis holds",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, rootTwo: true),
        DefaultTrials = 90,
        Variants =
        [
            Variant.Mutant("DropRootTwo", "conclusion ‖W_j‖_σ ≤ C^{1/N} (no 2^{1/(2N)}): the 1-D example N = 2, C = 1, ν = 1/120 has v = 1.002085 > 1",
                s => s.WithConclusion((x, k, p) => Conclude(x, rootTwo: false)), trials: 12),
            Variant.Mutant("DropNuHypothesis", "no bound on ν: N = 2, d = 1, u = 0.1s, v = 10s gives C = s² but ‖W_2‖ = 10s > 2^{1/4}s",
                s => s.WithHypotheses("N = 2 scalar layers u = 0.1s, v = 10s, s log-uniform [0.1, 10]",
                    ctx => Scaled(ScalarNetwork("unbalanced-1d", [0.1, 10]), ctx.Rng.LogUniform(0.1, 10)),
                    (x, k) => HypothesesCheck.Ok), trials: 5),
        ],
    };

    private static Instance Scaled(Instance x, double s) => x.WithNetwork(x.Network.Scaled(s));

    private static Instance ScalarNetwork(string family, double[] w) =>
        new Instance { Family = family }.WithNetwork(new DeepLinearNetwork(w.Select(v => Matrix<double>.Build.Dense(1, 1, v))));

    private static double NuBound(double c, int n, double thirty) => Math.Pow(c, 2.0 / n) / (thirty * n * n);

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        double thirty = ctx.Constants.Double(Thirty.Name);
        if (ctx.Index % 3 == 0)
        {
            // Every sixth trial has N ≥ 2, where the monotone adversary exceeds C^{1/N} (the DropRootTwo mutant needs it).
            int n = rng.NextInt(ctx.Index % 6 == 0 ? 2 : 1, 6);
            double c = rng.LogUniform(0.1, 10);
            double nu = NuBound(c, n, thirty) * rng.Uniform(0.5, 0.99);
            // w_j² = w_1² + (j−1)ν, with w_1 chosen by bisection so that ∏ w_j = C (the product is increasing in w_1).
            double lo = 0, hi = Math.Pow(c, 1.0 / n);
            for (int it = 0; it < 200; it++)
            {
                double mid = 0.5 * (lo + hi);
                double prod = Enumerable.Range(0, n).Aggregate(1.0, (acc, j) => acc * Math.Sqrt(mid * mid + j * nu));
                (lo, hi) = prod < c ? (mid, hi) : (lo, mid);
            }
            return ScalarNetwork("monotone-1d", [.. Enumerable.Range(0, n).Select(j => Math.Sqrt(hi * hi + j * nu))]);
        }
        DeepLinearNetwork balanced;
        if (ctx.Index % 3 == 1)
        {
            int depth = rng.NextInt(1, 5);
            var dims = BalancedNetworks.NoBottleneckDims(rng, depth, 4);
            balanced = BalancedInitialization.Create(dims, BalancedNetworks.TargetMatrix(rng, dims[depth], dims[0], 0));
        }
        else
        {
            balanced = BalancedNetworks.OrthogonalChain(rng, rng.NextInt(2, 5), rng.NextInt(1, 4), rng.LogUniform(0.3, 3));
        }
        double eps = rng.LogUniform(1e-4, 0.3);
        var noise = BalancedNetworks.Perturbed(balanced, 1, rng);
        for (int it = 0; it < 60; it++)
        {
            var candidate = new DeepLinearNetwork(balanced.Weights.Select((w, i) => w + eps * (noise.Weights[i] - w)));
            var x = new Instance { Family = ctx.Index % 3 == 1 ? "proc1-noise" : "chain-noise" }.WithNetwork(candidate);
            if (Validate(x, ctx.Constants).Satisfied)
            {
                return x;
            }
            eps /= 2;
        }
        return new Instance { Family = "balanced" }.WithNetwork(balanced);
    }

    private static (double Nu, double C) Measure(DeepLinearNetwork net) =>
        (net.BalancednessGap() + BalancedNetworks.ImbalanceRounding(net).Absolute, MatrixMeasures.Spectral(net.EndToEnd()));

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        var (nu, c) = Measure(net);
        return HypothesesCheck.All(
            (c > 0, "C = ‖W_{1:N}‖_σ > 0"),
            (nu <= NuBound(c, net.Depth, k.Double(Thirty.Name)), "0 < ν ≤ C^{2/N}/(30N²)"));
    }

    private static MarginSet Conclude(Instance x, bool rootTwo)
    {
        var net = x.Network;
        int n = net.Depth;
        var (nu, c) = Measure(net);
        double bound = Math.Pow(c, 1.0 / n) * (rootTwo ? Math.Pow(2, 1.0 / (2 * n)) : 1);
        double m = BalancedNetworks.MaxLayerNorm(net);
        var tol = Tolerance.FromRounding(BalancedNetworks.Operations(net.Dims), m + bound, "M + C^{1/N}·2^{1/(2N)}");
        return MarginSet.Of(Margin.AtMost(rootTwo ? "C^{1/N}·2^{1/(2N)} − max_j ‖W_j‖_σ" : "C^{1/N} − max_j ‖W_j‖_σ", m, bound, tol))
            .WithObservation("nu", nu).WithObservation("C", c);
    }
}
