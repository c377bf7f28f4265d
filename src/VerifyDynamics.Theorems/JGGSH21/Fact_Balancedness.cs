using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.Balancedness (App C.1.1, L696, unnumbered; used in App D): under the gradient flow of C(A_θ) (λ = 0)
/// the differences D_ℓ = W_ℓᵀW_ℓ − W_{ℓ−1}W_{ℓ−1}ᵀ (ℓ = 2..L) are constant. (derived, catalog) With λ‖θ‖² added,
/// Ḋ_ℓ = −4λD_ℓ, so D_ℓ(t) = e^{−4λt}D_ℓ(0).
/// Formalisation note: C = whitened MSE ‖A − B‖_F², Gaussian θ_0 of scale 1/√w, λ = 0 on even trials and λ ∈ [0.05, 0.5]
/// on odd ones, t ∈ {1/2, 1}. Tolerance: D is quadratic in θ, so its error is ≤ 2(‖θ(t)‖ + e)e with e the two-tolerance
/// ODE error bound, plus γ_n rounding. The printed range 1 &lt; ℓ &lt; L is read as 2 ≤ ℓ ≤ L (catalog).
/// </summary>
public static class Fact_Balancedness
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.Balancedness"),
        Source = new SourceRef(Papers.JGGSH21, "App C.1.1 (unnumbered)", "L696"),
        Kind = StatementKind.Unnumbered,
        Title = "conservation of balancedness",
        Text = "Gradient flow of C(A_θ) conserves W_ℓᵀW_ℓ − W_{ℓ−1}W_{ℓ−1}ᵀ; with λ‖θ‖² it decays as e^{−4λt}.",
        FormalisationNote = "The λ > 0 law is the catalog's derived extension; both are checked.",
        Fidelity = Fidelity.Restricted("whitened MSE costs, L ≤ 4, widths ≤ 3, finite integration horizon (the λ > 0 law is the catalog's derived extension)"),
        Hypotheses = new Hypotheses("whitened MSE, L ∈ 2..4, n_0, n_L, w ∈ 1..3, Gaussian θ_0, λ = 0 or λ ∈ [0.05, 0.5]", ctx => Generate(ctx, forceRegularized: false), Validate),
        Conclusion = (x, k, p) => Conclude(x, p, decay: true),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("ConservedAlsoWithRegularization", "D_ℓ conserved also for λ > 0: refuted (it decays as e^{−4λt})",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, decay: false)).WithGenerator("λ ∈ [0.05, 0.5]", ctx => Generate(ctx, forceRegularized: true)), trials: 4),
        ],
    };

    private static Instance Generate(TrialContext ctx, bool forceRegularized)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(2, 4), n0 = rng.NextInt(1, 3), nL = rng.NextInt(1, 3), w = rng.NextInt(1, 3);
        var layers = EscapeNumerics.GaussianLayers(rng, n0, w, nL, depth, 1 / Math.Sqrt(w));
        double lambda = forceRegularized || ctx.Index % 2 == 1 ? rng.Uniform(0.05, 0.5) : 0;
        return new Instance { Family = lambda > 0 ? "regularized" : "plain", Dims = [n0, .. layers.Select(m => m.RowCount)], Weights = [.. layers], Target = rng.GaussianMatrix(nL, n0) }
            .WithScalar("lambda", lambda);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Weights.Length >= 2, "L ≥ 2"),
        (x.Scalar("lambda") >= 0, "λ ≥ 0"),
        (x.Target is not null && x.Target.RowCount == x.Weights[^1].RowCount && x.Target.ColumnCount == x.Weights[0].ColumnCount, "target is n_L × n_0"));

    private static Matrix<double> D(IReadOnlyList<Matrix<double>> layers, int l) =>
        layers[l - 1].TransposeThisAndMultiply(layers[l - 1]) - layers[l - 2].TransposeAndMultiply(layers[l - 2]);

    private static MarginSet Conclude(Instance x, Precision precision, bool decay)
    {
        double lambda = x.Scalar("lambda");
        var b = x.RequireTarget;
        var flow = EscapeNumerics.CostFlow(a => 2 * (a - b), lambda, x.Weights);
        double[] times = [0.5, 1];
        var sol = EscapeNumerics.SolveFlow(flow, EscapeNumerics.Flatten(x.Weights), times, precision);
        var margins = new List<Margin>();
        for (int j = 0; j < times.Length; j++)
        {
            var layers = sol is null ? null : EscapeNumerics.Unflatten(sol.States[j], x.Weights);
            double e = sol?.ErrorBounds[j] ?? 0;
            double size = layers is null ? 1 : EscapeNumerics.NormSquared(layers);
            for (int l = 2; l <= x.Weights.Length; l++)
            {
                double factor = decay ? Math.Exp(-4 * lambda * times[j]) : 1;
                double dev = layers is null ? double.NaN : (D(layers, l) - factor * D(x.Weights, l)).FrobeniusNorm();
                var tol = Tolerance.ValidatedEstimate(2 * (Math.Sqrt(size) + e) * e, "D quadratic in θ: 2(‖θ‖ + e)e, e = ODE two-tolerance error")
                    .Plus(Tolerance.FromRounding(64, size + EscapeNumerics.NormSquared(x.Weights), "‖θ(t)‖² + ‖θ_0‖²"));
                margins.Add(Margin.Deviation($"‖D_{l}(t) − e^{{−4λt}}D_{l}(0)‖_F at t = {times[j]}", dev, Math.Max(size, 1e-300), tol));
            }
        }
        return new MarginSet(margins);
    }
}
