using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 61 (App. I.12) (L1565–1629): For ‖θ_ε − θ(t′)‖ ≤ ε: ‖w_ε − w‖ ≤ (‖w‖^{1/n} + ε)^n − ‖w‖, ‖∇φ(w_ε)‖ ≤ ‖∇φ(w)‖ + 2nε, ∏_{j∈J}‖W_{j,ε}‖ ≤ (‖w‖ + 2nε)^{|J|/n}.
/// Formalisation note: Not yet encoded as its own check; its bounds are used as the measured β, γ of EC21.Thm15.
/// </summary>
public static class Lemma61
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma61", "Lemma 61 (App. I.12)", "L1565–1629", StatementKind.Lemma,
        "perturbations in the ε-ball",
        "For ‖θ_ε − θ(t′)‖ ≤ ε: ‖w_ε − w‖ ≤ (‖w‖^{1/n} + ε)^n − ‖w‖, ‖∇φ(w_ε)‖ ≤ ‖∇φ(w)‖ + 2nε, ∏_{j∈J}‖W_{j,ε}‖ ≤ (‖w‖ + 2nε)^{|J|/n}.",
        "Not yet encoded as its own check; its bounds are used as the measured β, γ of EC21.Thm15.");
}
