using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 4 (App. D.2.1, L416–427): D_1, D_2 ∈ R^{d×d} non-negative diagonal with non-increasing diagonals,
/// O orthogonal, ‖D_1 − OD_2Oᵀ‖_F ≤ ε for some ε &gt; 0. Then (1) ‖D_1 − OD_1Oᵀ‖_F ≤ 2ε and (2) ‖D_1 − D_2‖_F ≤ ε.
/// Formalisation note: ε := ‖D_1 − OD_2Oᵀ‖_F (tightest; the lemma for larger ε follows). When that is 0 the lemma
/// with any ε &gt; 0 gives 0 on the left; the margins are then ε − LHS with ε = 0 and the rounding tolerance.
/// Every fourth trial is the TIGHT instance (derived in the catalog): d = 2, D_1 = diag(1, 0), D_2 = diag(½, ½),
/// O = swap, where both parts hold with equality. Tolerance: γ_n·(‖D_1‖_F + ‖D_2‖_F) with n = 4d + 16 (two d×d products).
/// </summary>
public static class Lemma4
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma4"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 4 (App. D.2.1)", "L416–427"),
        Kind = StatementKind.Lemma,
        Title = "diagonal vs rotated diagonal",
        Text = "Sorted non-negative diagonal D_1, D_2, orthogonal O with ‖D_1 − OD_2Oᵀ‖_F ≤ ε: ‖D_1 − OD_1Oᵀ‖_F ≤ 2ε and ‖D_1 − D_2‖_F ≤ ε.",
        FormalisationNote = "ε := ‖D_1 − OD_2Oᵀ‖_F. d 1..8; O Haar / permutation / near-identity rotation; D_2 = sorted clipped D_1 + noise or independent; "
            + "index mod 4 = 0 is the tight instance (both parts equalities).",
        Fidelity = Fidelity.Full("both parts with ε := ‖D_1 − OD_2Oᵀ‖_F (the smallest admissible), d ≤ 8, including the tight instance"),
        Hypotheses = new Hypotheses(
            "index mod 4: tight instance / Haar O / permutation O / near-identity O = Q of QR(I + tG); D_1 sorted in [0, 3]; D_2 = sorted max(0, D_1 + noise) or independent",
            ctx => Build(ctx, unsortedCounterexample: false),
            (x, k) => ValidateWith(x, requireSorted: true)),
        Conclusion = (x, k, p) => Conclude(x, factor: 2, epsFactor: 1),
        DefaultTrials = 120,
        Variants =
        [
            Variant.Mutant("FactorOneAndAHalf", "part (1) with 1.5ε instead of 2ε: refuted by the tight instance",
                s => s.WithConclusion((x, k, p) => Conclude(x, factor: 1.5, epsFactor: 1)), trials: 20),
            Variant.Mutant("HalfEpsilonInPartTwo", "part (2) with ε/2: refuted whenever O = I-like and D_1 ≠ D_2",
                s => s.WithConclusion((x, k, p) => Conclude(x, factor: 2, epsFactor: 0.5)), trials: 20),
            Variant.Mutant("DropNonIncreasing", "diagonals not required to be sorted: D_1 = diag(1, 0), D_2 = diag(0, 1), O = swap gives ε = 0 but ‖D_1 − D_2‖_F = √2",
                s => s.WithHypotheses("every second trial the unsorted swap instance", ctx => Build(ctx, unsortedCounterexample: true), (x, k) => ValidateWith(x, requireSorted: false)), trials: 10),
        ],
    };

    private static Instance Build(TrialContext ctx, bool unsortedCounterexample)
    {
        var rng = ctx.Rng;
        var swap = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1 }, { 1, 0 } });
        if (unsortedCounterexample && ctx.Index % 2 == 0)
        {
            return Of("unsorted-swap", Matrix<double>.Build.DenseDiagonal(2, 2, i => i == 0 ? 1 : 0), Matrix<double>.Build.DenseDiagonal(2, 2, i => i == 0 ? 0 : 1), swap);
        }
        if (ctx.Index % 4 == 0)
        {
            return Of("tight", Matrix<double>.Build.DenseDiagonal(2, 2, i => i == 0 ? 1 : 0), Matrix<double>.Build.DenseDiagonal(2, 2, 0.5), swap);
        }
        int d = rng.NextInt(1, 8);
        var d1 = Sorted(Enumerable.Range(0, d).Select(_ => rng.Uniform(0, 3)));
        var d2 = rng.NextBool()
            ? Sorted(d1.Select(v => Math.Max(0, v + rng.LogUniform(1e-4, 1) * rng.NextGaussian())))
            : Sorted(Enumerable.Range(0, d).Select(_ => rng.Uniform(0, 3)));
        Matrix<double> o = (ctx.Index % 4) switch
        {
            1 => rng.HaarOrthogonal(d),
            2 => Permutation(rng, d),
            _ => NearIdentity(rng, d),
        };
        string family = (ctx.Index % 4) switch { 1 => "haar", 2 => "permutation", _ => "near-identity" };
        return Of(family, Matrix<double>.Build.DenseOfDiagonalArray(d1), Matrix<double>.Build.DenseOfDiagonalArray(d2), o);
    }

    private static double[] Sorted(IEnumerable<double> values) => [.. values.OrderByDescending(v => v)];

    private static Instance Of(string family, Matrix<double> d1, Matrix<double> d2, Matrix<double> o) =>
        new Instance { Family = family }.WithMatrix("D1", d1).WithMatrix("D2", d2).WithMatrix("O", o);

    private static Matrix<double> Permutation(Rng rng, int d)
    {
        var perm = Enumerable.Range(0, d).ToArray();
        for (int i = d - 1; i > 0; i--)
        {
            int k = rng.NextInt(0, i);
            (perm[i], perm[k]) = (perm[k], perm[i]);
        }
        var p = Matrix<double>.Build.Dense(d, d);
        for (int i = 0; i < d; i++)
        {
            p[i, perm[i]] = 1;
        }
        return p;
    }

    /// <summary>Q of the QR factorisation of I + tG (sign-fixed so diag R &gt; 0): orthogonal to rounding (Householder) and close to I for small t.</summary>
    private static Matrix<double> NearIdentity(Rng rng, int d)
    {
        var qr = (Matrix<double>.Build.DenseIdentity(d) + rng.LogUniform(1e-4, 0.3) * rng.GaussianMatrix(d, d)).QR();
        var q = qr.Q.Clone();
        for (int j = 0; j < d; j++)
        {
            if (qr.R[j, j] < 0)
            {
                q.SetColumn(j, q.Column(j).Negate());
            }
        }
        return q;
    }

    private static bool IsDiagonal(Matrix<double> m) =>
        Enumerable.Range(0, m.RowCount).All(i => Enumerable.Range(0, m.ColumnCount).All(j => i == j || m[i, j] == 0));

    private static bool IsSortedNonNegative(Matrix<double> m, bool requireSorted) =>
        Enumerable.Range(0, m.RowCount).All(i => m[i, i] >= 0 && (!requireSorted || i == 0 || m[i, i] <= m[i - 1, i - 1]));

    private static HypothesesCheck ValidateWith(Instance x, bool requireSorted)
    {
        var d1 = x.Matrix("D1");
        var d2 = x.Matrix("D2");
        var o = x.Matrix("O");
        int d = d1.RowCount;
        // O is orthogonal up to the rounding of a Householder QR: ‖QᵀQ − I‖_F ≤ γ_{cd}·d (Higham Thm 19.4), c = 8 here.
        double orthogonality = (o.TransposeThisAndMultiply(o) - Matrix<double>.Build.DenseIdentity(d)).FrobeniusNorm();
        return HypothesesCheck.All(
            (d1.RowCount == d1.ColumnCount && d2.RowCount == d && d2.ColumnCount == d && o.RowCount == d && o.ColumnCount == d, "D_1, D_2, O are d×d"),
            (IsDiagonal(d1) && IsDiagonal(d2), "D_1, D_2 diagonal"),
            (IsSortedNonNegative(d1, requireSorted) && IsSortedNonNegative(d2, requireSorted), requireSorted ? "diagonals non-negative and non-increasing" : "diagonals non-negative"),
            (orthogonality <= Tolerance.Gamma(8 * d + 16) * d, "O orthogonal (up to rounding)"));
    }

    private static MarginSet Conclude(Instance x, double factor, double epsFactor)
    {
        var d1 = x.Matrix("D1");
        var d2 = x.Matrix("D2");
        var o = x.Matrix("O");
        double eps = (d1 - o * d2 * o.Transpose()).FrobeniusNorm();
        double part1 = (d1 - o * d1 * o.Transpose()).FrobeniusNorm();
        double part2 = (d1 - d2).FrobeniusNorm();
        double scale = d1.FrobeniusNorm() + d2.FrobeniusNorm();
        var tol = Tolerance.FromRounding(4 * d1.RowCount + 16, scale, "‖D_1‖_F + ‖D_2‖_F (two d×d products, O orthogonal to rounding)");
        return MarginSet.Of(
            Margin.AtMost($"(1) {factor}ε − ‖D_1 − OD_1Oᵀ‖_F", part1, factor * eps, tol),
            Margin.AtMost($"(2) {epsFactor}ε − ‖D_1 − D_2‖_F", part2, epsFactor * eps, tol));
    }
}
