using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 64 (App. I.12) (L1714–1733): inf over the ε-ball around θ(t') of λ_min(∇²f) ≥ −(n−1)(‖∇φ(w(t'))‖ + 2nε)(‖w(t')‖ + 2nε)^{1−2/n}.
/// Formalisation note: EMP: sampled ε-ball points (radial + 2 random) at 4 times along the validated GF; dense FD Hessian λ_min vs Eq. (71); shares Prop. 14's check.
/// </summary>
public static class Lemma64
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma64"),
        Source = Ec21.Source("Lemma 64 (App. I.12)", "L1714–1733"),
        Kind = StatementKind.Lemma,
        Title = "curvature witness m of Eq. (71)",
        Text = "inf over the ε-ball around θ(t') of λ_min(∇²f) ≥ −(n−1)(‖∇φ(w(t'))‖ + 2nε)(‖w(t')‖ + 2nε)^{1−2/n}.",
        FormalisationNote = "EMP: sampled ε-ball points (radial + 2 random) at 4 times along the validated GF; dense FD Hessian λ_min vs Eq. (71); shares Prop. 14's check. No cheap refutable mutant of this margin alone (catalog: large slack); Prop. 14's mutants exercise the same machinery.",
        Hypotheses = new Hypotheses("as Prop. 14 (S5, balanced Procedure-13 init)", Prop14.Generate, Prop14.Validate),
        Conclusion = (x, k, p) => Only(Prop14.Conclude(x, p, 16, true)),
        DefaultTrials = 4,
    };

    private static MarginSet Only(MarginSet all) => all with { Margins = [.. all.Margins.Where(m => m.Name.Contains("Lemma 64", StringComparison.Ordinal))] };
}
