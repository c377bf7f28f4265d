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
        FormalisationNote = "n = 2 only: the designed family W_1 = 0 (exact witness and exact lower bound; one point up to scale) and general square W_1 with W_2 ∈ R^{d_2×d} (polar-decomposition witness, distance ≤ √ε̂ by Powers–Størmer).",
        Fidelity = Fidelity.Restricted("n = 2 only (d ≤ 3): general square W_1 with a polar-decomposition witness, plus the designed family W_1 = 0 (one point up to scale, distance/radius = 1/4); n ≥ 3 needs Razin & Cohen's construction, not reproduced in the paper"),
        Hypotheses = new Hypotheses("n = 2, d_0 = d_1 = d ∈ 1..3; even trials W_1 = 0, W_2 = δG/‖G‖_F (δ log-uniform in [1e−3, 1]); odd trials general W_1 ∈ R^{d×d}, W_2 ∈ R^{d_2×d} (d_2 ∈ d..3) Gaussian, each layer scaled log-uniformly in [1e−2, 1e1]", ctx =>
        {
            int d = ctx.Rng.NextInt(1, 3);
            if (ctx.Index % 2 == 1)
            {
                int d2 = ctx.Rng.NextInt(d, 3);
                var g1 = ctx.Rng.GaussianMatrix(d, d);
                var g2 = ctx.Rng.GaussianMatrix(d2, d);
                return new Instance { Family = "general" }
                    .WithMatrix("W1", g1 * (ctx.Rng.LogUniform(1e-2, 10) / g1.FrobeniusNorm()))
                    .WithMatrix("W2", g2 * (ctx.Rng.LogUniform(1e-2, 10) / g2.FrobeniusNorm()));
            }
            var g = ctx.Rng.GaussianMatrix(d, d);
            return new Instance { Family = "W1=0" }.WithMatrix("W2", g * (ctx.Rng.LogUniform(1e-3, 1) / g.FrobeniusNorm()));
        }, (x, k) => HypothesesCheck.All(
            (x.Matrices.ContainsKey("W1") ? x.Matrix("W1").RowCount == x.Matrix("W1").ColumnCount && x.Matrix("W1").RowCount == x.Matrix("W2").ColumnCount
                : x.Matrix("W2").RowCount == x.Matrix("W2").ColumnCount, "square layers d_0 = d_1"),
            (!x.Matrices.ContainsKey("W1") || x.Matrix("W2").RowCount >= x.Matrix("W2").ColumnCount, "d_2 ≥ d_1 (the polar witness needs an isometry)"))),
        Conclusion = (x, k, p) => x.Matrices.ContainsKey("W1") ? ConcludeGeneral(x, false) : Conclude(x, false),
        DefaultTrials = 32,
        Variants =
        [
            Variant.Mutant("LinearInEpsilonHat", "n^{1.5}√ε̂ → n^{1.5}ε̂: refuted rigorously for δ < 1/4 (every balanced point is ≥ δ/√2 away)", s => s.WithConclusion((x, k, p) => x.Matrices.ContainsKey("W1") ? ConcludeGeneral(x, true) : Conclude(x, true))),
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

    /// <summary>
    /// General n = 2: W_2 = UP (polar, U an isometry since d_2 ≥ d_1), Q := (W_1W_1ᵀ)^{1/2}; the witness θ̂ = (W_1, UQ) is balanced
    /// (Ŵ_2ᵀŴ_2 = Q² = W_1W_1ᵀ) at distance ‖P − Q‖_F ≤ ‖P² − Q²‖_*^{1/2} = √ε̂ (Powers–Størmer), so it is an existence witness
    /// (an upper bound on the distance to the balanced set): radius − distance(witness) ≥ 0 shows the lemma at this θ; a failure
    /// would only be inconclusive, not a counterexample — it cannot happen, by Powers–Størmer.
    /// </summary>
    private static MarginSet ConcludeGeneral(Instance x, bool linear)
    {
        var w1 = x.Matrix("W1");
        var w2 = x.Matrix("W2");
        var s2 = w2.Svd(true);
        int d = w1.RowCount;
        var u = s2.U.SubMatrix(0, w2.RowCount, 0, d) * s2.VT;
        var s1 = w1.Svd(true);
        var q = s1.U * Matrix<double>.Build.DenseOfDiagonalArray([.. s1.S]) * s1.U.Transpose();
        var hat2 = u * q;
        var gap = w2.TransposeThisAndMultiply(w2) - w1 * w1.Transpose();
        double epsHat = gap.Svd(false).S.Sum();
        double n = 2;
        double radius = Math.Pow(n, 1.5) * (linear ? epsHat : Math.Sqrt(epsHat));
        double dist = (w2 - hat2).FrobeniusNorm();
        double scale = Math.Max(w1.FrobeniusNorm(), w2.FrobeniusNorm());
        double balance = (hat2.TransposeThisAndMultiply(hat2) - w1 * w1.Transpose()).FrobeniusNorm();
        // SVD backward errors γ_{64}·scale on each factor; ε̂ through √ (Lipschitz 1/(2√ε̂)) and the nuclear norm of the gap.
        var tol = Tolerance.FromRounding(64, scale, "max ‖W_j‖_F (two SVDs and products)")
            .Plus(Tolerance.FromRounding(64 * (d + 1), scale * scale / Math.Max(Math.Sqrt(epsHat), 1e-300), "‖W‖²/√ε̂ (ε̂ through √)"));
        // A witness farther than the radius only fails to show existence: inconclusive, never a counterexample.
        var witness = dist > radius + tol.Absolute
            ? Margin.Uncomputable("‖θ − θ̂_witness‖ ≤ n^{1.5}√ε̂ (general n = 2, polar witness): witness outside the radius, inconclusive")
            : Margin.AtMost("‖θ − θ̂_witness‖ ≤ n^{1.5}√ε̂ (general n = 2, polar witness)", dist, radius, tol);
        return MarginSet.Of(
            Margin.Deviation("witness is balanced (general n = 2)", balance, scale * scale, Tolerance.FromRounding(64 * (d + 1), scale * scale, "‖W‖²")),
            witness)
            .WithObservation("epsilon_hat", epsHat).WithObservation("distance/radius", dist / radius);
    }
}
