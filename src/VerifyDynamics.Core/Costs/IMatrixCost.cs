using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// A twice-differentiable cost C on n_L×n_0 matrices (JGGSH21 Sec. 2.1): an end-to-end loss (<see cref="IEndToEndLoss"/>: value,
/// gradient ∇C(A), Hessian applied to a direction) that also knows its shape and its global minimum. There is one loss API for
/// end-to-end matrices: every matrix cost is an <see cref="IEndToEndLoss"/>, so Core's network objective
/// (<see cref="DeepLinearObjective"/>, its exact HVP and Hessian) takes it as it is; <see cref="DeepLinearCost"/> is JGGSH21's
/// row-major pull-back with the λ‖θ‖² term.
/// </summary>
public interface IMatrixCost : IEndToEndLoss
{
    /// <summary>n_L, the number of rows of A.</summary>
    int Rows { get; }

    /// <summary>n_0, the number of columns of A.</summary>
    int Columns { get; }

    /// <summary>The global minimum value C_min (exact formula, not a search).</summary>
    double Minimum { get; }

    /// <summary>The Hessian of C at A applied to D (both n_L×n_0).</summary>
    Matrix<double> HessianVectorProduct(Matrix<double> a, Matrix<double> direction);

    /// <summary>The end-to-end loss's Hessian action is the matrix cost's Hessian-vector product.</summary>
    Matrix<double> IEndToEndLoss.HessianApply(Matrix<double> w, Matrix<double> dw) => HessianVectorProduct(w, dw);
}
