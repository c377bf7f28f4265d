using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fig3 (Figure 3 (Sec 4) and Figure 5 (App A), L219–223, L331): each dot is a (3,20)-DLN trained to convergence on an MSE loss with L2 regularization λ = 0.05 from initialization standard deviation σ̃; as the initialization scale decreases the network converges to a lower-rank local minimum (right: loss surface on the plane through the origin, a rank-1 and a rank-2 local minimum).
/// Formalisation note: not checkable within a test-sized budget — the claim is a monotone trend over a σ̃ sweep (12 scales × 3 seeds in the catalog's reduction) of networks trained to convergence (escape times ∝ 1/σ̃ at L = 3) and each converged point needs a dense-Hessian local-minimum certificate (P = 800): minutes per sweep, far above the 2 s test budget; the σ̃ grid is not given. The figure is reproduced by `vd experiment jggsh21-l2-minima` (src/VerifyDynamics.Harness/Experiments/Jggsh21L2MinimaExperiment.cs: rank, nuclear norm, costs and the Morse–Bott verdict per σ̃ and seed). The mechanism is checked by Prop7 (local minima of different ranks of C^NN_{3,λ} certified by the Morse–Bott test, non-global ones included) and Prop6/Prop5.
/// </summary>
public static class Fig3
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fig3"),
        Source = new SourceRef(Papers.JGGSH21, "Figure 3 (Sec 4) and Figure 5 (App A)", "L219–223, L331"),
        Kind = StatementKind.Example,
        Title = "L2 regularization: init scale selects the local minimum (L219–223, L331)",
        Text = "each dot is a (3,20)-DLN trained to convergence on an MSE loss with L2 regularization λ = 0.05 from initialization standard deviation σ̃; as the initialization scale decreases the network converges to a lower-rank local minimum (right: loss surface on the plane through the origin, a rank-1 and a rank-2 local minimum).",
        Checkability = Checkability.NotCheckable,
        NotCheckableReason = "the claim is a monotone trend over a σ̃ sweep (12 scales × 3 seeds in the catalog's reduction) of networks trained to convergence (escape times ∝ 1/σ̃ at L = 3) and each converged point needs a dense-Hessian local-minimum certificate (P = 800): minutes per sweep, far above the 2 s test budget; the σ̃ grid is not given. The figure is reproduced by `vd experiment jggsh21-l2-minima` (src/VerifyDynamics.Harness/Experiments/Jggsh21L2MinimaExperiment.cs: rank, nuclear norm, costs and the Morse–Bott verdict per σ̃ and seed). The mechanism is checked by Prop7 (local minima of different ranks of C^NN_{3,λ} certified by the Morse–Bott test, non-global ones included) and Prop6/Prop5.",
        FormalisationNote = "the claim is a monotone trend over a σ̃ sweep (12 scales × 3 seeds in the catalog's reduction) of networks trained to convergence (escape times ∝ 1/σ̃ at L = 3) and each converged point needs a dense-Hessian local-minimum certificate (P = 800): minutes per sweep, far above the 2 s test budget; the σ̃ grid is not given. The figure is reproduced by `vd experiment jggsh21-l2-minima` (src/VerifyDynamics.Harness/Experiments/Jggsh21L2MinimaExperiment.cs: rank, nuclear norm, costs and the Morse–Bott verdict per σ̃ and seed). The mechanism is checked by Prop7 (local minima of different ranks of C^NN_{3,λ} certified by the Morse–Bott test, non-global ones included) and Prop6/Prop5.",
        Hypotheses = NotChecked.Hypotheses,
        Conclusion = NotChecked.Conclusion,
        DefaultTrials = 0,
    };
}
