using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace MyStatements.Tests;

/// <summary>The statement holds on seeded trials with stated tolerances, and its mutant is refuted (a check that cannot fail is a defect).</summary>
public sealed class Lemma1Tests
{
    private static readonly Seed TestSeed = new(20261201);

    [Fact]
    public void Lemma1_HoldsOnTrials()
    {
        var s = Lemma1.Statement;
        var summary = TrialRunner.Run(s, s.DefaultConstants(), TestSeed, s.DefaultTrials, parallelism: 2);
        Assert.True(summary.Accepted > 0, $"no instance satisfied the hypotheses (seed {summary.RootSeed})");
        var bad = summary.Records.FirstOrDefault(r => r.Outcome is InstanceOutcome.Confirmed or InstanceOutcome.Inconclusive or InstanceOutcome.Error);
        Assert.True(bad is null, $"trial {bad?.Index} (seed {bad?.Seed}) was {bad?.Outcome}: {bad?.Detail}");
        Assert.True(summary.Utilization.State != UtilizationState.Unknown, summary.Utilization.Describe());
        Assert.NotEqual(VerifyDynamics.Core.Numbers.ToleranceKind.Unstated, summary.WeakestHoldingTolerance);
    }

    [Fact]
    public void Lemma1_DeclaresItsFidelity() =>
        Assert.NotEqual(FidelityKind.Undeclared, Lemma1.Statement.Fidelity.Kind);

    [Fact]
    public void DoubleSlope_IsRefuted()
    {
        var s = Lemma1.Statement;
        var variant = s.Variants.Single(v => v.Name == "DoubleSlope");
        var result = StatementRunner.RunVariant(s, variant, TestSeed, s.DefaultTrials, parallelism: 2);
        Assert.True(result.Refuted, "the mutant DoubleSlope was not refuted: the check cannot tell the lemma from a wrong variant");
    }
}
