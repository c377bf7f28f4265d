using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// The whitened MSE of the JGGSH21 catalog: C(A) = weight·‖A − B‖_F² (+ 0), i.e. the MSE with Σ_xx = I up to the constant
/// C_min, and, with weight ½, the ½-convention cost of App C. Strongly convex with constant 2·weight.
/// </summary>
public sealed class FrobeniusDistance(Matrix<double> target, double weight = 1.0) : IMatrixCost
{
    public Matrix<double> Target { get; } = target;
    public double Weight { get; } = weight;
    public int Rows => Target.RowCount;
    public int Columns => Target.ColumnCount;
    public double Minimum => 0;

    public double Value(Matrix<double> w)
    {
        double f = (w - Target).FrobeniusNorm();
        return Weight * f * f;
    }

    public Matrix<double> Gradient(Matrix<double> w) => 2 * Weight * (w - Target);

    public Matrix<double> HessianVectorProduct(Matrix<double> a, Matrix<double> direction) => 2 * Weight * direction;
}
