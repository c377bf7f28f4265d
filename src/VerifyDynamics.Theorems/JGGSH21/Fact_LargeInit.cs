using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.LargeInit (Sec 3.1, L99–103; unnumbered; consistent with Lemma 14(i), L419): with i.i.d. N(0, σ̃²) parameters of an
/// (L,w)-DLN, Var((A_θ)_{ij}) = σ̃^{2L}w^{L−1}, so σ̃² = σ^{2/L}w^{−(L−1)/L} gives variance σ² for every w (σ²-large-norm
/// initialization); the NTK Θ(θ) = JA_θJA_θᵀ concentrates around its expectation ηI_{n_0n_L}, η = Lσ^{2(L−1)/L}w^{(L−1)/L}.
/// Formalisation note: Monte Carlo at finite w (the expectation is exact for every w, catalog derivation: each layer contributes
/// σ̃^{2(L−1)}w^{L−1}I): (1) the draw-average over the n_Ln_0 entries of (A_θ)_{ij}² has mean σ̃^{2L}w^{L−1}; (2) the average diagonal
/// entry of Θ has mean Lσ̃^{2(L−1)}w^{L−1} = η and (3) every off-diagonal entry of Θ has mean 0 — each within 5 Monte-Carlo standard
/// errors (CLT; P(|Z| &gt; 5) ≈ 6·10^{−7} per entry, ≤ 36 entries); (4) the exponent bookkeeping σ̃^{2L}w^{L−1} = σ² and
/// Lσ̃^{2(L−1)}w^{L−1} = η at σ̃² = σ^{2/L}w^{−(L−1)/L} (rounding tolerance). Θ by Core's Kronecker formula Σ_ℓ P_ℓ ⊗ Q_ℓ. The
/// concentration "as w → ∞" itself is Lemma 14 (another check). 3 000 draws (×4 on confirmation), L ∈ {1..4}, w ∈ {1..8}, n_0, n_L ∈ {1..3}.
/// </summary>
public static class Fact_LargeInit
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.LargeInit"),
        Source = new SourceRef(Papers.JGGSH21, "Sec 3.1 (unnumbered); Lemma 14(i)", "L99–103, L419"),
        Kind = StatementKind.Unnumbered,
        Title = "σ²-large-norm initialization and the mean NTK (unnumbered)",
        Text = "If all parameters are i.i.d. N(0, σ̃²), the variance of the entries of A_θ is σ̃^{2L}w^{L−1}; with σ̃² = σ^{2/L}w^{−(L−1)/L} it is σ² for all "
            + "widths (σ²-large-norm initialization). The NTK Θ(θ) = JA_θ(JA_θ)ᵀ concentrates at initialization around its expectation ηI_{n_0n_L} "
            + "with η = Lσ^{2(L−1)/L}w^{(L−1)/L}, and the limiting dynamics of A_θ is t ↦ A(ηt) for the gradient flow A(·) of C.",
        FormalisationNote = "Monte Carlo of E[(A_θ)_{ij}²] and E[Θ] (diagonal and off-diagonal) within 5 standard errors plus the exact exponent identities; "
            + "the w → ∞ concentration and the limit dynamics are Lemma 14 and Prop 2.",
        Checkability = Checkability.Statistical,
        Errata = ["Cor 19 prints E[Θ] without the factor L (catalog); Sec 3.1 and Lemma 14 have it — the mutant EtaWithoutL is that version."],
        Constants =
        [
            new NamedConstant("varianceWidthShift", R(0), "extra power of w in Var(A_ij) = σ̃^{2L}w^{L−1+shift} (paper: 0)") { Domain = ConstantDomain.Any },
        ],
        Fidelity = Fidelity.Restricted("the moments and exponent identities only (the limit dynamics A(η_NTK t) is Prop 2's check); L ≤ 4, w ≤ 8, by Monte Carlo"),
        Hypotheses = new Hypotheses("L ∈ {1..4}, w ∈ {1..8}, n_0, n_L ∈ {1..3}, σ ∈ {1/2, 1, 2}, σ̃² = σ^{2/L}w^{−(L−1)/L}", ctx => Generate(ctx, 1), Validate),
        Conclusion = Conclude,
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("EtaWithoutL", "E[Θ] = σ̃^{2(L−1)}w^{L−1}I (Cor 19 as printed, no factor L): refuted for L ≥ 2",
                s => s.WithSwitch("etaWithoutL").WithGenerator("L ≥ 2, w ≥ 2", ctx => Generate(ctx, 2))),
            Variant.Mutant("VarianceWToTheL", "Var(A_ij) = σ̃^{2L}w^L: refuted for w ≥ 2",
                s => s.WithConstantDefault("varianceWidthShift", R(1)).WithGenerator("L ≥ 2, w ≥ 2", ctx => Generate(ctx, 2))),
        ],
    };

    private static Instance Generate(TrialContext ctx, int minimum)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(minimum, 4), width = rng.NextInt(minimum, 8);
        double sigma = rng.Pick([0.5, 1.0, 2.0]);
        return Instance.OfScalars($"large-norm init L={depth} w={width}",
            ("depth", depth), ("width", width), ("n0", rng.NextInt(1, 3)), ("nL", rng.NextInt(1, 3)), ("sigma", sigma),
            ("sigmaTilde", Math.Sqrt(Math.Pow(sigma, 2.0 / depth) * Math.Pow(width, -(depth - 1.0) / depth))), ("mcSeed", rng.NextUInt64() >> 12));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Scalar("depth") >= 1 && x.Scalar("width") >= 1 && x.Scalar("n0") >= 1 && x.Scalar("nL") >= 1, "positive sizes"),
        (x.Scalar("sigmaTilde") > 0 && x.Scalar("sigma") > 0, "σ̃, σ > 0"));

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        int depth = (int)x.Scalar("depth"), width = (int)x.Scalar("width"), n0 = (int)x.Scalar("n0"), nL = (int)x.Scalar("nL");
        double sig = x.Scalar("sigmaTilde"), sigma = x.Scalar("sigma");
        var net = DeepLinearCost.Rectangular(new FrobeniusDistance(Matrix<double>.Build.Dense(nL, n0)), depth, width);
        int draws = precision == Precision.Confirm ? 12_000 : 3_000, m = n0 * nL;
        var seed = new Seed((ulong)x.Scalar("mcSeed"));
        var rng = new Rng(precision == Precision.Confirm ? seed.Split("confirm") : seed);
        double sA = 0, sA2 = 0;
        var sT = Matrix<double>.Build.Dense(m, m);
        var sT2 = Matrix<double>.Build.Dense(m, m);
        double sD = 0, sD2 = 0;
        for (int d = 0; d < draws; d++)
        {
            var theta = SequentialBuild.Vector(net.ParameterCount, _ => sig * rng.NextGaussian());
            var a = net.EndToEnd(theta);
            double meanSq = a.Enumerate().Average(v => v * v);
            sA += meanSq;
            sA2 += meanSq * meanSq;
            var ntk = net.NeuralTangentKernel(theta);
            sT += ntk;
            sT2 += ntk.PointwiseMultiply(ntk);
            double diag = ntk.Diagonal().Average();
            sD += diag;
            sD2 += diag * diag;
        }
        (double Mean, double Se) Stat(double s, double s2) => (s / draws, Math.Sqrt(Math.Max(0, s2 / draws - (s / draws) * (s / draws)) / (draws - 1)));
        double variance = Math.Pow(sig, 2 * depth) * Math.Pow(width, depth - 1 + k.D("varianceWidthShift"));
        double eta = (k.Switch("etaWithoutL") != 1 ? depth : 1) * Math.Pow(sig, 2 * (depth - 1)) * Math.Pow(width, depth - 1);
        var (ma, sea) = Stat(sA, sA2);
        var (md, sed) = Stat(sD, sD2);
        var margins = new List<Margin>
        {
            Margin.Deviation("(1) −|mean (A_θ)_{ij}² − σ̃^{2L}w^{L−1}|", Math.Abs(ma - variance), variance, Tolerance.Heuristic(5 * sea, $"5 Monte-Carlo standard errors ({draws} draws)").Plus(Tolerance.FromRounding(16 * depth, variance, "formula"))),
            Margin.Deviation("(2) −|mean diagonal of Θ − Lσ̃^{2(L−1)}w^{L−1}|", Math.Abs(md - eta), eta, Tolerance.Heuristic(5 * sed, $"5 Monte-Carlo standard errors ({draws} draws)").Plus(Tolerance.FromRounding(16 * depth, eta, "formula"))),
        };
        double worstOff = 0, worstOffTol = 0, worstRatio = double.NegativeInfinity;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                if (i != j)
                {
                    var (mo, seo) = Stat(sT[i, j], sT2[i, j]);
                    double ratio = Math.Abs(mo) - 5 * seo;
                    if (ratio > worstRatio)
                    {
                        (worstRatio, worstOff, worstOffTol) = (ratio, Math.Abs(mo), 5 * seo);
                    }
                }
            }
        }
        if (m > 1)
        {
            margins.Add(Margin.Deviation("(3) −max_{i≠j} |mean Θ_{ij}| (worst entry relative to its 5 SE)", worstOff, eta, Tolerance.Heuristic(worstOffTol + Tolerance.Gamma(64) * eta, "5 Monte-Carlo standard errors of that entry + rounding")));
        }
        // (4) exponent bookkeeping at σ̃² = σ^{2/L}w^{−(L−1)/L}.
        margins.Add(RoundingDeviation("(4) σ̃^{2L}w^{L−1} = σ²", -Math.Abs(Math.Pow(sig, 2 * depth) * Math.Pow(width, depth - 1) - sigma * sigma), 32 * depth, sigma * sigma, "σ²"));
        double etaSigma = depth * Math.Pow(sigma, 2.0 * (depth - 1) / depth) * Math.Pow(width, (depth - 1.0) / depth);
        margins.Add(RoundingDeviation("(4) Lσ̃^{2(L−1)}w^{L−1} = Lσ^{2(L−1)/L}w^{(L−1)/L}", -Math.Abs(depth * Math.Pow(sig, 2 * (depth - 1)) * Math.Pow(width, depth - 1) - etaSigma), 32 * depth, etaSigma, "η"));
        return new MarginSet(margins).WithObservation("mean_A_squared", ma).WithObservation("variance_formula", variance)
            .WithObservation("mean_ntk_diagonal", md).WithObservation("eta_formula", eta);
    }
}
