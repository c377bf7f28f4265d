using VerifyDynamics.Core.Costs;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Sec. 2.2 (L73–77, unnumbered): ‖A‖_p^p = Σσ_i^p tends to Rank A as p → 0, and ‖·‖_p^p is not convex for p &lt; 1.
/// Formalisation note: (a) a planted-rank A (exact zeros, rank threshold n·ε·σ_max) over p ∈ {1/2, 1/10, 1/100, 1/1000}:
/// |‖A‖_p^p − r| must stay below r·max_i|log σ_i|·p·e^{p·max|log σ|} (from |σ^p − 1| ≤ p|log σ|e^{p|log σ|}), a bound that
/// shrinks linearly in p — the trend (the error itself need not be monotone: terms σ^p − 1 of both signs can cancel). (b) non-convexity witness A = u_1v_1ᵀ,
/// B = u_2v_2ᵀ: ‖(A+B)/2‖_p^p − (‖A‖_p^p + ‖B‖_p^p)/2 = 2^{1−p} − 1 &gt; 0.
/// </summary>
public static class Fact_Schatten
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.Schatten"),
        Source = new SourceRef(Papers.JGGSH21, "Sec. 2.2 (unnumbered)", "L73–77"),
        Kind = StatementKind.Unnumbered,
        Title = "Schatten quasinorms: p → 0 gives the rank; non-convex for p < 1",
        Text = "lim_{p→0}‖A‖_p^p = Rank A; for p < 1, ‖·‖_p^p is not convex.",
        FormalisationNote = "Trend over p ∈ {1/2, 1/10, 1/100, 1/1000} on planted-rank matrices (thresholded SVD) plus an explicit "
            + "non-convexity witness at p ∈ (0,1) drawn per trial. Tolerances γ_n of the SVD times the compared values.",
        Checkability = Checkability.Trend,
        Fidelity = Fidelity.Restricted("p down to 1/1000 on planted-rank matrices ≤ 8×8 (the p → 0 limit as a trend) and explicit non-convexity witnesses"),
        Hypotheses = new Hypotheses("n×m ≤ 8×8, planted rank r ≤ min(n,m), singular values in [10^{−2}, 10^{2}]; p ∈ (0.05, 0.95) for the witness", Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("p") is > 0 and < 1, "0 < p < 1"))),
        Conclusion = (x, k, p) => Conclude(x, powered: true),
        DefaultTrials = 40,
        Variants =
        [
            Variant.Mutant("Convex", "\"‖·‖_p^p is convex\" (midpoint inequality) for p < 1: refuted by the witness",
                s => s.WithConclusion((x, k, p) =>
                {
                    double q = x.Scalar("p");
                    var (a, b) = (x.Matrix("WitnessA"), x.Matrix("WitnessB"));
                    double mid = SchattenQuasinorm.PowerP(0.5 * (a + b), q), avg = 0.5 * (SchattenQuasinorm.PowerP(a, q) + SchattenQuasinorm.PowerP(b, q));
                    return MarginSet.Of(Rounding("(‖A‖+‖B‖)/2 − ‖(A+B)/2‖ (p-th powers)", avg - mid, 64, 2, "values ≤ 2"));
                })),
            Variant.Mutant("NoPower", "lim_{p→0}‖A‖_p = Rank A (without the p-th power): refuted, ‖A‖_p blows up or vanishes",
                s => s.WithConclusion((x, k, p) => Conclude(x, powered: false))),
        ],
    };

    private static readonly double[] Ps = [0.5, 0.1, 0.01, 0.001];

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(2, 8), m = rng.NextInt(2, 8);
        int r = rng.NextInt(1, Math.Min(n, m));
        var a = WithSingularValues(rng, n, m, [.. Enumerable.Range(0, r).Select(_ => rng.LogUniform(1e-2, 1e2))]);
        var u = rng.HaarOrthogonal(n);
        var v = rng.HaarOrthogonal(m);
        return new Instance { Family = "planted" }.WithMatrix("A", a).WithScalar("rank", r).WithScalar("p", rng.Uniform(0.05, 0.95))
            .WithMatrix("WitnessA", u.Column(0).OuterProduct(v.Column(0))).WithMatrix("WitnessB", u.Column(1).OuterProduct(v.Column(1)));
    }

    private static MarginSet Conclude(Instance x, bool powered)
    {
        var a = x.Matrix("A");
        int r = (int)x.Scalar("rank");
        var s = a.Svd(false).S.ToArray();
        double tau = SchattenQuasinorm.DefaultThreshold(a, s.Max());
        var kept = s.Where(v => v > tau).ToArray();
        double maxLog = kept.Max(v => Math.Abs(Math.Log(v)));
        var errors = Ps.Select(q =>
        {
            double pp = SchattenQuasinorm.PowerP(a, q);
            return Math.Abs((powered ? pp : Math.Pow(pp, 1 / q)) - r);
        }).ToArray();
        int ops = 32 * Math.Max(a.RowCount, a.ColumnCount);
        var margins = new List<Margin>();
        for (int i = 0; i < errors.Length; i++)
        {
            // |σ^p − 1| ≤ p|log σ|e^{p|log σ|}: the error bound shrinks linearly in p, which is the trend checked.
            double bound = r * maxLog * Ps[i] * Math.Exp(Ps[i] * maxLog);
            margins.Add(Rounding($"r·max|log σ|·p·e^{{p·max|log σ|}} − |‖A‖_p^p − r| at p = {Ps[i]}", bound - errors[i], ops, r + bound, "r + bound"));
        }
        double q0 = x.Scalar("p");
        var (wa, wb) = (x.Matrix("WitnessA"), x.Matrix("WitnessB"));
        double mid = SchattenQuasinorm.PowerP(0.5 * (wa + wb), q0);
        double avg = 0.5 * (SchattenQuasinorm.PowerP(wa, q0) + SchattenQuasinorm.PowerP(wb, q0));
        // Non-convexity is strict: the witness must show a gap larger than the rounding of the two SVDs.
        margins.Add(Rounding("non-convexity witness ‖(A+B)/2‖_p^p − (‖A‖_p^p + ‖B‖_p^p)/2 − γ", mid - avg - 1e3 * Core.Numbers.Tolerance.Gamma(64) * 2, 64, 2, "values ≤ 2"));
        return new MarginSet(margins).WithObservation("error_p_0.001", errors[^1]).WithObservation("witness_gap", mid - avg);
    }
}
