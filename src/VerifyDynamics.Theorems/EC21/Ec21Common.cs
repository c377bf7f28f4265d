using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// Paper-local helpers shared by the EC21 statements: source references, the factory for statements
/// that cannot be checked, a small fixed-step RK4 with a step-doubling error estimate (paper-local
/// stand-in until the engine's DOP853 lands; used only for short horizons in 1–6 dimensions), and
/// dense finite-difference Hessians with a Richardson error estimate.
/// </summary>
public static class Ec21
{
    /// <summary>∏ a[k] over the k with keep(k), in index order (the rounding-bound products of the exact-Hessian checks).</summary>
    public static double ProductWhere(double[] a, Func<int, bool> keep)
    {
        double p = 1;
        for (int k = 0; k < a.Length; k++)
        {
            if (keep(k))
            {
                p *= a[k];
            }
        }
        return p;
    }

    public static SourceRef Source(string location, string lines) => new(Papers.EC21, location, lines);

    public static StatementId Id(string name) => new(Papers.EC21, name);

    /// <summary>
    /// A statement that has no check of its own (a definition, a cited tool, a remark, an experiment
    /// left to the CLI): the reason says why and where the quantity it defines is exercised.
    /// </summary>
    public static Statement NotCheckable(string name, string location, string lines, StatementKind kind, string title, string text, string reason, StatementId? aliasOf = null) => new()
    {
        Id = Id(name),
        Source = Source(location, lines),
        Kind = kind,
        Title = title,
        Text = text,
        // A reason that says the check is simply not written yet makes the statement Pending (inconclusive), not "not checkable".
        Checkability = reason.StartsWith("Not yet encoded", StringComparison.Ordinal) ? Checkability.Pending : Checkability.NotCheckable,
        NotCheckableReason = reason,
        FormalisationNote = reason,
        AliasOf = aliasOf,
        Hypotheses = new Hypotheses("none (not checkable)", _ => Instance.OfScalars("none"), (_, _) => HypothesesCheck.Fail("not checkable: " + reason)),
        Conclusion = (_, _, _) => MarginSet.Of(Margin.Uncomputable("not checkable")),
        DefaultTrials = 0,
    };

    /// <summary>
    /// Δᵀ∇²f(θ)Δ by central differences of the gradient along Δ (step h and h/2), with the Richardson estimate
    /// |q(h) − q(h/2)|·4/3 of the O(h²) truncation plus the rounding γ_32·‖∇f‖‖Δ‖/(h/2) of the differenced gradients.
    /// </summary>
    public static (double Value, double Error) DirectionalSecond(Func<double[], double[]> gradient, double[] theta, double[] delta, double h)
    {
        double Q(double step)
        {
            var gp = gradient(Axpy(theta, step, delta));
            var gm = gradient(Axpy(theta, -step, delta));
            double s = 0;
            for (int i = 0; i < delta.Length; i++)
            {
                s += delta[i] * (gp[i] - gm[i]);
            }
            return s / (2 * step);
        }
        double q1 = Q(h), q2 = Q(h / 2);
        double gScale = Norm(gradient(theta)) * Norm(delta) + 1e-300;
        return (q2, Math.Abs(q1 - q2) * 4 / 3 + Tolerance.Gamma(32) * gScale / (h / 2));
    }

    /// <summary>
    /// The rescaling constructions of Props 6/10/22: doubles a (a = 1, 2, …, 2^39) until the Rayleigh quotient
    /// Δᵀ∇²f(θ(a))Δ / ‖Δ‖² of the form at scale a is ≤ −c, and returns the last quotient, its error and a.
    /// </summary>
    public static (double Quotient, double Error, double A) DoubleScaleUntilCurvature(double c, Func<double, (double Value, double Error, double[] Delta)> formAt)
    {
        double a = 1, q = 0, err = 0;
        for (int i = 0; i < 40; i++, a *= 2)
        {
            var (v, e, delta) = formAt(a);
            double sq = Norm(delta) * Norm(delta);
            q = v / sq;
            err = e / sq;
            if (q <= -c)
            {
                break;
            }
        }
        return (q, err, a);
    }

    /// <summary>
    /// A margin "lhs ≤ rhs" with an explicitly derived tolerance. Shape: an identity checked as a deviation
    /// (rhs = 0 ≤ lhs, the "|a − b| ≤ 0" form) is an equality (use <see cref="Margin.Deviation"/> directly to give the
    /// sides' size); otherwise a bound with the larger side as scale (utilization lhs/rhs for 0 ≤ lhs ≤ rhs).
    /// </summary>
    public static Margin AtMost(string name, double lhs, double rhs, Tolerance tol) =>
        rhs == 0 && lhs >= 0
            ? Margin.Deviation(name, lhs, Math.Max(lhs, double.Epsilon), tol)
            : Margin.AtMost(name, lhs, rhs, tol);

    /// <summary>A margin "lhs ≥ rhs" with an explicitly derived tolerance.</summary>
    public static Margin AtLeast(string name, double lhs, double rhs, Tolerance tol) => AtMost(name, rhs, lhs, tol);

