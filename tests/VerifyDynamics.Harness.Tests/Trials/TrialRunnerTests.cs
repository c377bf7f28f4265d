using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Trials;

/// <summary>
/// <see cref="TrialRunner"/> and <see cref="StatementRunner"/>: each outcome of one trial with the words of its record, what a
/// summary keeps, and the statement run's variants, boundary search and as-printed decision.
/// </summary>
public sealed class TrialRunnerTests
{
    private static readonly Instance X = Instance.OfScalars("toy", ("x", 0.5));

    private static Statement With(Func<Instance, ConstantValues, Precision, MarginSet> conclusion, Func<Instance, ConstantValues, HypothesesCheck>? validate = null) =>
        ToyStatements.UniformBelowOne() with
        {
            Conclusion = (x, k, p) => conclusion(x, k, p),
            Hypotheses = new Hypotheses("x uniform in [0, 1]", ctx => Instance.OfScalars("toy", ("x", ctx.Rng.Uniform(0, 1))), validate ?? ((_, _) => HypothesesCheck.Ok)),
        };

    private static TrialRecord Evaluate(Statement s) => TrialRunner.Evaluate(s, s.DefaultConstants(), X, 4, new Seed(3));

    private static Margin M(string name, double value, double tolerance = 0.01) => Margin.Bound(name, value, 1, Tolerance.Bound(tolerance, "toy"));

    [Fact]
    public void AHoldingTrial_KeepsItsWorstMargin()
    {
        var r = Evaluate(With((_, _, _) => MarginSet.Of(M("a", 0.5), M("b", 0.25), M("c", 0.75))));
        Assert.Equal(InstanceOutcome.Holds, r.Outcome);
        Assert.Equal("b", r.Worst!.Name);
        Assert.Null(r.Detail);
        Assert.Equal(4, r.Index);
        Assert.Equal(new Seed(3), r.Seed);
        Assert.Same(X, r.Instance);
        Assert.Equal(3, r.Margins!.Margins.Count);
    }

    [Fact]
    public void ARejectedInstance_NamesTheHypothesis_AndKeepsNothing()
    {
        var r = Evaluate(With((_, _, _) => MarginSet.Of(M("a", 1)), (_, _) => HypothesesCheck.Fail("x in [0, 1/4]")));
        Assert.Equal(InstanceOutcome.Rejected, r.Outcome);
        Assert.Equal("hypothesis not met: x in [0, 1/4]", r.Detail);
        Assert.Null(r.Instance);
        Assert.Null(r.Worst);
        Assert.Null(r.Margins);
    }

    [Fact]
    public void ThrowingValidatorConclusionOrGenerator_AreErrors_NamingTheException()
    {
        var v = Evaluate(With((_, _, _) => MarginSet.Of(M("a", 1)), (_, _) => throw new InvalidOperationException("bad validator")));
        Assert.Equal(InstanceOutcome.Error, v.Outcome);
        Assert.Equal("validator threw InvalidOperationException: bad validator", v.Detail);
        Assert.Same(X, v.Instance);
        Assert.Null(v.Margins);

        var c = Evaluate(With((_, _, _) => throw new ArithmeticException("bad conclusion")));
        Assert.Equal(InstanceOutcome.Error, c.Outcome);
        Assert.Equal("conclusion threw ArithmeticException: bad conclusion", c.Detail);
        Assert.Same(X, c.Instance);

        var none = Evaluate(With((_, _, _) => MarginSet.Of()));
        Assert.Equal(InstanceOutcome.Error, none.Outcome);
        Assert.Equal("the conclusion produced no margin", none.Detail);

        var s = ToyStatements.UniformBelowOne() with { Hypotheses = new Hypotheses("none", _ => throw new NotSupportedException("bad generator"), (_, _) => HypothesesCheck.Ok) };
        var g = TrialRunner.GenerateAndEvaluate(s, s.DefaultConstants(), new Seed(3), 2);
        Assert.Equal(InstanceOutcome.Error, g.Outcome);
        Assert.Equal("generator threw NotSupportedException: bad generator", g.Detail);
        Assert.Null(g.Instance);
        Assert.Equal(2, g.Index);
    }

