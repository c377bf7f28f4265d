using MathNet.Numerics;

namespace VerifyDynamics.Core.Statistics;

/// <summary>
/// Exact one-sided Clopper–Pearson confidence bounds for a binomial proportion (Clopper &amp; Pearson 1934):
/// with k successes in n draws, the lower bound is the α-quantile of Beta(k, n − k + 1) and the upper bound
/// the (1 − α)-quantile of Beta(k + 1, n − k). Each bound alone has coverage ≥ 1 − α for every true p.
/// Quantiles are found by bisection on the regularized incomplete beta function (monotone in x), so the
/// result is deterministic and does not depend on an iterative inverse's starting point.
/// </summary>
public static class ClopperPearson
{
    /// <summary>Lower bound L with P[p ≥ L] ≥ 1 − alpha; 0 when k = 0.</summary>
    public static double Lower(long successes, long draws, double alpha)
    {
        Validate(successes, draws, alpha);
        return successes == 0 ? 0 : BetaQuantile(successes, draws - successes + 1, alpha);
    }

    /// <summary>Upper bound U with P[p ≤ U] ≥ 1 − alpha; 1 when k = n.</summary>
    public static double Upper(long successes, long draws, double alpha)
    {
        Validate(successes, draws, alpha);
        return successes == draws ? 1 : BetaQuantile(successes + 1, draws - successes, 1 - alpha);
    }

    /// <summary>The q-quantile of Beta(a, b): the x ∈ [0, 1] with I_x(a, b) = q, by bisection to adjacent doubles.</summary>
    public static double BetaQuantile(double a, double b, double q)
    {
        double lo = 0, hi = 1;
        // 1100 halvings reach adjacent doubles even near 0 (subnormal range); the loop stops earlier when the midpoint stalls.
        for (int i = 0; i < 1100; i++)
        {
            double mid = lo + (hi - lo) / 2;
            if (mid <= lo || mid >= hi)
            {
                break;
            }
            if (SpecialFunctions.BetaRegularized(a, b, mid) < q)
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

    private static void Validate(long successes, long draws, double alpha)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(draws, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, draws);
        if (!(alpha > 0 && alpha < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "the level must be in (0, 1)");
        }
    }
}
