using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// Second derivatives by central differences of an exact gradient, at steps h and h/2, with Richardson's estimate of the
/// O(h²) truncation plus the rounding of the differenced gradients: the independent cross-check of the exact Hessians and
/// HVPs (a-posteriori estimates, not enclosures). For piecewise-linear networks h must stay well inside θ's region.
/// </summary>
public static class RichardsonDifferences
{
    /// <summary>
    /// Δᵀ∇²f(θ)Δ by central differences of the gradient along Δ (step h and h/2), with the Richardson estimate
    /// |q(h) − q(h/2)|·4/3 of the O(h²) truncation plus the rounding γ_32·‖∇f‖‖Δ‖/(h/2) of the differenced gradients.
    /// </summary>
    public static (double Value, double Error) DirectionalSecond(Func<double[], double[]> gradient, double[] theta, double[] delta, double h)
    {
        double Q(double step)
        {
            var gp = gradient(VectorOps.AddScaled(theta, step, delta));
            var gm = gradient(VectorOps.AddScaled(theta, -step, delta));
            double s = 0;
            for (int i = 0; i < delta.Length; i++)
            {
                s += delta[i] * (gp[i] - gm[i]);
            }
            return s / (2 * step);
        }
        double q1 = Q(h), q2 = Q(h / 2);
        double gScale = VectorOps.Norm(gradient(theta)) * VectorOps.Norm(delta) + 1e-300;
        return (q2, Math.Abs(q1 - q2) * 4 / 3 + Tolerance.Gamma(32) * gScale / (h / 2));
    }

    /// <summary>
    /// Dense Hessian by central differences of an exact gradient, symmetrized; the error estimate is d·(Richardson's
    /// max|H_h − H_{h/2}|·4/3 plus the rounding γ_16·max|∇f|/(h/2) of the difference quotients).
    /// </summary>
    public static (Matrix<double> H, double ErrorEstimate) Hessian(Func<double[], double[]> gradient, double[] x, double h)
    {
        var h1 = Plain(gradient, x, h, out double gScale);
        var h2 = Plain(gradient, x, h / 2, out _);
        double err = (h1 - h2).Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max() * 4.0 / 3.0;
        return (h2, x.Length * (err + Tolerance.Gamma(16) * gScale / (h / 2)));
    }

    private static Matrix<double> Plain(Func<double[], double[]> gradient, double[] x, double h, out double gScale)
    {
        int d = x.Length;
        var hm = Matrix<double>.Build.Dense(d, d);
        gScale = 0;
        for (int a = 0; a < d; a++)
        {
            var xp = (double[])x.Clone();
            var xm = (double[])x.Clone();
            xp[a] += h;
            xm[a] -= h;
            var gp = gradient(xp);
            var gm = gradient(xm);
            for (int b = 0; b < d; b++)
            {
                hm[b, a] = (gp[b] - gm[b]) / (2 * h);
                gScale = Math.Max(gScale, Math.Max(Math.Abs(gp[b]), Math.Abs(gm[b])));
            }
        }
        return 0.5 * (hm + hm.Transpose());
    }
}
