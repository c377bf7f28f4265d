using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// The reparameterized end-to-end IVP of Prop. 14's proof (Eq. 59, Lemma 38): u' = −‖u‖(nu − λ) + (n−1)‖u‖^{−1}uuᵀλ,
/// u(0) = w(0), solved by the engine's validated DOP853; shared by the checks of Lemmas 40, 41 and 44.
/// Instances: n, u(0) = r(νλ + √(1−ν²)λ_⊥) in R^{d_0} with λ = e_1 (rotation invariance).
/// </summary>
public static class UFlow
{
    public static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        int n = r.NextInt(2, 5), d0 = r.NextInt(2, 3);
        double radius = r.Pick([0.2, 0.1, 0.01]), nu = r.Pick([1.0, 0.5, 0.0, -0.5, -0.9]);
        return Instance.OfScalars("u-ode", ("n", n), ("d0", d0), ("r", radius), ("nu", nu), ("horizon", r.Uniform(2, 6)));
    }

    public static double[] Lambda(Instance x) => UFlowChecks.LambdaE1((int)x.Scalar("d0"));

    public static double[] U0(Instance x)
    {
        double r = x.Scalar("r"), nu = x.Scalar("nu");
        var u = new double[(int)x.Scalar("d0")];
        u[0] = r * nu;
        u[1] = r * Math.Sqrt(1 - nu * nu);
        return u;
    }

    public static ValidatedOdeSolution Solve(Instance x, double rtol)
    {
        int n = (int)x.Scalar("n");
        var lambda = Lambda(x);
        var problem = new OdeProblem((t, u, du) => UFlowChecks.Rhs(n, lambda, u, du, 0), 0, U0(x), x.Scalar("horizon"), "EC21 u-IVP (59)");
        return OdeSolver.SolveValidated(problem, new OdeSettings(Rtol: rtol, Atol: rtol * 1e-4));
    }
}
