using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 33 (App. I.7, L989; Eqs. 47–49): for A_i ∈ R^{d_i×d_{i−1}} with Δ_i := A_{i+1}ᵀA_{i+1} − A_iA_iᵀ and
/// ‖Δ_i‖_s ≤ 1/(2n) for all i ∈ [n−1],
/// max_i‖A_i‖_s^n ≤ ‖A_{n:1}‖_s + 2n·√(max_i‖Δ_i‖_s)·A_max^{2n}, A_max := max{1, max_i‖A_i‖_s}.
/// (The printed last display of the proof puts A_max^{2n} under the square root — typesetting; the statement and the
/// algebra have it outside, which is what is checked.)
/// Formalisation note: random near-balanced matrices (balanced W_j = U_jΣ^{1/n}U_{j−1}ᵀ with Haar U_j, square d ∈ 1..4,
/// then Gaussian noise of relative size 1e−6..3e−2); validator keeps Δ_max ≤ 1/(2n). Tolerance: SVD backward error of the
/// spectral norms (γ_{8d}) propagated through the powers, and √ of the rounding of Δ.
/// </summary>
public static class Lemma33
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma33"),
        Source = Ec21.Source("Lemma 33 (App. I.7, Eqs. 47–49)", "L989"),
        Kind = StatementKind.Lemma,
        Title = "near-balanced spectral norms",
        Text = "‖Δ_i‖_s ≤ 1/(2n) ∀i ⇒ max_i‖A_i‖_s^n ≤ ‖A_{n:1}‖_s + 2n√(max_i‖Δ_i‖_s)·A_max^{2n}.",
        FormalisationNote = "Random near-balanced square matrices (balanced + noise 1e−6..3e−2), n ∈ 2..5; margin RHS − LHS with SVD-rounding tolerance.",
        Fidelity = Fidelity.Full("random near-balanced square matrices (noise 1e−6..3e−2 relative), n ∈ 2..5, d ≤ 4"),
        Hypotheses = new Hypotheses("n ∈ 2..5, d ∈ 1..4, balanced U_jΣ^{1/n}U_{j−1}ᵀ (σ ∈ [0.2, 1.5]) + noise of relative size 1e−6..3e−2",
            Generate, (x, k) => HypothesesCheck.All((DeltaMax(x.Weights) <= 1.0 / (2 * x.Weights.Length), "‖Δ_i‖_s ≤ 1/(2n) for all i"))),
        Conclusion = (x, k, p) => Conclude(x, true),
        DefaultTrials = 40,
        Variants =
        [
            Variant.Mutant("NoCorrection", "max_i‖A_i‖_s^n ≤ ‖A_{n:1}‖_s (the 2n√Δ·A_max^{2n} term dropped): refuted by the noise", s => s.WithConclusion((x, k, p) => Conclude(x, false)), trials: 12),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        int n = r.NextInt(2, 5), d = r.NextInt(1, 4);
        var u = Enumerable.Range(0, n + 1).Select(_ => r.HaarOrthogonal(d)).ToArray();
        var sigma = Matrix<double>.Build.DenseOfDiagonalArray([.. Enumerable.Range(0, d).Select(_ => Math.Pow(r.Uniform(0.2, 1.5), 1.0 / n))]);
        double noise = r.LogUniform(1e-6, 3e-2);
        var ws = Enumerable.Range(1, n).Select(j => u[j] * sigma * u[j - 1].Transpose() + r.GaussianMatrix(d, d) * noise).ToArray();
        return new Instance { Family = $"near-balanced n = {n}, d = {d}, noise {noise:G2}" }.WithNetwork(new DeepLinearNetwork(ws));
    }

    private static double DeltaMax(IReadOnlyList<Matrix<double>> ws) =>
        Enumerable.Range(0, ws.Count - 1).Select(i => (ws[i + 1].TransposeThisAndMultiply(ws[i + 1]) - ws[i] * ws[i].Transpose()).L2Norm()).DefaultIfEmpty(0).Max();

    private static MarginSet Conclude(Instance x, bool withCorrection)
    {
        var ws = x.Weights;
        int n = ws.Length, d = x.Network.Dims.Max();
        var norms = ws.Select(w => w.L2Norm()).ToArray();
        double lhs = Math.Pow(norms.Max(), n);
        double prodNorm = x.Network.EndToEnd().L2Norm();
        double aMax = Math.Max(1, norms.Max());
        double dMax = DeltaMax(ws);
        double rhs = prodNorm + (withCorrection ? 2 * n * Math.Sqrt(dMax) * Math.Pow(aMax, 2 * n) : 0);
        // Each spectral norm carries a relative error ≤ γ_{8d}; a power n multiplies it by n; the product A_{n:1} adds γ_{nd};
        // Δ's rounding e = γ_{8d}·2A_max² enters through √ as at most √e.
        double g = Tolerance.Gamma(8 * d + 8);
        var tol = Tolerance.Bound(n * g * lhs + (Tolerance.Gamma(n * d) + g) * Math.Pow(aMax, n)
            + (withCorrection ? 2 * n * Math.Sqrt(2 * g * aMax * aMax) * Math.Pow(aMax, 2 * n) : 0), "SVD backward error through powers + √(rounding of Δ)");
        return MarginSet.Of(Ec21.AtMost("max_i‖A_i‖^n ≤ ‖A_{n:1}‖ + 2n√Δ_max·A_max^{2n}", lhs, rhs, tol)).WithObservation("Delta_max", dMax);
    }
}
