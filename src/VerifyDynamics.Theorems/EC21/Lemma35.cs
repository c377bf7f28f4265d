using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 35 (App. I.12, L1234–1241; Arora et al. 2018, Thm 1): under balanced initialization w_{n:1}(t) solves
/// w′ = −h(w), w(0) = w_{n:1,s}, with h(w) = (‖w‖^{2−2/n}I_{d_0} + (n−1)[wwᵀ]^{1−1/n})∇φ(w).
/// Formalisation note: d_n = 1 (w = W_{n:1}ᵀ); the full GF of all layers (Core DOP853, validated) and the reduced
/// d_0-dimensional ODE (Core DOP853, validated) are integrated independently on [0, 4] and compared at t ∈ {1, 2, 4}.
/// Tolerance: the reduced run's deviation + the full run's deviation δ propagated to W_{n:1}
/// (‖ΔW_{n:1}‖ ≤ n(M + δ)^{n−1}δ, M = max_j‖W_j‖_F), + rounding.
/// </summary>
public static class Lemma35
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma35"),
        Source = Ec21.Source("Lemma 35 (App. I.12; Arora et al. 2018, Thm 1)", "L1234–1241"),
        Kind = StatementKind.Lemma,
        Title = "end-to-end dynamics under balanced init",
        Text = "w_{n:1}(t) solves w′ = −h(w), w(0) = w_{n:1,s}.",
        FormalisationNote = "d_n = 1; end-to-end of the full validated GF vs the validated solution of w′ = −h(w) at t ∈ {1, 2, 4}.",
        Fidelity = Fidelity.Restricted("horizon t ≤ 4 (the two flows compared at t = 1, 2, 4); n ∈ 2..4, d_n = 1 (the scalar-regression setting of App. I.12), square/logistic data loss"),
        Hypotheses = new Hypotheses("as EC21.Fact.E2E: n ∈ 2..4, d_n = 1, Procedure-1 balanced start, square/logistic data loss",
            ctx => EndToEndDynamics.Random(ctx, true), (x, k) => HypothesesCheck.All((x.Network.Dims[^1] == 1, "d_n = 1"),
                (EndToEndDynamics.IsBalanced(x.Network), "balanced start (up to rounding)"))),
        Conclusion = (x, k, p) => Conclude(x, p, 0),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("CoefficientN", "(n − 1) replaced by n in h", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1)), trials: 4),
            Variant.Mutant("Unbalanced", "balancedness dropped: Gaussian starts", s => s.WithHypotheses("Gaussian start", ctx => EndToEndDynamics.Random(ctx, false),
                (x, k) => HypothesesCheck.All((x.Network.Dims[^1] == 1, "d_n = 1"))), trials: 4),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, int extra)
    {
        var f = EndToEndDynamics.Objective(x);
        var theta0 = f.Pack(x.Network);
        int n = f.Depth;
        var settings = EndToEndDynamics.Settings(p);
        var full = GradientFlow.SolveValidated(f, theta0, 4, settings);
        var reduced = OdeSolver.SolveValidated(new OdeProblem((t, y, dy) =>
        {
            var w = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(1, y.Length, y);
            var v = EndToEndDynamics.Formula(f.Phi, w, n, n - 1 + extra);
            for (int i = 0; i < y.Length; i++)
            {
                dy[i] = v[0, i];
            }
        }, 0, f.Network(theta0).EndToEnd().ToRowMajorArray(), 4, "EC21 Lemma 35 w′ = −h(w)"), settings);
        var margins = new List<Margin>();
        foreach (double t in new[] { 1.0, 2, 4 })
        {
            if (!full.Succeeded || !reduced.Succeeded)
            {
                margins.Add(Margin.Uncomputable($"‖w_{{n:1}}(t) − w(t)‖ at t = {t}"));
                break;
            }
            var th = full.Theta(t);
            var e2e = f.Network(th).EndToEnd().ToRowMajorArray();
            var w = reduced.Reference.Evaluate(t);
            double delta = 1.1 * VectorOps.Distance(th, full.Validation!.Solution.Evaluate(t));
            double deltaW = 1.1 * VectorOps.Distance(w, reduced.Solution.Evaluate(t));
            double m = EndToEndDynamics.MaxNorm(f, th);
            var tol = Tolerance.ValidatedEstimate(n * Math.Pow(m + delta, n - 1) * delta + deltaW, "DOP853 deviations (full GF propagated to W_{n:1}, reduced ODE)")
                .Plus(Tolerance.FromRounding(8 * n * f.Dims.Max(), VectorOps.Norm(w) + Math.Pow(m, n), "end-to-end product"));
            margins.Add(Margin.Deviation($"‖w_{{n:1}}(t) − w(t)‖ at t = {t}", VectorOps.Distance(e2e, w), VectorOps.Norm(w) + Math.Pow(m, n), tol));
        }
        return new MarginSet(margins);
    }
}
