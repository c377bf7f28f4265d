using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>
/// The outcome of a Cholesky attempt on fl(H − sI). On success, <see cref="LowerBound"/> is a proven lower bound
/// on λ_min of the stored matrix H: λ_min(H) ≥ s − <see cref="RoundingSlack"/>.
/// </summary>
public sealed record CholeskyCertificate(bool Succeeded, double Shift, double RoundingSlack, double LowerBound, int FailedAtPivot, string Explanation);

/// <summary>
/// Certified eigenvalue lower bounds by Cholesky factorization.
/// <para>Argument (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2nd ed., Thm 10.3; Demmel 1989):
/// if Cholesky of a symmetric A runs to completion in floating point, the computed R̂ satisfies R̂ᵀR̂ = A + ΔA with
/// |ΔA| ≤ γ_{d+1}|R̂ᵀ||R̂|. R̂ᵀR̂ is positive semidefinite, so λ_min(A) ≥ −‖ΔA‖₂ ≥ −γ_{d+1}‖|R̂ᵀ||R̂|‖₂ ≥ −γ_{d+1}‖R̂‖_F².
/// Forming A = fl(H − sI) perturbs each diagonal entry by at most u|a_ii|, i.e. λ_min(H − sI) ≥ λ_min(A) − u·max|a_ii|/(1−u).
/// Hence λ_min(H) ≥ s − γ_{d+1}‖R̂‖_F²(1 + γ_{d²+1}) − u·max|a_ii|/(1−u) (the (1 + γ_{d²+1}) covers the rounded sum ‖R̂‖_F²),
/// and the subtraction is rounded downward.</para>
/// <para>Scope: the bound is about the matrix H as stored. The caller adds the error between that H and the true
/// Hessian (e.g. the rounding of its assembly) when the claim is about the true Hessian.</para>
/// </summary>
public static class CertifiedBounds
{
    /// <summary>Attempts Cholesky of fl(H − sI) (lower triangle of H used; H must be symmetric).</summary>
    public static CholeskyCertificate TryCholesky(Matrix<double> h, double shift)
    {
        int d = h.RowCount;
        var a = h.ToArray();
        double maxDiag = 0;
        for (int i = 0; i < d; i++)
        {
            a[i, i] -= shift;
            maxDiag = Math.Max(maxDiag, Math.Abs(a[i, i]));
        }
        // In-place lower Cholesky: L Lᵀ = A (L = R̂ᵀ).
        double frob2 = 0;
        for (int j = 0; j < d; j++)
        {
            double diag = a[j, j];
            for (int k = 0; k < j; k++)
            {
                diag -= a[j, k] * a[j, k];
            }
            if (!(diag > 0) || !double.IsFinite(diag))
            {
                return new CholeskyCertificate(false, shift, double.NaN, double.NaN, j,
                    $"Cholesky of H − ({shift:G6})I broke down at pivot {j} (value {diag:G3}): no certificate at this shift");
            }
            double ljj = Math.Sqrt(diag);
            a[j, j] = ljj;
            frob2 += diag;
            for (int i = j + 1; i < d; i++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++)
                {
                    s -= a[i, k] * a[j, k];
                }
                a[i, j] = s / ljj;
                frob2 += a[i, j] * a[i, j];
            }
        }
        double slack = Tolerance.Gamma(d + 1) * frob2 * (1 + Tolerance.Gamma(d * d + 1))
            + Tolerance.UnitRoundoff * maxDiag / (1 - Tolerance.UnitRoundoff);
        double bound = Math.BitDecrement(shift - slack);
        return new CholeskyCertificate(true, shift, slack, bound, -1,
            $"Cholesky of H − ({shift:G6})I succeeded: λ_min(H) ≥ {shift:G6} − γ_{d + 1}‖R̂‖_F² − u·max|a_ii| = {bound:G10} (Higham Thm 10.3)");
    }

    /// <summary>
    /// The best certificate found by shifting below an estimate θ of λ_min: tries s = θ − δ for
    /// δ = max(|θ|, scale)·10^{−12}, 10^{−11}, … until Cholesky succeeds (at most <paramref name="attempts"/> tries).
    /// </summary>
    public static CholeskyCertificate LowerBoundBelow(Matrix<double> h, double estimate, int attempts = 14)
    {
        double scale = Math.Max(Math.Abs(estimate), h.FrobeniusNorm() / Math.Max(1, Math.Sqrt(h.RowCount)));
        if (scale == 0)
        {
            scale = 1;
        }
        CholeskyCertificate last = new(false, estimate, double.NaN, double.NaN, -1, "no attempt");
        double delta = 1e-12 * scale;
        for (int i = 0; i < attempts; i++)
        {
            last = TryCholesky(h, estimate - delta);
            if (last.Succeeded)
            {
                return last;
            }
            delta *= 10;
        }
        return last;
    }
}
