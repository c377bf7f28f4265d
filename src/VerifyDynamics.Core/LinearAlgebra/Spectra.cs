using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>
/// An estimate of an extreme eigenvalue with a bracket. <see cref="Upper"/> is a Rayleigh quotient, hence
/// ≥ λ_min (up to the rounding of one product); [<see cref="Value"/> − <see cref="Residual"/>, Value + Residual]
/// contains an eigenvalue of H (Weyl/Kahan: for ‖x‖ = 1, some eigenvalue lies within ‖Hx − θx‖ of θ), which is
/// λ_min when nothing lower was missed — <see cref="Lower"/> = Value − Residual is therefore "rigorous-ish";
/// a certified lower bound comes from <see cref="CertifiedBounds"/>.
/// </summary>
public sealed record EigenvalueEstimate(double Value, double Residual, double Lower, double Upper, double[] Vector, int Iterations, string Method)
{
    public bool Converged { get; init; } = true;
}

/// <summary>Dense symmetric spectra (small d).</summary>
public static class Spectra
{
    /// <summary>Eigenvalues of a symmetric matrix in increasing order (MathNet symmetric EVD: tridiagonal QL).</summary>
    public static double[] SymmetricEigenvalues(Matrix<double> symmetric)
    {
        var ev = Symmetrized(symmetric).Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray();
        Array.Sort(ev);
        return ev;
    }

    /// <summary>½(A + Aᵀ).</summary>
    public static Matrix<double> Symmetrized(Matrix<double> a) => (a + a.Transpose()) / 2;

    /// <summary>
    /// λ_min with its eigenvector and the residual bracket. The residual ‖Hx − λx‖ is computed in floating
    /// point and inflated by γ_{d+2}·‖H‖_F (the rounding of the product Hx), so the bracket stays honest.
    /// </summary>
    public static EigenvalueEstimate MinEigenpair(Matrix<double> symmetric)
    {
        var h = Symmetrized(symmetric);
        var evd = h.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(z => z.Real).ToArray();
        int k = Array.IndexOf(values, values.Min());
        var x = evd.EigenVectors.Column(k);
        x /= x.L2Norm();
        double rayleigh = x.DotProduct(h * x);
        double residual = (h * x - rayleigh * x).L2Norm() + Numbers.Tolerance.Gamma(h.RowCount + 2) * h.FrobeniusNorm();
        return new EigenvalueEstimate(rayleigh, residual, rayleigh - residual, rayleigh + Numbers.Tolerance.Gamma(h.RowCount + 2) * h.FrobeniusNorm(),
            x.ToArray(), 1, "dense symmetric EVD");
    }

    public static double MinEigenvalue(Matrix<double> symmetric) => SymmetricEigenvalues(symmetric)[0];

    /// <summary>λ_min of a symmetric matrix (MathNet's symmetric EVD) and the eigensolver's backward error bound γ_{8d+8}·‖H‖_F.</summary>
    public static (double Value, double Error) MinEigenvalueWithBackwardError(Matrix<double> symmetric)
    {
        var evd = symmetric.Evd(Symmetricity.Symmetric);
        double min = evd.EigenValues.Select(z => z.Real).Min();
        return (min, Numbers.Tolerance.Gamma(8 * symmetric.RowCount + 8) * symmetric.FrobeniusNorm());
    }
}
