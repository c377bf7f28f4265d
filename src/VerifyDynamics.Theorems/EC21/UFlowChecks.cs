using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// Shared machinery for the u-ODE lemmas of Prop. 14's proof (App. I.12, Lemmas 40–57): the u-IVP (59) with the time change
/// ξ(t) = ∫_0^t ‖u‖^{−(1−2/n)} (Lemma 43) as an extra component, solved by the engine's validated DOP853, and the proof's
/// times t_m (Def. 45), u_min, t_a (Def. 49), t_c (Def. 52), t_ε̄ (Def. 55) read off the numerical trajectory.
/// Instances (family "u-ode-p14"): n, d_0, r = ‖u(0)‖, ν = ν(0), ε̄, and a horizon derived from the other scalars:
/// t_a + t_c^+ + t_ε̄ + 6, where t_c^+ uses Lemma 48's lower bound on u_min (so t_c^+ ≥ t_c when Lemma 48 holds; if it did
/// not, the needed times fall beyond the horizon and the margins are NaN — inconclusive, never a false pass).
/// λ = e_1 and u(0) = r(νe_1 + √(1−ν²)e_2) (the u-ODE is rotation invariant).
/// Tolerances: the reference run's component error is bounded by 2× the deviation between the rtol and rtol/100 runs (the
/// deviation estimates the looser run's global error), taken separately for the u- and the ξ-components; Euclidean quantities
/// get √d_0× that (δ_u below).
/// </summary>
internal static class UFlowChecks
{
    public static readonly double[] Radii = [0.2, 0.1, 0.01];
    public static readonly double[] Alignments = [1.0, 0.5, 0.0, -0.5, -0.9, -0.99];

    public const string GeneratorText = "n ∈ 2..5, d_0 ∈ {2, 3}, ‖u(0)‖ = r ∈ {0.2, 0.1, 0.01}, ν(0) ∈ {1, 0.5, 0, −0.5, −0.9, −0.99}, ε̄ log-uniform in [1e−6, 1/2]; horizon t_a + t_c^+ + t_ε̄ + 6";

