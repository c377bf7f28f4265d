using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Proving;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Proving;

/// <summary>
/// Claims false by a hair (one ulp, 1e−12) never come back <c>proven</c> from <see cref="ObligationProver"/>, with Z3 and
/// with Z3 hidden (the <see cref="ProofOptions.Z3Library"/> switch, as <c>VD_DISABLE_Z3=1</c> or an absent libz3 would).
/// Issue 15: powers rounded inward and a wrong derivative of ln both made false claims "proven".
/// </summary>
public sealed class HairlineSoundnessTests
{
    /// <summary>Z3 hidden without touching the process environment.</summary>
    private static readonly ProofOptions NoZ3 = new(Z3Library: "/nonexistent/libz3.so.4");

    private static string Exact(double d) => "(" + Rational.FromDouble(d) + ")";

    /// <summary>t = 1 + 2^−30 (a double); t^n is not a double for n ≥ 2, and D is the largest double below it.</summary>
    private static (string T, string Below, string Above) OneUlp(int n, long k = 1)
    {
        var t = Rational.Of(1L << 30) + k;
        t /= Rational.Of(1L << 30);
        var exact = t.Pow(n);
        double nearest = exact.ToDouble();
        double below = Rational.FromDouble(nearest) < exact ? nearest : Math.BitDecrement(nearest);
        double above = Math.BitIncrement(below);
        Assert.True(Rational.FromDouble(below) < exact && exact < Rational.FromDouble(above));
        return ("(" + t + ")", Exact(below), Exact(above));
    }

    /// <summary>False claims: 1e−12 or one ulp beyond the truth, or (the issue's) ln(x) ≤ 0.69 on [1, 2].</summary>
    public static TheoryData<string> FalseByAHair()
    {
        var (t3, below3, _) = OneUlp(3);
        var (t5, below5, _) = OneUlp(5);
        return
        [
            "forall x in [0, 1]: x^2 <= 1 - 1/1000000000000",
            "forall x in [0, 1]: x*(1 - x) <= 1/4 - 1/1000000000000",
            "forall x in [-1, 1]: x^4 - 1 <= -1/1000000000000",
            "forall x in [1, 4]: sqrt(x) <= 2 - 1/1000000000000",
            "forall x in [0, 1]: exp(x) <= 2.718281828458",
            "forall x in [0, 1]: exp(-x) >= 0.367879441172",
            "forall x in [1, 2]: ln(x) <= 0.69",
            "forall x in [1, 2]: ln(x) <= 0.693147180559945",
            "forall x in [1, 3]: x*ln(x) <= 3.295836866004",
            $"forall x in [1, {t3}]: x^3 <= {below3}",
            $"forall x in [1, {t3}]: exp(0)*x^3 <= {below3}",
            $"forall x in [1, {t5}]: exp(0)*x^5 <= {below5}",
            $"forall x in [-{t3.Trim('(', ')')}, -1]: exp(0)*x^3 >= -{below3}",
        ];
    }

    private static void NotProven(string claim, ProofOptions options)
    {
        var r = ObligationProver.Prove(claim, options);
        Assert.True(r.Status != ProofStatus.Proven, $"a false claim came back proven: {claim} — {r.Method}: {r.Detail}");
    }

    [Theory]
    [MemberData(nameof(FalseByAHair))]
    public void FalseByAHair_IsNeverProven_WithZ3Hidden(string claim) => NotProven(claim, NoZ3);

    [Z3Theory]
    [MemberData(nameof(FalseByAHair))]
    public void FalseByAHair_IsNeverProven_WithZ3(string claim) => NotProven(claim, ProofOptions.Default);

    [Z3Fact]
    public void FalseByAHair_PolynomialClaims_AreRefutedByZ3_WithAnExactWitness()
    {
        var (t3, below3, _) = OneUlp(3);
        foreach (var claim in new[] { "forall x in [0, 1]: x^2 <= 1 - 1/1000000000000", $"forall x in [1, {t3}]: x^3 <= {below3}" })
        {
            var r = ObligationProver.Prove(claim);
            Assert.Equal(ProofStatus.Refuted, r.Status);
            Assert.NotNull(r.Witness);
        }
    }

    [Fact]
    public void TheSameClaims_OneUlpOnTheTrueSide_AreProven_WithZ3Hidden()
    {
        // Not vacuous: the interval prover does decide these claims when they are true by one ulp.
        var (t3, _, above3) = OneUlp(3);
        var r = ObligationProver.Prove($"forall x in [1, {t3}]: exp(0)*x^3 <= {above3}", NoZ3);
        Assert.Equal(ProofStatus.Proven, r.Status);
        Assert.Equal(ProofStatus.Proven, ObligationProver.Prove("forall x in [1, 2]: ln(x) <= 0.6932", NoZ3).Status);
        Assert.Equal(ProofStatus.Proven, ObligationProver.Prove("forall x in [0, 1]: exp(x) <= 2.71828182846", NoZ3).Status);
    }

    [Property(Replay = "(20261207,35)", MaxTest = 25)]
    public Property OneUlpPowerClaims_AreNeverProven_WithZ3Hidden() =>
        Prop.ForAll(Gen.Choose(2, 7).ToArbitrary(), Gen.Choose(1, 1 << 20).ToArbitrary(), (n, k) =>
        {
            var (t, below, _) = OneUlp(n, k);
            NotProven($"forall x in [1, {t}]: exp(0)*x^{n} <= {below}", NoZ3 with { IntervalBudget = 2_000 });
        });
}
