using MathNet.Numerics.Distributions;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 11 (App. D.5, L882–886; cited from Carbery &amp; Wright 2001): there is an absolute constant C_0 such that for every
/// multilinear polynomial h of degree N in K i.i.d. Gaussian variables and every ε &gt; 0, P[|h| ≤ ε√Var h] ≤ C_0Nε^{1/N}.
/// Formalisation note: existential in C_0, hence not checkable. A sanity generator is provided: h = X_1⋯X_N (Var h = 1); the
/// conclusion estimates P[|h| ≤ ε] by Monte Carlo, records the implied lower bound on C_0 (P̂/(Nε^{1/N})), and, for N = 1,
/// checks the sampler against the exact 2F(ε) − 1 (both Clopper–Pearson bounds must bracket it).
/// </summary>
public static class Lemma11
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma11"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 11 (App. D.5), cited from Carbery & Wright (2001)", "L882–886"),
        Kind = StatementKind.Lemma,
        Title = "Gaussian anti-concentration (Carbery–Wright)",
        Text = "There is an absolute C_0 with P[|h(X_1..X_K)| ≤ ε√Var h] ≤ C_0Nε^{1/N} for every degree-N multilinear polynomial h of i.i.d. Gaussians and ε > 0.",
        FormalisationNote = "Sanity only: h = X_1⋯X_N, N ∈ 1..3, ε log-uniform in [10⁻³, 1]; the observation C0.lowerBound = CP-lower(P)/(Nε^{1/N}) is a lower "
            + "bound on any valid C_0 (catalog: N = 1 gives C_0 ≳ 0.8). For N = 1 the Monte-Carlo interval must contain 2F(ε) − 1.",
        Checkability = Checkability.NotCheckable,
        NotCheckableReason = "Existential constant: the statement asserts that some absolute C_0 exists, which no finite computation can confirm or refute; "
            + "the paper never fixes its value. Only a sanity run (empirical lower bound on C_0) is provided.",
        Fidelity = Fidelity.Substitute("the existence of an absolute C_0 cannot be checked; a sanity run (an empirical lower bound on any valid C_0 for h = X_1⋯X_N) is reported instead"),
        Hypotheses = new Hypotheses("h = X_1⋯X_N, N ∈ 1..3, ε ∈ [1e-3, 1]; n = 2000 draws", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 8,
    };

    private static Instance Generate(TrialContext ctx) =>
        Instance.OfScalars("product", ("N", ctx.Rng.NextInt(1, 3)), ("eps", ctx.Rng.LogUniform(1e-3, 1))).WithDraws(ctx.Rng, 2000);

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Scalar("N") >= 1, "degree N ≥ 1"),
        (x.Scalar("eps") > 0, "ε > 0"),
        (x.Scalar("draws") >= 1, "at least one Monte-Carlo draw"));

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        int degree = (int)x.Scalar("N");
        double eps = x.Scalar("eps");
        var estimate = MonteCarlo.Estimate(MonteCarlo.Draws(x, precision), MonteCarlo.Stream(x, precision), r =>
        {
            double h = 1;
            for (int i = 0; i < degree; i++)
            {
                h *= r.NextGaussian();
            }
            return Math.Abs(h) <= eps;
        });
        var margins = new List<Margin>();
        if (degree == 1)
        {
            double exact = 2 * Normal.CDF(0, 1, eps) - 1;
            margins.Add(estimate.AtLeast("CP-upper − (2F(ε) − 1) (sampler sanity, N = 1)", exact));
            margins.Add(estimate.AtMost("(2F(ε) − 1) − CP-lower (sampler sanity, N = 1)", exact));
        }
        else
        {
            // No exact law at hand for N ≥ 2: only the trivial P ≤ 1, the run is for the observation.
            margins.Add(estimate.AtMost("1 − CP-lower (probability)", 1));
        }
        return estimate.Observe(new MarginSet(margins), "mc")
            .WithObservation("C0.lowerBound", estimate.Lower / (degree * Math.Pow(eps, 1.0 / degree)));
    }

}
