using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 39 (App D, L1035–1066): there is Ψ with A_{Ψ(A)} = A and ‖Ψ(A)‖² = L‖A‖_{2/L}^{2/L}, and every θ with
/// A_θ = A has ‖θ‖² ≥ L‖A‖_{2/L}^{2/L}.
/// Formalisation note: three instance families — "psi": random A (n_L×n_0, rank 0..min, sometimes a repeated singular
/// value) and the paper's SVD Ψ (equalities, sharp); "random": Gaussian θ of any widths (inequality, no width condition
/// needed); "near-balanced": Ψ(A) reparametrized by (…, W_{ℓ+1}M⁻¹, MW_ℓ, …) with M = I + εE (margin → 0⁺).
/// Continuity of Ψ is NOT checked (catalog: the literal SVD Ψ is discontinuous at repeated singular values; a continuous
/// variant exists — erratum noted). Tolerance: Weyl bound on ‖·‖_p^p (<see cref="SchattenTools.PowerPRounding"/>) times L,
/// plus γ_n‖θ‖². The AM-GM core is a scalar obligation (other engineer's bank).
/// </summary>
public static class Lemma39
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma39"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 39 (App D)", "L1035–1066"),
        Kind = StatementKind.Lemma,
        Title = "minimal-norm factorization ‖θ‖² ≥ L‖A_θ‖_{2/L}^{2/L}",
        Text = "Ψ(A) = (S^{1/L}Vᵀ, S^{1/L}, …, US^{1/L}) factors A with ‖Ψ(A)‖² = L‖A‖_{2/L}^{2/L}; every factorization θ of A has ‖θ‖² ≥ L‖A‖_{2/L}^{2/L}.",
        FormalisationNote = "Hidden widths ≥ min(n_0, n_L) for Ψ (App D, L1033).",
        Fidelity = Fidelity.Full("the inequality and the equality at Ψ(A) as printed, L ≤ 4, n_0, n_L ≤ 4, hidden widths ≥ min(n_0, n_L)"),
        Hypotheses = new Hypotheses("families psi / random / near-balanced in turn; L ∈ 2..4, n_0, n_L ∈ 1..4", ctx => Generate(ctx, 1), (x, k) => HypothesesCheck.All((x.Weights.Length >= 2, "L ≥ 2"))),
        Conclusion = (x, k, p) => Conclude(x, 0, 0, false),
        DefaultTrials = 60,
        Errata = ["The SVD-based Ψ is not continuous at matrices with repeated singular values (catalog §13 item 12); a continuous right inverse with the same two properties exists (W_1 = US^{1/L}Vᵀ, W_ℓ = (AAᵀ)^{1/(2L)} for n_L ≤ n_0), which Prop 7's argument needs."],
        Variants =
        [
            Variant.Mutant("ExponentOneOverL", "p = 1/L: ‖θ‖² ≥ L‖A_θ‖_{1/L}^{1/L} refuted by small-norm θ",
                s => s.WithConclusion((x, k, p) => Conclude(x, 1, 0, false)).WithGenerator("random θ scaled by 1/100", ctx => Generate(ctx, 0.01, "random"))),
            Variant.Mutant("ConstantLPlusOne", "‖θ‖² ≥ (L+1)‖A_θ‖_{2/L}^{2/L}: refuted at Ψ(A) (equality)", s => s.WithConclusion((x, k, p) => Conclude(x, 0, 1, false))),
            Variant.Mutant("EqualityForEveryFactorization", "‖θ‖² = L‖A_θ‖_{2/L}^{2/L} for every θ: refuted by unbalanced θ", s => s.WithConclusion((x, k, p) => Conclude(x, 0, 0, true))),
        ],
    };

    private static Instance Generate(TrialContext ctx, double scale, string? force = null)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(2, 4), n0 = rng.NextInt(1, 4), nL = rng.NextInt(1, 4);
        string family = force ?? (ctx.Index % 3) switch { 0 => "psi", 1 => "random", _ => "near-balanced" };
        int r = Math.Min(n0, nL);
        Matrix<double>[] layers;
        if (family == "random")
        {
            layers = EscapeNumerics.GaussianLayers(rng, n0, rng.NextInt(1, 4), nL, depth, scale);
        }
        else
        {
            int rank = rng.NextInt(0, r);
            var s = Enumerable.Range(0, r).Select(i => i < rank ? rng.Uniform(0.2, 3) : 0.0).OrderByDescending(z => z).ToArray();
            if (rank >= 2 && rng.NextBool())
            {
                s[1] = s[0];
            }
            var a = Jggsh21Fixtures.WithSingularValues(rng, nL, n0, s);
            int width = r + rng.NextInt(0, 2);
            layers = SchattenTools.MinimalNormFactorization(a, depth, width);
            if (family == "near-balanced")
            {
                for (int l = 0; l < depth - 1; l++)
                {
                    var m = Matrix<double>.Build.DenseIdentity(width) + 0.01 * rng.GaussianMatrix(width, width);
                    layers[l] = m * layers[l];
                    layers[l + 1] = layers[l + 1] * m.Inverse();
                }
            }
        }
        return new Instance { Family = family, Dims = [n0, .. layers.Select(m => m.RowCount)], Weights = [.. layers] };
    }

    private static MarginSet Conclude(Instance x, int exponentShift, int constantShift, bool equalityForAll)
    {
        var layers = x.Weights;
        int depth = layers.Length;
        double p = exponentShift == 1 ? 1.0 / depth : 2.0 / depth;
        var a = EscapeNumerics.EndToEnd(layers);
        double norm2 = EscapeNumerics.NormSquared(layers);
        double rhs = (depth + constantShift) * SchattenTools.PowerP(a, p);
        var tol = SchattenTools.PowerPRounding(a, p).Scaled(depth + constantShift, "L")
            .Plus(Tolerance.FromRounding(16 * (depth + 2) * (x.Dims.Max() + 2), norm2, "‖θ‖² (products of L layers)"));
        var margins = new List<Margin> { Margin.Bound("‖θ‖² − L‖A_θ‖_p^p", norm2 - rhs, Math.Max(norm2, 1e-300), tol) };
        if (x.Family == "psi" || equalityForAll)
        {
            margins.Add(Margin.Deviation("‖Ψ(A)‖² = L‖A‖_p^p (equality at Ψ)", Math.Abs(norm2 - rhs), Math.Max(norm2, 1e-300), tol));
        }
        return new MarginSet(margins);
    }
}
