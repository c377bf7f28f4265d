namespace VerifyDynamics.Core.Networks;

/// <summary>
/// A twice-differentiable training objective f: R^d → R on a flat parameter vector θ (for piecewise-linear
/// networks: inside one activation region, with the masks of the evaluation point frozen).
/// <para>Implementations: <see cref="DeepLinearObjective"/> (f(θ) = φ(W_{n:1}), EC21 Eq. 11) and
/// <see cref="HomogeneousNetwork"/> (EC21 Eq. 8–9, fully connected or weight-shared as in App. C).</para>
/// </summary>
public interface IDifferentiableObjective
{
    /// <summary>d, the number of parameters.</summary>
    int Dimension { get; }

    double Value(double[] theta);

    /// <summary>∇f(θ).</summary>
    double[] Gradient(double[] theta);

    /// <summary>∇²f(θ)·v, computed analytically (forward-over-reverse), not by differences.</summary>
    double[] HessianVectorProduct(double[] theta, double[] v);

    /// <summary>The exact dense Hessian ∇²f(θ) as assembled (small d only; see <see cref="ExactHessian"/>).</summary>
    MathNet.Numerics.LinearAlgebra.Matrix<double> Hessian(double[] theta);

    /// <summary>
    /// A rigorous bound γ_K·C on the rounding error ‖fl(H) − H‖₂ of <see cref="Hessian"/> (<see cref="Networks.HessianRoundingBound"/>);
    /// defined for losses on data (EC21 Eq. 9), NotSupportedException otherwise.
    /// </summary>
    double HessianRoundingBound(double[] theta);

    /// <summary>
    /// Quantities that gradient flow conserves exactly (flattened): W_{j+1}ᵀW_{j+1} − W_jW_jᵀ for linear networks
    /// (EC21.Fact.Balance), ‖w_{j+1}‖² − ‖w_j‖² for homogeneous networks (EC21.Fact.NormBalance). Their drift
    /// along a numerical solution is an integrator error signal.
    /// </summary>
    double[] Invariants(double[] theta);
}
