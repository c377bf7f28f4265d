using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Corollary 18 (App B.3, L549–556): (r = 1) E[b_1ᵀA_{θ_1}a_1 · b_2ᵀA_{θ_2}a_2] = K_12^L w^{L−1}(a_1ᵀa_2)(b_1ᵀb_2);
/// (r = 2) E[Π_{i=1}^4 b_iᵀA_{θ_i}a_i] = Σ_{p^(1),…,p^(L) ∈ {1,2,3}} K_{ρ_{p(1)}}⋯K_{ρ_{p(L)}} Π_{ℓ=1}^{L−1} w^{1+δ_{p(ℓ)p(ℓ+1)}}
/// Π_{(i,j)∈ρ_{p(1)}} a_iᵀa_j Π_{(i,j)∈ρ_{p(L)}} b_iᵀb_j with ρ_1 = {12|34}, ρ_2 = {13|24}, ρ_3 = {14|23} (proof: |ρ_k ∨ ρ_m| = 1 + δ_{km}).
/// Formalisation note: the r = 2 display is truncated in the file and its indices are garbled (p^(1..L−1), p^(ℓ−1)); checked in the
/// catalog's reconstruction above. Margins: (1) the r = 1 closed form and (2) the r = 2 three-pairing sum both equal Prop 17's pairing
/// sum (exact enumeration, rounding tolerance) for a random correlated K and random a_i, b_i; (3) the catalog's derived closed forms
/// for θ_i ≡ θ ~ N(0, σ̃²) (K ≡ σ̃²), a_i = a, b_i = b: E[(bᵀA_θa)²] = σ̃^{2L}w^{L−1}‖a‖²‖b‖² and E[(bᵀA_θa)⁴] =
/// 3σ̃^{4L}w^{L−1}(w+2)^{L−1}‖a‖⁴‖b‖⁴ (transfer matrix (w² − w)I + w11ᵀ, eigenvalue w(w+2) on 1) equal the pairing sum and
/// (4) a Monte-Carlo mean (30 000 draws, ×4 on confirmation) within 5 standard errors (heavy tails: the 4th moment's error needs the 8th).
/// </summary>
public static class Cor18
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Cor18"),
        Source = new SourceRef(Papers.JGGSH21, "Corollary 18 (App B.3)", "L549–556"),
        Kind = StatementKind.Corollary,
        Title = "second and fourth moments",
        Text = "E[b_1ᵀA_{θ_1}a_1·b_2ᵀA_{θ_2}a_2] = K_12^L w^{L−1}(a_1ᵀa_2)(b_1ᵀb_2), and E[Π_{i=1}^4 b_iᵀA_{θ_i}a_i] = "
            + "Σ_{p^(1),…,p^(L) ∈ {1,2,3}} K_{ρ_{p(1)}}⋯K_{ρ_{p(L)}} Π_{ℓ=1}^{L−1} w^{1+δ_{p(ℓ)p(ℓ+1)}} Π_{(i,j)∈ρ_{p(1)}} a_iᵀa_j Π_{(i,j)∈ρ_{p(L)}} b_iᵀb_j "
            + "over the three pairings ρ_1 = {{1,2},{3,4}}, ρ_2 = {{1,3},{2,4}}, ρ_3 = {{1,4},{2,3}} (display truncated in the file; catalog reconstruction).",
        FormalisationNote = "Exact agreement with Prop 17's enumeration (r = 1, 2) plus Monte-Carlo of the 2nd and 4th moments against the derived closed "
            + "forms σ̃^{2L}w^{L−1}‖a‖²‖b‖² and 3σ̃^{4L}w^{L−1}(w+2)^{L−1}‖a‖⁴‖b‖⁴; L ≤ 3, w ∈ {2, 3}.",
        Checkability = Checkability.Statistical,
        Errata =
        [
            "L553: the r = 2 display is truncated and sums over p^(1), …, p^(L−1) with w^{1+δ_{p(ℓ)p(ℓ−1)}}; read p^(1), …, p^(L) and δ_{p(ℓ)p(ℓ+1)} (catalog).",
            "Prop 17/Cor 18 print |ρ ∪ ρ'|; the count is the number of blocks of the join ρ ∨ ρ' (the proof's 1 + δ_{km}).",
        ],
        Constants =
        [
            new NamedConstant("secondMomentWidthShift", R(0), "extra power of w in the r = 1 formula: w^{L−1+shift} (paper: 0)") { Domain = ConstantDomain.Any },
        ],
        Fidelity = Fidelity.Restricted("L ≤ 3, w ∈ {2, 3}, n_0, n_L ≤ 2; the moments (4) by Monte Carlo"),
        Hypotheses = new Hypotheses("L ∈ {1, 2, 3}, w ∈ {2, 3}, n_0, n_L ∈ {1, 2}; correlated K (4×4) and vectors for (1)–(2); σ̃ ∈ [0.6, 1], a, b Gaussian for (3)–(4)",
            ctx => Generate(ctx, 1), Validate),
        Conclusion = Conclude,
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("TwoMinusDelta", "|ρ_k ∨ ρ_m| = 2 − δ_{km}: the three-pairing sum and the 4th-moment closed form change — refuted (L ≥ 2)",
                s => s.WithSwitch("joinTwoMinusDelta").WithGenerator("L ≥ 2", ctx => Generate(ctx, 2))),
            Variant.Mutant("SecondMomentWidthPowerL", "r = 1 with w^L instead of w^{L−1}: refuted",
                s => s.WithConstantDefault("secondMomentWidthShift", R(1))),
        ],
    };

    private static Instance Generate(TrialContext ctx, int minDepth)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(minDepth, 3), width = rng.NextInt(2, 3), n0 = rng.NextInt(1, 2), nL = rng.NextInt(1, 2);
        return Prop17.Build(rng, 2, depth, width, n0, nL, $"moments L={depth} w={width}")
            .WithScalar("sigmaTilde", rng.Uniform(0.6, 1))
            .WithMatrix("a0", SequentialBuild.Matrix(n0, 1, (_, _) => rng.NextGaussian()))
            .WithMatrix("b0", SequentialBuild.Matrix(nL, 1, (_, _) => rng.NextGaussian()));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Matrix("K").RowCount == 4, "r = 2: four copies"),
        (x.Matrix("K").Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).Min() > 0, "K positive definite"),
        (x.Scalar("sigmaTilde") > 0, "σ̃ > 0"),
        (x.Scalar("depth") >= 1 && x.Scalar("width") >= 1, "L, w ≥ 1"));

    private static readonly int[][] Pairings = [[1, 0, 3, 2], [2, 3, 0, 1], [3, 2, 1, 0]];

    /// <summary>Cor 18's r = 2 display: the sum over p ∈ {1,2,3}^L with the count 1 + δ (or the mutant 2 − δ).</summary>
    private static double ThreePairingSum(Matrix<double> k, IReadOnlyList<Vector<double>> a, IReadOnlyList<Vector<double>> b, int depth, int width, bool plusDelta)
    {
        double Pairs(int[] rho, Func<int, int, double> f) => Enumerable.Range(0, 4).Where(i => i < rho[i]).Aggregate(1.0, (acc, i) => acc * f(i, rho[i]));
        var kRho = Pairings.Select(r => Pairs(r, (i, j) => k[i, j])).ToArray();
        var v = Pairings.Select((r, p) => kRho[p] * Pairs(r, (i, j) => a[i] * a[j])).ToArray();
        for (int l = 1; l < depth; l++)
        {
            var next = new double[3];
            for (int q = 0; q < 3; q++)
            {
                for (int p = 0; p < 3; p++)
                {
                    int delta = p == q ? 1 : 0;
                    next[q] += v[p] * Math.Pow(width, plusDelta ? 1 + delta : 2 - delta) * kRho[q];
                }
            }
            v = next;
        }
        return Pairings.Select((r, p) => v[p] * Pairs(r, (i, j) => b[i] * b[j])).Sum();
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var kk = x.Matrix("K");
        var a = Prop17.Columns(x.Matrix("a"));
        var b = Prop17.Columns(x.Matrix("b"));
        int depth = (int)x.Scalar("depth"), width = (int)x.Scalar("width");
        bool plusDelta = k.Switch("joinTwoMinusDelta") != 1;
        double shift = k.D("secondMomentWidthShift");
        var margins = new List<Margin>();
        // (1) r = 1 closed form vs the pairing sum on the first two copies.
        var k2 = kk.SubMatrix(0, 2, 0, 2);
        double r1 = Math.Pow(k2[0, 1], depth) * Math.Pow(width, depth - 1 + shift) * (a[0] * a[1]) * (b[0] * b[1]);
        double r1Sum = WickMoments.PairingSum(k2, [a[0], a[1]], [b[0], b[1]], depth, width);
        margins.Add(RoundingDeviation("(1) r = 1: K_12^L w^{L−1}(a_1ᵀa_2)(b_1ᵀb_2) = pairing sum", -Math.Abs(r1 - r1Sum), 64 * depth, Math.Abs(r1Sum), "|pairing sum|"));
        // (2) r = 2 three-pairing display vs the pairing sum.
        double r2 = ThreePairingSum(kk, a, b, depth, width, plusDelta);
        double r2Sum = WickMoments.PairingSum(kk, a, b, depth, width);
        margins.Add(RoundingDeviation("(2) r = 2: three-pairing sum with w^{1+δ} = pairing sum", -Math.Abs(r2 - r2Sum), 256 * depth, Math.Abs(r2Sum), "|pairing sum|"));
        // (3)–(4) θ_i ≡ θ, a_i = a, b_i = b.
        double sig = x.Scalar("sigmaTilde");
        var a0 = x.Matrix("a0").Column(0);
        var b0 = x.Matrix("b0").Column(0);
        double na2 = a0 * a0, nb2 = b0 * b0;
        double second = Math.Pow(sig, 2 * depth) * Math.Pow(width, depth - 1 + shift) * na2 * nb2;
        // Transfer matrix (w^{1+δ}: (w² − w)I + w11ᵀ, or the mutant w^{2−δ}: (w − w²)I + w²11ᵀ) has eigenvalue w(w+2) (resp. w + 2w²) on 1.
        double eigen = plusDelta ? width * (width + 2.0) : width + 2.0 * width * width;
        double fourth = 3 * Math.Pow(sig, 4 * depth) * Math.Pow(eigen, depth - 1) * na2 * na2 * nb2 * nb2;
        var kSame = Matrix<double>.Build.Dense(4, 4, sig * sig);
        double fourthSum = WickMoments.PairingSum(kSame, [a0, a0, a0, a0], [b0, b0, b0, b0], depth, width);
        margins.Add(RoundingDeviation("(3) 3σ̃^{4L}w^{L−1}(w+2)^{L−1}‖a‖⁴‖b‖⁴ = pairing sum (θ_i ≡ θ)", -Math.Abs(fourth - fourthSum), 256 * depth, Math.Abs(fourthSum), "|pairing sum|"));
        int draws = precision == Precision.Confirm ? 120_000 : 30_000;
        var seed = new Seed((ulong)x.Scalar("mcSeed"));
        var rng = new Rng(precision == Precision.Confirm ? seed.Split("confirm") : seed);
        var (m2, se2, m4, se4) = Moments(rng, sig, a0, b0, depth, width, draws);
        margins.Add(Margin.Deviation("(4) −|Monte-Carlo E[(bᵀA_θa)²] − σ̃^{2L}w^{L−1}‖a‖²‖b‖²|", Math.Abs(m2 - second), second + se2, Tolerance.Heuristic(5 * se2, $"5 standard errors ({draws} draws)").Plus(Tolerance.FromRounding(64, second, "closed form"))));
        margins.Add(Margin.Deviation("(4) −|Monte-Carlo E[(bᵀA_θa)⁴] − closed form|", Math.Abs(m4 - fourth), fourth + se4, Tolerance.Heuristic(5 * se4, $"5 standard errors ({draws} draws)").Plus(Tolerance.FromRounding(64, fourth, "closed form"))));
        return new MarginSet(margins).WithObservation("second_moment_mc", m2).WithObservation("second_moment_formula", second)
            .WithObservation("fourth_moment_mc", m4).WithObservation("fourth_moment_formula", fourth).WithObservation("r2_pairing_sum", r2Sum);
    }

    private static (double M2, double Se2, double M4, double Se4) Moments(Rng rng, double sig, Vector<double> a, Vector<double> b, int depth, int width, int draws)
    {
        var dims = new int[depth + 1];
        dims[0] = a.Count;
        dims[depth] = b.Count;
        for (int l = 1; l < depth; l++)
        {
            dims[l] = width;
        }
        var theta = new double[Enumerable.Range(1, depth).Sum(l => dims[l] * dims[l - 1])];
        double s2 = 0, s22 = 0, s4 = 0, s44 = 0;
        for (int d = 0; d < draws; d++)
        {
            for (int q = 0; q < theta.Length; q++)
            {
                theta[q] = sig * rng.NextGaussian();
            }
            double v = WickMoments.Propagate(theta, dims, a, b), v2 = v * v, v4 = v2 * v2;
            s2 += v2;
            s22 += v4;
            s4 += v4;
            s44 += v4 * v4;
        }
        double m2 = s2 / draws, m4 = s4 / draws;
        return (m2, Math.Sqrt(Math.Max(0, s22 / draws - m2 * m2) / (draws - 1)), m4, Math.Sqrt(Math.Max(0, s44 / draws - m4 * m4) / (draws - 1)));
    }
}
