using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// The escape-path comparison shared by Propositions 33 (k = 2) and 36 (k &gt; 2): C^NN(θ) = C(A_θ) for a non-whitened MSE C
/// is (L, 2L)-approximately homogeneous at the origin (Fact.ApproxHomog) with H(θ) = Tr[GᵀA_θ], G = ∇C(0); the escape path
/// of C along the optimal escape direction ρ* (Fact.DLNEscape, sign −) is compared with the H-path on the ray ρ*
/// (closed form d_H(t)ρ*, Fact.EscapeBasics). Both start at δρ*; at the times where d_H(t) = r_j (a geometric grid of 7
/// radii over a factor 8, below the radius where e/H ≈ 5%) the deviation D_j = ‖θ(t_j) − d_H(t_j)ρ*‖ is recorded and the
/// exponent q in D ≍ r^q is fitted (log–log least squares). In these variables the claims read: Prop 33, D = O(e^{βt}) with
/// ‖x‖ ≍ e^{|s*|t} ⇒ q ≥ β/|s*|; Prop 36, D = O((−t)^{−(β+1)/2}) with ‖x‖ ≍ (−t)^{−1/(k−2)} ⇒ q ≥ (β+1)(k−2)/2. The
/// derived value is q = m − k + 1 = L + 1 (the first correction ∇e ≍ r^{2L−1} integrated along the path).
/// Tolerance of the fitted exponent: the drift between the fits on the lower and upper halves of the grid (finite-r bias
/// still present) plus the ODE error propagated into log D (2·max ε_j/D_j over the log-range).
/// </summary>
internal static class EscapePathDeviation
{
    public static Instance Generate(TrialContext ctx, int depth)
    {
        var rng = ctx.Rng;
        int n0 = rng.NextInt(2, 3), nL = rng.NextInt(2, 3), w = rng.NextInt(2, 3), samples = 8;
        var x = rng.GaussianMatrix(n0, samples);
        var y = rng.GaussianMatrix(nL, n0) * x + 0.5 * rng.GaussianMatrix(nL, samples);
        return new Instance { Family = "mse-escape-path" }.WithCost(new MeanSquaredError(x, y))
            .WithScalar("L", depth).WithScalar("w", w).WithMatrix("hidden", EscapeDirections.RandomHidden(rng, w, depth));
    }

    public static HypothesesCheck Validate(Instance x)
    {
        var mse = (MeanSquaredError)Jggsh21Fixtures.Cost(x);
        var s = EscapeDirections.Svd(-2 * mse.SigmaYX).S;
        return HypothesesCheck.All((s[0] - s[1] > 1e-2 * s[0], "s_1 > s_2 (isolated optimal escape direction)"), (x.Scalar("L") >= 2, "L ≥ 2"));
    }

    /// <summary>The fitted deviation exponent q with its tolerance, plus observations.</summary>
    public sealed record Result(double Exponent, Tolerance Tolerance, double OptimalSpeed, double[] Radii, double[] Deviations);

    public static Result? Run(Instance x, Precision precision)
    {
        var mse = (MeanSquaredError)Jggsh21Fixtures.Cost(x);
        int depth = (int)x.Scalar("L");
        var g = -2 * mse.SigmaYX;
        double s1 = EscapeDirections.Svd(g).S[0];
        double sStar = EscapeDirections.OptimalSpeed(g, depth);
        var rho = EscapeDirections.Direction(g, depth, 1, -1, x.Matrix("hidden"));
        double lmax = mse.SigmaXX.L2Norm();
        // e(θ) = Tr[A Σ_xx Aᵀ] ≤ λ_max r^{2L}/L^L on the ray, H = −s_1 r^L/L^{L/2}: e/H = 5% at r_hi.
        double rHi = Math.Pow(0.05 * s1 * Math.Pow(depth, depth / 2.0) / lmax, 1.0 / depth);
        double[] radii = [.. Enumerable.Range(0, 7).Select(j => rHi / 8 * Math.Pow(8, j / 6.0))];
        double delta = radii[0] / 100;
        double a = Math.Abs(sStar);
        double TimeAt(double r) => depth == 2 ? Math.Log(r / delta) / a : (Math.Pow(delta, -(depth - 2)) - Math.Pow(r, -(depth - 2))) / ((depth - 2) * a);
        double[] times = [.. radii.Select(TimeAt)];
        var start = EscapeNumerics.Flatten([.. rho.Select(m => delta * m)]);
        var sol = EscapeNumerics.SolveFlow(EscapeNumerics.CostFlow(mse.Gradient, 0, rho), start, times, precision);
        if (sol is null)
        {
            return null;
        }
        var rhoFlat = EscapeNumerics.Flatten(rho);
        var dev = new double[radii.Length];
        double relErr = 0;
        for (int j = 0; j < radii.Length; j++)
        {
            var st = sol.States[j];
            dev[j] = Math.Sqrt(st.Select((v, i) => (v - radii[j] * rhoFlat[i]) * (v - radii[j] * rhoFlat[i])).Sum());
            relErr = Math.Max(relErr, sol.ErrorBounds[j] / dev[j]);
        }
        var lx = radii.Select(v => Math.Log(v)).ToArray();
        var ly = dev.Select(v => Math.Log(v)).ToArray();
        var all = Jggsh21Fixtures.Fit(lx, ly);
        var low = Jggsh21Fixtures.Fit(lx[..4], ly[..4]);
        var high = Jggsh21Fixtures.Fit(lx[3..], ly[3..]);
        double drift = Math.Abs(low.Slope - high.Slope);
        double odeSlope = 2 * relErr / (lx[^1] - lx[0]);
        var tol = Tolerance.Heuristic(drift + odeSlope, $"fit drift |q_low − q_high| = {drift:G3} + ODE error in log D {odeSlope:G3}");
        return new Result(low.Slope, tol, sStar, radii, dev);
    }
}
