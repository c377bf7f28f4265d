using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 22 (App C.1, L611–625): for a k-homogeneous H, γ_H(t, λx_0) = λγ_H(λ^{k−2}t, x_0) for all
/// x_0, λ &gt; 0 and t &gt; 0 for which the flows exist.
/// Formalisation note: H = Tr[GᵀA_θ] (k = L ∈ {2, 3, 4}); ‖x_0‖ = 1 Gaussian direction; λ ∈ {1/10, 1/2, 2};
/// t is half the guaranteed existence time ‖λx_0‖^{−(k−2)}/((k−2)|s*|) (Fact.EscapeBasics (iv)) for k &gt; 2.
/// Random homogeneous polynomials other than the DLN H are not generated. Tolerance: the two ODE error bounds
/// (the second scaled by λ) plus γ_n rounding.
/// </summary>
public static class Lemma22
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma22"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 22 (App C.1)", "L611–625"),
        Kind = StatementKind.Lemma,
        Title = "time scaling of homogeneous gradient flows",
        Text = "For k-homogeneous H, γ_H(t, λx_0) = λγ_H(λ^{k−2}t, x_0).",
        FormalisationNote = "Printed '(λx) = λ^n∇I' read as ∇H(λx) = λ^{k−1}∇H(x) (extraction).",
        Fidelity = Fidelity.Restricted("the DLN homogeneous part H = Tr[GᵀA_θ] (the lemma is for any k-homogeneous H), L ≤ 4, widths ≤ 3, one time t per trial"),
        Hypotheses = new Hypotheses("G random, L ∈ 2..4, widths 1..3, x_0 Gaussian of unit norm, λ ∈ {1/10, 1/2, 2}", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, p, 0),
        DefaultTrials = 16,
        Variants =
        [
            Variant.Mutant("TimeExponentKMinusOne", "γ_H(t, λx_0) = λγ_H(λ^{k−1}t, x_0): refuted", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1)), trials: 8),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(2, 4), n0 = rng.NextInt(1, 3), nL = rng.NextInt(1, 3), w = rng.NextInt(1, 3);
        var g = EscapeDirections.RandomG(rng, nL, n0);
        var layers = EscapeNumerics.GaussianLayers(rng, n0, w, nL, depth);
        double norm = Math.Sqrt(EscapeNumerics.NormSquared(layers));
        double[] lambdas = [0.1, 0.5, 2];
        return new Instance { Family = "dln-H", Dims = [n0, .. layers.Select(m => m.RowCount)], Weights = [.. layers.Select(m => m / norm)] }
            .WithMatrix("G", g)
            .WithScalar("lambda", rng.Pick(lambdas));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Weights.Length >= 2, "k = L ≥ 2"),
        (x.Scalar("lambda") > 0, "λ > 0"),
        (Math.Abs(Math.Sqrt(EscapeNumerics.NormSquared(x.Weights)) - 1) < 1e-12, "‖x_0‖ = 1"));

    private static MarginSet Conclude(Instance x, Precision precision, int exponentShift)
    {
        var g = x.Matrix("G");
        int k = x.Weights.Length;
        double lambda = x.Scalar("lambda");
        double sStar = EscapeDirections.OptimalSpeed(g, k);
        double t = Fact_EscapeBasics.Horizon(k, sStar, lambda);
        var x0 = EscapeNumerics.Flatten(x.Weights);
        var flow = EscapeNumerics.HFlow(g, x.Weights);
        var left = EscapeNumerics.SolveFlow(flow, x0.Select(z => lambda * z).ToArray(), [t], precision);
        var right = EscapeNumerics.SolveFlow(flow, x0, [Math.Pow(lambda, k - 2 + exponentShift) * t], precision);
        if (left is null || right is null)
        {
            return MarginSet.Of(Margin.Uncomputable("‖γ_H(t,λx_0) − λγ_H(λ^{k−2}t,x_0)‖"));
        }
        var scaled = right.States[0].Select(z => lambda * z).ToArray();
        double dev = EscapeNumerics.Distance(left.States[0], scaled);
        double size = EscapeNumerics.Norm(left.States[0]);
        var tol = Tolerance.ValidatedEstimate(left.ErrorBounds[0] + lambda * right.ErrorBounds[0], "ODE two-tolerance errors of both flows")
            .Plus(Tolerance.FromRounding(64, size, "‖γ_H(t,λx_0)‖"));
        return MarginSet.Of(Margin.Deviation("‖γ_H(t,λx_0) − λγ_H(λ^{k−2}t,x_0)‖", dev, size, tol)).WithObservation("t", t);
    }
}
