using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 63 (App. I.12) (L1696–1713): sup over the ε-tube D_{t,ε} of ‖∇²f‖_s ≤ 16n and of ‖∇f‖ ≤ 6√n (S5, balanced GF, ε ≤ 1/(2n)).
/// Formalisation note: EMP: validated DOP853 GF; at 4 times the radial point θ(t)(1 + ε/‖θ‖) and 2 random points of the ε-ball (ε = 1/(2n)); dense FD Hessians; shares Prop. 14's check.
/// </summary>
public static class Lemma63
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma63"),
        Source = Ec21.Source("Lemma 63 (App. I.12)", "L1696–1713"),
        Kind = StatementKind.Lemma,
        Title = "β = 16n and γ = 6√n on the ε-tube",
        Text = "sup over the ε-tube D_{t,ε} of ‖∇²f‖_s ≤ 16n and of ‖∇f‖ ≤ 6√n (S5, balanced GF, ε ≤ 1/(2n)).",
        FormalisationNote = "EMP: validated DOP853 GF; at 4 times the radial point θ(t)(1 + ε/‖θ‖) and 2 random points of the ε-ball (ε = 1/(2n)); dense FD Hessians; shares Prop. 14's check.",
        Hypotheses = new Hypotheses("as Prop. 14 (S5, balanced Procedure-13 init)", Prop14.Generate, Prop14.Validate),
        Conclusion = (x, k, p) => Only(Prop14.Conclude(x, p, 16, true)),
        DefaultTrials = 4,
        Variants =
        [
            Variant.Mutant("BetaEqualsN", "β = n instead of 16n: the radial point near convergence exceeds n", s => s.WithConclusion((x, k, p) => Only(Prop14.Conclude(x, p, 1, true)))),
        ],
    };

    private static MarginSet Only(MarginSet all) => all with { Margins = [.. all.Margins.Where(m => m.Name.Contains("sup_tube", StringComparison.Ordinal))] };
}
