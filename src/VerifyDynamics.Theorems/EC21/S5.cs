using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Section 5 setting (S5, Eq. 20): d_n = 1, whitened inputs, square loss, so f(θ) = ½‖W_{n:1} − Λ_yx‖² + min f with
/// ‖Λ_yx‖ = 1 (Fact.AppF; the constant is dropped). Balanced initialization by Procedure 13 from
/// A = r(νλ̂ + √(1 − ν²)λ̂_⊥), GF by the engine's validated DOP853 run, and the quantities of Prop. 14 / Eq. (71).
/// </summary>
public static class S5
{
    public static Instance Generate(Rng r, int n, double radius, double nu)
    {
        int d0 = r.NextInt(2, 3);
        var dims = new int[n + 1];
        dims[0] = d0;
        for (int j = 1; j < n; j++)
        {
            dims[j] = r.NextInt(1, 3);
        }
        dims[n] = 1;
        var q = r.HaarOrthogonal(d0);
        var lambda = q.Row(0).ToRowMatrix();
        var perp = q.Row(1).ToRowMatrix();
        var a = radius * (nu * lambda + Math.Sqrt(1 - nu * nu) * perp);
        var net = BalancedInitialization.Create(dims, a);
        return Instance.ForNetwork($"S5 n={n} r={radius} ν={nu}", net, lambda).WithScalar("r", radius).WithScalar("nu", nu);
    }

    public static double Loss(DeepLinearNetwork net, Matrix<double> lambda) => net.Loss(lambda);

    /// <summary>The validated GF solution of f on [0, horizon].</summary>
    public static ValidatedOdeSolution Flow(Instance x, double horizon, double rtol)
    {
        var dims = x.Network.Dims;
        var lambda = x.RequireTarget;
        var problem = new OdeProblem((t, y, dy) =>
        {
            var g = ParameterLayout.Flatten(new DeepLinearNetwork(ParameterLayout.Unflatten(y, dims)).Gradients(lambda));
            for (int i = 0; i < g.Length; i++)
            {
                dy[i] = -g[i];
            }
        }, 0, ParameterLayout.Flatten(x.Weights), horizon, "EC21 S5 GF");
        return OdeSolver.SolveValidated(problem, new OdeSettings(Rtol: rtol, Atol: rtol * 1e-2));
    }

    public static double LossAt(Instance x, double[] theta) => new DeepLinearNetwork(ParameterLayout.Unflatten(theta, x.Network.Dims)).Loss(x.RequireTarget);

    /// <summary>First t with f(θ(t)) − min f ≤ ε̄ (f is non-increasing along GF), by bisection on the dense output; NaN if not reached.</summary>
    public static double HittingTime(Instance x, OdeSolution sol, double epsBar)
    {
        double lo = 0, hi = sol.TEnd;
        if (LossAt(x, sol.Evaluate(hi)) > epsBar)
        {
            return double.NaN;
        }
        // A coarse scan first (f is monotone, but the bracket must start where f(lo) > ε̄).
        for (int i = 0; i < 60; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (LossAt(x, sol.Evaluate(mid)) > epsBar)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }
        return hi;
    }

    public static double[] EndToEnd(Instance x, double[] theta) => new DeepLinearNetwork(ParameterLayout.Unflatten(theta, x.Network.Dims)).EndToEnd().Row(0).ToArray();

    /// <summary>Eq. (71): m(t′) = (n−1)(‖∇φ(w)‖ + 2nε)(‖w‖ + 2nε)^{1−2/n}, ∇φ(w) = w − λ.</summary>
    public static double M71(int n, double[] w, double[] lambda, double eps)
    {
        double g = VectorOps.Distance(w, lambda), nw = VectorOps.Norm(w);
        return (n - 1) * (g + 2 * n * eps) * Math.Pow(nw + 2 * n * eps, 1 - 2.0 / n);
    }

    /// <summary>Eq. (21): t̄ (product reading of max{1, (3/2)ρ}, catalog §18-T1).</summary>
    public static double TBar(int n, double r, double nu, double epsBar)
    {
        double rho = (1 - nu) / (1 + nu);
        return 2 * n * Math.Pow(Math.Max(1, 1.5 * rho), n) / r * Math.Log(15 * n * Math.Max(1, rho) / (r * Math.Min(1, 2 * epsBar)));
    }

    /// <summary>Eq. (22) right-hand side at horizon t.</summary>
    public static double Rhs22(int n, double r, double nu, double t, double eps, bool withLog = true)
    {
        double rho = (1 - nu) / (1 + nu);
        double first = 15.0 * n * n * n * Math.Pow(Math.Max(1, 1.5 * rho), n) * t * eps / r;
        double log = Math.Log(n * n / (r * r)) + 5.0 * (n - 1) / 2 * (2 + Math.Log(Math.Max(1, rho)));
        return first + (withLog ? log : 0);
    }
}