    /// <summary>
    /// Classical RK4 with <paramref name="steps"/> equal steps; the error estimate is Richardson's
    /// |y_h − y_{h/2}|·16/15 (order 4), returned as the tolerance source of GF-based margins.
    /// </summary>
    public static (double[] Y, double ErrorEstimate) Rk4(Func<double, double[], double[]> f, double[] y0, double t0, double t1, int steps)
    {
        var coarse = Rk4Plain(f, y0, t0, t1, steps);
        var fine = Rk4Plain(f, y0, t0, t1, 2 * steps);
        double err = 0;
        for (int i = 0; i < fine.Length; i++)
        {
            err = Math.Max(err, Math.Abs(fine[i] - coarse[i]));
        }
        return (fine, err * 16.0 / 15.0 + Tolerance.Gamma(8 * steps) * Norm(fine));
    }

    /// <summary>Classical RK4, equal steps, no error control (see <see cref="Rk4"/>).</summary>
    public static double[] Rk4Plain(Func<double, double[], double[]> f, double[] y0, double t0, double t1, int steps, Action<double, double[]>? observe = null)
    {
        var y = (double[])y0.Clone();
        double h = (t1 - t0) / steps;
        int d = y.Length;
        observe?.Invoke(t0, y);
        for (int s = 0; s < steps; s++)
        {
            double t = t0 + s * h;
            var k1 = f(t, y);
            var k2 = f(t + h / 2, Axpy(y, h / 2, k1));
            var k3 = f(t + h / 2, Axpy(y, h / 2, k2));
            var k4 = f(t + h, Axpy(y, h, k3));
            for (int i = 0; i < d; i++)
            {
                y[i] += h / 6 * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]);
            }
            observe?.Invoke(t + h, y);
        }
        return y;
    }

    /// <summary>e^x − 1 without cancellation (Kahan's trick; .NET's double.ExpM1 is the naive Exp(x) − 1).</summary>
    public static double Expm1(double x)
    {
        if (Math.Abs(x) > 0.5)
        {
            return Math.Exp(x) - 1;
        }
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x) without cancellation (Kahan's trick).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }

    public static double[] Axpy(double[] y, double a, double[] x)
    {
        var r = new double[y.Length];
        for (int i = 0; i < y.Length; i++)
        {
            r[i] = y[i] + a * x[i];
        }
        return r;
    }

    public static double Norm(double[] v)
    {
        double s = 0;
        foreach (var x in v)
        {
            s += x * x;
        }
        return Math.Sqrt(s);
    }

    public static double Distance(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.Sqrt(s);
    }

    /// <summary>
    /// Dense Hessian by central differences of an exact gradient, symmetrized; the error estimate is
    /// Richardson's max|H_h − H_{h/2}|·4/3 (central differences are second order) plus the rounding
    /// of the difference quotient (γ·‖g‖/h).
    /// </summary>
    public static (Matrix<double> H, double ErrorEstimate) FdHessian(Func<double[], double[]> grad, double[] x, double h)
    {
        var h1 = FdHessianPlain(grad, x, h, out double gScale);
        var h2 = FdHessianPlain(grad, x, h / 2, out _);
        double err = (h1 - h2).Enumerate().Select(Math.Abs).DefaultIfEmpty(0).Max() * 4.0 / 3.0;
        return (h2, x.Length * (err + Tolerance.Gamma(16) * gScale / (h / 2)));
    }

    private static Matrix<double> FdHessianPlain(Func<double[], double[]> grad, double[] x, double h, out double gScale)
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
            var gp = grad(xp);
            var gm = grad(xm);
            for (int b = 0; b < d; b++)
            {
                hm[b, a] = (gp[b] - gm[b]) / (2 * h);
                gScale = Math.Max(gScale, Math.Max(Math.Abs(gp[b]), Math.Abs(gm[b])));
            }
        }
        return 0.5 * (hm + hm.Transpose());
    }

    /// <summary>Minimum eigenvalue of a symmetric matrix and the eigensolver's backward error bound γ_{8d}·‖H‖_F.</summary>
    public static (double Value, double Error) MinEigen(Matrix<double> h)
    {
        var evd = h.Evd(Symmetricity.Symmetric);
        double min = evd.EigenValues.Select(z => z.Real).Min();
        return (min, Tolerance.Gamma(8 * h.RowCount + 8) * h.FrobeniusNorm());
    }

    public static double[] Flatten(IReadOnlyList<Matrix<double>> ws)
    {
        var list = new List<double>();
        foreach (var w in ws)
        {
            list.AddRange(w.ToColumnMajorArray());
        }
        return [.. list];
    }

    public static Matrix<double>[] Unflatten(double[] theta, IReadOnlyList<int> dims)
    {
        var ws = new Matrix<double>[dims.Count - 1];
        int o = 0;
        for (int j = 1; j < dims.Count; j++)
        {
            int r = dims[j], c = dims[j - 1];
            ws[j - 1] = Matrix<double>.Build.Dense(r, c, theta[o..(o + r * c)]);
            o += r * c;
        }
        return ws;
    }
}
