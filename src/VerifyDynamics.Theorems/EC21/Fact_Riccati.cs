using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 catalog §7 (ours), used for Prop. 20 (L1981): θ̄(t) = 1 − 2ρ̄ + c·tan(arctan(ρ̄/c) + ac(t − t_{1−ρ̄})/(4ρ̄)), c = √(4ρ̄(1−ρ̄)).
/// Formalisation note: Not yet encoded as its own check (closed form vs DOP853); derived and used by EC21.Prop20 (AppendixB.TransitionFlow/TimeOne).
/// </summary>
public static class Fact_Riccati
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Fact.Riccati", "catalog §7 (ours), used for Prop. 20", "L1981", StatementKind.Unnumbered,
        "transition-region closed form",
        "θ̄(t) = 1 − 2ρ̄ + c·tan(arctan(ρ̄/c) + ac(t − t_{1−ρ̄})/(4ρ̄)), c = √(4ρ̄(1−ρ̄)).",
        "Not yet encoded as its own check (closed form vs DOP853); derived and used by EC21.Prop20 (AppendixB.TransitionFlow/TimeOne).");
}
