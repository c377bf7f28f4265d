using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fig3 (Figure 3 (Sec 4) and Figure 5 (App A), L219–223, L331): each dot is a (3,20)-DLN trained to convergence on an MSE loss
/// with L2 regularization λ = 0.05 from initialization standard deviation σ̃; as the initialization scale decreases the network converges
/// to a lower-rank local minimum (Fig 5: rank and nuclear norm of A_θ at convergence).
/// Formalisation note: a trend over σ̃ at a reduced size (Checkability.Trend). Instance: App A's recipe at n = 10 (W_T = W_0W_0ᵀ, W_0 ∈
/// R^{10×3} i.i.d. N(0, 1.5²), noise N(0, 0.2²), isotropic inputs) with N = 100 training points as printed, L = 3 and λ = 0.05 as printed,
/// width w = Width (paper 20); σ̃ on SigmaCount log-spaced values in [SigmaMin, SigmaMax] — the grid is not printed; it stops below the lazy
/// scale w^{−1/3} (above it the network is lazy, Prop 2, and the trend is not claimed). Training: Core's gradient descent with App A's rate
/// η = 10^{−3} until ‖∇C^NN‖ ≤ 10^{−8}. Margins: (1) each end point is certified a local minimum by the Morse–Bott test (exact dense Hessian
/// of C^NN: ‖∇‖ ≤ 10^{−8}, λ_min ≥ −thr, exactly d_orb eigenvalues in [−thr, thr] and the next one &gt; thr, thr = max(10^{−7}, γ_P·P)·‖H‖);
/// (2) rank_τ(A) (τ = 10^{−4}, App A) is non-decreasing along the σ̃ grid (exact integers); (3) the nuclear norm ‖A‖_* is non-decreasing
/// along the grid (tolerance: first-order effect of the stopping gradient, √n·L·max‖W_l‖^{L−1}·‖∇‖/μ_normal, heuristic kind); (4) the
/// largest σ̃ selects a strictly higher rank than the smallest (the figure's trend is not flat). The paper-size sweep (w = 20, P = 800,
/// 10 σ̃ × 3 seeds) is `vd experiment jggsh21-l2-minima` (reports/experiments/jggsh21-l2-minima; its sealed summary is cited in the report,
/// not used as evidence here).
/// </summary>
public static class Fig3
{
    private const int N = 10, TeacherRank = 3, Depth = 3, Samples = 100;
    private const double Lambda = 0.05, Eta = 1e-3, GradientTolerance = 1e-8;

    /// <summary>Width of the reduced instance (paper 20).</summary>
    public const int Width = 8;

