using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// A twice-differentiable cost C on n_L×n_0 matrices (JGGSH21 Sec. 2.1): its value, its gradient ∇C(A)
/// and its Hessian applied to a direction, ∂²C(A)[D] — all with respect to the end-to-end matrix A.
/// Deep linear networks pull such a cost back to parameters (<see cref="DeepLinearCost"/>).
/// </summary>
public interface IMatrixCost
{
    /// <summary>n_L, the number of rows of A.</summary>
    int Rows { get; }

    /// <summary>n_0, the number of columns of A.</summary>
    int Columns { get; }

    /// <summary>The global minimum value C_min (exact formula, not a search).</summary>
    double Minimum { get; }

    double Value(Matrix<double> a);

    Matrix<double> Gradient(Matrix<double> a);

    /// <summary>The Hessian of C at A applied to D (both n_L×n_0).</summary>
    Matrix<double> HessianVectorProduct(Matrix<double> a, Matrix<double> direction);
}
