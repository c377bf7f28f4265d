namespace VerifyDynamics.Core.Numbers;

/// <summary>e^x − 1 and ln(1 + x) without cancellation near 0 (Kahan's tricks; .NET's double.ExpM1 is the naive Exp(x) − 1).</summary>
public static class AccurateFunctions
{
    /// <summary>e^x − 1 (Kahan: (u − 1)·x/ln u with u = e^x, for |x| ≤ ½).</summary>
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

    /// <summary>ln(1 + x) (Kahan: ln(u)·x/(u − 1) with u = 1 + x).</summary>
    public static double Log1p(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