    /// <summary>The σ̃ grid of the statement.</summary>
    public static double[] Sigmas { get; } = FigureRuns.LogTimes(3e-3, 0.3, 5);

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fig3"),
        Source = new SourceRef(Papers.JGGSH21, "Figure 3 (Sec 4) and Figure 5 (App A)", "L219–223, L331"),
        Kind = StatementKind.Example,
        Title = "L2 regularization: init scale selects the local minimum (L219–223, L331)",
        Text = "each dot is a (3,20)-DLN trained to convergence on an MSE loss with L2 regularization λ = 0.05 from initialization standard deviation σ̃; as the initialization scale decreases the network converges to a lower-rank local minimum (right: loss surface on the plane through the origin, a rank-1 and a rank-2 local minimum).",
        FormalisationNote = $"App A's regression (n = 10, rank-3 teacher W_0W_0ᵀ, noise 0.2, N = 100), L = 3, λ = 0.05, w = {Width} (paper 20), GD η = 10^{{−3}} to ‖∇‖ ≤ 10^{{−8}} "
            + $"from σ̃ ∈ 5 log-spaced values in [3·10^{{−3}}, 0.3] (below the lazy scale w^{{−1/3}}): every end point a Morse–Bott-certified local minimum, rank and nuclear norm non-decreasing in σ̃, "
            + "strictly higher rank at the largest σ̃. Right panel (plane slice) not checked. Paper size in `vd experiment jggsh21-l2-minima`.",
        Checkability = Checkability.Trend,
        Constants =
        [
            new NamedConstant("lambda", R(1, 20), "L2 regularization λ (printed 0.05)"),
        ],
        Fidelity = Fidelity.Restricted($"width {Width} instead of 20 and one seed per σ̃ (the default `vd verify` budget; the paper size runs in `vd experiment jggsh21-l2-minima`), "
            + "5 σ̃ in [3·10^−3, 0.3] (grid not printed; stops below the lazy scale), one task per trial; the right panel's plane slice is not checked"),
        Hypotheses = new Hypotheses($"App A's noisy rank-3 regression, n = 10, N = 100; (L, w) = (3, {Width}); θ_0 i.i.d. N(0, σ̃²) from a seed", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 1,
        Variants =
        [
            Variant.Mutant("LargerInitLowerRank", "the rank of the selected minimum decreases as σ̃ grows: refuted by the non-decreasing ranks",
                s => s.WithSwitch("reversed")),
            Variant.Mutant("NuclearNormShrinksWithScale", "the nuclear norm of the selected minimum decreases as σ̃ grows (Fig 5 read backwards): refuted by the growing ‖A‖_*",
                s => s.WithSwitch("nuclearReversed")),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        var task = FigureRuns.NoisyLowRank(rng, N, TeacherRank, 1.5, 0.2, Samples, 200);
        return new Instance { Family = "L2-regularized noisy low-rank regression", Target = task.Teacher }
            .WithMatrix("X", task.Train.X).WithMatrix("Y", task.Train.Y).WithMatrix("Xtest", task.Test.X).WithMatrix("Ytest", task.Test.Y)
            .WithScalar("width", Width).WithScalar("initSeed", rng.NextUInt64() >> 12);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (SchattenQuasinorm.Rank(x.RequireTarget, 1e-8) == TeacherRank, "rank-3 teacher"),
        (Sigmas[^1] < FigureRuns.LazyScale((int)x.Scalar("width"), Depth), "the σ̃ grid stays below the lazy scale w^{−1/3}"),
        (k.D("lambda") > 0, "λ > 0 (L2 regularization)"));

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        int width = (int)x.Scalar("width");
        var task = new FigureRuns.Regression(x.RequireTarget, new MeanSquaredError(x.Matrix("X"), x.Matrix("Y")), new MeanSquaredError(x.Matrix("Xtest"), x.Matrix("Ytest")));
        var f = FigureRuns.Ridge(task.Train, Depth, width, k.D("lambda"));
        double gtol = precision == Precision.Confirm ? GradientTolerance / 10 : GradientTolerance;
        var margins = new List<Margin>();
        var minima = new List<FigureRuns.L2Minimum>();
        var certificates = new List<FigureRuns.LocalMinimum>();
        var obs = new Dictionary<string, double>();
        var exact = Tolerance.Heuristic(0, "an integer (rank_τ, eigenvalue count) of a floating-point end point");
        for (int i = 0; i < Sigmas.Length; i++)
        {
            var theta0 = FigureRuns.GaussianInit(new Rng(new Seed((ulong)x.Scalar("initSeed")).Split($"sigma:{i}")), f.Dimension, Sigmas[i]);
            var m = FigureRuns.Train(f, task, theta0, Sigmas[i], 0, Eta, 3_000_000, gtol);
            var cert = FigureRuns.Certify(f, m.Theta, m.Rank, width);
            minima.Add(m);
            certificates.Add(cert);
            string at = $"σ̃ = {Sigmas[i]:G3}";
            obs[$"rank({at})"] = m.Rank;
            obs[$"nuclear_norm({at})"] = m.Nuclear;
            obs[$"cost_nn({at})"] = m.CostNN;
            obs[$"gd_steps({at})"] = m.Steps;
            obs[$"first_normal_eigenvalue({at})"] = cert.FirstNormalEigenvalue;
            // (1) Morse–Bott certificate of a local minimum.
            margins.Add(Margin.AtMost($"(1) ‖∇C^NN‖ ≤ {gtol:G2} at {at}", m.GradientNorm, gtol, Tolerance.Heuristic(0, "the stopping rule of the training run")));
            margins.Add(Margin.Bound($"(1) λ_min(∇²C^NN) + thr at {at}", cert.MinEigenvalue + cert.Threshold, cert.Threshold,
                Tolerance.FromRounding(1, cert.Threshold, "the threshold already holds the eigensolver's backward error")));
            margins.Add(Margin.Deviation($"(1) −|#eigenvalues in [−thr, thr] − d_orb| at {at}", Math.Abs(cert.KernelDimension - cert.OrbitDimension), Math.Max(cert.OrbitDimension, 1), exact));
            margins.Add(Margin.Bound($"(1) first normal eigenvalue − thr at {at}", cert.FirstNormalEigenvalue - cert.Threshold, cert.FirstNormalEigenvalue, Tolerance.Heuristic(0, "a strict sign")).Strict());
        }
        bool reversed = k.Switch("reversed") == 1;
        for (int i = 0; i + 1 < minima.Count; i++)
        {
            var (lo, hi) = (minima[i], minima[i + 1]);
            string between = $"σ̃ = {Sigmas[i]:G3} → {Sigmas[i + 1]:G3}";
            // (2) rank non-decreasing in σ̃ (mutant: non-increasing).
            double rankStep = reversed ? lo.Rank - hi.Rank : hi.Rank - lo.Rank;
            margins.Add(Margin.Bound($"(2{(reversed ? ", mutant" : "")}) rank change {between}{(reversed ? " (claimed ≤ 0)" : "")}", rankStep, Math.Max(lo.Rank, 1), exact));
            // (3) nuclear norm non-decreasing, to the first-order effect of the stopping gradient.
            double tol = NuclearTolerance(f, lo, certificates[i]) + NuclearTolerance(f, hi, certificates[i + 1]);
            bool nuclearReversed = k.Switch("nuclearReversed") == 1;
            margins.Add(Margin.Bound($"(3{(nuclearReversed ? ", mutant" : "")}) ‖A‖_* change {between}{(nuclearReversed ? " (claimed ≤ 0)" : "")}", nuclearReversed ? lo.Nuclear - hi.Nuclear : hi.Nuclear - lo.Nuclear, Math.Max(hi.Nuclear, 1e-12),
                Tolerance.Heuristic(tol, "first-order effect of the stopping gradient: √n·L·max‖W_l‖^{L−1}·‖∇‖/μ_normal at both end points")));
        }
        // (4) the trend is not flat.
        margins.Add(Margin.Bound($"(4) rank at σ̃ = {Sigmas[^1]:G3} − rank at σ̃ = {Sigmas[0]:G3}", minima[^1].Rank - minima[0].Rank, Math.Max(minima[^1].Rank, 1), exact).Strict());
        var set = new MarginSet(margins);
        foreach (var (name, value) in obs)
        {
            set = set.WithObservation(name, value);
        }
        return set;
    }

    /// <summary>√n·L·max_l‖W_l‖_2^{L−1}·‖∇‖/μ: ‖Δθ‖ ≈ ‖∇‖/μ on the normal space, ‖ΔA‖_F ≤ L·max‖W_l‖^{L−1}‖Δθ‖, ‖ΔA‖_* ≤ √n‖ΔA‖_F.</summary>
    private static double NuclearTolerance(RidgeDeepLinear f, FigureRuns.L2Minimum m, FigureRuns.LocalMinimum cert)
    {
        double maxLayer = f.Inner.Network(m.Theta).Weights.Max(w => w.L2Norm());
        double mu = Math.Max(cert.FirstNormalEigenvalue, 1e-300);
        return Math.Sqrt(N) * Depth * Math.Pow(maxLayer, Depth - 1) * m.GradientNorm / mu;
    }
}
