using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 59 (App. I.12) (L1535–1544): f(θ(t̄)) − min f = ½‖w(t̄) − λ‖² ≤ ε̄.
/// Formalisation note: f is non-increasing along GF, so the claim is equivalent to the hitting time T* of ε̄ being ≤ t̄; T* by bisection on the validated DOP853 dense output; shares Prop. 14's check.
/// </summary>
public static class Lemma59
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma59"),
        Source = Ec21.Source("Lemma 59 (App. I.12)", "L1535–1544"),
        Kind = StatementKind.Lemma,
        Title = "t̄ reaches ε̄-optimality",
        Text = "f(θ(t̄)) − min f = ½‖w(t̄) − λ‖² ≤ ε̄.",
        FormalisationNote = "f is non-increasing along GF, so the claim is equivalent to the hitting time T* of ε̄ being ≤ t̄; T* by bisection on the validated DOP853 dense output; shares Prop. 14's check. No cheap refutable mutant of this margin alone (catalog: large slack); Prop. 14's mutants exercise the same machinery.",
        Hypotheses = new Hypotheses("as Prop. 14 (S5, balanced Procedure-13 init)", Prop14.Generate, Prop14.Validate),
        Conclusion = (x, k, p) => Only(Prop14.Conclude(x, p, 16, true)),
        DefaultTrials = 4,
    };

    private static MarginSet Only(MarginSet all) => all with { Margins = [.. all.Margins.Where(m => m.Name.Contains("hitting time", StringComparison.Ordinal))] };
}
