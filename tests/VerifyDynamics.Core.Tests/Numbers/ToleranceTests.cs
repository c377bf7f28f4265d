using VerifyDynamics.Core.Numbers;
using Xunit;

namespace VerifyDynamics.Core.Tests.Numbers;

/// <summary>
/// The tolerance algebra the verdict rules read: γ_n against its exact rational value, the kind each factory stamps, and how
/// sums and scalings carry value, source and kind (a sum is as weak as its weakest part).
/// </summary>
public sealed class ToleranceTests
{
    [Fact]
    public void UnitRoundoff_IsTwoToTheMinus53()
    {
        Assert.Equal(Rational.One / Rational.Of(2).Pow(53), Rational.FromDouble(Tolerance.UnitRoundoff));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(123456789)]
    public void Gamma_IsNuOverOneMinusNu_ToTwoUlps(int n)
    {
        // Exact γ_n = n u/(1 − n u) with u = 2^−53, in rationals; the double formula has two rounded operations
        // (n·u is exact: a power-of-two scaling of an integer below 2^53), so it is within two ulps.
        var nu = Rational.Of(n) / Rational.Of(2).Pow(53);
        double exact = (nu / (Rational.One - nu)).ToDouble();
        double gamma = Tolerance.Gamma(n);
        Assert.True(Math.Abs(gamma - exact) <= 2 * (Math.BitIncrement(exact) - exact), $"γ_{n} = {gamma:R}, exact {exact:R}");
        Assert.True(gamma > n * Tolerance.UnitRoundoff, "γ_n exceeds n·u");
    }

    [Fact]
    public void Factories_StampTheirKind_AndKeepValueAndSource()
    {
        Assert.Equal(0, Tolerance.Exact.Absolute);
        Assert.Equal(ToleranceKind.Exact, Tolerance.Exact.Kind);
        Assert.Equal("exact arithmetic", Tolerance.Exact.Source);

        var rounding = Tolerance.FromRounding(5, -3.0, "‖x‖");
        Assert.Equal(Tolerance.Gamma(5) * 3.0, rounding.Absolute);
        Assert.Equal(ToleranceKind.Rigorous, rounding.Kind);
        Assert.Equal("γ_5·‖x‖", rounding.Source);

        var bound = Tolerance.Bound(1e-9, "Cholesky");
        Assert.Equal((1e-9, "Cholesky", ToleranceKind.Rigorous), (bound.Absolute, bound.Source, bound.Kind));
        var validated = Tolerance.ValidatedEstimate(2e-8, "reference solve");
        Assert.Equal((2e-8, "reference solve", ToleranceKind.Validated), (validated.Absolute, validated.Source, validated.Kind));
        var heuristic = Tolerance.Heuristic(3e-7, "local errors");
        Assert.Equal((3e-7, "local errors", ToleranceKind.Heuristic), (heuristic.Absolute, heuristic.Source, heuristic.Kind));
        var declared = Tolerance.Declared(ToleranceKind.Validated, 4e-6, "declared");
        Assert.Equal((4e-6, "declared", ToleranceKind.Validated), (declared.Absolute, declared.Source, declared.Kind));
    }

    [Fact]
    public void Plus_AddsValues_JoinsSources_AndTakesTheWeakerKind()
    {
        var a = Tolerance.Bound(1e-9, "A");
        var b = Tolerance.Heuristic(2e-9, "B");
        var sum = a.Plus(b);
        Assert.Equal(1e-9 + 2e-9, sum.Absolute);
        Assert.Equal("A + B", sum.Source);
        Assert.Equal(ToleranceKind.Heuristic, sum.Kind);
        Assert.Equal(ToleranceKind.Heuristic, b.Plus(a).Kind);
        Assert.Equal(ToleranceKind.Rigorous, a.Plus(Tolerance.Exact).Kind);
        Assert.Equal(ToleranceKind.Validated, Tolerance.Exact.Plus(Tolerance.ValidatedEstimate(0, "V")).Kind);
    }

    [Fact]
    public void Scaled_MultipliesTheValue_KeepsTheKind_AndSaysWhy()
    {
        var t = Tolerance.ValidatedEstimate(3e-8, "deviation").Scaled(4, "4 terms");
        Assert.Equal(3e-8 * 4, t.Absolute);
        Assert.Equal(ToleranceKind.Validated, t.Kind);
        Assert.Equal("4 terms·(deviation)", t.Source);
    }

    [Fact]
    public void Kinds_AreOrderedFromWeakestToStrongest()
    {
        Assert.Equal([0, 1, 2, 3, 4], new[] { ToleranceKind.Unstated, ToleranceKind.Heuristic, ToleranceKind.Validated, ToleranceKind.Rigorous, ToleranceKind.Exact }.Select(k => (int)k));
    }
}