    public static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        int n = r.NextInt(2, 5), d0 = r.NextInt(2, 3);
        double radius = r.Pick(Radii), nu = r.Pick(Alignments), epsBar = r.LogUniform(1e-6, 0.5);
        return Make(n, d0, radius, nu, epsBar);
    }

    public static Instance Make(int n, int d0, double r, double nu, double epsBar) =>
        Instance.OfScalars("u-ode-p14", ("n", n), ("d0", d0), ("r", r), ("nu", nu), ("epsBar", epsBar), ("horizon", Horizon(n, r, nu, epsBar)));

    public static HypothesesCheck Validate(Instance x, ConstantValues k) => HypothesesCheck.All(
        (x.Scalar("n") >= 2, "n ≥ 2"),
        (x.Scalar("r") > 0 && x.Scalar("r") <= 0.2, "‖w_{n:1}(0)‖ ∈ (0, 0.2] (Prop. 14)"),
        (x.Scalar("nu") > -1 && x.Scalar("nu") <= 1, "ν(0) ∈ (−1, 1] (ν ≠ −1)"),
        (x.Scalar("epsBar") > 0 && x.Scalar("epsBar") <= 0.5, "ε̄ ∈ (0, 1/2] (App. I.12.1, w.l.o.g.)"),
        (x.Scalar("horizon") > 0, "horizon > 0"));

    public static Hypotheses Hypotheses => new(GeneratorText, Generate, Validate);

    public static double Rho(double nu) => (1 - nu) / (1 + nu);

    /// <summary>Def. 49: t_a = ½ ln max{5ρ, 1} (factor 5 a parameter for mutants).</summary>
    public static double TA(double nu, double five = 5) => 0.5 * Math.Log(Math.Max(five * Rho(nu), 1));

    /// <summary>Def. 52: t_c = (3/(2n)) ln(2n/(3u_min)).</summary>
    public static double TC(int n, double uMin) => 1.5 / n * Math.Log(2.0 * n / (3 * uMin));

    /// <summary>Def. 55: t_ε̄ = (3(n+1)/(2n)) ln(6/(5√(2ε̄))) (the factor 3 a parameter for mutants).</summary>
    public static double TEps(int n, double epsBar, double three = 3) => three * (n + 1) / (2.0 * n) * Math.Log(6 / (5 * Math.Sqrt(2 * epsBar)));

    /// <summary>Lemma 48's lower bound ‖w(0)‖·min{1, ((2/3)(1+ν)/(1−ν))^n} (= ‖w(0)‖ when ν = 1).</summary>
    public static double UMinBound(int n, double r, double nu, double exponent) => nu >= 1 ? r : r * Math.Min(1, Math.Pow(2.0 / 3 / Rho(nu), exponent));

    public static double Horizon(int n, double r, double nu, double epsBar) =>
        TA(nu) + TC(n, UMinBound(n, r, nu, n)) + TEps(n, epsBar) + 6;

    /// <summary>The right-hand side of (59) for a general unit λ; with ξ as an optional extra last component (Lemma 43).</summary>
    public static void Rhs(int n, double[] lambda, double[] y, double[] dy, double xiExponent)
    {
        int d = lambda.Length;
        double nu = 0, ul = 0;
        for (int i = 0; i < d; i++)
        {
            nu += y[i] * y[i];
            ul += y[i] * lambda[i];
        }
        nu = Math.Sqrt(nu);
        for (int i = 0; i < d; i++)
        {
            dy[i] = -nu * (n * y[i] - lambda[i]) + (n - 1) / nu * y[i] * ul;
        }
        if (y.Length > d)
        {
            dy[d] = Math.Pow(nu, -xiExponent);
        }
    }

    public static double[] G(int n, double[] lambda, double[] u)
    {
        var dy = new double[u.Length];
        Rhs(n, lambda, u, dy, 0);
        return dy;
    }

    /// <summary>Validated DOP853 solution of (59) augmented by ξ′ = ‖u‖^{−xiExponent} (xiExponent = 1 − 2/n in the paper).</summary>
    public static ValidatedOdeSolution SolveU(int n, double[] u0, double[] lambda, double horizon, double rtol, double xiExponent)
    {
        var y0 = new double[u0.Length + 1];
        Array.Copy(u0, y0, u0.Length);
        var problem = new OdeProblem((t, y, dy) => Rhs(n, lambda, y, dy, xiExponent), 0, y0, horizon, "EC21 u-IVP (59) + ξ");
        // atol far below the smallest ‖u‖ the generator reaches (u_min ≳ 1e−7 for r = 0.01, ν = −0.99, n = 5).
        return OdeSolver.SolveValidated(problem, new OdeSettings(Rtol: rtol, Atol: rtol * 1e-8));
    }

    public static double RtolFor(Precision p) => p == Precision.Confirm ? 1e-12 : 1e-10;

    /// <summary>The u-trajectory of an instance with everything the lemmas read off it.</summary>
    public sealed class Trajectory
    {
        private readonly OdeSolution _sol;

        public Trajectory(ValidatedOdeSolution solved, int n, double[] lambda)
        {
            _sol = solved.Reference;
            N = n;
            Lambda = lambda;
            Horizon = _sol.TEnd;
            int d = lambda.Length;
            // The validated run's deviation, split by component: ξ grows to O(t/u_min^{1−2/n}) and its absolute error would
            // otherwise swamp the error of u.
            double devU = 0, devXi = 0;
            for (int i = 0; i < solved.Solution.Times.Count; i++)
            {
                var yl = solved.Solution.States[i];
                var yr = _sol.Evaluate(Math.Min(solved.Solution.Times[i], Horizon));
                for (int c = 0; c < yl.Length; c++)
                {
                    double dev = Math.Abs(yl[c] - yr[c]);
                    if (c < d)
                    {
                        devU = Math.Max(devU, dev);
                    }
                    else
                    {
                        devXi = Math.Max(devXi, dev);
                    }
                }
            }
            DeltaU = 2 * Math.Sqrt(d) * devU + Tolerance.Gamma(64);
            DeltaXi = 2 * devXi + Tolerance.Gamma(64) * Math.Max(1, Xi(Horizon));
            // u_min: 4096-cell grid, then golden-section refinement around the best cell (‖u‖ is unimodal: Lemma 46).
            int cells = 4096;
            int best = 0;
            double bestV = double.PositiveInfinity;
            for (int i = 0; i <= cells; i++)
            {
                double v = Norm(Horizon * i / cells);
                if (v < bestV)
                {
                    bestV = v;
                    best = i;
                }
            }
            double lo = Horizon * Math.Max(0, best - 1) / cells, hi = Horizon * Math.Min(cells, best + 1) / cells;
            const double phi = 0.6180339887498949;
            for (int k = 0; k < 80; k++)
            {
                double a = hi - phi * (hi - lo), b = lo + phi * (hi - lo);
                if (Norm(a) < Norm(b))
                {
                    hi = b;
                }
                else
                {
                    lo = a;
                }
            }
            double tBest = 0.5 * (lo + hi);
            UMin = Math.Min(bestV, Norm(tBest));
            TArgMin = Norm(tBest) <= bestV ? tBest : Horizon * best / cells;
            // t_m (Def. 45): first t with ν(t) ≥ ‖u(t)‖; bisection on the first grid cell where the sign flips.
            TM = double.NaN;
            if (Nu(0) >= Norm(0))
            {
                TM = 0;
            }
            else
            {
                for (int i = 1; i <= cells; i++)
                {
                    double t = Horizon * i / cells;
                    if (Nu(t) >= Norm(t))
                    {
                        double a = Horizon * (i - 1) / cells, b = t;
                        for (int k = 0; k < 80; k++)
                        {
                            double m = 0.5 * (a + b);
                            if (Nu(m) >= Norm(m))
                            {
                                b = m;
                            }
                            else
                            {
                                a = m;
                            }
                        }
                        TM = b;
                        break;
                    }
                }
            }
        }

        public int N { get; }
        public double[] Lambda { get; }
        public double Horizon { get; }

        /// <summary>Bound on the Euclidean error of u(t) (and of ‖u(t)‖) read from the reference run.</summary>
        public double DeltaU { get; }

        public double DeltaXi { get; }
        public double UMin { get; }

        /// <summary>Error of t_c = (3/(2n))ln(2n/(3u_min)) propagated from ‖u‖'s error bound (|∂t_c/∂u_min| = (3/(2n))/u_min, with a factor 2 of safety).</summary>
        public double DeltaTC => 1.5 / N * 2 * DeltaU / UMin;
        public double TArgMin { get; }
        public double TM { get; }

        public double[] U(double t)
        {
            // Times computed as sums (t_a + t_c + …) may exceed the end of the solved interval by a rounding error only.
            var y = _sol.Evaluate(t > Horizon && t <= Horizon * (1 + 1e-14) ? Horizon : t);
            return y[..Lambda.Length];
        }

        public double Xi(double t) => _sol.Evaluate(t > Horizon && t <= Horizon * (1 + 1e-14) ? Horizon : t)[Lambda.Length];

        public double Norm(double t) => VectorOps.Norm(U(t));

        public double Nu(double t)
        {
            var u = U(t);
            double s = 0;
            for (int i = 0; i < u.Length; i++)
            {
                s += u[i] * Lambda[i];
            }
            return s / VectorOps.Norm(u);
        }

        /// <summary>Error bound of ν(t) = λᵀu/‖u‖: 2δ_u/‖u‖ (+ rounding).</summary>
        public double DeltaNu(double t) => 2 * DeltaU / Norm(t) + Tolerance.Gamma(16);

        public double DistanceToLambda(double t) => VectorOps.Distance(U(t), Lambda);

        /// <summary>d‖u‖/dt at the trajectory point, from the exact chain rule with the ODE's right-hand side: uᵀg(u)/‖u‖.</summary>
        public double NormDerivative(double t)
        {
            var u = U(t);
            var g = G(N, Lambda, u);
            double s = 0;
            for (int i = 0; i < u.Length; i++)
            {
                s += u[i] * g[i];
            }
            return s / VectorOps.Norm(u);
        }

        /// <summary>Error bound of n‖u‖(ν − ‖u‖) (and of uᵀg/‖u‖) under a δ_u perturbation: its gradient in u is ≤ n(3 + 3‖u‖).</summary>
        public double DeltaNormDerivative(double t)
        {
            double z = Norm(t);
            return N * (3 + 3 * z) * DeltaU + Tolerance.FromRounding(32, N * z * (1 + z), "n‖u‖(1 + ‖u‖)").Absolute;
        }

        /// <summary>Grid of <paramref name="count"/>+1 equally spaced times on [a, b].</summary>
        public static IEnumerable<double> Grid(double a, double b, int count) => Enumerable.Range(0, count + 1).Select(i => i == count ? b : Math.Min(b, a + (b - a) * i / count));
    }

    public static double[] LambdaE1(int d0) => [1.0, .. new double[d0 - 1]];

    /// <summary>Solves an instance's u-IVP (λ = e_1) to its horizon; null if the solver failed.</summary>
    public static Trajectory? Solve(Instance x, Precision p, double xiExponentShift = 0)
    {
        int n = (int)x.Scalar("n"), d0 = (int)x.Scalar("d0");
        var lambda = LambdaE1(d0);
        var solved = SolveU(n, UFlow.U0(x), lambda, x.Scalar("horizon"), RtolFor(p), 1 - 2.0 / n + xiExponentShift);
        return solved.Succeeded && double.IsFinite(solved.MaxDeviation) ? new Trajectory(solved, n, lambda) : null;
    }

    public static MarginSet Unsolved(string what = "u-IVP (59) solved") => MarginSet.Of(Margin.Uncomputable(what));

    /// <summary>
    /// The worst of several margins of the same claim, keeping its name, value, tolerance, scale and shape: an uncomputable or
    /// violated one if any (the most violated), else for bounds the one nearest its bound (largest utilization), else the
    /// smallest value + tolerance.
    /// </summary>
    public static Margin Worst(string claim, IEnumerable<Margin> margins)
    {
        Margin? worst = null;
        foreach (var m in margins)
        {
            if (!m.IsComputable)
            {
                return m with { Name = claim + ": " + m.Name };
            }
            if (worst is null || Worse(m, worst))
            {
                worst = m;
            }
        }
        return worst is null ? Margin.Uncomputable(claim + " (no grid point)") : worst with { Name = claim + ": worst at " + worst.Name };
    }

    private static bool Worse(Margin m, Margin than)
    {
        if (m.IsViolated || than.IsViolated)
        {
            return m.Value + m.Tolerance.Absolute < than.Value + than.Tolerance.Absolute;
        }
        if (m.Utilization is { } um && than.Utilization is { } ut)
        {
            return um > ut;
        }
        return m.Value + m.Tolerance.Absolute < than.Value + than.Tolerance.Absolute;
    }
}
