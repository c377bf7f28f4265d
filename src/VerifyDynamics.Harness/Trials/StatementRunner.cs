using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Obligations;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Trials;

/// <summary>How to run a statement.</summary>
/// <param name="Seed">Root seed; trial i uses Seed.Split(i), variant v uses Seed.Split("variant:" + v).</param>
/// <param name="Trials">Trials of the statement (null: its default).</param>
/// <param name="Overrides">Constant overrides (<c>--set NAME=VALUE</c>).</param>
/// <param name="Parallelism">Threads; results do not depend on it.</param>
/// <param name="RunVariants">Also run mutants, controls and errata.</param>
/// <param name="RunObligations">Also prove the scalar obligations.</param>
/// <param name="SeekBoundary">Run the boundary search after the trials (<see cref="Search.BoundarySearch"/>).</param>
public sealed record RunOptions(
    Seed Seed,
    int? Trials = null,
    IReadOnlyDictionary<string, Core.Numbers.Rational>? Overrides = null,
    int Parallelism = 1,
    bool RunVariants = true,
    bool RunObligations = true,
    bool SeekBoundary = true);

/// <summary>What a variant run showed.</summary>
public sealed record VariantResult(Variant Variant, TrialSummary Trials)
{
    public bool Refuted => Trials.Count(InstanceOutcome.Confirmed) > 0;

    /// <summary>Mutants and errata must be refuted; controls must not be.</summary>
    public bool AsExpected => Variant.Role == VariantRole.Control ? !Refuted && Trials.Accepted > 0 : Refuted;
}

/// <summary>Everything known about a statement after a run; the certificate is written from it.</summary>
public sealed record StatementResult(
    Statement Statement,
    ConstantValues Constants,
    RunOptions Options,
    TrialSummary Trials,
    IReadOnlyList<VariantResult> Variants,
    IReadOnlyList<ObligationRecord> Obligations,
    VerdictDecision Decision,
    VerdictDecision? AsPrinted)
{
    /// <summary>The verdict to headline: "refuted" when the paper's printed form was refuted, else the checked form's.</summary>
    public Verdict Verdict => AsPrinted?.Verdict ?? Decision.Verdict;
}

/// <summary>Runs a statement: trials, variants, obligations, verdict.</summary>
public static class StatementRunner
{
    public static ConstantValues ResolveConstants(Statement statement, IReadOnlyDictionary<string, Core.Numbers.Rational>? overrides)
    {
        var k = statement.DefaultConstants();
        if (overrides is not null)
        {
            foreach (var (name, value) in overrides)
            {
                k = k.With(name, value);
                if (statement.Constants.First(c => c.Name == name).OutsideDomain(value) is { } why)
                {
                    throw new ArgumentOutOfRangeException(name, value.ToString(), $"{statement.Id}: {why} (given {value})");
                }
            }
        }
        return k;
    }

    /// <summary>The constants whose value in force differs from the statement's default (the paper's value).</summary>
    public static IReadOnlyList<string> Overridden(Statement statement, ConstantValues constants) =>
        [.. statement.Constants.Where(c => constants[c.Name] != c.Default).Select(c => c.Name)];

    /// <summary>Runs one variant with its own seed <c>statementSeed.Split("variant:" + name)</c>, so its trials do not depend on which other variants ran.</summary>
    public static VariantResult RunVariant(Statement statement, Variant variant, Seed statementSeed, int variantTrials, int parallelism,
        IReadOnlyDictionary<string, Core.Numbers.Rational>? overrides = null)
    {
        var mutated = variant.Apply(statement);
        return new VariantResult(variant, TrialRunner.Run(mutated, ResolveConstants(mutated, overrides),
            statementSeed.Split("variant:" + variant.Name), variantTrials, parallelism));
    }

    public static StatementResult Run(Statement statement, RunOptions options)
    {
        var constants = ResolveConstants(statement, options.Overrides);
        int trials = options.Trials ?? statement.DefaultTrials;
        // The statement's own trials (with the boundary search) and each variant are independent jobs (each has its own seed),
        // so they run concurrently; results are gathered by index, so nothing depends on the thread count. Before, the
        // variants ran one after another: a statement with one trial and mutants of two trials (JGGSH21.Fig1) kept one of
        // two threads idle most of the time.
        IReadOnlyList<Variant> variantList = options.RunVariants ? statement.Variants : [];
        TrialSummary summary = null!;
        var variantResults = new VariantResult[variantList.Count];
        TrialParallelism.For(variantList.Count + 1, options.Parallelism, job =>
        {
            if (job == 0)
            {
                summary = RunOwnTrials(statement, constants, options, trials);
            }
            else
            {
                var v = variantList[job - 1];
                variantResults[job - 1] = RunVariant(statement, v, options.Seed, variantTrials: v.Trials ?? trials, options.Parallelism, options.Overrides);
            }
        });
        var variants = variantResults.ToList();
        var obligations = options.RunObligations ? ObligationChecker.Check(statement.ObligationsFor(constants)) : [];
        var decision = VerdictRules.Decide(statement, summary, obligations, Overridden(statement, constants));
        var refutedErratum = variants.FirstOrDefault(v => v.Variant.Role == VariantRole.Erratum && v.Refuted);
        VerdictDecision? asPrinted = refutedErratum is null
            ? null
            : VerdictRules.DecideAsPrinted(statement, refutedErratum.Variant, refutedErratum.Trials, decision);
        return new StatementResult(statement, constants, options, summary, variants, obligations, decision, asPrinted);
    }

    private static TrialSummary RunOwnTrials(Statement statement, ConstantValues constants, RunOptions options, int trials)
    {
        var summary = TrialRunner.Run(statement, constants, options.Seed, trials, options.Parallelism,
            keepStarts: options.SeekBoundary ? Search.BoundarySearch.Starts : 0);
        if (options.SeekBoundary && statement.Checkability == Checkability.Margins && summary.Count(InstanceOutcome.Confirmed) == 0)
        {
            summary = Search.BoundarySearch.Extend(statement, constants, options.Seed.Split("boundary"), summary,
                statement.BoundarySearchSteps ?? Search.BoundarySearch.DefaultSteps(trials));
        }
        return summary;
    }
}
