namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>Small dense-vector helpers on <c>double[]</c> (the parameter vectors θ of objectives and ODE states).</summary>
public static class VectorOps
{
    public static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"length mismatch {a.Length} vs {b.Length}");
        }
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double Norm(ReadOnlySpan<double> a) => Math.Sqrt(Dot(a, a));

    public static double MaxAbs(ReadOnlySpan<double> a)
    {
        double m = 0;
        foreach (double x in a)
        {
            m = Math.Max(m, Math.Abs(x));
        }
        return m;
    }

    /// <summary>a + c·b as a new array.</summary>
    public static double[] AddScaled(ReadOnlySpan<double> a, double c, ReadOnlySpan<double> b)
    {
        var r = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            r[i] = a[i] + c * b[i];
        }
        return r;
    }

    public static double[] Scale(double c, ReadOnlySpan<double> a)
    {
        var r = new double[a.Length];
        for (int i = 0; i < a.Length; i++)
        {
            r[i] = c * a[i];
        }
        return r;
    }

    /// <summary>‖a − b‖₂ without forming a − b.</summary>
    public static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++)
        {
            double d = a[i] - b[i];
            s += d * d;
        }
        return Math.Sqrt(s);
    }

    public static bool AllFinite(ReadOnlySpan<double> a)
    {
        foreach (double x in a)
        {
            if (!double.IsFinite(x))
            {
                return false;
            }
        }
        return true;
    }
}
