using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Procedure 1 (Sec. 3.3, L207–211; footnotes 4, 5, L223–225): for widths with
/// min{d_1..d_{N−1}} ≥ min{d_0, d_N} and A = UΣVᵀ (m = min{d_0, d_N}), set W_N ≃ UΣ^{1/N}, W_j ≃ Σ^{1/N}
/// (1 &lt; j &lt; N), W_1 ≃ Σ^{1/N}Vᵀ ("≃" = equal up to zero padding). Footnote 5: W_{1:N} = A and
/// W_{j+1}ᵀW_{j+1} = W_jW_jᵀ for all j.
/// Formalisation note: checks Core's <see cref="BalancedInitialization"/> (padding in the top-left corner, N = 1 gives
/// W_1 = A) for the two footnote-5 properties and for the singular values of every layer
/// (σ_i(W_j)^N = σ_i(A), zero beyond rank). Comparing N-th powers avoids the root's amplification of the SVD's
/// absolute error near 0. Tolerances: γ_n·‖A‖_F (end-to-end), γ_n·‖A‖_σ^{2/N}·√d (imbalance), γ_n·N·‖A‖_σ (spectra).
/// Mutants rebuild the layers with the catalog's mistakes (missing transpose, exponent ½ everywhere, U and V swapped).
/// </summary>
public static class Proc1
{
    /// <summary>The listed layer mistakes of the catalog (Proc1 Mut).</summary>
    private enum Mistake
    {
        None,
        MissingTranspose,
        SquareRootEverywhere,
        SwapUV,
    }

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Proc1"),
        Source = new SourceRef(Papers.ACGH19, "Procedure 1 (Sec. 3.3); footnotes 4, 5", "L207–211, L223–225"),
        Kind = StatementKind.Procedure,
        Title = "balanced initialization",
        Text = "Procedure 1 (SVD of A, W_N ≃ UΣ^{1/N}, W_j ≃ Σ^{1/N}, W_1 ≃ Σ^{1/N}Vᵀ) gives W_{1:N} = A and W_{j+1}ᵀW_{j+1} = W_jW_jᵀ.",
        FormalisationNote = "Padding convention of the catalog (blocks top-left). Instance = (dims, A); the conclusion runs the procedure. "
            + "Margins: ‖W_{1:N} − A‖_F, every imb_j, and |σ_i(W_j)^N − σ_i(A)| (σ_i(A) := 0 beyond min{d_0, d_N}). "
            + "A is Gaussian, low-rank or has a repeated singular value (SVD not unique); dims include d_0 > d_1 ≥ d_N.",
        Fidelity = Fidelity.Full("the procedure run on Gaussian, low-rank and repeated-singular-value A (non-unique SVD), N ≤ 6, widths ≤ 6"),
        Hypotheses = new Hypotheses(
            "N 1..6, no-bottleneck dims ≤ 6 (incl. d_0 > d_1), A Gaussian / low rank / repeated singular value (index mod 3), scale log-uniform [0.1, 10]",
            ctx => Build(ctx, minDepth: 1, squareEnds: false),
            Validate),
        Conclusion = (x, k, p) => Conclude(x, Mistake.None),
        DefaultTrials = 90,
        Variants =
        [
            Variant.Mutant("MissingTranspose", "W_1 ≃ Σ^{1/N}V (transpose missing; d_0 = d_N so the shapes fit): W_{1:N} ≠ A",
                s => s.WithConclusion((x, k, p) => Conclude(x, Mistake.MissingTranspose)).WithGenerator("d_0 = d_N ≥ 2, N ≥ 2", ctx => Build(ctx, minDepth: 2, squareEnds: true)), trials: 20),
            Variant.Mutant("SquareRootEverywhere", "exponent 1/2 on every layer for N > 2: W_{1:N} ≠ A unless σ(A) ∈ {0, 1}",
                s => s.WithConclusion((x, k, p) => Conclude(x, Mistake.SquareRootEverywhere)).WithGenerator("N ≥ 3", ctx => Build(ctx, minDepth: 3, squareEnds: false)), trials: 20),
            Variant.Mutant("SwapUV", "U and V swapped between W_N and W_1 (d_0 = d_N so the shapes fit): W_{1:N} = VΣUᵀ ≠ A",
                s => s.WithConclusion((x, k, p) => Conclude(x, Mistake.SwapUV)).WithGenerator("d_0 = d_N ≥ 2, N ≥ 2", ctx => Build(ctx, minDepth: 2, squareEnds: true)), trials: 20),
        ],
    };

    private static Instance Build(TrialContext ctx, int minDepth, bool squareEnds)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(minDepth, 6);
        var dims = BalancedNetworks.NoBottleneckDims(rng, depth, 6);
        if (squareEnds)
        {
            dims[0] = dims[depth] = rng.NextInt(2, 6);
            for (int j = 1; j < depth; j++)
            {
                dims[j] = Math.Max(dims[j], dims[0]);
            }
        }
        var a = BalancedNetworks.TargetMatrix(rng, dims[depth], dims[0], ctx.Index);
        return new Instance { Family = (ctx.Index % 3) switch { 0 => "gaussian", 1 => "low-rank", _ => "repeated-sv" }, Dims = [.. dims], Target = a };
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var dims = x.Dims;
        var a = x.RequireTarget;
        return HypothesesCheck.All(
            (dims.Length >= 2, "N ≥ 1"),
            (a.RowCount == dims[^1] && a.ColumnCount == dims[0], "A is d_N×d_0"),
            (BalancedNetworks.HasNoBottleneck(dims), "min{d_1..d_{N−1}} ≥ min{d_0, d_N}"));
    }

    /// <summary>Procedure 1 with one of the catalog's mistakes (the correct procedure is Core's).</summary>
    private static DeepLinearNetwork Mistaken(IReadOnlyList<int> dims, Matrix<double> a, Mistake mistake)
    {
        int n = dims.Count - 1;
        int m = Math.Min(dims[0], dims[n]);
        var svd = a.Svd(computeVectors: true);
        var u = svd.U.SubMatrix(0, dims[n], 0, m);
        var v = svd.VT.SubMatrix(0, m, 0, dims[0]).Transpose();
        double exponent = mistake == Mistake.SquareRootEverywhere ? 0.5 : 1.0 / n;
        var root = Matrix<double>.Build.DenseDiagonal(m, m, i => Math.Pow(svd.S[i], exponent));
        var layers = new Matrix<double>[n];
        for (int j = 1; j <= n; j++)
        {
            var w = Matrix<double>.Build.Dense(dims[j], dims[j - 1]);
            var first = mistake switch
            {
                Mistake.MissingTranspose => root * v,
                Mistake.SwapUV => root * u.Transpose(),
                _ => root * v.Transpose(),
            };
            var last = mistake == Mistake.SwapUV ? v * root : u * root;
            var block = n == 1 ? a : j == 1 ? first : j == n ? last : root;
            w.SetSubMatrix(0, 0, block);
            layers[j - 1] = w;
        }
        return new DeepLinearNetwork(layers);
    }

    private static MarginSet Conclude(Instance x, Mistake mistake)
    {
        var dims = x.Dims;
        var a = x.RequireTarget;
        int n = dims.Length - 1;
        var net = mistake == Mistake.None ? BalancedInitialization.Create(dims, a) : Mistaken(dims, a, mistake);
        int ops = BalancedNetworks.Operations(dims);
        double aF = Math.Max(a.FrobeniusNorm(), double.Epsilon), aS = MatrixMeasures.Spectral(a);
        var margins = new List<Margin>
        {
            Margin.Deviation("W_{1:N} = A: −‖W_{1:N} − A‖_F", (net.EndToEnd() - a).FrobeniusNorm(), aF, Tolerance.FromRounding(ops, aF, "‖A‖_F")),
        };
        double gramScale = Math.Pow(aS, 2.0 / n) * Math.Sqrt(dims.Max());
        for (int j = 1; j < n; j++)
        {
            margins.Add(Margin.Deviation($"0-balanced: −imb_{j}", net.Imbalance(j), gramScale, Tolerance.FromRounding(ops, gramScale, "‖A‖_σ^{2/N}·√d_max")));
        }
        var sa = MatrixMeasures.SingularValues(a);
        var spectrumTol = Tolerance.FromRounding(ops, n * aS, "N·‖A‖_σ (N-th power of an SVD of error γ‖A‖_σ^{1/N})");
        for (int j = 1; j <= n; j++)
        {
            var sw = MatrixMeasures.SingularValues(net[j]);
            double worst = 0;
            for (int i = 0; i < sw.Length; i++)
            {
                double target = i < sa.Length ? sa[i] : 0;
                worst = Math.Max(worst, Math.Abs(Math.Pow(sw[i], n) - target));
            }
            margins.Add(Margin.Deviation($"spectrum of W_{j}: −max_i |σ_i(W_{j})^N − σ_i(A)|", worst, aS, spectrumTol));
        }
        return new MarginSet(margins);
    }
}
