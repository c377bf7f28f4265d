using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 31 (App. G, L755; proof App. I.19): with square hidden layers, a θ of unbalancedness ε̂ has a balanced θ̂
/// with ‖θ − θ̂‖ ≤ n^{1.5}√ε̂.
/// Formalisation note: the general construction needs Lemma 1 of Razin &amp; Cohen (2020), not reproduced in the paper;
/// checked on the family the catalog designs (n = 2, W_1 = 0, W_2 ∈ R^{d×d} arbitrary; ε̂ = ‖W_2ᵀW_2‖_* = ‖W_2‖_F²), where both
/// sides are known exactly: the witness Ŵ_2 = U(Σ/2)Vᵀ, Ŵ_1 = V(Σ/2)Vᵀ is balanced at distance ‖W_2‖_F/√2, and no
/// balanced point is closer (balanced ⇒ ‖Ŵ_1‖_F = ‖Ŵ_2‖_F =: a, so the squared distance is ≥ a² + (‖W_2‖ − a)² ≥ ‖W_2‖²/2).
/// Margins: radius − distance(witness) ≥ 0 (existence) and radius − (lower bound of every balanced point's distance) ≥ 0
/// (consistency); the second refutes the linear-in-ε̂ mutant rigorously.
/// </summary>
public static class Lemma31
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma31"),
        Source = Ec21.Source("Lemma 31 (App. G); proof App. I.19", "L755–760, L2330"),
        Kind = StatementKind.Lemma,
        Title = "a nearby balanced point exists",
        Text = "With d_0 = ⋯ = d_{n−1}, unbalancedness ε̂ implies a balanced θ̂ with ‖θ − θ̂‖ ≤ n^{1.5}√ε̂.",
        FormalisationNote = "Designed family n = 2, W_1 = 0, W_2 random d×d (d ∈ 1..3) scaled by δ ∈ [1e−3, 1]: exact witness and exact lower bound.",
        Hypotheses = new Hypotheses("n = 2, W_1 = 0, W_2 = δG/‖G‖_F, d ∈ 1..3, δ log-uniform in [1e−3, 1]", ctx =>
        {
            int d = ctx.Rng.NextInt(1, 3);
            var g = ctx.Rng.GaussianMatrix(d, d);
            return new Instance { Family = "W1=0" }.WithMatrix("W2", g * (ctx.Rng.LogUniform(1e-3, 1) / g.FrobeniusNorm()));
        }, (x, k) => HypothesesCheck.All((x.Matrix("W2").RowCount == x.Matrix("W2").ColumnCount, "square layers"))),
        Conclusion = (x, k, p) => Conclude(x, false),
        DefaultTrials = 32,
        Variants =
        [
            Variant.Mutant("LinearInEpsilonHat", "n^{1.5}√ε̂ → n^{1.5}ε̂: refuted rigorously for δ < 1/4 (every balanced point is ≥ δ/√2 away)", s => s.WithConclusion((x, k, p) => Conclude(x, true))),
        ],
    };

    private static MarginSet Conclude(Instance x, bool linear)
    {
        var w2 = x.Matrix("W2");
        var svd = w2.Svd(true);
        var half = Matrix<double>.Build.DenseOfDiagonalArray([.. svd.S.Select(s => s / 2)]);
        var v = svd.VT.Transpose();
        var hat2 = svd.U * half * svd.VT;
        var hat1 = v * half * svd.VT;
        double epsHat = svd.S.Sum(s => s * s);
        double n = 2;
        double radius = Math.Pow(n, 1.5) * (linear ? epsHat : Math.Sqrt(epsHat));
        double dist = Math.Sqrt(hat1.FrobeniusNorm() * hat1.FrobeniusNorm() + (w2 - hat2).FrobeniusNorm() * (w2 - hat2).FrobeniusNorm());
        double balance = (hat2.TransposeThisAndMultiply(hat2) - hat1 * hat1.Transpose()).FrobeniusNorm();
        double lower = w2.FrobeniusNorm() / Math.Sqrt(2);
        var tol = Tolerance.FromRounding(64, w2.FrobeniusNorm(), "‖W_2‖ (SVD)");
        return MarginSet.Of(
            Ec21.AtMost("witness is balanced", balance, 0, Tolerance.FromRounding(64, epsHat, "ε̂")),
            Ec21.AtMost("‖θ − θ̂_witness‖ ≤ n^{1.5}√ε̂", dist, radius, tol),
            Ec21.AtMost("min over balanced θ̂ of ‖θ − θ̂‖ (≥ ‖W_2‖/√2) ≤ radius", lower, radius, tol));
    }
}
