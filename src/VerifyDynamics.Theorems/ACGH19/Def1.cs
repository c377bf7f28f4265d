using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Definition 1 (Sec. 3.1, L89–93): for δ ≥ 0, W_1..W_N are δ-balanced iff
/// ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F ≤ δ for all 1 ≤ j ≤ N−1 (vacuous for N = 1).
/// Formalisation note: a definition cannot be true or false, so it is checked through the consequences the
/// catalog lists: (a) the identity network of uniform width is 0-balanced, (b) Procedure 1 and (c) the
/// orthogonal chain W_j = Q_j S Q_{j−1}ᵀ are 0-balanced up to rounding, (d) scale covariance
/// imb(α^{1/N}W) = α^{2/N} imb(W) on arbitrary (unbalanced) weights. Tolerances: γ_n·M²·√d for Gram
/// differences (M = max ‖W_j‖_σ), α^{2/N}·(that) for the covariance.
/// </summary>
public static class Def1
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Def1"),
        Source = new SourceRef(Papers.ACGH19, "Definition 1 (Sec. 3.1); remark after it", "L89–93"),
        Kind = StatementKind.Definition,
        Title = "δ-balancedness",
        Text = "W_1..W_N are δ-balanced iff ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F ≤ δ for 1 ≤ j ≤ N−1.",
        FormalisationNote = "Checked via consequences: identity (uniform width), Procedure 1 and orthogonal chains have imb = 0 "
            + "up to rounding (γ_n·M²·√d_max); scale covariance imb(α^{1/N}W) = α^{2/N}imb(W) on Gaussian weights (two-sided, "
            + "tolerance α^{2/N}-scaled). Trials cycle through the four families (index mod 4).",
        Fidelity = Fidelity.Substitute("a definition asserts nothing: its consequences are checked instead (identity, Procedure 1 and orthogonal chains are 0-balanced; scale covariance of imb; Frobenius vs spectral imbalance)"),
        Hypotheses = new Hypotheses(
            "index mod 4: identity (width 1..6, N 1..8) / Proc1 (no-bottleneck dims ≤ 6) / orthogonal chain (square ≤ 6) / Gaussian weights with α ∈ [0.1, 10]",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, swappedGrams: false, covarianceExponent: 2),
        DefaultTrials = 120,
        Variants =
        [
            Variant.Mutant("SwappedGrams", "Gram matrices swapped, W_{j+1}W_{j+1}ᵀ − W_jᵀW_j (square layers only): non-zero on orthogonal chains",
                s => s.WithConclusion((x, k, p) => Conclude(x, swappedGrams: true, covarianceExponent: 2))
                      .WithGenerator("orthogonal chains only (square layers)", ctx => Build(ctx, family: 2)), trials: 20),
            Variant.Mutant("SpectralNormEquivalent", "Def. 1 with the operator norm is the same predicate: refuted by exhibiting imb_σ < imb_F on Gaussian weights",
                s => s.WithConclusion(SpectralEquivalent).WithGenerator("Gaussian weights with N ≥ 2, widths ≥ 2", ctx => Build(ctx, family: 3, minWidth: 2, minDepth: 2)), trials: 20),
            Variant.Mutant("ScaleCovarianceExponentOne", "imb(α^{1/N}W) = α^{1/N}imb(W) (wrong exponent): refuted whenever α ≠ 1",
                s => s.WithConclusion((x, k, p) => Conclude(x, swappedGrams: false, covarianceExponent: 1)), trials: 40),
        ],
    };

    private static Instance Generate(TrialContext ctx) => Build(ctx, ctx.Index % 4);

    private static Instance Build(TrialContext ctx, int family, int minWidth = 1, int minDepth = 1)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(minDepth, 8);
        DeepLinearNetwork net;
        string name;
        switch (family)
        {
            case 0:
                {
                    int d = rng.NextInt(minWidth, 6);
                    net = new DeepLinearNetwork(Enumerable.Range(0, depth).Select(_ => Matrix<double>.Build.DenseIdentity(d)));
                    name = "identity";
                    break;
                }
            case 1:
                {
                    var dims = BalancedNetworks.NoBottleneckDims(rng, depth, 6);
                    net = BalancedInitialization.Create(dims, BalancedNetworks.TargetMatrix(rng, dims[depth], dims[0], rng.NextInt(0, 2)));
                    name = "proc1";
                    break;
                }
            case 2:
                net = BalancedNetworks.OrthogonalChain(rng, Math.Max(depth, 2), rng.NextInt(Math.Max(minWidth, 2), 6), rng.LogUniform(0.3, 3));
                name = "orthogonal-chain";
                break;
            default:
                {
                    var dims = Enumerable.Range(0, depth + 1).Select(_ => rng.NextInt(minWidth, 6)).ToArray();
                    net = new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.GaussianMatrix(dims[j], dims[j - 1])));
                    name = "gaussian";
                    break;
                }
        }
        return new Instance { Family = name }.WithNetwork(net)
            .WithScalar("alpha", rng.LogUniform(0.1, 10))
            .WithScalar("zeroBalanced", family == 3 ? 0 : 1);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.HasNetwork, "weights given"),
        (x.Scalar("alpha") > 0, "α > 0"));

    /// <summary>imb_j with either the paper's Gram difference or the swapped one (NaN if the shapes do not allow it).</summary>
    private static double Imbalance(DeepLinearNetwork net, int j, bool swapped)
    {
        if (!swapped)
        {
            return net.Imbalance(j);
        }
        var a = net[j + 1];
        var b = net[j];
        if (a.RowCount != a.ColumnCount || b.RowCount != b.ColumnCount || a.RowCount != b.RowCount)
        {
            return double.NaN;
        }
        return (a.TransposeAndMultiply(a) - b.TransposeThisAndMultiply(b)).FrobeniusNorm();
    }

    private static MarginSet Conclude(Instance x, bool swappedGrams, int covarianceExponent)
    {
        var net = x.Network;
        int n = net.Depth;
        var tol = BalancedNetworks.ImbalanceRounding(net);
        double m2 = Math.Pow(BalancedNetworks.MaxLayerNorm(net), 2);
        var margins = new List<Margin>();
        if (x.Scalar("zeroBalanced") == 1)
        {
            for (int j = 1; j < n; j++)
            {
                margins.Add(Margin.Deviation($"0-balanced: −imb_{j}(W)", Imbalance(net, j, swappedGrams), m2, tol));
            }
        }
        double alpha = x.Scalar("alpha");
        var scaled = net.Scaled(Math.Pow(alpha, 1.0 / n));
        double factor = Math.Pow(alpha, covarianceExponent / (double)n);
        var scaledTol = BalancedNetworks.ImbalanceRounding(scaled).Plus(tol.Scaled(factor, "α^{2/N}"));
        for (int j = 1; j < n; j++)
        {
            double lhs = Imbalance(scaled, j, swappedGrams);
            double rhs = factor * Imbalance(net, j, swappedGrams);
            margins.Add(Margin.Deviation($"scale covariance: −|imb_{j}(α^{{1/N}}W) − α^{{{covarianceExponent}/N}}imb_{j}(W)|", Math.Abs(lhs - rhs), factor * m2, scaledTol));
        }
        if (margins.Count == 0)
        {
            // N = 1: Definition 1 is vacuous; record that the gap is 0 by definition.
            margins.Add(Margin.Deviation("N = 1: imb := 0", net.BalancednessGap(), 1, Tolerance.Exact));
        }
        return new MarginSet(margins);
    }

    private static MarginSet SpectralEquivalent(Instance x, ConstantValues k, Precision p)
    {
        var net = x.Network;
        var tol = BalancedNetworks.ImbalanceRounding(net);
        var margins = new List<Margin>();
        for (int j = 1; j < net.Depth; j++)
        {
            double frob = net.Imbalance(j);
            double spectral = MatrixMeasures.Spectral(net.GramDifference(j));
            margins.Add(Margin.Deviation($"−|imb_{j} Frobenius − imb_{j} spectral|", Math.Abs(frob - spectral), frob, tol));
        }
        return new MarginSet(margins);
    }
}
