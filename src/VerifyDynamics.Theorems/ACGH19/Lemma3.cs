using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 3 (App. D.2.1, L410–414; cited from Bhatia 1997, Exercise IV.3.5): for A, B of the same size,
/// with Sing(X) the rectangular diagonal matrix of the singular values in non-increasing order,
/// ‖Sing(A) − Sing(B)‖_σ ≤ ‖A − B‖_σ and ‖Sing(A) − Sing(B)‖_F ≤ ‖A − B‖_F (Weyl / Mirsky).
/// Formalisation note: ‖Sing(A) − Sing(B)‖_σ = max_i |σ_i(A) − σ_i(B)|, ‖·‖_F = the ℓ2 norm of the differences.
/// Every third trial is TIGHT: A, B rectangular diagonal with sorted non-negative entries (both sides equal).
/// Tolerance: each computed σ_i is within γ_n·‖X‖_σ of the exact one (backward-stable SVD), so the sides carry
/// γ_n·(‖A‖_σ + ‖B‖_σ)·√m.
/// </summary>
public static class Lemma3
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma3"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 3 (App. D.2.1), cited: Bhatia 1997 Ex. IV.3.5", "L410–414"),
        Kind = StatementKind.Lemma,
        Title = "singular-value perturbation (Weyl, Mirsky)",
        Text = "‖Sing(A) − Sing(B)‖_σ ≤ ‖A − B‖_σ and ‖Sing(A) − Sing(B)‖_F ≤ ‖A − B‖_F.",
        FormalisationNote = "Shapes 1..8 × 1..8; index mod 3: tight sorted diagonal pair / B = A + εE (ε ∈ 10^[−6, 0]) / independent B.",
        Fidelity = Fidelity.Full("both inequalities on shapes up to 8×8, including the equality case (sorted diagonal pairs)"),
        Hypotheses = new Hypotheses(
            "index mod 3 = 0: A, B rectangular diagonal, sorted non-negative (equality case); 1: B = A + εE, ε log-uniform in [1e-6, 1]; 2: A, B independent Gaussian",
            Generate,
            (x, k) => HypothesesCheck.All((x.Matrix("A").RowCount == x.Matrix("B").RowCount && x.Matrix("A").ColumnCount == x.Matrix("B").ColumnCount, "A and B have the same size"))),
        Conclusion = (x, k, p) => Conclude(x, increasingB: false, frobeniusAgainstSpectral: false, factor: 1),
        DefaultTrials = 90,
        Variants =
        [
            Variant.Mutant("IncreasingOrderForB", "Sing(B) sorted increasingly: refuted by nearby pairs with distinct singular values",
                s => s.WithConclusion((x, k, p) => Conclude(x, increasingB: true, frobeniusAgainstSpectral: false, factor: 1)), trials: 30),
            Variant.Mutant("FrobeniusAgainstSpectral", "‖Sing(A) − Sing(B)‖_F ≤ ‖A − B‖_σ: refuted by diagonal pairs differing in ≥ 2 entries (e.g. A = I, B = 0)",
                s => s.WithConclusion((x, k, p) => Conclude(x, increasingB: false, frobeniusAgainstSpectral: true, factor: 1)), trials: 30),
            Variant.Mutant("HalfFactor", "factor 1/2 on the right-hand sides: refuted by the tight diagonal instances",
                s => s.WithConclusion((x, k, p) => Conclude(x, increasingB: false, frobeniusAgainstSpectral: false, factor: 0.5)), trials: 30),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int rows = rng.NextInt(1, 8), cols = rng.NextInt(1, 8);
        Matrix<double> a, b;
        string family;
        switch (ctx.Index % 3)
        {
            case 0:
                a = SortedDiagonal(rng, rows, cols);
                b = SortedDiagonal(rng, rows, cols);
                family = "tight-diagonal";
                break;
            case 1:
                a = rng.GaussianMatrix(rows, cols);
                b = a + rng.LogUniform(1e-6, 1) * rng.GaussianMatrix(rows, cols);
                family = "perturbed";
                break;
            default:
                a = rng.GaussianMatrix(rows, cols);
                b = rng.LogUniform(0.1, 10) * rng.GaussianMatrix(rows, cols);
                family = "independent";
                break;
        }
        return new Instance { Family = family }.WithMatrix("A", a).WithMatrix("B", b);
    }

    private static Matrix<double> SortedDiagonal(Core.Randomness.Rng rng, int rows, int cols)
    {
        int m = Math.Min(rows, cols);
        var values = Enumerable.Range(0, m).Select(_ => rng.Uniform(0, 3)).OrderByDescending(v => v).ToArray();
        var d = Matrix<double>.Build.Dense(rows, cols);
        for (int i = 0; i < m; i++)
        {
            d[i, i] = values[i];
        }
        return d;
    }

    private static MarginSet Conclude(Instance x, bool increasingB, bool frobeniusAgainstSpectral, double factor)
    {
        var a = x.Matrix("A");
        var b = x.Matrix("B");
        var sa = MatrixMeasures.SingularValues(a);
        var sb = MatrixMeasures.SingularValues(b);
        if (increasingB)
        {
            Array.Reverse(sb);
        }
        double maxDiff = 0, sumSq = 0;
        for (int i = 0; i < sa.Length; i++)
        {
            double d = sa[i] - sb[i];
            maxDiff = Math.Max(maxDiff, Math.Abs(d));
            sumSq += d * d;
        }
        double spectral = MatrixMeasures.Spectral(a - b);
        double frob = (a - b).FrobeniusNorm();
        int m = sa.Length;
        int ops = 8 * Math.Max(a.RowCount, a.ColumnCount) + 16;
        double scale = MatrixMeasures.Spectral(a) + MatrixMeasures.Spectral(b);
        var tol = Tolerance.FromRounding(ops, scale * Math.Sqrt(m), "(‖A‖_σ + ‖B‖_σ)·√m (SVD backward error)");
        return MarginSet.Of(
            Margin.AtMost("‖A − B‖_σ − ‖Sing(A) − Sing(B)‖_σ", maxDiff, factor * spectral, tol),
            Margin.AtMost(frobeniusAgainstSpectral ? "‖A − B‖_σ − ‖Sing(A) − Sing(B)‖_F" : "‖A − B‖_F − ‖Sing(A) − Sing(B)‖_F",
                Math.Sqrt(sumSq), factor * (frobeniusAgainstSpectral ? spectral : frob), tol));
    }
}
