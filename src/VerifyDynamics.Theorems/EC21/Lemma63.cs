using VerifyDynamics.Core.Numbers;
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
        Fidelity = Fidelity.Restricted("the sup over the ε-tube sampled at 4 times × 3 points (radial + 2 random) with finite-difference Hessians; a sampled maximum is not the supremum"),
        Hypotheses = new Hypotheses("as Prop. 14 (S5, balanced Procedure-13 init)", Prop14.Generate, Prop14.Validate),
        Conclusion = (x, k, p) => Only(Prop14.Conclude(x, p, 16, true)),
        DefaultTrials = 4,
        Variants =
        [
            Variant.Mutant("BetaEqualsN", "β = n instead of 16n: the radial point near convergence exceeds n", s => s.WithConclusion((x, k, p) => Only(Prop14.Conclude(x, p, 1, true)))),
        ],
    };

    // Prop. 14's shared check (not this file's) builds these with Ec21.AtMost (a bound, scale the larger side). Its Hessian norm
    // comes from a finite-difference Hessian whose Richardson error estimate is subtracted from the value: the margin's real
    // uncertainty is that estimate, a heuristic, not the stated rounding bound of βn — so its kind is restated here as heuristic.
    private static MarginSet Only(MarginSet all) => all with
    {
        Margins = [.. all.Margins.Where(m => m.Name.Contains("sup_tube", StringComparison.Ordinal)).Select(m =>
        {
            var r = m.Shape == MarginShape.Unstated && m.IsComputable ? m with { Shape = MarginShape.Bound } : m;
            return r.Name.Contains("∇²f", StringComparison.Ordinal) && r.IsComputable
                ? r with { Tolerance = Tolerance.Heuristic(r.Tolerance.Absolute, r.Tolerance.Source + " (FD Hessian: Richardson estimate subtracted from the value)") }
                : r;
        })],
    };
}
