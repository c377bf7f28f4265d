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
/// (W_1, W_2 or W_3; any two zero layers make ∇H = 0 for L = 3). Evaluated EXACTLY: H is multilinear in the layers, so HH(ρ) has a
/// zero diagonal and λ_min(HH(ρ)) ≤ −max_ij |HH(ρ)_ij| (take v = (e_i ∓ e_j)/√2); a symmetric matrix with zero diagonal is PSD only if
/// it is 0. So "some v with vᵀHH(ρ)v &lt; 0" ⟺ HH(ρ) ≠ 0 ⟺ max(‖W_1Gᵀ‖_max, ‖W_2‖_max‖G‖_max, ‖GᵀW_3‖_max) &gt; 0, computed in Rational
/// arithmetic from the stored binary64 entries (Rational.FromDouble is exact). A rounding-level instance (W_1Gᵀ ≈ 1e−17 ≠ 0) therefore
/// satisfies the lemma and is not a counterexample.
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
            + "with an exact counterexample: G = [D 0] (integer D invertible, a zero column c) and ρ = (b e_cᵀ, 0, 0), so W_1Gᵀ = 0 exactly and "
            + "HH(ρ) ≡ 0 (or the transposed construction on W_3). The conclusion is evaluated exactly: H is multilinear, so HH(ρ) has a zero "
            + "diagonal and negative curvature exists iff HH(ρ) ≠ 0, i.e. iff max(‖W_1Gᵀ‖_max, ‖W_2‖_max‖G‖_max, ‖GᵀW_3‖_max) > 0, computed "
            + "in Rational arithmetic from the stored binary64 entries; the margin is that maximum (strict: a value −1 encodes an exactly "
            + "zero Hessian), and λ_min(HH(ρ)) ≤ −max is recorded. The floating-point λ_min is an observation only.",
        Fidelity = Fidelity.Restricted("0-speed directions with exactly one non-zero layer (W_1, W_2 or W_3), n_0 = n_L ≤ 3, w ≤ 3 (the corrected "
            + "form); 0-speed critical points of H on the sphere with two or three non-zero layers are not generated"),
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

    /// <summary>
    /// The catalog's counterexample as an exact construction (integer G, a layer supported on a zero column/row of G): W_1Gᵀ = 0 (or
    /// GᵀW_3 = 0) holds exactly in binary64, so the Hessian of H at ρ vanishes identically. Not a numerically computed kernel vector.
    /// </summary>
    private static Instance Counterexample(TrialContext ctx, bool unequal)
    {
        var rng = ctx.Rng;
        int w = rng.NextInt(1, 3);
        bool wideInput = !unequal || rng.NextBool();
        int n0, nL;
        Matrix<double> g;
        int zero;
        if (unequal)
        {
            int small = rng.NextInt(1, 2);
            (n0, nL) = wideInput ? (small + 1, small) : (small, small + 1);
            zero = rng.NextInt(0, small);
            g = wideInput ? IntegerMatrix(rng, nL, n0, -1, zero, small) : IntegerMatrix(rng, nL, n0, zero, -1, small);
        }
        else
        {
            n0 = nL = rng.NextInt(2, 3);
            zero = rng.NextInt(0, n0 - 1);
            g = IntegerMatrix(rng, nL, n0, -1, zero, n0 - 1);
        }
        var layers = EscapeNumerics.GaussianLayers(rng, n0, w, nL, 3).Select(m => 0 * m).ToArray();
        var unit = EscapeNumerics.UnitVector(rng, w);
        var e = Vector<double>.Build.Dense(wideInput ? n0 : nL);
        e[zero] = 1;
        if (wideInput)
        {
            layers[0] = unit.OuterProduct(e); // rows of W_1 along the zero column e_c of G: G e_c = 0 exactly
        }
        else
        {
            layers[2] = e.OuterProduct(unit); // columns of W_3 along the zero row e_r of G: Gᵀe_r = 0 exactly
        }
        return Pack("orthogonal-to-G (exact)", g, layers);
    }

    private static Matrix<double> IntegerMatrix(Core.Randomness.Rng rng, int rows, int cols, int zeroRow, int zeroCol, int rank)
    {
        while (true)
        {
            var g = Matrix<double>.Build.Dense(rows, cols, (i, j) => i == zeroRow || j == zeroCol ? 0 : rng.NextInt(-3, 3));
            if (Core.LinearAlgebra.MatrixMeasures.NumericalRank(g) == rank)
            {
                return g;
            }
        }
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

    private static Rational[,] Exact(Matrix<double> m)
    {
        var r = new Rational[m.RowCount, m.ColumnCount];
        for (int i = 0; i < m.RowCount; i++)
        {
            for (int j = 0; j < m.ColumnCount; j++)
            {
                r[i, j] = Rational.FromDouble(m[i, j]);
            }
        }
        return r;
    }

    private static Rational Abs(Rational q) => q.Sign < 0 ? -q : q;

    private static Rational MaxAbs(Rational[,] m)
    {
        var best = Rational.Zero;
        foreach (var q in m)
        {
            var a = Abs(q);
            if (a > best)
            {
                best = a;
            }
        }
        return best;
    }

    /// <summary>max |entry| of X·Yᵀ (transposeLeft: Xᵀ·Y) in exact arithmetic.</summary>
    private static Rational MaxAbsProduct(Rational[,] x, Rational[,] y, bool transposeLeft)
    {
        int rows = transposeLeft ? x.GetLength(1) : x.GetLength(0);
        int cols = transposeLeft ? y.GetLength(1) : y.GetLength(0);
        int inner = transposeLeft ? x.GetLength(0) : x.GetLength(1);
        var best = Rational.Zero;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                var sum = Rational.Zero;
                for (int k = 0; k < inner; k++)
                {
                    sum += transposeLeft ? x[k, i] * y[k, j] : x[i, k] * y[j, k];
                }
                var a = Abs(sum);
                if (a > best)
                {
                    best = a;
                }
            }
        }
        return best;
    }

    /// <summary>
    /// max_ij |HH(ρ)_ij| for H(θ) = Tr[GᵀW_3W_2W_1], exactly: the (W_3, W_2) block holds the entries of W_1Gᵀ, the (W_3, W_1) block the
    /// products (W_2)_{bc}G_{ad}, the (W_2, W_1) block the entries of GᵀW_3; diagonal blocks vanish (H is multilinear).
    /// </summary>
    internal static Rational MaxHessianEntry(Matrix<double> g, IReadOnlyList<Matrix<double>> layers)
    {
        var ge = Exact(g);
        var w1 = Exact(layers[0]);
        var w2 = Exact(layers[1]);
        var w3 = Exact(layers[2]);
        var a = MaxAbsProduct(w1, ge, transposeLeft: false);   // W_1Gᵀ
        var b = MaxAbs(w2) * MaxAbs(ge);
        var c = MaxAbsProduct(ge, w3, transposeLeft: true);    // GᵀW_3
        return new[] { a, b, c }.Max();
    }

    private static MarginSet Conclude(Instance x)
    {
        var g = x.Matrix("G");
        var layers = x.Weights;
        var m = MaxHessianEntry(g, layers);
        double scale = g.Enumerate().Max(Math.Abs);
        var hess = EscapeNumerics.HHessian(g, layers);
        double lambdaMin = EscapeNumerics.Eigenvalues(hess)[0];
        var margin = Margin.Bound("max_ij |HH(ρ)_ij| > 0, i.e. λ_min(HH(ρ)) ≤ −max_ij |HH(ρ)_ij| < 0 (exact; −1 encodes HH(ρ) ≡ 0)",
            m.Sign > 0 ? m.ToDouble() : -1, scale, Tolerance.Exact);
        return MarginSet.Of(margin)
            .WithObservation("exact max_ij |HH(ρ)_ij|", m.ToDouble())
            .WithObservation("floating-point λ_min(HH(ρ)) (observation only)", lambdaMin);
    }
}
