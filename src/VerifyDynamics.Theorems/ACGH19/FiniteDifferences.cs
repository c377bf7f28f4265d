using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// Central finite differences of ½‖·‖_F² losses along one matrix entry, with an error bound instead of a fixed
/// threshold. Along one entry of one layer the deep-linear loss t ↦ L^N(W_j + tE_ab) is an exact quadratic (W_{1:N} is
/// affine in each entry), so the truncation term h²/6·|f‴| of the central difference is exactly 0 and only rounding
/// remains: 2·ε_f/(h₊ + h₋) for loss values accurate to ε_f, plus f″·|h₊ − h₋|/2 because the steps actually taken,
/// h₊ = fl(w + h) − w and h₋ = w − fl(w − h), may differ by an ulp, plus γ_2·|estimate| for the final division.
/// </summary>
public static class FiniteDifferences
{
    /// <summary>A derivative estimate with a rigorous-to-first-order bound on its error.</summary>
    public sealed record Estimate(double Value, double ErrorBound);

    /// <summary>
    /// ∂f/∂X_ab by a central difference, for f quadratic along that entry with second derivative
    /// <paramref name="curvature"/> and evaluations accurate to <paramref name="evaluationError"/>.
    /// </summary>
    public static Estimate CentralOnEntry(Matrix<double> x, int a, int b, Func<Matrix<double>, double> f, double h, double curvature, double evaluationError)
    {
        double w = x[a, b];
        double up = w + h, down = w - h;
        double hPlus = up - w, hMinus = w - down;
        var xp = x.Clone();
        xp[a, b] = up;
        var xm = x.Clone();
        xm[a, b] = down;
        double value = (f(xp) - f(xm)) / (hPlus + hMinus);
        double error = 2 * evaluationError / (hPlus + hMinus) + Math.Abs(curvature) * Math.Abs(hPlus - hMinus) / 2 + Tolerance.Gamma(2) * Math.Abs(value);
        return new Estimate(value, error);
    }

    /// <summary>
    /// Rounding bound for ½‖P − Φ‖_F² when P is a product of k matrices whose Frobenius norms multiply to
    /// <paramref name="productScale"/>: fl(P) − P is bounded entrywise by γ_n|W_k|⋯|W_1| (Higham §3.5), so the loss moves by at most
    /// ‖R‖_F·γ_nΠ + ½(γ_nΠ)², and forming the norm adds γ_n·L.
    /// </summary>
    public static double LossEvaluationError(int operations, double residualNorm, double productScale)
    {
        double g = Tolerance.Gamma(operations);
        double dp = g * productScale;
        return residualNorm * dp + 0.5 * dp * dp + g * 0.5 * (residualNorm + dp) * (residualNorm + dp);
    }
}
