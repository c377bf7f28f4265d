using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.ApproxHomog (App C.2, L700, unnumbered; used in C.5): at the origin C(A_θ) has non-zero derivatives
/// only of orders kL, so C^NN is (L, 2L)-approximately homogeneous with H(θ) = Tr[∇C(0)ᵀA_θ].
/// Formalisation note: for the (non-whitened) MSE the expansion is exact (catalog, derived):
/// C(A_{αθ}) = C(0) + α^L Tr[GᵀA_θ] + α^{2L} Tr[A_θΣ_xxA_θᵀ], G = ∇C(0) = −2Σ_yx; checked at random α ∈ [1/10, 2]
/// on random data. Tolerance: γ_n rounding of the three terms.
/// </summary>
public static class Fact_ApproxHomog
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.ApproxHomog"),
        Source = new SourceRef(Papers.JGGSH21, "App C.2 (unnumbered)", "L700"),
        Kind = StatementKind.Unnumbered,
        Title = "(L, 2L)-approximate homogeneity at the origin",
        Text = "C(A_θ) = C(0) + H(θ) + e(θ) with H L-homogeneous and e of order 2L at 0.",
        FormalisationNote = "MSE with N ∈ 2..6 samples; exact polynomial identity in α.",
        Fidelity = Fidelity.Full("the MSE identity in α as printed, on random data with N ≤ 6, L ≤ 4, widths ≤ 3"),
        Hypotheses = new Hypotheses("MSE data X (n_0×N), Y (n_L×N) Gaussian, L ∈ 2..4, widths 1..3, Gaussian θ, α ∈ [1/10, 2]", Generate, (x, k) => HypothesesCheck.All((x.Weights.Length >= 2, "L ≥ 2"))),
        Conclusion = (x, k, p) => Conclude(x, 0),
        DefaultTrials = 40,
        Variants =
        [
            Variant.Mutant("HomogeneousDegreeLPlusOne", "C(A_{αθ}) = C(0) + α^{L+1}H(θ) + α^{2L}(…): (L, L+1)-homogeneity refuted", s => s.WithConclusion((x, k, p) => Conclude(x, 1))),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(2, 4), n0 = rng.NextInt(1, 3), nL = rng.NextInt(1, 3), w = rng.NextInt(1, 3), n = rng.NextInt(2, 6);
        var layers = EscapeNumerics.GaussianLayers(rng, n0, w, nL, depth);
        return new Instance { Family = "mse", Dims = [n0, .. layers.Select(m => m.RowCount)], Weights = [.. layers] }
            .WithMatrix("X", rng.GaussianMatrix(n0, n))
            .WithMatrix("Y", rng.GaussianMatrix(nL, n))
            .WithScalar("alpha", rng.Uniform(0.1, 2));
    }

    private static MarginSet Conclude(Instance x, int degreeShift)
    {
        var cost = new MeanSquaredError(x.Matrix("X"), x.Matrix("Y"));
        int depth = x.Weights.Length;
        double alpha = x.Scalar("alpha");
        var a = EscapeNumerics.EndToEnd(x.Weights);
        var scaled = x.Weights.Select(w => alpha * w).ToArray();
        double lhs = cost.Value(EscapeNumerics.EndToEnd(scaled));
        var zero = 0 * a;
        double c0 = cost.Value(zero);
        var g = cost.Gradient(zero);
        double quartic = EscapeNumerics.Inner(a * cost.SigmaXX, a);
        double rhs = c0 + Math.Pow(alpha, depth + degreeShift) * EscapeNumerics.Inner(g, a) + Math.Pow(alpha, 2 * depth) * quartic;
        double scale = Math.Abs(c0) + Math.Pow(alpha, depth) * Math.Abs(EscapeNumerics.Inner(g, a)) + Math.Pow(alpha, 2 * depth) * Math.Abs(quartic) + Math.Abs(lhs);
        var tol = Tolerance.FromRounding(16 * (depth + 4) * (x.Dims.Max() + x.Matrix("X").ColumnCount), scale, "sum of |terms|");
        return MarginSet.Of(EscapeNumerics.Equal("C(A_{αθ}) = C(0) + α^L H(θ) + α^{2L}Tr[AΣ_xxAᵀ]", lhs, rhs, tol));
    }
}
