using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 14 (App B.2, L419–434): for i.i.d. N(0, σ̃²) parameters, σ̃² = σ^{2/L}w^{−(L−1)/L}: (i) E[Θ(θ)] = ηI_{n_0n_L},
/// η = Lσ^{2(L−1)/L}w^{(L−1)/L}; (ii) E‖Θ(θ) − EΘ‖_F² ≤ cσ^{4(L−1)/L}w^{(L−2)/L} for some finite c; (iii) with κ = 16c/L², with
/// probability ≥ 1 − κ/w, ¾η ≤ λ_min(Θ(θ)) and λ_max(Θ(θ)) ≤ (5/4)η (the second printed line says λ_min: typo).
/// Formalisation note: Monte Carlo with the Kronecker NTK Θ = Σ_ℓ P_ℓ ⊗ Q_ℓ (DeepLinearCost.NeuralTangentKernel).
/// (i) entrywise CLT intervals (1e−3, Bonferroni over the entries) on the first half of the draws. (ii) has an unspecified
/// constant: ĉ := E‖Θ − ηI‖_F²/(σ^{4(L−1)/L}w^{(L−2)/L}) is estimated on the first half with an upper CLT bound ĉ⁺ (recorded).
/// (iii) is then the proof's Chebyshev step with that constant, tested on the independent second half: refuted only if the
/// one-sided Clopper–Pearson UPPER bound of P(¾η ≤ λ_min, λ_max ≤ 5/4η) is below 1 − 16ĉ⁺/(L²w). Widths are large enough
/// (w ≥ 128) for that bound to be informative at L = 2.
/// </summary>
public static class Lemma14
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma14"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 14 (App B.2)", "L419–434"),
        Kind = StatementKind.Lemma,
        Title = "mean, variance and extreme eigenvalues of the NTK at initialization",
        Text = "For i.i.d. N(0, σ̃²) parameters with σ̃² = σ^{2/L}w^{−(L−1)/L}: E[Θ(θ)] = Lσ^{2(L−1)/L}w^{(L−1)/L}I = ηI, E‖Θ(θ) − EΘ(θ)‖_F² ≤ cσ^{4(L−1)/L}w^{(L−2)/L} for some finite c, and, with κ = 16c/L², with probability at least 1 − κ/w, λ_min(Θ(θ)) ≥ (3/4)η and λ_max(Θ(θ)) ≤ (5/4)η.",
        FormalisationNote = "L ∈ {2, 3}, n_0 = n_L = 2, w ∈ {128, 512} (L = 2) or {64, 128} (L = 3), σ ∈ {1/2, 1, 2}; 2×150 draws (2×600 on confirmation). The printed 'λ_min ≤ (1+¼)η' read λ_max; the printed σ^{4(L−L)/L} read σ^{4(L−1)/L}.",
        Checkability = Checkability.Statistical,
        NotCheckableReason = "The constant c of (ii) is unspecified: it is estimated (ĉ), and (iii) is checked with the estimated κ = 16ĉ⁺/L².",
        Fidelity = Fidelity.Restricted("L ∈ {2, 3}, n_0 = n_L = 2, w ≤ 512, by Monte Carlo; the unspecified constants c, κ are estimated"),
        Hypotheses = new Hypotheses("L ∈ {2,3}, n_0 = n_L = 2, w ∈ {64, 128, 512}, σ ∈ {1/2, 1, 2}, Monte-Carlo seed", Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("L") >= 2, "L ≥ 2"), (x.Scalar("sigma") > 0, "σ > 0"))),
        Conclusion = Conclude,
        DefaultTrials = 3,
        Variants = [new Variant("EtaWithoutL", "E[Θ] = σ^{2(L−1)/L}w^{(L−1)/L}I (Cor 19's printed mean, no L): refuted by (i)", VariantRole.Mutant, s => s.WithSwitch("etaWithoutL"), Trials: 2)],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(2, 3);
        int[] widths = depth == 2 ? [128, 512] : [64, 128];
        double[] sigmas = [0.5, 1, 2];
        return Instance.OfScalars("gaussian-init", ("L", depth), ("n", 2), ("w", rng.Pick(widths)), ("sigma", rng.Pick(sigmas)), ("mcSeed", rng.NextInt(0, int.MaxValue - 1)));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        int depth = (int)x.Scalar("L"), w = (int)x.Scalar("w"), n = (int)x.Scalar("n");
        double sigma = x.Scalar("sigma");
        double std = Math.Sqrt(Math.Pow(sigma, 2.0 / depth) * Math.Pow(w, -(depth - 1.0) / depth));
        double eta = depth * Math.Pow(sigma, 2.0 * (depth - 1) / depth) * Math.Pow(w, (depth - 1.0) / depth);
        double etaClaimed = (k.Switch("etaWithoutL") != 1 ? depth : 1) * Math.Pow(sigma, 2.0 * (depth - 1) / depth) * Math.Pow(w, (depth - 1.0) / depth);
        int half = precision == Precision.Confirm ? 600 : 150;
        var rng = new Rng(new Seed((ulong)x.Scalar("mcSeed")).Split(precision.ToString()));
        var net = DeepLinearCost.Rectangular(new FrobeniusDistance(Matrix<double>.Build.Dense(n, n)), depth, w);
        int m = n * n;
        var sum = Matrix<double>.Build.Dense(m, m);
        var sumSq = Matrix<double>.Build.Dense(m, m);
        double dev = 0, devSq = 0;
        int inside = 0;
        double scaleC = Math.Pow(sigma, 4.0 * (depth - 1) / depth) * Math.Pow(w, (depth - 2.0) / depth);
        for (int d = 0; d < 2 * half; d++)
        {
            var theta = SequentialBuild.Vector(net.ParameterCount, _ => std * rng.NextGaussian());
            var ntk = net.NeuralTangentKernel(theta);
            if (d < half)
            {
                sum += ntk;
                sumSq += ntk.PointwiseMultiply(ntk);
                double dv = Math.Pow((ntk - eta * Matrix<double>.Build.DenseIdentity(m)).FrobeniusNorm(), 2) / scaleC;
                dev += dv;
                devSq += dv * dv;
            }
            else
            {
                var ev = ntk.Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).ToArray();
                if (ev.Min() >= 0.75 * eta && ev.Max() <= 1.25 * eta)
                {
                    inside++;
                }
            }
        }
        double level = EscapeNumerics.ConfidenceLevel.ToDouble();
        int compared = m * m + 1;
        double z = EscapeNumerics.NormalQuantile(level / compared);
        var margins = new List<Margin>();
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < m; j++)
            {
                double mean = sum[i, j] / half, sd = Math.Sqrt(Math.Max(sumSq[i, j] / half - mean * mean, 0) * half / (half - 1));
                var tol = Tolerance.Heuristic(z * sd / Math.Sqrt(half) + Tolerance.Gamma(8 * half) * eta, $"CLT z·ŝ/√N, z = {z:F2} (1e−3 Bonferroni over {compared}), N = {half}");
                margins.Add(EscapeNumerics.Equal($"E[Θ]_{{{i}{j}}} = ηδ_{{{i}{j}}}", mean, i == j ? etaClaimed : 0, tol));
            }
        }
        double cHat = dev / half, cSd = Math.Sqrt(Math.Max(devSq / half - cHat * cHat, 0) * half / (half - 1));
        double cUpper = cHat + z * cSd / Math.Sqrt(half);
        double chebyshev = 1 - 16 * cUpper / (depth * depth * w);
        var (_, upper) = EscapeNumerics.ClopperPearson(inside, half, level);
        margins.Add(Margin.Bound("CP upper bound of P(¾η ≤ λ_min, λ_max ≤ 5/4η) − (1 − 16ĉ⁺/(L²w))", upper - chebyshev, Math.Max(Math.Abs(chebyshev), 1e-300), Tolerance.Heuristic(0, "Clopper–Pearson one-sided 1e−3 and the CLT upper bound ĉ⁺ (in the values)")));
        return new MarginSet(margins).WithObservation("ĉ = E‖Θ − ηI‖²/(σ^{4(L−1)/L}w^{(L−2)/L})", cHat).WithObservation("ĉ⁺", cUpper)
            .WithObservation("frequency of the eigenvalue event", (double)inside / half).WithObservation("1 − κ/w with κ = 16ĉ⁺/L²", chebyshev);
    }
}
