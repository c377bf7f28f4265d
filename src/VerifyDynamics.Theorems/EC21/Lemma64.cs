using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 64 (App. I.12) (L1714–1733): inf over the ε-ball around θ(t') of λ_min(∇²f) ≥ −(n−1)(‖∇φ(w(t'))‖ + 2nε)(‖w(t')‖ + 2nε)^{1−2/n}.
/// Formalisation note: Checked (EMP) as the margin 'Lemma 64: m(t) + λ_min(∇²f(q)) ≥ 0 (sampled)' of EC21.Prop14 (radial + 2 random ε-ball points at 4 times, dense FD Hessians); no separate statement check because no refutable mutant of this margin alone was established.
/// </summary>
public static class Lemma64
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma64", "Lemma 64 (App. I.12)", "L1714–1733", StatementKind.Lemma,
        "curvature witness m of Eq. (71)",
        "inf over the ε-ball around θ(t') of λ_min(∇²f) ≥ −(n−1)(‖∇φ(w(t'))‖ + 2nε)(‖w(t')‖ + 2nε)^{1−2/n}.",
        "Checked (EMP) as the margin 'Lemma 64: m(t) + λ_min(∇²f(q)) ≥ 0 (sampled)' of EC21.Prop14 (radial + 2 random ε-ball points at 4 times, dense FD Hessians); no separate statement check because no refutable mutant of this margin alone was established.");
}
