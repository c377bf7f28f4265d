using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 67 (App. I.14) (L1895–1900): θ(·), θ̄(·), θ_k, θ̄_k are non-decreasing.
/// Formalisation note: Not yet encoded on this branch; used by EC21.Prop20's bracket (Lemmas 85/87 bounds).
/// </summary>
public static class Lemma67
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma67", "Lemma 67 (App. I.14)", "L1895–1900", StatementKind.Lemma,
        "monotone trajectories",
        "θ(·), θ̄(·), θ_k, θ̄_k are non-decreasing.",
        "Not yet encoded on this branch; used by EC21.Prop20's bracket (Lemmas 85/87 bounds).");
}
