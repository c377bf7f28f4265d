using System.Numerics;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using Xunit;

namespace VerifyDynamics.Core.Tests.Mutation;

/// <summary>
/// Tests written for the survivors of the Core group-A Stryker run (reports/mutation/core-a/, 2026-12-07; classified in
/// docs/mutation-survivors-core.md). Each pins a behaviour the earlier tests did not: error messages a user reads, the
/// rounding of <see cref="Rational.ToDouble"/> just above a tie (the sticky bit), the FSAL test of an embedded pair that is
/// not FSAL, the documented summation order of <see cref="DenseKernels.Dot"/> bit for bit, the reference product's
/// overwrite, and the evaluation count of a run whose steps are rejected for a non-finite stage. Expected values come from
/// the definitions (exact integers, the IEEE format, the documented order), not from the code's output.
/// </summary>
public sealed class GroupASurvivorTests
{
    [Fact]
    public void Rational_ZeroDenominatorAndDivisionByZero_SayWhatHappened()
    {
        var zeroDenominator = Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));
        Assert.Equal("A rational number cannot have a zero denominator.", zeroDenominator.Message);
        var division = Assert.Throws<DivideByZeroException>(() => Rational.One / Rational.Zero);
        Assert.Equal("Division of a rational number by zero.", division.Message);
        var nan = Assert.Throws<ArgumentException>(() => Rational.FromDouble(double.NaN));
        Assert.StartsWith("Cannot represent NaN as a rational number.", nan.Message);
    }

    [Theory]
    // Doubles near 2^70 are 2^18 apart; 2^70 + 2^17 is the tie between 2^70 and 2^70 + 2^18.
    [InlineData(1, 1)]    // one above the tie: rounds up. The low bit is below the quotient's 66 bits: only the sticky bit sees it.
    [InlineData(33, 1)]   // the quotient's bit 0 is set AND the remainder is nonzero: the sticky OR must keep it set.
    [InlineData(0, 0)]    // exactly the tie: to even, 2^70.
    [InlineData(-1, 0)]   // just below the tie: down.
    public void Rational_ToDouble_RoundsJustAboveATieUp(long offset, int ulpsUp)
    {
        var n = BigInteger.Pow(2, 70) + BigInteger.Pow(2, 17) + offset;
        double expected = Math.ScaleB(1, 70) + (ulpsUp * Math.ScaleB(1, 18));
        Assert.Equal(expected, Rational.Of(n, 1).ToDouble());
        Assert.Equal(-expected, Rational.Of(-n, 1).ToDouble());
        // The same value as a fraction with a large denominator (the other branch of the quotient's shift).
        var d = BigInteger.Pow(3, 40);
        Assert.Equal(expected, Rational.Of(n * d, d).ToDouble());
    }

    [Fact]
    public void Rational_FromDouble_OfSignedZeros_IsZero()
    {
        Assert.Equal(Rational.Zero, Rational.FromDouble(0.0));
        Assert.Equal(Rational.Zero, Rational.FromDouble(-0.0));
        Assert.True(Rational.FromDouble(-0.0).Denominator.IsOne);
    }

    [Fact]
    public void Tableaus_HaveTheirNames_AndOnlyAPairWhoseLastRowIsBIsFsal()
    {
        Assert.Equal("classical RK4", RungeKuttaTableaus.ClassicalRk4.Name);
        Assert.Equal("Dormand–Prince 5(4)", RungeKuttaTableaus.DormandPrince54.Name);
        Assert.True(RungeKuttaTableaus.DormandPrince54.FirstSameAsLast);
        // Heun–Euler 2(1): c = (0, 1), a_21 = 1, b = (½, ½), b̂ = (1, 0). Its last row (1) has Stages − 1 entries but is not
        // b without its last entry (½), so the last stage is not f(t + h, y_new): not FSAL.
        var heunEuler = new EmbeddedPair("Heun–Euler 2(1)", 2, 1, [0.0, 1.0], [1.0, 1.0], [[], [1.0]], [0.5, 0.5], [-0.5, 0.5]);
        Assert.False(heunEuler.FirstSameAsLast);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    [InlineData(11)]
    [InlineData(2816)]
    public void Dot_IsItsDocumentedFourLaneOrder_BitForBit(int n)
    {
        var rng = new Seed(21).Split(n).CreateRng();
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = rng.NextGaussian();
            y[i] = rng.NextGaussian();
        }
        // Lane j sums the entries i ≡ j (mod 4) of the first 4·⌊n/4⌋ by FMA; (l0 + l1) + (l2 + l3); the rest by FMA in order.
        double l0 = 0, l1 = 0, l2 = 0, l3 = 0;
        int k = 0;
        for (; k + 4 <= n; k += 4)
        {
            l0 = Math.FusedMultiplyAdd(x[k], y[k], l0);
            l1 = Math.FusedMultiplyAdd(x[k + 1], y[k + 1], l1);
            l2 = Math.FusedMultiplyAdd(x[k + 2], y[k + 2], l2);
            l3 = Math.FusedMultiplyAdd(x[k + 3], y[k + 3], l3);
        }
        double expected = (l0 + l1) + (l2 + l3);
        for (; k < n; k++)
        {
            expected = Math.FusedMultiplyAdd(x[k], y[k], expected);
        }
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(DenseKernels.Dot(x, y)));
    }

    [Fact]
    public void MultiplyReference_WithoutAccumulate_OverwritesC()
    {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50]; C starts as NaN, which survives only if it is read.
        double[] a = [1, 2, 3, 4], b = [5, 6, 7, 8];
        double[] c = [double.NaN, double.NaN, double.NaN, double.NaN];
        DenseKernels.MultiplyReference(a, b, c, 2, 2, 2, transposeA: false, accumulate: false);
        Assert.Equal([19.0, 22.0, 43.0, 50.0], c);
        double[] acc = [1, 1, 1, 1];
        DenseKernels.MultiplyReference(a, b, acc, 2, 2, 2, transposeA: false, accumulate: true);
        Assert.Equal([20.0, 23.0, 44.0, 51.0], acc);
    }

    [Fact]
    public void OdeSolver_RefusesBadInput_WithMessagesThatSayWhy()
    {
        var p = new OdeProblem((t, y, dy) => dy[0] = 1, 0, [0.0], 1, "y' = 1");
        var order = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(p with { T1 = -2 }));
        Assert.StartsWith("need T1 > T0 (got T0 = 0, T1 = -2)", order.Message);
        var tolerances = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(p, new OdeSettings(Rtol: 0)));
        Assert.StartsWith("need rtol > 0 and atol ≥ 0", tolerances.Message);
        var noEstimate = Assert.Throws<ArgumentException>(() => OdeSolver.Solve(p, new OdeSettings(Tableau: RungeKuttaTableaus.ClassicalRk4)));
        Assert.StartsWith("classical RK4 has no error estimate: give FixedSteps > 0", noEstimate.Message);
    }

    [Fact]
    public void OdeSolver_NonFiniteStages_CountAsRejectedSteps_InTheEvaluationCount()
    {
        // f is NaN beyond t = 1 (as in OdeSolverControlTests): every attempt past 1 evaluates its 11 stages and is rejected.
        // Evaluations: 1 at T0 (the start was given, no HINIT), 11 per attempted step, FSAL + 3 dense stages per accepted one.
        var p = new OdeProblem((t, y, dy) => dy[0] = t > 1 ? double.NaN : 1, 0, [0.0], 4, "nan beyond 1");
        var sol = OdeSolver.Solve(p, new OdeSettings(InitialStep: 3));
        var s = sol.Statistics;
        Assert.True(s.RejectedSteps >= 2, $"{s.RejectedSteps} rejected");
        Assert.Equal(1 + 11 * (s.AcceptedSteps + s.RejectedSteps) + 4 * s.AcceptedSteps, s.FunctionEvaluations);
    }
}
