using System.Numerics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// The construction of ACGH19 Claim 4 (App. D.6, Eqs. (50), (51)) in exact rational arithmetic: Φ = I_d, even N,
/// c = r^N with rational r, A the smallest integer ≥ the maximum in (50) (the proof only uses lower bounds on A),
/// W_j(0) = diag(A r, 1, …, 1) for j ≤ N/2 and diag(r/A, 1, …, 1) for j &gt; N/2. Only the (1,1) entries move and the two
/// halves stay equal among themselves, so the state is a pair (p, q) of rationals: p' = p − η(P − 1)P/p, q' = q − η(P − 1)P/q
/// with P = p^{N/2} q^{N/2} (written without division). Digits grow ~(2N − 1)× per step, so a few steps are exact.
/// </summary>
public static class ClaimFourConstruction
{
    /// <summary>
    /// Largest size (bits) of the biggest rational a check forms (the loss and B^{2N−1} are ~2N times the state): keeps one
    /// instance well under a second with .NET's BigInteger.
    /// </summary>
    public const long BitBudget = 400_000;

    /// <summary>Whether one more step keeps the loss (~2N × the state, which grows ~(2N − 1)× per step) within the budget.</summary>
    public static bool CanStep(State s, int n) => Bits(s) * (2 * n - 1) * 2 * n <= BitBudget;

    public sealed record State(Rational P, Rational Q);

    /// <summary>The right-hand side of (50) in doubles (for the Theorem 1 mutant, where A is used on doubles anyway).</summary>
    public static double AmplitudeDouble(int n, double eta, double c) => new[]
    {
        Math.Sqrt(eta * n),
        2 / (eta * (1 - c) * Math.Pow(c, (n - 1.0) / n)),
        2000,
        20 / eta,
        Math.Exp((Math.Log(20) + (2 * n - 1) * Math.Log(10) - 2 * n * Math.Log(eta)) / (2 * n - 2)),
    }.Max();

    /// <summary>The smallest integer A ≥ every term of (50), each term verified exactly (c = r^N, c^{(N−1)/N} = r^{N−1}).</summary>
    public static BigInteger Amplitude(int n, Rational eta, Rational r)
    {
        var c = r.Pow(n);
        BigInteger a = 2000;
        a = BigInteger.Max(a, Ceiling(Rational.Of(2) / (eta * (Rational.One - c) * r.Pow(n - 1))));
        a = BigInteger.Max(a, Ceiling(Rational.Of(20) / eta));
        // √(ηN): the smallest integer K with K² ≥ ηN.
        a = BigInteger.Max(a, SmallestRoot(Rational.Of(n) * eta, 2));
        // (20·10^{2N−1}/η^{2N})^{1/(2N−2)}: the smallest integer K with K^{2N−2} ≥ 20·10^{2N−1}/η^{2N}.
        a = BigInteger.Max(a, SmallestRoot(Rational.Of(20) * Rational.PowerOfTen(2 * n - 1) / eta.Pow(2 * n), 2 * n - 2));
        return a;
    }

    public static BigInteger Ceiling(Rational x) => x.Sign <= 0
        ? -BigInteger.Divide(-x.Numerator, x.Denominator)
        : BigInteger.Divide(x.Numerator + x.Denominator - 1, x.Denominator);

    /// <summary>The smallest positive integer K with K^k ≥ x (double estimate, then exact correction).</summary>
    public static BigInteger SmallestRoot(Rational x, int k)
    {
        double estimate = Math.Exp(Log(x) / k);
        var kk = new BigInteger(Math.Max(1, Math.Floor(estimate * (1 - 1e-6))));
        // Walk up exactly; the estimate is within a relative 1e-6 (a few steps at the sizes of (50)).
        while (Rational.Of(kk, 1).Pow(k) < x)
        {
            kk += BigInteger.Max(1, kk / 1_000_000);
        }
        while (kk > 1 && Rational.Of(kk - 1, 1).Pow(k) >= x)
        {
            kk -= 1;
        }
        return kk;
    }

    public static State Initial(BigInteger a, Rational r) => new(Rational.Of(a, 1) * r, r / Rational.Of(a, 1));

