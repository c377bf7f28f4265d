using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Sec. 3.1, text after Definition 1 (L93; attributed to Arora et al. 2018; unnumbered): if W_{j+1}ᵀW_{j+1} = W_jW_jᵀ
/// for all j (0-balanced), all W_j share the same set of nonzero singular values, namely the N-th roots of the nonzero
/// singular values of W_{1:N}.
/// Formalisation note: "nonzero" needs no threshold: 0-balancedness forces rank W_j = rank W_{1:N}, so the sorted singular
/// values of every W_j, padded with zeros, must satisfy σ_i(W_j)^N = σ_i(W_{1:N}) (σ_i := 0 past the end of the list).
/// Comparing N-th powers keeps the SVD's absolute error γ_n‖W_j‖_σ from being amplified by the root near 0; tolerance
/// γ_n·(N + 1)·M^N·√d (M = max ‖W_j‖_σ). The validator accepts only weights whose imbalance is at rounding level.
/// </summary>
public static class Aux_BalancedSV
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Aux.BalancedSV"),
        Source = new SourceRef(Papers.ACGH19, "Sec. 3.1, after Definition 1 (unnumbered; Arora et al. 2018)", "L93"),
        Kind = StatementKind.Unnumbered,
        Title = "0-balanced layers share singular values",
        Text = "0-balanced W_1..W_N share their nonzero singular values, which are the N-th roots of those of W_{1:N}.",
        FormalisationNote = "Families (index mod 3): Procedure 1 (Gaussian / low-rank / repeated singular values, no-bottleneck dims ≤ 5, N 1..6), "
            + "identity × scale (uniform width), orthogonal chain (square ≤ 5). Check σ_i(W_j)^N = σ_i(W_{1:N}) with zero padding.",
        Fidelity = Fidelity.Full("the identity checked exactly as stated, to rounding, on Procedure 1, identity and orthogonal-chain 0-balanced networks (N ≤ 6, widths ≤ 5)"),
        Hypotheses = new Hypotheses(
            "index mod 3: Proc1 / s·I (s log-uniform [0.3, 3]) / orthogonal chain; N 1..6, widths ≤ 5",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, rootDegree: 0, includeZeros: false),
        DefaultTrials = 60,
        Variants =
        [
            Variant.Mutant("RootOfDegreeNMinusOne", "(N−1)-th roots instead of N-th: refuted as soon as the singular values are not all 1 (N ≥ 2)",
                s => s.WithConclusion((x, k, p) => Conclude(x, rootDegree: -1, includeZeros: false)), trials: 10),
            Variant.Mutant("IncludingZeros", "every W_j has σ_min(W_j)^N = σ_min(W_{1:N}) (footnote-1 σ_min, zeros included): false when a hidden width exceeds min{d_0, d_N}",
                s => s.WithConclusion((x, k, p) => Conclude(x, rootDegree: 0, includeZeros: true)), trials: 10),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(ctx.Index % 2 == 0 ? 2 : 1, 6);
        DeepLinearNetwork net;
        switch (ctx.Index % 3)
        {
            case 0:
                {
                    var dims = BalancedNetworks.NoBottleneckDims(rng, depth, 5);
                    // Every sixth trial widens the hidden layers beyond min{d_0, d_N}, where zero singular values appear in the layers.
                    if (ctx.Index % 6 == 0)
                    {
                        for (int j = 1; j < depth; j++)
                        {
                            dims[j] = Math.Max(dims[j], Math.Min(dims[0], dims[depth]) + 1);
                        }
                    }
                    net = BalancedInitialization.Create(dims, BalancedNetworks.TargetMatrix(rng, dims[depth], dims[0], ctx.Index / 3));
                    break;
                }
            case 1:
                {
                    int d = rng.NextInt(1, 5);
                    double s = rng.LogUniform(0.3, 3);
                    net = new DeepLinearNetwork(Enumerable.Range(0, depth).Select(_ => s * Matrix<double>.Build.DenseIdentity(d)));
                    break;
                }
            default:
                net = BalancedNetworks.OrthogonalChain(rng, depth, rng.NextInt(1, 5), rng.LogUniform(0.3, 3));
                break;
        }
        return new Instance { Family = (ctx.Index % 3) switch { 0 => "proc1", 1 => "scaled-identity", _ => "orthogonal-chain" } }.WithNetwork(net);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        var tol = BalancedNetworks.ImbalanceRounding(net);
        return HypothesesCheck.All((net.BalancednessGap() <= tol.Absolute, "0-balanced (imbalance at rounding level γ_n·M²·√d)"));
    }

    private static MarginSet Conclude(Instance x, int rootDegree, bool includeZeros)
    {
        var net = x.Network;
        int n = net.Depth;
        int power = n + rootDegree;
        var end = MatrixMeasures.SingularValues(net.EndToEnd());
        double m = BalancedNetworks.MaxLayerNorm(net);
        var tol = Tolerance.FromRounding(BalancedNetworks.Operations(net.Dims), (n + 1) * Math.Pow(m, n) * Math.Sqrt(net.Dims.Max()), "(N+1)·M^N·√d_max");
        double scale = Math.Max(Math.Pow(m, n), double.Epsilon);
        var margins = new List<Margin>();
        for (int j = 1; j <= n; j++)
        {
            var s = MatrixMeasures.SingularValues(net[j]);
            if (includeZeros)
            {
                margins.Add(Margin.Deviation($"−|σ_min(W_{j})^N − σ_min(W_{{1:N}})|", Math.Abs(Math.Pow(s[^1], n) - end[^1]), scale, tol));
                continue;
            }
            double worst = 0;
            for (int i = 0; i < Math.Max(s.Length, end.Length); i++)
            {
                double layer = i < s.Length ? Math.Pow(s[i], power) : 0;
                double target = i < end.Length ? end[i] : 0;
                worst = Math.Max(worst, Math.Abs(layer - target));
            }
            margins.Add(Margin.Deviation($"−max_i |σ_i(W_{j})^{(rootDegree == 0 ? "N" : "N−1")} − σ_i(W_{{1:N}})|", worst, scale, tol));
        }
        return new MarginSet(margins);
    }
}
