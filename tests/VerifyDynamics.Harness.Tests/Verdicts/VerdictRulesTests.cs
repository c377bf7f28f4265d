using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Verdicts;

public sealed class VerdictRulesTests
{
    private static StatementResult Run(Statement s, IReadOnlyDictionary<string, Rational>? overrides = null) =>
        StatementRunner.Run(s, new RunOptions(new Seed(3), Overrides: overrides, RunObligations: false));

    [Fact]
    public void TrueStatement_WithoutObligations_HoldsOnTrials_NeverCertified()
    {
        var r = Run(ToyStatements.UniformBelowOne());
        Assert.Equal(Verdict.HoldsOnTrials, r.Verdict);
    }

    [Fact]
    public void FalseConstant_IsRefuted_WithAConfirmedCounterexample()
    {
        var r = Run(ToyStatements.UniformBelowOne(), new Dictionary<string, Rational> { ["bound"] = Rational.Of(3) });
        Assert.Equal(Verdict.Refuted, r.Verdict);
        Assert.Contains(r.Trials.Records, t => t.Outcome == InstanceOutcome.Confirmed && t.Instance is not null);
    }

    [Fact]
    public void NoAcceptedInstance_IsInconclusive_NotHolds()
    {
        var r = Run(ToyStatements.UniformBelowOne(accept: _ => false));
        Assert.Equal(Verdict.Inconclusive, r.Verdict);
        Assert.Contains("vacuous", r.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void UncomputableMargin_IsInconclusive()
    {
        var s = ToyStatements.UniformBelowOne() with
        {
            Conclusion = (x, k, p) => MarginSet.Of(new Margin("nan", double.NaN, Tolerance.Exact)),
        };
        Assert.Equal(Verdict.Inconclusive, Run(s).Verdict);
    }

    [Fact]
    public void ViolationThatDoesNotSurviveConfirmation_IsInconclusive()
    {
        var s = ToyStatements.UniformBelowOne() with
        {
            Conclusion = (x, k, p) => MarginSet.Of(new Margin("flaky", p == Precision.Standard ? -1 : 1, Tolerance.Exact)),
        };
        Assert.Equal(Verdict.Inconclusive, Run(s).Verdict);
    }

    [Fact]
    public void Construction_ThatShowsTheFailure_IsReproduced()
    {
        Assert.Equal(Verdict.ConstructionReproduced, Run(ToyStatements.UniformBelowOne(Checkability.Construction)).Verdict);
    }

    [Fact]
    public void Conjecture_IsOnlySupported()
    {
        Assert.Equal(Verdict.ConjectureSupported, Run(ToyStatements.UniformBelowOne(Checkability.Conjecture)).Verdict);
    }

    [Fact]
    public void NotCheckable_SaysSo()
    {
        var s = ToyStatements.UniformBelowOne(Checkability.NotCheckable) with { NotCheckableReason = "existential constant" };
        var r = Run(s);
        Assert.Equal(Verdict.NotCheckable, r.Verdict);
        Assert.Equal("existential constant", r.Decision.Reason);
    }

    [Fact]
    public void Mutant_IsRefuted_AndControl_IsNot()
    {
        var r = Run(ToyStatements.UniformBelowOne());
        Assert.True(r.Variants.Single(v => v.Variant.Name == "BoundTwo").Refuted);
        Assert.False(r.Variants.Single(v => v.Variant.Name == "BoundHalf").Refuted);
        Assert.All(r.Variants, v => Assert.True(v.AsExpected));
    }

    [Fact]
    public void RefutedErratum_MakesTheHeadlineRefuted_AndKeepsTheCorrectedVerdict()
    {
        var s = ToyStatements.UniformBelowOne() with
        {
            Variants = [Variant.Erratum("Printed", "as printed: bound 2", st => st.WithConstantDefault("bound", Rational.Of(2)))],
        };
        var r = Run(s);
        Assert.Equal(Verdict.Refuted, r.Verdict);
        Assert.Equal(Verdict.HoldsOnTrials, r.Decision.Verdict);
    }
}
