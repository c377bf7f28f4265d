using MathNet.Numerics.Distributions;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Theorem 2 (Sec. 3.3, L215–221; proof App. D.3, Eqs. (38)–(42), L794–834): for any 0 &lt; p &lt; 1/2 there are
/// constants d′_0, a &gt; 0 such that, if d_N = 1, d_0 ≥ d′_0, the weights are set by Procedure 1 with W_{1:N}(0) having
/// i.i.d. N(0, s²) entries, s ≤ ‖Φ‖_2/√(a d_0²), and η ≤ (s²d_0)^{4−2/N}/(10⁵N³‖Φ‖_2^{10−6/N}), then with probability ≥ p,
/// l(T) ≤ ε for every ε &gt; 0 and T ≥ (4/η)(ln 4 (‖Φ‖_2/(s²d_0))^{2−2/N} + ‖Φ‖_2^{2/N−2} ln(‖Φ‖_2²/(8ε))).
/// Formalisation note: d′_0 and a are existential, and running GD to ε is infeasible (‖Φ‖ = 1, a = d_0 = 100, N = 2:
/// η ≈ 1.25e-18, T ≈ 4e22; catalog Thm2 (d)). What is checked is the explicit version from the proof: for a ≥ 2 and
/// d_0 ≥ 20, with s = ‖Φ‖/(√a d_0) (the largest allowed) and c_0 = s²d_0/(2‖Φ‖), the event "W_{1:N}(0) has deficiency
/// margin c_0" has probability ≥ P38(a, d_0) = (1 − 2e^{−d_0/16})(3 − 4F(2/√(a/2)))/2 (Eq. (38)); plus the deterministic
/// facts Theorem 2 takes from Procedure 1 (footnote 5): W_{1:N} = A and 0-balancedness, on one sampled A. On that event
/// the rest of the proof (Eqs. (39)–(42)) is the deterministic Theorem 1, whose scalar steps are obligations (Z-T2.*).
/// </summary>
public static class Thm2
{
    public static NamedConstant SixteenthExponent { get; } = new("k16", Rational.Of(16), "Lemma 9 is used with k = d_0/16 (the 2e^{−d_0/16} of (38))");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Thm2"),
        Source = new SourceRef(Papers.ACGH19, "Theorem 2 (Sec. 3.3); proof App. D.3, Eqs. (38)–(42)", "L215–221, L794–834"),
        Kind = StatementKind.Theorem,
        Title = "constant-probability convergence for scalar regression",
        Text = "For d_N = 1, Procedure 1 with Gaussian A (s ≤ ‖Φ‖/√(a d_0²)) and η ≤ (s²d_0)^{4−2/N}/(10⁵N³‖Φ‖^{10−6/N}), "
            + "GD reaches loss ε after T = O(η⁻¹(ln 4 (‖Φ‖/(s²d_0))^{2−2/N} + ‖Φ‖^{2/N−2} ln(‖Φ‖²/(8ε)))) steps with probability ≥ p (any p < 1/2).",
        FormalisationNote = "Checked: (a) P[W_{1:N}(0) has deficiency margin c_0 = s²d_0/(2‖Φ‖)] ≥ P38(a, d_0) exactly (χ²_{d_0} radius × spherical cap, "
            + "composite Gauss–Legendre; tolerance = quadrature error + truncated mass + γ_64) and by Monte Carlo (n draws, CP-upper − P38, level 1e-3); "
            + "(b) the symmetry bound: any claimed success probability must be ≤ 1/2, since P[margin > 0] < P[⟨V, Φ⟩ > 0] = 1/2 for a "
            + "rotation-invariant law with density (exact margin 1/2 − claim); (c) Procedure 1 on one sampled A: ‖W_{1:N} − A‖_F and the "
            + "imbalance are rounding-small (γ_n of the SVD). Grid: d_0 ∈ {20, 50, 100, 400}, a ∈ {2, 10, 100, 10⁴}, s at its upper limit "
            + "‖Φ‖/(√a d_0), N ∈ 1..4, hidden widths ≥ 1. GD itself is not run (infeasible, see NotCheckableReason).",
        NotCheckableReason = "Not checked: the constants d′_0, a are existential (the explicit a ≥ 2, d_0 ≥ 20 version from the proof is checked instead), "
            + "and the GD part (l(T) ≤ ε) is computationally infeasible at the theorem's η (≈ 1e-18) and T (≈ 1e22); it follows from Theorem 1 on the "
            + "margin event, whose scalar bookkeeping (39)–(42) belongs to the obligation bank. A scaled-down η would not be a check of Theorem 2.",
        Checkability = Checkability.Statistical,
        Fidelity = Fidelity.Substitute("gradient descent is not run (its conclusion ℓ(T) ≤ ε needs T ≈ 1e22 steps at η ≈ 1e-18); checked instead: the "
            + "probability of the deficiency-margin event of the proof, P[W_{1:N}(0) has margin c_0] ≥ P38(a, d_0) (Eq. (38)), exactly and by Monte "
            + "Carlo, for the explicit a ≥ 2, d_0 ≥ 20 of the proof (d′_0, a are existential), the symmetry bound p < 1/2 and Procedure 1's "
            + "footnote-5 facts; on that event the conclusion is Theorem 1, whose scalar steps are obligations"),
        Constants = [SixteenthExponent],
        Hypotheses = new Hypotheses(
            "d_0 ∈ {20, 50, 100, 400}, a ∈ {2, 10, 100, 1e4}, s = ‖Φ‖/(√a d_0), ‖Φ‖ log-uniform in [0.1, 10], N ∈ 1..4, hidden widths 1..5, one A through Procedure 1; n = 1000 draws",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, k, p),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("ProbabilityThreeFifths",
                "success probability ≥ 3/5 (p ≥ 1/2 is impossible): refuted by the exact symmetry bound P < 1/2",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, p, probabilityFloor: 0.6)), trials: 2),
            Variant.Mutant("ScaleWithoutSquare", "s ≤ ‖Φ‖/√(a d_0) (d_0 instead of d_0²): for d_0 ≫ a the margin-c_0 event has probability → 0",
                s => s.WithHypotheses("a ∈ [20, 30], d_0 ∈ [30a, 50a], s = ‖Φ‖/√(a d_0), n = 300, no Procedure-1 weights (d_0 too large for a dense SVD)",
                    GenerateWideScale, (x, k) => ValidateCore(x, squaredDimension: false)), trials: 2),
            Variant.Control("DoubleMargin",
                "margin 2c_0 instead of c_0: still above P38 (heuristically ~1/2 − 0.6/√a vs ~1/2 − 2.26/√a), must not be refuted",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, p, marginFactor: 2)), trials: 4),
        ],
        Errata =
        [
            "The chain after (41) says \"for d_0 ≥ 2\" but only needs a²d_0² ≥ 2 (catalog §12.3 item 15); not an error in the statement.",
        ],
    };

    /// <summary>P38(a, d_0) = (1 − 2e^{−d_0/16})(3 − 4F(2/√(a/2)))/2 (Eq. (38)).</summary>
    public static double P38(double a, int d0, double k16 = 16) =>
        (1 - 2 * Math.Exp(-d0 / k16)) * (3 - 4 * Normal.CDF(0, 1, 2 / Math.Sqrt(a / 2))) / 2;

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d0 = rng.Pick([20, 50, 100, 400]);
        double a = rng.Pick([2.0, 10, 100, 1e4]);
        int depth = rng.NextInt(1, 4);
        var dims = new int[depth + 1];
        dims[0] = d0;
        dims[depth] = 1;
        for (int j = 1; j < depth; j++)
        {
            dims[j] = rng.NextInt(1, 5);
        }
        double phiNorm = rng.LogUniform(0.1, 10);
        var direction = rng.GaussianMatrix(1, d0);
        var phi = direction * (phiNorm / direction.FrobeniusNorm());
        double s = phiNorm / (Math.Sqrt(a) * d0);
        var sample = rng.GaussianMatrix(1, d0, s);
        var network = BalancedInitialization.Create(dims, sample);
        return Instance.ForNetwork("proc1-gaussian", network, phi)
            .WithMatrix("A", sample)
            .WithScalar("a", a).WithScalar("s", s)
            .WithDraws(rng, 1000);
    }

    private static Instance GenerateWideScale(TrialContext ctx)
    {
        var rng = ctx.Rng;
        // The event needs ⟨V, Φ⟩ ≳ ‖Φ‖²/a, i.e. a standard normal above √(d_0/a) ≥ √30: probability ≈ 1e-8 against P38 ≈ 0.2.
        double a = rng.Uniform(20, 30);
        int d0 = (int)Math.Round(a * rng.Uniform(30, 50));
        double phiNorm = rng.LogUniform(0.1, 10);
        var direction = rng.GaussianMatrix(1, d0);
        return new Instance { Family = "wide-scale", Target = direction * (phiNorm / direction.FrobeniusNorm()) }
            .WithScalar("a", a).WithScalar("s", phiNorm / Math.Sqrt(a * d0))
            .WithDraws(rng, 300);
    }

    private static HypothesesCheck ValidateCore(Instance x, bool squaredDimension)
    {
        var phi = x.RequireTarget;
        int d0 = phi.ColumnCount;
        double a = x.Scalar("a"), s = x.Scalar("s");
        double limit = phi.FrobeniusNorm() / Math.Sqrt(a * (squaredDimension ? (double)d0 * d0 : d0));
        return HypothesesCheck.All(
            (phi.RowCount == 1 && phi.FrobeniusNorm() > 0, "d_N = 1 and Φ ≠ 0"),
            (d0 >= 20, "d_0 ≥ 20 (Lemma 8, used with d = d_0)"),
            (a >= 2, "a ≥ 2 (so b_1 = a/2 ≥ 1 in Lemma 8)"),
            // s is formed at the limit: allow the rounding of the ≤ 8 operations that form both sides.
            (s > 0 && s <= limit * (1 + Tolerance.Gamma(8)), squaredDimension ? "0 < s ≤ ‖Φ‖/√(a d_0²)" : "0 < s ≤ ‖Φ‖/√(a d_0)"),
            (x.Scalar("draws") >= 1, "at least one Monte-Carlo draw"));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var core = ValidateCore(x, squaredDimension: true);
        if (!core.Satisfied || !x.HasNetwork)
        {
            return core;
        }
        var dims = x.Dims;
        return HypothesesCheck.All(
            (dims[^1] == 1 && dims[0] == x.RequireTarget.ColumnCount, "the network maps R^{d_0} to R (d_N = 1)"),
            (dims.Skip(1).Take(dims.Length - 2).All(w => w >= 1), "Procedure 1 needs min{d_1..d_{N−1}} ≥ min{d_0, d_N} = 1"),
            (x.Matrices.ContainsKey("A"), "the sampled A of Procedure 1 is recorded"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision, double marginFactor = 1, double probabilityFloor = 0)
    {
        var phi = x.RequireTarget;
        int d0 = phi.ColumnCount;
        double phiNorm = phi.FrobeniusNorm(), a = x.Scalar("a"), s = x.Scalar("s");
        double c0 = s * s * d0 / (2 * phiNorm);
        double c = marginFactor * c0;
        double claimed = Math.Max(P38(a, d0, k.Double("k16")), probabilityFloor);
        var exact = SphereProbabilities.GaussianMarginProbability(d0, s, phiNorm, c);
        var phiRow = phi.Row(0).ToArray();
        var v = new double[d0];
        var estimate = MonteCarlo.Estimate(MonteCarlo.Draws(x, precision), MonteCarlo.Stream(x, precision), r =>
        {
            for (int i = 0; i < d0; i++)
            {
                v[i] = s * r.NextGaussian();
            }
            return SphereProbabilities.HasMargin(v, phiRow, phiNorm, c);
        });
        var margins = new List<Margin>
        {
            Margin.AtLeast("P[W_{1:N}(0) has margin c_0] − P38(a, d_0) (exact)", exact.Value, claimed, exact.Tolerance.Plus(Tolerance.FromRounding(32, 1, "probabilities ≤ 1 (P38)"))),
            estimate.AtLeast("CP-upper(P[margin c_0]) − P38(a, d_0) (Monte Carlo)", claimed),
            // Rotation invariance: P[margin > 0] ≤ P[2⟨V, Φ⟩ > ‖V‖²] < P[⟨V, Φ⟩ > 0] = 1/2, so no claim above 1/2 can hold.
            Margin.AtMost("1/2 − claimed success probability (symmetry bound)", claimed, 0.5, Tolerance.FromRounding(32, 1, "P38 (exp, normal CDF) ≤ 1")),
        };
        if (x.HasNetwork)
        {
            var network = x.Network;
            var sample = x.Matrix("A");
            double scale = sample.FrobeniusNorm();
            int ops = 16 * (d0 + network.Depth);
            margins.Add(Margin.Deviation("γ·‖A‖_F − ‖W_{1:N} − A‖_F (Procedure 1, footnote 5)", (network.EndToEnd() - sample).FrobeniusNorm(), scale,
                Tolerance.FromRounding(ops, scale, "‖A‖_F (SVD and N-th roots)")));
            margins.Add(Margin.Deviation("−max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F (Procedure 1 is 0-balanced)", network.BalancednessGap(), Math.Pow(scale, 2.0 / network.Depth),
                Tolerance.FromRounding(ops, Math.Pow(scale, 2.0 / network.Depth), "‖A‖_F^{2/N} (SVD and N-th roots)")));
        }
        return estimate.Observe(new MarginSet(margins), "mc")
            .WithObservation("exactProbability", exact.Value)
            .WithObservation("P38", P38(a, d0, k.Double("k16")))
            .WithObservation("c0", c0);
    }
}
