using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// Identity initialization with a symmetric target (ACGH19 Claim 5 and Lemma 18, App. D.7): W_j(0) = I_d, Φ = U D Uᵀ.
/// By Lemma 18 every W_j(t) = U D̂(t) Uᵀ with eigen-coordinates x_k(t+1) = x_k(t) − η(x_k(t)^N − D_kk)x_k(t)^{N−1}, x_k(0) = 1.
/// </summary>
public static class IdentityInitialization
{
    /// <summary>Symmetric Φ = U diag(D) Uᵀ (U Haar) with the given eigenvalues, symmetrized exactly after forming.</summary>
    public static Matrix<double> SymmetricTarget(Rng rng, double[] eigenvalues)
    {
        int d = eigenvalues.Length;
        var u = rng.HaarOrthogonal(d);
        var phi = u * Matrix<double>.Build.DenseOfDiagonalArray(eigenvalues) * u.Transpose();
        return 0.5 * (phi + phi.Transpose());
    }

    public static DeepLinearNetwork Identity(int d, int n) =>
        new(Enumerable.Range(0, n).Select(_ => Matrix<double>.Build.DenseIdentity(d)));

    public static Instance Make(string family, Matrix<double> phi, DeepLinearNetwork net, double eta, int scalarSteps, int matrixSteps) =>
        Instance.ForNetwork(family, net, phi, eta).WithScalar("scalar_steps", scalarSteps).WithScalar("matrix_steps", matrixSteps);

    /// <summary>One step of the eigen-coordinate recursion; x^{N−1} is formed by repeated products (exact sign for any N).</summary>
    public static double Step(double x, double dk, int n, double eta)
    {
        double xn1 = 1;
        for (int i = 0; i < n - 1; i++)
        {
            xn1 *= x;
        }
        return x - eta * (xn1 * x - dk) * xn1;
    }

    public static double Power(double x, int n)
    {
        double p = 1;
        for (int i = 0; i < n; i++)
        {
            p *= x;
        }
        return p;
    }
}
