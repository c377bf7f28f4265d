using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Assumption 26 (App C.1.1, L692; motivation L694–696): for L &gt; 3, the set of initializations whose gradient flow on
/// H(θ) = Tr[GᵀA_θ] converges to a saddle of H has measure 0. (Motivation: saddles are avoided with probability ≥ ½ for a Gaussian
/// initialization since P(H(θ_0) &lt; 0) = ½, H being odd under W_1 ↦ −W_1.)
/// Formalisation note: ASSUMPTION — evidence only (Checkability.Conjecture). Exact reduction (derived from L-homogeneity): write
/// θ = ‖θ‖ρ and reparametrize time by dτ = ‖θ‖^{L−2}dt; then ρ' = −(∇H(ρ) − (ρ·∇H(ρ))ρ) (the sphere flow of H, which never
/// stops in finite τ) and d log‖θ‖/dτ = −L·H(ρ). H(ρ(τ)) is non-increasing, so once H(ρ) &lt; 0 the limit direction has H &lt; 0 and
/// ‖θ‖ → ∞: the flow escapes and cannot converge to a saddle; conversely, a flow whose direction stays at H ≥ 0 converges to a
/// saddle (the origin, or a finite critical point). Check: 64 Gaussian θ_0 per trial, sphere flow by Core's DOP853 until
/// H(ρ) ≤ −10^{−6}|s*|/L (escape certified beyond the flow's error) or τ = 2000/|s*|; margin −#(not escaped) ≥ 0 (exact count).
/// G ∈ R^{n_L×n_0} random of full rank with separated singular values (catalog: the "only balanced saddle is 0" motivation needs full
/// rank), L ∈ {4, 5}, w, n_0, n_L ∈ {2, 3}. Observations: the fraction with H(θ_0) &lt; 0 (≈ ½, the motivation's bound), the largest
/// escape time τ·|s*|, Clopper–Pearson upper bound (level 1e−3)
/// on the probability of not escaping.
/// </summary>
public static class Assumption26
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Assumption26"),
        Source = new SourceRef(Papers.JGGSH21, "Assumption 26 (App C.1.1)", "L692–696"),
        Kind = StatementKind.Assumption,
        Title = "saddles of H are avoided for L > 3",
        Text = "For L > 3, the set of initializations which converge to a saddle of the cost H(θ) = Tr[GA_θ] has measure 0. (Motivation: "
            + "saddles are avoided with probability at least ½ for a Gaussian initialization since P(H(θ_0) < 0) = ½; from a balanced "
            + "initialization any limit saddle is balanced, and the only balanced saddle of H is the origin.)",
        FormalisationNote = "Assumption: evidence only. Exact sphere-flow reduction of the homogeneous flow; 64 Gaussian starts per trial, L ∈ {4, 5}; "
            + "escape ⇔ H(ρ(τ)) < 0 at some τ. The balancedness ingredient is Fact.Balancedness. H written Tr[GᵀA_θ] (G and A_θ are n_L×n_0).",
        Checkability = Checkability.Conjecture,
        Constants =
        [
        ],
        Fidelity = Fidelity.Restricted("sampled evidence for a measure-zero claim: L ∈ {4, 5}, n_0, n_L ∈ {2, 3}, w ∈ {2, 3}, 64 Gaussian starts per trial"),
        Hypotheses = new Hypotheses("G random full rank (n_L×n_0, n_0, n_L ∈ {2, 3}), L ∈ {4, 5}, w ∈ {2, 3}, 64 Gaussian starts", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 2,
        Variants =
        [
            Variant.Mutant("AvoidedAtInitialization", "every start already has H(θ_0) < 0 (no flow needed): about half do not — refuted",
                s => s.WithSwitch("immediateOnly", R(1))),
        ],
    };

    private const int Starts = 64;

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n0 = rng.NextInt(2, 3), nL = rng.NextInt(2, 3);
        return new Instance { Family = "homogeneous H" }
            .WithMatrix("G", EscapeDirections.RandomG(rng, nL, n0))
            .WithScalar("depth", rng.NextInt(4, 5)).WithScalar("width", rng.NextInt(2, 3)).WithScalar("startSeed", rng.NextUInt64() >> 12);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var s = x.Matrix("G").Svd(false).S.ToArray();
        return HypothesesCheck.All(
            (x.Scalar("depth") > 3, "L > 3"),
            (s[^1] > 0, "G of full rank"),
            (s.Zip(s.Skip(1)).All(p => p.Second < p.First), "distinct singular values (s_1 of multiplicity 1, as in Thm 37)"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var g = x.Matrix("G");
        int depth = (int)x.Scalar("depth"), width = (int)x.Scalar("width");
        var shapes = EscapeNumerics.GaussianLayers(new Rng(new Seed(1)), g.ColumnCount, width, g.RowCount, depth);
        double sStar = EscapeDirections.OptimalSpeed(g, depth), threshold = -1e-6 * Math.Abs(sStar / depth);
        double tauMax = 2000 / Math.Abs(sStar);
        double rtol = precision == Precision.Confirm ? 1e-11 : 1e-9;
        var rng = new Rng(new Seed((ulong)x.Scalar("startSeed")));
        bool immediate = k.Switch("immediateOnly") == 1;
        int escaped = 0, negativeAtStart = 0;
        double slowest = 0;
        for (int i = 0; i < Starts; i++)
        {
            var rho0 = EscapeNumerics.Flatten(EscapeNumerics.GaussianLayers(rng, g.ColumnCount, width, g.RowCount, depth));
            double norm = EscapeNumerics.Norm(rho0);
            rho0 = [.. rho0.Select(v => v / norm)];
            double h0 = EscapeNumerics.H(g, EscapeNumerics.Unflatten(rho0, shapes));
            if (h0 < 0)
            {
                negativeAtStart++;
            }
            if (immediate)
            {
                escaped += h0 < threshold ? 1 : 0;
                continue;
            }
            double hEnd = h0, tEnd = 0;
            var run = OdeSolver.Solve(new OdeProblem((t, y, dy) =>
            {
                var grad = EscapeNumerics.Flatten(EscapeNumerics.HGradient(g, EscapeNumerics.Unflatten(y, shapes)));
                double radial = EscapeNumerics.Dot(y, grad) / EscapeNumerics.Dot(y, y);
                for (int q = 0; q < y.Length; q++)
                {
                    dy[q] = -(grad[q] - radial * y[q]);
                }
            }, 0, rho0, tauMax, "sphere flow of H"), new OdeSettings(rtol, rtol * 1e-3, StoreDenseOutput: false), (t, y) =>
            {
                double n2 = EscapeNumerics.Norm(y);
                hEnd = EscapeNumerics.H(g, EscapeNumerics.Unflatten(y, shapes)) / Math.Pow(n2, depth);
                tEnd = t;
                return hEnd > threshold;
            });
            if (hEnd <= threshold)
            {
                escaped++;
                slowest = Math.Max(slowest, tEnd);
            }
            else if (run.Outcome is not (OdeOutcome.Success or OdeOutcome.Stopped))
            {
                return MarginSet.Of(Margin.Uncomputable($"sphere flow of start {i} ran ({run.Outcome})"));
            }
        }
        int failures = Starts - escaped;
        return MarginSet.Of(Margin.Deviation($"−#(starts whose flow does not escape, i.e. converges to a saddle) of {Starts}", failures, Starts, Tolerance.Heuristic(0, "a count of floating-point sphere-flow outcomes")))
            .WithObservation("fraction_H_negative_at_start", negativeAtStart / (double)Starts)
            .WithObservation("failure_probability_upper_bound", EscapeNumerics.ClopperPearson(failures, Starts, 1e-3).Upper)
            .WithObservation("slowest_escape_tau_times_abs_sstar", slowest * Math.Abs(sStar));
    }
}
