using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// Topsøe's logarithm bounds (Topsøe 2004, Eq. 3), used in the proof of Lemma 77 (App. I.14, L2010; catalog EC21.Fact.Topsoe):
/// 2z/(2 + z) ≤ ln(1 + z) ≤ (z/2)(2 + z)/(1 + z) for all z ≥ 0.
/// Formalisation note: evaluated at log-uniform z ∈ [1e−8, 1e8] with ln(1 + z) computed cancellation-free (Kahan's log1p);
/// tolerance γ_16 of the larger side (both sides are a few correctly-rounded operations).
/// </summary>
public static class Fact_Topsoe
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.Topsoe"),
        Source = Ec21.Source("Lemma 77 proof (App. I.14), citing Topsøe (2004)", "L2010–2056"),
        Kind = StatementKind.Unnumbered,
        Title = "Topsøe bounds on ln(1 + z)",
        Text = "2z/(2 + z) ≤ ln(1 + z) ≤ (z/2)(2 + z)/(1 + z) for z ≥ 0.",
        FormalisationNote = "Log-uniform z ∈ [1e−8, 1e8]; cancellation-free log1p; γ_16 tolerance.",
        Fidelity = Fidelity.Full(),
        Hypotheses = new Hypotheses("z log-uniform in [1e−8, 1e8]", ctx => Instance.OfScalars("scalar", ("z", ctx.Rng.LogUniform(1e-8, 1e8))), (x, k) => HypothesesCheck.All((x.Scalar("z") >= 0, "z ≥ 0"))),
        Conclusion = (x, k, p) => Conclude(x, 2),
        DefaultTrials = 64,
        Variants =
        [
            Variant.Mutant("LowerBoundZOverOnePlusHalf", "lower bound 2z/(1 + z) (too large)", s => s.WithConclusion((x, k, p) => Conclude(x, 1))),
        ],
    };

    private static MarginSet Conclude(Instance x, double lowerDenominatorConstant)
    {
        double z = x.Scalar("z");
        double ln = AccurateFunctions.Log1p(z);
        double lower = 2 * z / (lowerDenominatorConstant + z), upper = z / 2 * (2 + z) / (1 + z);
        return MarginSet.Of(Margin.AtLeast("ln(1 + z) ≥ 2z/(2 + z)", ln, lower), Margin.AtMost("ln(1 + z) ≤ (z/2)(2 + z)/(1 + z)", ln, upper));
    }
}
