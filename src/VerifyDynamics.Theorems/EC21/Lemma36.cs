using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 36 (App. I.12, Hairer et al. Thm 10.3) (L1242): If q(0) ≤ q̄(0), q' ≤ g(t,q), q̄' ≥ g(t,q̄) and g is locally Lipschitz then q ≤ q̄.
/// Formalisation note: not checkable — a cited textbook tool (Hairer et al. 1993, Thm 10.3) used inside the proof of Prop. 14; its consequences (Lemmas 41, 46, 51, 53) are what a check can see.
/// </summary>
public static class Lemma36
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Lemma36", "Lemma 36 (App. I.12, Hairer et al. Thm 10.3)", "L1242", StatementKind.Lemma,
        "comparison lemma for ODEs",
        "If q(0) ≤ q̄(0), q' ≤ g(t,q), q̄' ≥ g(t,q̄) and g is locally Lipschitz then q ≤ q̄.",
        "a cited textbook tool (Hairer et al. 1993, Thm 10.3) used inside the proof of Prop. 14; its consequences (Lemmas 41, 46, 51, 53) are what a check can see.");
}
