using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Costs;

/// <summary>JGGSH21 Def. 1: C is β-PL iff ½‖∇C(x)‖² ≥ β(C(x) − C_min) for all x. Helpers for its margin.</summary>
public static class PolyakLojasiewicz
{
    /// <summary>½‖∇C(A)‖² (the left-hand side of Def. 1).</summary>
    public static double HalfSquaredGradient(IMatrixCost cost, Matrix<double> a)
    {
        double g = cost.Gradient(a).FrobeniusNorm();
        return 0.5 * g * g;
    }

    /// <summary>½‖∇C(A)‖² − β(C(A) − C_min), with C(A) − C_min supplied by the caller when a cancellation-free form exists.</summary>
    public static double Margin(IMatrixCost cost, Matrix<double> a, double beta, double? excess = null) =>
        HalfSquaredGradient(cost, a) - beta * (excess ?? cost.Value(a) - cost.Minimum);
}