    [Fact]
    public void AViolationReproducedOnConfirmation_IsConfirmed_WithTheWorstConfirmedMargin()
    {
        var r = Evaluate(With((_, _, p) => p == Precision.Standard
            ? MarginSet.Of(M("a", -0.5), M("b", 1))
            : MarginSet.Of(M("a", -0.25), M("b", -0.75), M("c", 1))));
        Assert.Equal(InstanceOutcome.Confirmed, r.Outcome);
        Assert.Equal("b", r.Worst!.Name);
        Assert.Equal("b = -0.75 < −0.01 (toy), reproduced by the confirmation pass (Precision.Confirm)", r.Detail);
        Assert.Equal(3, r.Margins!.Margins.Count);
    }

    [Fact]
    public void AViolationNotReproduced_OrAConfirmationThatThrows_IsInconclusive()
    {
        var flaky = Evaluate(With((_, _, p) => MarginSet.Of(M("a", p == Precision.Standard ? -0.5 : 0.5), M("b", 0.25))));
        Assert.Equal(InstanceOutcome.Inconclusive, flaky.Outcome);
        Assert.Equal("a violated at standard precision but not on confirmation", flaky.Detail);
        Assert.Equal("a", flaky.Worst!.Name);
        Assert.Equal(2, flaky.Margins!.Margins.Count);

        var throws = Evaluate(With((_, _, p) => p == Precision.Standard ? MarginSet.Of(M("a", -0.5)) : throw new OverflowException("too big")));
        Assert.Equal(InstanceOutcome.Inconclusive, throws.Outcome);
        Assert.Equal("confirmation threw OverflowException: too big", throws.Detail);
        Assert.Equal("a", throws.Worst!.Name);
    }

    [Fact]
    public void AnUncomputableOrUndecidedMargin_IsInconclusive_AndNamed()
    {
        var nan = Evaluate(With((_, _, _) => MarginSet.Of(M("a", 1), M("b", double.NaN), M("c", double.NaN))));
        Assert.Equal(InstanceOutcome.Inconclusive, nan.Outcome);
        Assert.Equal("b could not be computed (NaN)", nan.Detail);

        var strict = Evaluate(With((_, _, _) => MarginSet.Of(M("a", 1), M("s", 0.005) with { IsStrict = true })));
        Assert.Equal(InstanceOutcome.Inconclusive, strict.Outcome);
        Assert.Equal("s = 0.005 is within its tolerance 0.01 of 0: a strict inequality undecided at this precision", strict.Detail);

        // Exactly at −tolerance a non-strict margin holds; just below it is a violation.
        Assert.Equal(InstanceOutcome.Holds, Evaluate(With((_, _, _) => MarginSet.Of(M("a", -0.01)))).Outcome);
        Assert.Equal(InstanceOutcome.Confirmed, Evaluate(With((_, _, _) => MarginSet.Of(M("a", -0.010001)))).Outcome);
    }

