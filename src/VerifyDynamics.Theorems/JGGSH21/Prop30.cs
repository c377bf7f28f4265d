using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 30 (App C.3) (L811–822): As α → 0, θ_α(t^1_α + t) → θ^1(t) and for every ε there is T with the two-sided bounds e^{−(s*+2ε)(T+t)} ≤ ‖θ^1(t)‖ ≤ e^{−(s*−ε)(T+t)} (shallow), [(L−2)(s*+2ε)(T+t)]^{−1/(L−2)} ≤ ‖θ^1(t)‖ ≤ [(L−2)(s*−ε)(T+t)]^{−1/(L−2)} (deep).
/// Formalisation note: registered as not checked — α → 0 limit of gradient-flow paths; the corrected asymptotic-rate trend was not implemented in this round. The printed bands are refuted by the PrintedBandsNonEmpty erratum variant (they are empty for T + t &lt; 0).
/// </summary>
public static class Prop30
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop30"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 30 (App C.3)", "L811–822"),
        Kind = StatementKind.Proposition,
        Title = "limiting escape path and its rate",
        Text = "As α → 0, θ_α(t^1_α + t) → θ^1(t) and for every ε there is T with the two-sided bounds e^{−(s*+2ε)(T+t)} ≤ ‖θ^1(t)‖ ≤ e^{−(s*−ε)(T+t)} (shallow), [(L−2)(s*+2ε)(T+t)]^{−1/(L−2)} ≤ ‖θ^1(t)‖ ≤ [(L−2)(s*−ε)(T+t)]^{−1/(L−2)} (deep).",
        Checkability = Checkability.Pending,
        NotCheckableReason = "α → 0 limit of gradient-flow paths; the corrected asymptotic-rate trend was not implemented in this round. The printed bands are refuted by the PrintedBandsNonEmpty erratum variant (they are empty for T + t < 0).",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
        Errata = ["The printed two-sided bounds of Prop 30 are inverted: for T + t < 0 the band is empty (catalog §13 item 7); running Prop 29(3) backwards swaps s* + 2ε and s* − ε."],
        Variants =
        [
            Variant.Erratum("PrintedBandsNonEmpty", "the printed shallow band e^{−(s*+2ε)(T+t)} ≤ e^{−(s*−ε)(T+t)} at T + t < 0 is empty: refuted",
                s => s.WithHypotheses("s* ∈ [−2, −1/2], ε = |s*|/10, T + t ∈ [−20, −1]",
                    ctx => Instance.OfScalars("band", ("sStar", -ctx.Rng.Uniform(0.5, 2)), ("Tt", -ctx.Rng.Uniform(1, 20))),
                    (x, k) => HypothesesCheck.All((x.Scalar("sStar") < 0, "s* < 0"), (x.Scalar("Tt") < 0, "T + t < 0 (the escape happens after the reference time)")))
                .WithConclusion((x, k, p) =>
                {
                    double sStar = x.Scalar("sStar"), eps = Math.Abs(sStar) / 10, tt = x.Scalar("Tt");
                    return MarginSet.Of(Margin.AtLeast("upper − lower band", Math.Exp(-(sStar - eps) * tt), Math.Exp(-(sStar + 2 * eps) * tt)));
                }), trials: 4),
        ],
    };
}