    /// <summary>P = W_{1:N} = p^{N/2} q^{N/2}.</summary>
    public static Rational EndToEnd(State s, int n) => s.P.Pow(n / 2) * s.Q.Pow(n / 2);

    public static Rational Loss(State s, int n)
    {
        var e = EndToEnd(s, n) - Rational.One;
        return e * e / Rational.Of(2);
    }

    /// <summary>One GD step (Eq. 14 on the (1,1) entries); the gradient factor Π_{i≠j} w_i is formed without division.</summary>
    public static State Step(State s, int n, Rational eta)
    {
        var residual = EndToEnd(s, n) - Rational.One;
        var otherP = s.P.Pow(n / 2 - 1) * s.Q.Pow(n / 2);
        var otherQ = s.P.Pow(n / 2) * s.Q.Pow(n / 2 - 1);
        return new State(s.P - eta * residual * otherP, s.Q - eta * residual * otherQ);
    }

    public static long Bits(State s) => Math.Max(Bits(s.P), Bits(s.Q));

    public static long Bits(Rational x) => Math.Max((long)BigInteger.Abs(x.Numerator).GetBitLength(), (long)x.Denominator.GetBitLength());

    /// <summary>log|x| of a rational of any size (BigInteger.Log on numerator and denominator).</summary>
    public static double Log(Rational x) => BigInteger.Log(BigInteger.Abs(x.Numerator)) - BigInteger.Log(x.Denominator);

    /// <summary>
    /// A margin for the exact comparison lhs ≤ rhs of positive rationals, reported as log(rhs) − log(lhs) so that sizes
    /// like 1e3000 stay finite. The sign is decided exactly; the value carries the rounding of BigInteger.Log (γ_4 of the logs).
    /// </summary>
    public static Margin LogAtMost(string name, Rational lhs, Rational rhs)
    {
        double lr = Log(rhs), ll = Log(lhs);
        double value = lr - ll;
        bool holds = lhs <= rhs;
        // Force the exact verdict onto the reported value (the logs can only blur it within their own rounding).
        var tol = Tolerance.FromRounding(4, Math.Abs(lr) + Math.Abs(ll), "|log lhs| + |log rhs| (BigInteger.Log)");
        if (holds && value < 0)
        {
            value = 0;
        }
        else if (!holds && value >= -tol.Absolute)
        {
            value = -2 * tol.Absolute - double.Epsilon;
        }
        // log lhs ≤ log rhs: the bound's own size is the larger log.
        return Margin.Bound(name, value, Math.Max(Math.Max(Math.Abs(ll), Math.Abs(lr)), double.Epsilon), tol);
    }

    /// <summary>The instance fields: N, η = m·10^k, r = r_num/r_den, d (all exact integers stored as doubles).</summary>
    public static (int N, Rational Eta, Rational R, int D) Read(Instance x) => (
        (int)x.Scalar("N"),
        Rational.Of((long)x.Scalar("eta_mantissa")) * Rational.PowerOfTen((int)x.Scalar("eta_exponent")),
        Rational.Of((long)x.Scalar("r_numerator"), (long)x.Scalar("r_denominator")),
        (int)x.Scalar("d"));

    public static Instance Make(string family, int n, long etaMantissa, int etaExponent, long rNumerator, long rDenominator, int d) =>
        Instance.OfScalars(family,
            ("N", n), ("eta_mantissa", etaMantissa), ("eta_exponent", etaExponent),
            ("r_numerator", rNumerator), ("r_denominator", rDenominator), ("d", d)) with { Eta = (double)etaMantissa * Math.Pow(10, etaExponent) };

    /// <summary>The smallest numerator k with (k/den)^N ≥ 3/4 (the WLOG c ≥ 3/4 of the proof), found exactly.</summary>
    public static long SmallestAdmissibleNumerator(int n, long den)
    {
        long k = (long)Math.Floor(den * Math.Pow(0.75, 1.0 / n)) - 1;
        while (Rational.Of(k, den).Pow(n) < Rational.Of(3, 4))
        {
            k++;
        }
        return k;
    }
}