    [Fact]
    public void Run_KeepsInstancesOnlyWhereAReaderNeedsThem_AndRecordsTheWeakestTolerance()
    {
        var s = With((x, _, _) => x.Scalar("x") > 0.9
            ? MarginSet.Of(new Margin("nan", double.NaN, Tolerance.Exact))
            : MarginSet.Of(Margin.Bound("h", 1 - x.Scalar("x"), 1, Tolerance.Heuristic(1e-9, "guess")), Margin.Bound("r", 2 - x.Scalar("x"), 2, Tolerance.Bound(1e-15, "bound"))));
        var t = TrialRunner.Run(s, s.DefaultConstants(), new Seed(5), 40, parallelism: 0);
        Assert.Equal(40, t.Trials);
        Assert.Equal(new Seed(5), t.RootSeed);
        Assert.Equal(Enumerable.Range(0, 40), t.Records.Select(r => r.Index));
        Assert.Equal(ToleranceKind.Heuristic, t.WeakestHoldingTolerance);
        Assert.Equal("guess", t.WeakestHoldingToleranceSource);
        var worst = t.Worst!;
        Assert.NotNull(worst.Instance);
        Assert.NotNull(worst.Margins);
        Assert.All(t.Records.Where(r => r.Outcome == InstanceOutcome.Holds && r.Index != worst.Index), r => Assert.Null(r.Instance));
        Assert.All(t.Records.Where(r => r.Outcome == InstanceOutcome.Holds && r.Index != worst.Index), r => Assert.Null(r.Margins));
        Assert.All(t.Records.Where(r => r.Outcome == InstanceOutcome.Inconclusive), r => Assert.NotNull(r.Instance));
        Assert.Contains(t.Records, r => r.Outcome == InstanceOutcome.Inconclusive);
        Assert.Equal(worst.Index, t.Records.Where(r => r.Outcome == InstanceOutcome.Holds).MinBy(r => r.Worst!.Normalized)!.Index);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrialRunner.Run(s, s.DefaultConstants(), new Seed(5), -1));
        Assert.Empty(TrialRunner.Run(s, s.DefaultConstants(), new Seed(5), 0).Records);
    }

    [Fact]
    public void Run_TheWeakestTolerance_IsTheFirstOfTheWeakestKind_AndNullWithoutAHoldingTrial()
    {
        var s = With((x, _, _) => MarginSet.Of(
            Margin.Bound("v", 1, 1, Tolerance.ValidatedEstimate(1e-9, "validated " + (x.Scalar("x") > 0.5 ? "high" : "low"))),
            Margin.Bound("r", 1, 1, Tolerance.Bound(1e-15, "bound"))));
        var t = TrialRunner.Run(s, s.DefaultConstants(), new Seed(5), 10);
        Assert.Equal(ToleranceKind.Validated, t.WeakestHoldingTolerance);
        string firstSource = "validated " + (TrialRunner.GenerateAndEvaluate(s, s.DefaultConstants(), new Seed(5).Split(0), 0).Instance!.Scalar("x") > 0.5 ? "high" : "low");
        Assert.Equal(firstSource, t.WeakestHoldingToleranceSource);

        var rejected = With((_, _, _) => MarginSet.Of(M("a", 1)), (_, _) => HypothesesCheck.Fail("never"));
        var none = TrialRunner.Run(rejected, rejected.DefaultConstants(), new Seed(5), 3);
        Assert.Null(none.WeakestHoldingTolerance);
        Assert.Null(none.WeakestHoldingToleranceSource);
        Assert.Equal(UtilizationState.None, none.Utilization.State);
        Assert.Empty(none.ObservationSeries);
    }

    [Fact]
    public void Run_ObservationSeries_CoverTheFirstTrialsThatWereNotRejected()
    {
        var s = With((x, _, _) => MarginSet.Of(M("a", 1)).WithObservation("x", x.Scalar("x")).WithObservation("one", 1),
            (x, _) => x.Scalar("x") < 0.1 ? HypothesesCheck.Fail("small") : HypothesesCheck.Ok);
        var t = TrialRunner.Run(s, s.DefaultConstants(), new Seed(5), TrialRunner.ObservationSeriesLimit + 20);
        var accepted = t.Records.Where(r => r.Outcome != InstanceOutcome.Rejected && r.Index < TrialRunner.ObservationSeriesLimit).Select(r => r.Index).ToList();
        Assert.True(accepted.Count < TrialRunner.ObservationSeriesLimit, "some of the first trials should be rejected");
        Assert.Equal(["one", "x"], t.ObservationSeries.Keys);
        Assert.Equal(accepted, t.ObservationSeries["x"].Select(p => p.Trial));
        Assert.All(t.ObservationSeries["one"], p => Assert.Equal(1, p.Value));
        Assert.All(t.ObservationSeries["x"], p => Assert.True(p.Value >= 0.1));
    }

    [Fact]
    public void Run_KeepsTheStartsNearestTheBound_OfTheLeastExercisedFamily()
    {
        var s = With((x, _, _) => MarginSet.Of(Margin.Bound("near", 1 - x.Scalar("x"), 1, Tolerance.Bound(1e-15, "b")), Margin.Bound("far", 10 - x.Scalar("x"), 10, Tolerance.Bound(1e-15, "b"))));
        var t = TrialRunner.Run(s, s.DefaultConstants(), new Seed(5), 30, keepStarts: 4);
        Assert.Equal("far", t.Utilization.Least!.Family);
        Assert.Equal(4, t.Starts.Count);
        var expected = t.Records.Select(r => (r.Index, X: TrialRunner.GenerateAndEvaluate(s, s.DefaultConstants(), new Seed(5).Split(r.Index), r.Index).Instance!.Scalar("x")))
            .OrderByDescending(p => p.X).ThenBy(p => p.Index).Take(4).Select(p => p.Index);
        Assert.Equal(expected, t.Starts.Select(r => r.Index));
        Assert.All(t.Starts, r => Assert.NotNull(r.Instance));
        Assert.Empty(TrialRunner.Run(s, s.DefaultConstants(), new Seed(5), 30).Starts);
    }

    [Fact]
    public void StatementRunner_ResolvesConstants_AndNamesTheOverridden()
    {
        var s = ToyStatements.UniformBelowOne();
        var k = StatementRunner.ResolveConstants(s, new Dictionary<string, Rational> { ["bound"] = new(1, 2) });
        Assert.Equal(new Rational(1, 2), k["bound"]);
        Assert.Equal(["bound"], StatementRunner.Overridden(s, k));
        Assert.Empty(StatementRunner.Overridden(s, StatementRunner.ResolveConstants(s, null)));
        Assert.Empty(StatementRunner.Overridden(s, StatementRunner.ResolveConstants(s, new Dictionary<string, Rational> { ["bound"] = Rational.Of(1) })));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => StatementRunner.ResolveConstants(s, new Dictionary<string, Rational> { ["bound"] = Rational.Of(-1) }));
        Assert.Equal("bound", e.ParamName);
        Assert.StartsWith("TOY.UniformBelowOne: bound must be > 0 (given -1)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StatementRunner_RunsVariantsOnTheirOwnSeeds_AndOnlyWhenAsked()
    {
        var s = ToyStatements.UniformBelowOne(trials: 12);
        var r = StatementRunner.Run(s, new RunOptions(new Seed(7), RunObligations: false, SeekBoundary: false));
        Assert.Equal(["BoundTwo", "BoundHalf"], r.Variants.Select(v => v.Variant.Name));
        var alone = StatementRunner.RunVariant(s, s.Variants[1], new Seed(7), 12, 1);
        Assert.Equal(alone.Trials.Records.Select(x => x.Worst?.Value), r.Variants[1].Trials.Records.Select(x => x.Worst?.Value));
        Assert.Equal(new Seed(7).Split("variant:BoundHalf"), alone.Trials.RootSeed);
        Assert.True(r.Variants[0].Refuted);
        Assert.True(r.Variants[0].AsExpected);
        Assert.False(r.Variants[1].Refuted);
        Assert.True(r.Variants[1].AsExpected);
        Assert.Equal(12, r.Variants[0].Trials.Trials);
        Assert.Null(r.AsPrinted);
        Assert.Equal(r.Decision.Verdict, r.Verdict);
        Assert.Empty(r.Obligations);
        Assert.Null(r.Trials.BoundarySearch);

        var noVariants = StatementRunner.Run(s, new RunOptions(new Seed(7), RunVariants: false, RunObligations: false));
        Assert.Empty(noVariants.Variants);
        Assert.NotNull(noVariants.Trials.BoundarySearch);

        // A control whose every trial is rejected is not as expected (it showed nothing).
        var empty = new VariantResult(s.Variants[1], new TrialSummary(new Seed(1), 2, [new TrialRecord(0, new Seed(1), InstanceOutcome.Rejected, null, "r", null, null), new TrialRecord(1, new Seed(1), InstanceOutcome.Rejected, null, "r", null, null)]));
        Assert.False(empty.AsExpected);
    }

    [Fact]
    public void StatementRunner_AnErratumRefuted_IsTheHeadline()
    {
        var erratum = Variant.Erratum("Printed", "printed bound 3", x => x.WithConstantDefault("bound", Rational.Of(3)), trials: 9);
        var s = ToyStatements.UniformBelowOne(trials: 12) with { Variants = [erratum] };
        var r = StatementRunner.Run(s, new RunOptions(new Seed(7), RunObligations: false));
        Assert.Equal(9, r.Variants[0].Trials.Trials);
        Assert.NotNull(r.AsPrinted);
        Assert.Equal(Verdict.Refuted, r.Verdict);
        Assert.Equal(Verdict.HoldsOnTrials, r.Decision.Verdict);

        // With a refuted statement the boundary search does not run (nothing to push toward).
        var refuted = StatementRunner.Run(ToyStatements.UniformBelowOne(trials: 12), new RunOptions(new Seed(7), Overrides: new Dictionary<string, Rational> { ["bound"] = Rational.Of(3) }, RunVariants: false, RunObligations: false));
        Assert.Null(refuted.Trials.BoundarySearch);
        var statistical = StatementRunner.Run(ToyStatements.UniformBelowOne(Checkability.Statistical, trials: 12), new RunOptions(new Seed(7), RunVariants: false, RunObligations: false));
        Assert.Null(statistical.Trials.BoundarySearch);
    }

    [Fact]
    public void Utilization_DescribesEachState()
    {
        Assert.Equal("utilization not measured (no holding trial)", UtilizationSummary.Empty.Describe());
        var unknown = new UtilizationSummary([new MarginUtilization("b", "b", MarginShape.Bound, 0.9, 1, 1), new MarginUtilization("u", "u", MarginShape.Unstated, null, null, 1)]);
        Assert.Equal(UtilizationState.Unknown, unknown.State);
        Assert.Equal("utilization unknown (margin 'u' states no shape)", unknown.Describe());
        Assert.Null(unknown.Value);
        Assert.False(unknown.Approached);
        var equality = new UtilizationSummary([new MarginUtilization("e", "e", MarginShape.Equality, null, null, 3)]);
        Assert.Equal("every conclusion margin is an identity (tight by construction)", equality.Describe());
        Assert.True(equality.Approached);
        Assert.Null(equality.Least);
        var measured = new UtilizationSummary([new MarginUtilization("b", "b", MarginShape.Bound, 0.75, 1, 1), new MarginUtilization("a", "a", MarginShape.Bound, 0.5, 2, 1), new MarginUtilization("e", "e", MarginShape.Equality, null, null, 1)]);
        Assert.Equal(UtilizationState.Measured, measured.State);
        Assert.Equal("a", measured.Least!.Family);
        Assert.Equal(0.5, measured.Value);
        Assert.True(measured.Approached);
        Assert.Equal("bounds approached: least-exercised margin 'a' reached utilization 0.5", measured.Describe());
        var far = new UtilizationSummary([new MarginUtilization("b", "b", MarginShape.Bound, 0.49999, 1, 1), new MarginUtilization("c", "c", MarginShape.Bound, 0.49999, 1, 1)]);
        Assert.False(far.Approached);
        Assert.Equal("b", far.Least!.Family);
        Assert.Equal("bound never approached: margin 'b' reached at most utilization 0.5 (< 0.5) on any trial", far.Describe());
        var unmeasured = new UtilizationSummary([new MarginUtilization("b", "b", MarginShape.Bound, null, null, 1), new MarginUtilization("c", "c", MarginShape.Bound, 0.1, 1, 1)]);
        Assert.Equal("b", unmeasured.Least!.Family);
        Assert.Equal("bound never approached: margin 'b' reached at most utilization NaN (< 0.5) on any trial", unmeasured.Describe());
    }

    [Fact]
    public void UtilizationBuilder_KeepsEachFamilysMaximum_AndSaysWhenItRose()
    {
        var b = new UtilizationSummary.Builder();
        Assert.False(b.Add(0, MarginSet.Of(Margin.Bound("a at t=1", 0.5, 1, Tolerance.Exact), Margin.Equality("e", 1, 1, Tolerance.Exact))));
        Assert.False(b.Add(1, MarginSet.Of(Margin.Bound("a at t=2", 0.75, 1, Tolerance.Exact))));
        Assert.True(b.Add(2, MarginSet.Of(Margin.Bound("a at t=3", 0.25, 1, Tolerance.Exact), new Margin("nan", double.NaN, Tolerance.Exact))));
        var s = b.Build();
        var a = s.Margins.Single(m => m.Family == "a at t=#");
        Assert.Equal("a at t=3", a.Name);
        Assert.Equal(0.75, a.Max);
        Assert.Equal(2, a.Trial);
        Assert.Equal(3, a.Evaluations);
        Assert.Equal(MarginShape.Bound, a.Shape);
        var e = s.Margins.Single(m => m.Family == "e");
        Assert.Equal(MarginShape.Equality, e.Shape);
        Assert.Null(e.Max);
        Assert.Null(e.Trial);
        Assert.DoesNotContain(s.Margins, m => m.Family == "nan");

        // A family whose margins disagree on their shape: unstated if one is unstated, else bound.
        var mixed = new UtilizationSummary.Builder();
        mixed.Add(0, MarginSet.Of(Margin.Equality("m", 1, 1, Tolerance.Exact)));
        mixed.Add(1, MarginSet.Of(Margin.Bound("m", 0.5, 1, Tolerance.Exact)));
        Assert.Equal(MarginShape.Bound, mixed.Build().Margins[0].Shape);
        mixed.Add(2, MarginSet.Of(new Margin("m", 0.5, Tolerance.Exact)));
        Assert.Equal(MarginShape.Unstated, mixed.Build().Margins[0].Shape);

        var seeded = new UtilizationSummary.Builder();
        seeded.Seed(new MarginUtilization("a", "a0", MarginShape.Bound, 0.5, 7, 10));
        Assert.True(seeded.Add(20, MarginSet.Of(Margin.Bound("a", 0.25, 1, Tolerance.Exact))));
        Assert.Equal(new MarginUtilization("a", "a", MarginShape.Bound, 0.75, 20, 11), seeded.Build().Margins[0]);
    }
}
