using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Definition 34 (App. I.12) (L1226–1233): h(w) := (‖w‖^{2−2/n}I + (n−1)[wwᵀ]^{1−1/n})∇φ(w).
/// Formalisation note: A definition; the end-to-end dynamics it defines are exercised by the u-IVP of EC21.Lemma41/44 (Eq. 59 is its reparameterization).
/// </summary>
public static class Def34
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Def34", "Definition 34 (App. I.12)", "L1226–1233", StatementKind.Definition,
        "end-to-end vector field h",
        "h(w) := (‖w‖^{2−2/n}I + (n−1)[wwᵀ]^{1−1/n})∇φ(w).",
        "A definition; the end-to-end dynamics it defines are exercised by the u-IVP of EC21.Lemma41/44 (Eq. 59 is its reparameterization).");
}
