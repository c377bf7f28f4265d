using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// Adaptive Dormand–Prince 5(4) integrator for the gradient flows of JGGSH21 App C/D (θ̇ = −∇C(θ)),
/// with steps that grow on plateaus (catalog §0 cost budget). Every result comes with an error
/// estimate: the flow is integrated at relative tolerance rtol and at rtol/1000, the tighter
/// solution is returned and the distance between the two is its (conservative) global error bound.
/// </summary>
public static class FlowIntegrator
{
    /// <summary>States at the requested (increasing, ≥ 0) times, or null when the flow blew up / the step collapsed.</summary>
    public static double[][]? Solve(Func<double, double[], double[]> rhs, double[] x0, IReadOnlyList<double> times, double rtol, double atol)
    {
        // Dormand–Prince coefficients (Hairer–Nørsett–Wanner, Table 5.2).
        const double a21 = 1.0 / 5, a31 = 3.0 / 40, a32 = 9.0 / 40, a41 = 44.0 / 45, a42 = -56.0 / 15, a43 = 32.0 / 9;
        const double a51 = 19372.0 / 6561, a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729;
        const double a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247, a64 = 49.0 / 176, a65 = -5103.0 / 18656;
        const double b1 = 35.0 / 384, b3 = 500.0 / 1113, b4 = 125.0 / 192, b5 = -2187.0 / 6784, b6 = 11.0 / 84;
        const double e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920, e5 = -17253.0 / 339200, e6 = 22.0 / 525, e7 = -1.0 / 40;
        int n = x0.Length;
        var x = (double[])x0.Clone();
        double t = 0;
        var output = new double[times.Count][];
        int next = 0;
        while (next < times.Count && times[next] <= 0)
        {
            output[next++] = (double[])x.Clone();
        }
        double h = times.Count > 0 ? Math.Max(times[^1], 1e-300) * 1e-6 : 0;
        var k1 = rhs(t, x);
        var tmp = new double[n];
        int steps = 0;
        while (next < times.Count)
        {
            if (++steps > 2_000_000 || h < 1e-14 * Math.Max(1, t))
            {
                return null;
            }
            double target = times[next];
            bool hit = t + h >= target;
            if (hit)
            {
                h = target - t;
            }
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * a21 * k1[i]; }
            var k2 = rhs(t + h / 5, tmp);
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * (a31 * k1[i] + a32 * k2[i]); }
            var k3 = rhs(t + 3 * h / 10, tmp);
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]); }
            var k4 = rhs(t + 4 * h / 5, tmp);
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]); }
            var k5 = rhs(t + 8 * h / 9, tmp);
            for (int i = 0; i < n; i++) { tmp[i] = x[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]); }
            var k6 = rhs(t + h, tmp);
            var xNew = new double[n];
            for (int i = 0; i < n; i++) { xNew[i] = x[i] + h * (b1 * k1[i] + b3 * k3[i] + b4 * k4[i] + b5 * k5[i] + b6 * k6[i]); }
            var k7 = rhs(t + h, xNew);
            double err = 0;
            for (int i = 0; i < n; i++)
            {
                double ei = h * (e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] + e7 * k7[i]);
                double sc = atol + rtol * Math.Max(Math.Abs(x[i]), Math.Abs(xNew[i]));
                err += (ei / sc) * (ei / sc);
            }
            err = Math.Sqrt(err / Math.Max(1, n));
            if (!double.IsFinite(err))
            {
                h /= 10;
                continue;
            }
            if (err <= 1)
            {
                t = hit ? target : t + h;
                x = xNew;
                k1 = k7;
                if (hit)
                {
                    output[next++] = (double[])x.Clone();
                    while (next < times.Count && times[next] <= t)
                    {
                        output[next++] = (double[])x.Clone();
                    }
                }
            }
            double factor = err == 0 ? 5 : Math.Clamp(0.9 * Math.Pow(err, -0.2), 0.2, 5);
            h *= factor;
        }
        return output;
    }

    /// <summary>A solution with its error bound per requested time (distance between the rtol and rtol/1000 runs).</summary>
    public sealed record Solution(double[][] States, double[] ErrorBounds);

    /// <summary>
    /// Solves at rtol (1e−8 standard, 1e−10 on confirmation) and at rtol/1000; null when either run fails.
    /// The returned states are the tighter run's.
    /// </summary>
    public static Solution? SolveWithError(Func<double, double[], double[]> rhs, double[] x0, IReadOnlyList<double> times, Precision precision)
    {
        double rtol = precision == Precision.Confirm ? 1e-10 : 1e-8;
        double scale = Math.Max(EscapeNumerics.Norm(x0), 1e-300);
        var loose = Solve(rhs, x0, times, rtol, rtol * scale * 1e-3);
        var tight = Solve(rhs, x0, times, rtol / 1000, rtol * scale * 1e-6);
        if (loose is null || tight is null)
        {
            return null;
        }
        var err = new double[times.Count];
        for (int i = 0; i < times.Count; i++)
        {
            err[i] = EscapeNumerics.Distance(loose[i], tight[i]);
        }
        return new Solution(tight, err);
    }
}
