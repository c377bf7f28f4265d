using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Remark 17 (Sec. 5) (L343): The iteration count of Theorem 15 is exponential in the depth n; Shamir (2019) shows such dependence is unavoidable for scalar deep linear networks under mild conditions; whether it is here is open.
/// Formalisation note: not checkable — cites an external lower bound (Shamir 2019) and states an open question; no claim of this paper to evaluate.
/// </summary>
public static class Rem17
{
    public static Statement Statement { get; } = Ec21.NotCheckable(
        "Rem17", "Remark 17 (Sec. 5)", "L343", StatementKind.Remark,
        "exponential dependence on depth",
        "The iteration count of Theorem 15 is exponential in the depth n; Shamir (2019) shows such dependence is unavoidable for scalar deep linear networks under mild conditions; whether it is here is open.",
        "cites an external lower bound (Shamir 2019) and states an open question; no claim of this paper to evaluate.");
}
