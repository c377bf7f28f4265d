using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 62 (App. I.12) (L1630–1695): ‖∇²f‖_s ≤ n max_{|J|=n−1}∏‖W_j‖² + 2n‖∇φ(w)‖ max_{|J|=n−2}∏‖W_j‖; ‖∇f‖ ≤ √n‖∇φ(w)‖ max_{|J|=n−1}∏‖W_j‖.
/// Formalisation note: Not yet encoded on this branch (checkable at random θ with dense Hessians).
/// </summary>
public static class Lemma62
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma62", "Lemma 62 (App. I.12)", "L1630–1695", StatementKind.Lemma,
        "Hessian and gradient norm bounds (S5)",
        "‖∇²f‖_s ≤ n max_{|J|=n−1}∏‖W_j‖² + 2n‖∇φ(w)‖ max_{|J|=n−2}∏‖W_j‖; ‖∇f‖ ≤ √n‖∇φ(w)‖ max_{|J|=n−1}∏‖W_j‖.",
        "Not yet encoded on this branch (checkable at random θ with dense Hessians).");
}
