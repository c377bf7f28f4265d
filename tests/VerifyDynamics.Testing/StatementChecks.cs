using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Testing;

/// <summary>Assertions for the two piles: statements hold on seeded trials; variants behave as declared.</summary>
public static class StatementChecks
{
    /// <summary>The seed every statement test uses, printed in failures so a run can be replayed with <c>vd check ID --seed</c>.</summary>
    public static Seed TestSeed { get; } = new(20261201);

    public static TrialSummary Run(Statement statement, int? trials = null, Seed? seed = null) =>
        TrialRunner.Run(statement, statement.DefaultConstants(), seed ?? TestSeed, trials ?? statement.DefaultTrials, parallelism: 2);

    /// <summary>
    /// The statement's check passes at the paper's constants: some trials were accepted, none was
    /// refuted, inconclusive or errored. For a construction, every instance shows the claimed failure.
    /// </summary>
    public static TrialSummary AssertHolds(Statement statement, int? trials = null, Seed? seed = null)
    {
        var summary = Run(statement, trials, seed);
        Assert.True(summary.Accepted > 0, $"{statement.Id}: no instance satisfied the hypotheses (seed {summary.RootSeed}); rejections: {string.Join("; ", summary.Records.Select(r => r.Detail).Distinct().Take(3))}");
        var bad = summary.Records.FirstOrDefault(r => r.Outcome is InstanceOutcome.Confirmed or InstanceOutcome.Inconclusive or InstanceOutcome.Error);
        Assert.True(bad is null, $"{statement.Id}: trial {bad?.Index} (seed {bad?.Seed}) was {bad?.Outcome}: {bad?.Detail}");
        // Honest evidence: every margin states its shape (so utilization is measured) and its tolerance's kind.
        Assert.True(summary.Utilization.State != UtilizationState.Unknown, $"{statement.Id}: {summary.Utilization.Describe()}");
        Assert.True(summary.WeakestHoldingTolerance is not Core.Numbers.ToleranceKind.Unstated,
            $"{statement.Id}: a margin's tolerance kind is unstated ({summary.WeakestHoldingToleranceSource})");
        return summary;
    }

    /// <summary>A mutant or erratum is refuted with a confirmed counterexample; a control is not refuted.</summary>
    public static TrialSummary AssertVariantBehaves(Statement statement, string variantName, Seed? seed = null)
    {
        var variant = statement.Variants.SingleOrDefault(v => v.Name == variantName)
            ?? throw new Xunit.Sdk.XunitException($"{statement.Id} has no variant '{variantName}' (has: {string.Join(", ", statement.Variants.Select(v => v.Name))})");
        var result = StatementRunner.RunVariant(statement, variant, seed ?? TestSeed, variant.Trials ?? statement.DefaultTrials, parallelism: 2);
        var summary = result.Trials;
        bool refuted = result.Refuted;
        if (variant.Role == VariantRole.Control)
        {
            Assert.True(summary.Accepted > 0, $"{statement.Id}/{variant.Name}: control accepted no instance");
            Assert.False(refuted, $"{statement.Id}/{variant.Name}: control was refuted: {summary.Counterexamples.FirstOrDefault()?.Detail}");
        }
        else
        {
            Assert.True(refuted, $"{statement.Id}/{variant.Name} ({variant.Role}) was not refuted in {summary.Trials} trials ({summary.Accepted} accepted); worst margin {summary.Worst?.Worst?.Name} = {summary.Worst?.Worst?.Value}");
        }
        return summary;
    }

    /// <summary>Every (statement id, variant name) pair of a paper, for [MemberData].</summary>
    public static IEnumerable<object[]> VariantCases(string paper) =>
        Theorems.Catalog.All.Where(s => s.Id.Paper == paper)
            .SelectMany(s => s.Variants.Select(v => new object[] { s.Id.ToString(), v.Name }));

    /// <summary>Every statement id of a paper that has trials, for [MemberData].</summary>
    public static IEnumerable<object[]> StatementCases(string paper) =>
        Theorems.Catalog.All.Where(s => s.Id.Paper == paper && s.Checkability is not (Checkability.NotCheckable or Checkability.Pending))
            .Select(s => new object[] { s.Id.ToString() });
}
