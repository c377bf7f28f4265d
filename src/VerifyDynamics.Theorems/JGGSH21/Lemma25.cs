using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 25 (App C.1.1, L678–688): for L = 3 and G of rank min{n_0, n_L}, every 0-speed escape
/// direction ρ (‖ρ‖ = 1, ∇H(ρ) = 0) of H(θ) = Tr[GᵀA_θ] has a direction v with vᵀHH(ρ)v &lt; 0.
/// ERRATUM (catalog §13 item 6): false when n_0 ≠ n_L — with n_0 &gt; n_L, ρ = (W_1, 0, 0)/‖W_1‖ with the rows of W_1
/// orthogonal to the row space of G is a 0-speed direction at which the Hessian of H vanishes identically.
/// Main check (corrected form): n_0 = n_L with G invertible, at 0-speed directions with one non-zero layer
/// (W_1, W_2 or W_3; any two zero layers make ∇H = 0 for L = 3): λ_min(HH(ρ)) &lt; 0 beyond the eigen-solver error.
/// Formalisation note: the catalog's orientation G ∈ R^{n_L×n_0}, H = Tr[GᵀA] (the paper transposes G; immaterial).
/// Critical points with all layers non-zero (Newton on the sphere) are not generated.
/// </summary>
public static class Lemma25
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma25"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 25 (App C.1.1)", "L678–688"),
        Kind = StatementKind.Lemma,
        Title = "L = 3: negative curvature at 0-speed escape directions (n_0 = n_L)",
        Text = "For L = 3 and G of full rank, every 0-speed escape direction of Tr[GᵀA_θ] has a direction of negative curvature.",
        FormalisationNote = "Checked in the corrected form n_0 = n_L (G invertible); the printed form (n_0 ≠ n_L allowed) is the erratum variant "
            + "with the catalog's counterexample. Tolerance: γ_P·‖HH‖_F (symmetric eigen-solver backward error).",
        Hypotheses = new Hypotheses("n_0 = n_L ∈ 1..3, w ∈ 1..3, G invertible, ρ with exactly one non-zero unit layer", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 40,
        Errata = ["Lemma 25 is false when n_0 ≠ n_L: ρ = (W_1, 0, 0) with W_1Gᵀ = 0 is a 0-speed direction with identically zero Hessian (catalog §13 item 6); the proof's W_1 ≠ 0 case needs W_1Gᵀ ≠ 0. Printed values also miss a factor 2 and a minus sign."],
        Variants =
        [
            Variant.Erratum("PrintedUnequalDims", "Lemma 25 as printed, n_0 ≠ n_L: the catalog's zero-Hessian counterexample",
                s => s.WithHypotheses("n_0 = n_L + 1 (or n_L = n_0 + 1), ρ = (W_1,0,0) with W_1Gᵀ = 0 (or (0,0,W_3) with GᵀW_3 = 0)",
                    ctx => Counterexample(ctx, unequal: true), (x, k) => ValidateZeroSpeed(x, requireFullRank: true, requireSquare: false)), trials: 10),
            Variant.Mutant("RankConditionDropped", "n_0 = n_L but G rank-deficient: same construction, refuted",
                s => s.WithHypotheses("n_0 = n_L ∈ 2..3, rank G = n − 1, ρ = (W_1,0,0) with W_1Gᵀ = 0",
                    ctx => Counterexample(ctx, unequal: false), (x, k) => ValidateZeroSpeed(x, requireFullRank: false, requireSquare: true)), trials: 6),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(1, 3), w = rng.NextInt(1, 3);
        var g = EscapeDirections.RandomG(rng, n, n);
        var layers = EscapeNumerics.GaussianLayers(rng, n, w, n, 3);
        int keep = rng.NextInt(0, 2);
        for (int l = 0; l < 3; l++)
        {
            layers[l] = l == keep ? layers[l] / layers[l].FrobeniusNorm() : 0 * layers[l];
        }
        return Pack("one-layer", g, layers);
    }

    private static Instance Pack(string family, Matrix<double> g, Matrix<double>[] layers) =>
        new Instance { Family = family, Dims = [layers[0].ColumnCount, .. layers.Select(m => m.RowCount)], Weights = [.. layers] }.WithMatrix("G", g);

    /// <summary>The catalog's counterexample: a layer orthogonal to the range of G.</summary>
    private static Instance Counterexample(TrialContext ctx, bool unequal)
    {
        var rng = ctx.Rng;
        int w = rng.NextInt(1, 3);
        bool wideInput = !unequal || rng.NextBool();
        int n0, nL;
        Matrix<double> g;
        if (unequal)
        {
            int small = rng.NextInt(1, 2);
            (n0, nL) = wideInput ? (small + 1, small) : (small, small + 1);
            g = EscapeDirections.RandomG(rng, nL, n0);
        }
        else
        {
            n0 = nL = rng.NextInt(2, 3);
            var s = Enumerable.Range(0, n0).Select(i => i < n0 - 1 ? rng.Uniform(1, 2) : 0.0).OrderByDescending(z => z).ToArray();
            g = Jggsh21Fixtures.WithSingularValues(rng, nL, n0, s);
        }
        var layers = EscapeNumerics.GaussianLayers(rng, n0, w, nL, 3);
        layers[1] = 0 * layers[1];
        if (wideInput)
        {
            // rows of W_1 in the null space of G (a vector z with Gz = 0 exists since rank G < n_0).
            var z = g.Kernel()[0];
            layers[0] = EscapeNumerics.UnitVector(rng, w).OuterProduct(z / z.L2Norm());
            layers[2] = 0 * layers[2];
        }
        else
        {
            var z = g.Transpose().Kernel()[0];
            layers[2] = (z / z.L2Norm()).OuterProduct(EscapeNumerics.UnitVector(rng, w));
            layers[0] = 0 * layers[0];
        }
        return Pack("orthogonal-to-G", g, layers);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => ValidateZeroSpeed(x, requireFullRank: true, requireSquare: true);

    private static HypothesesCheck ValidateZeroSpeed(Instance x, bool requireFullRank, bool requireSquare)
    {
        var g = x.Matrix("G");
        var layers = x.Weights;
        double norm = Math.Sqrt(EscapeNumerics.NormSquared(layers));
        var grad = EscapeNumerics.HGradient(g, layers);
        double gradNorm = Math.Sqrt(EscapeNumerics.NormSquared(grad));
        double tol = Tolerance.Gamma(64) * g.L2Norm();
        int rank = Core.LinearAlgebra.MatrixMeasures.NumericalRank(g);
        return HypothesesCheck.All(
            (layers.Length == 3, "L = 3"),
            (!requireSquare || g.RowCount == g.ColumnCount, "n_0 = n_L (corrected form)"),
            (!requireFullRank || rank == Math.Min(g.RowCount, g.ColumnCount), "rank G = min{n_0, n_L}"),
            (Math.Abs(norm - 1) < 1e-12, "‖ρ‖ = 1"),
            (gradNorm <= tol, "∇H(ρ) = 0 (0-speed escape direction)"));
    }

    private static MarginSet Conclude(Instance x)
    {
        var g = x.Matrix("G");
        var layers = x.Weights;
        var hess = EscapeNumerics.DenseHessian(layers, v => EscapeNumerics.HHessianVector(g, layers, v));
        double lambdaMin = EscapeNumerics.Eigenvalues(hess)[0];
        int p = hess.RowCount;
        var tol = Tolerance.FromRounding(8 * p + 16, Math.Max(hess.FrobeniusNorm(), g.L2Norm()), "max(‖HH(ρ)‖_F, ‖G‖) (eigen-solver backward error)");
        return MarginSet.Of(EscapeNumerics.Strictly("−λ_min(HH(ρ)) > 0", -lambdaMin, 0, tol))
            .WithObservation("λ_min(HH(ρ))", lambdaMin);
    }
}
