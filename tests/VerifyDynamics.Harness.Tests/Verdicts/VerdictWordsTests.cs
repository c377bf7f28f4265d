using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Obligations;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Verdicts;

/// <summary>
/// The words of <see cref="VerdictRules"/>: each branch's reason and grade basis in full, since they are what a certificate
/// and a report print (Stryker, reports/mutation/harness-verdicts: string, conditional and <c>??</c> mutants of these
/// sentences survived every test that only checked the verdict and the grade).
/// </summary>
public sealed class VerdictWordsTests
{
    private static readonly ProofResult Proven = new(ProofStatus.Proven, "z3 (toy)", "the negation is unsatisfiable");
    private static readonly ProofResult Unknown = new(ProofStatus.Unknown, "z3 (toy)", "rlimit exhausted");

    private const string ProvenBasis = "every scalar obligation proven by a decision procedure (Z3 or interval subdivision) and every trial holds";

    private static TrialSummary Trials(Statement s, IReadOnlyDictionary<string, Rational>? overrides = null) =>
        TrialRunner.Run(s, StatementRunner.ResolveConstants(s, overrides), new Seed(11), s.DefaultTrials);

    private static List<ObligationRecord> Records(Statement s, ProofResult proof) =>
        [.. s.Obligations.Select(o => new ObligationRecord(o, o.Expect == ObligationExpectation.Holds ? proof : new ProofResult(ProofStatus.Refuted, "z3 (toy)", "model")))];

    private static VerdictDecision Decide(Statement s, IReadOnlyDictionary<string, Rational>? overrides = null, ProofResult? proof = null) =>
        VerdictRules.Decide(s, Trials(s, overrides), Records(s, proof ?? Proven), overrides?.Keys.ToList());

    private static Statement Toy(ToleranceKind kind = ToleranceKind.Rigorous, Checkability checkability = Checkability.Margins) =>
        ToyGradeStatements.WithToleranceKind(kind, checkability);

    /// <summary>The toy's trial text: 16 accepted trials, none rejected, bounds approached (utilization of 1 − x ≥ 0 near 1).</summary>
    private static string TrialText(TrialSummary t) =>
        $"all {t.Accepted} accepted trials hold (0 rejected by the validator); {t.Utilization.Describe()}";

    [Fact]
    public void Certified_ReasonAndBasis_InFull()
    {
        var s = Toy();
        var t = Trials(s);
        var d = VerdictRules.Decide(s, t, Records(s, Proven));
        Assert.Equal($"{TrialText(t)}; all 1 scalar obligations proven", d.Reason);
        Assert.Equal($"{ProvenBasis}; the trials' weakest tolerance is rigorous (toy Rigorous)", d.GradeBasis);
        Assert.Equal("proven", d.GradeText);
        Assert.Empty(d.Assumes);
    }

    [Fact]
    public void CertifiedAlias_BasisNamesTheSharedCheck_AndAPaperReductionDoesNot()
    {
        var alias = Decide(Toy() with { AliasOf = new StatementId("TOY", "Original") });
        Assert.Equal(EvidenceGrade.ProvenAssuming, alias.Grade);
        Assert.Equal($"{ProvenBasis}; the check is shared with TOY.Original; the trials' weakest tolerance is rigorous (toy Rigorous)", alias.GradeBasis);

        var reduction = Decide(ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact, obligationsAreTheStatement: false));
        Assert.Equal(EvidenceGrade.ProvenAssuming, reduction.Grade);
        Assert.Equal($"{ProvenBasis}; the trials' weakest tolerance is exact-arithmetic (toy Exact)", reduction.GradeBasis);
        Assert.Equal("proven assuming " + VerdictRules.PaperReduction, reduction.GradeText);
    }

    [Fact]
    public void Certified_WithoutARecordedTolerance_SaysUnstated()
    {
        // A summary whose weakest holding tolerance was not recorded (null): certified only through the rules' inputs here.
        var s = Toy();
        var t = Trials(s) with { WeakestHoldingTolerance = null, WeakestHoldingToleranceSource = null };
        Assert.Equal(["some margin's tolerance is unstated, not a bound (not recorded)"], VerdictRules.CertificationGaps(s, t, []));
        var d = VerdictRules.Decide(s, t, Records(s, Proven));
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Equal(EvidenceGrade.Sampled, d.Grade);
        Assert.Equal("not certified; the tolerances of the holding trials were not recorded", d.GradeBasis);
        Assert.EndsWith("; all 1 scalar obligations proven, but not certified: some margin's tolerance is unstated, not a bound (not recorded)", d.Reason);
    }

    [Fact]
    public void Certified_WithoutAToleranceSource_NamesOnlyTheKind()
    {
        var s = Toy();
        var t = Trials(s) with { WeakestHoldingToleranceSource = null };
        var d = VerdictRules.Decide(s, t, Records(s, Proven));
        Assert.Equal(Verdict.Certified, d.Verdict);
        Assert.Equal($"{ProvenBasis}; the trials' weakest tolerance is rigorous", d.GradeBasis);
    }

    [Fact]
    public void TrialsWithoutAUtilization_SayNothingOfIt()
    {
        // A summary whose utilization was not measured (no family): the trial text has no utilization clause.
        var s = ToyStatements.UniformBelowOne();
        var seed = new Seed(1);
        var t = new TrialSummary(seed, 1, [new TrialRecord(0, seed, InstanceOutcome.Holds, null, null, null, null)]);
        Assert.Equal("all 1 accepted trials hold (0 rejected by the validator); not certified: the statement has no scalar obligation to prove",
            VerdictRules.Decide(s, t, []).Reason);
    }

    [Fact]
    public void AnOverriddenConstantGap_IsGivenWhole_InTheReason()
    {
        // Only a gap already stated in the trial text is cut at its ':'; the override gap is not, so it is given whole.
        var overrides = new Dictionary<string, Rational> { ["bound"] = new(9, 10) };
        var d = Decide(Toy(), overrides);
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.EndsWith("; all 1 scalar obligations proven, but not certified: constant bound overridden but no obligation depends on it: the proof's scalar steps were not re-derived for the values in force",
            d.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ToleranceKind.Exact, "counterexample exact: x ≤ 1 evaluated in exact arithmetic")]
    [InlineData(ToleranceKind.Rigorous, "counterexample confirmed at higher precision beyond a rigorous error bound (toy Rigorous)")]
    [InlineData(ToleranceKind.Validated, "counterexample confirmed at higher precision beyond a validated a-posteriori error bound (toy Validated)")]
    [InlineData(ToleranceKind.Heuristic, "counterexample confirmed at higher precision, but beyond a heuristic tolerance only (toy Heuristic)")]
    [InlineData(ToleranceKind.Unstated, "counterexample confirmed at higher precision, but beyond a unstated tolerance only (toy Unstated)")]
    public void Refuted_BasisNamesTheCounterexamplesTolerance(ToleranceKind kind, string basis)
    {
        var s = Toy(kind);
        var t = Trials(s, new Dictionary<string, Rational> { ["bound"] = Rational.Of(3) });
        var d = VerdictRules.Decide(s, t, Records(s, Proven));
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.Equal(basis, d.GradeBasis);
        var first = t.Counterexamples.First();
        Assert.Equal($"confirmed counterexample on {t.Count(InstanceOutcome.Confirmed)} of {t.Accepted} accepted trials; first at trial {first.Index}: {first.Detail}", d.Reason);
    }

    [Fact]
    public void Refuted_WithoutACounterexampleMargin_IsUnknown()
    {
        var s = Toy();
        var seed = new Seed(1);
        var t = new TrialSummary(seed, 2, [new TrialRecord(0, seed, InstanceOutcome.Holds, null, null, null, null), new TrialRecord(1, seed.Split(1), InstanceOutcome.Confirmed, null, "no margin kept", null, null)]);
        var d = VerdictRules.Decide(s, t, Records(s, Proven));
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.Equal("confirmed counterexample on 1 of 2 accepted trials; first at trial 1: no margin kept", d.Reason);
        Assert.Equal(EvidenceGrade.Unknown, d.Grade);
        Assert.Equal("no counterexample margin recorded", d.GradeBasis);
    }

    [Fact]
    public void NoTrialRun_AndEveryTrialRejected_AreWordedApart()
    {
        var s = Toy();
        var none = VerdictRules.Decide(s, new TrialSummary(new Seed(1), 0, []), Records(s, Proven));
        Assert.Equal(Verdict.Inconclusive, none.Verdict);
        Assert.Equal("no trial was run", none.Reason);
        Assert.Equal("no usable evidence (verdict inconclusive)", none.GradeBasis);

        var rejected = ToyStatements.UniformBelowOne(trials: 5, accept: _ => false);
        var vacuous = VerdictRules.Decide(rejected, Trials(rejected), []);
        Assert.Equal("no generated instance satisfied the hypotheses (5 rejected): the check would be vacuous", vacuous.Reason);
    }

    [Fact]
    public void NotCheckable_WithAndWithoutAReason()
    {
        var s = Toy() with { Checkability = Checkability.NotCheckable, NotCheckableReason = "an existential constant" };
        var d = VerdictRules.Decide(s, Trials(s), []);
        Assert.Equal(Verdict.NotCheckable, d.Verdict);
        Assert.Equal("an existential constant", d.Reason);
        Assert.Equal("no usable evidence (verdict not-checkable)", d.GradeBasis);
        Assert.Equal("the statement cannot be checked", VerdictRules.Decide(s with { NotCheckableReason = null }, Trials(s), []).Reason);
        Assert.Equal("no check is implemented yet: (no reason given)",
            VerdictRules.Decide(s with { Checkability = Checkability.Pending, NotCheckableReason = null }, Trials(s), []).Reason);
    }

    [Fact]
    public void ErroredAndInconclusiveTrials_NameTheFirst()
    {
        var s = Toy() with
        {
            Conclusion = (x, k, p) => x.Scalar("x") > 0.5
                ? throw new InvalidOperationException("toy failure")
                : MarginSet.Of(Margin.Bound("x ≤ 1", 1 - x.Scalar("x"), 1, Tolerance.Bound(1e-15, "toy"))),
        };
        var t = Trials(s);
        var firstError = t.Errors.First();
        var d = VerdictRules.Decide(s, t, Records(s, Proven));
        Assert.Equal($"{t.Count(InstanceOutcome.Error)} trial(s) failed to evaluate; first: {firstError.Detail}", d.Reason);

        var n = Toy() with
        {
            Conclusion = (x, k, p) => MarginSet.Of(Margin.Bound("x ≤ 1", x.Scalar("x") > 0.5 ? double.NaN : 1 - x.Scalar("x"), 1, Tolerance.Bound(1e-15, "toy"))),
        };
        var tn = Trials(n);
        var first = tn.Records.First(r => r.Outcome == InstanceOutcome.Inconclusive);
        Assert.Equal($"{tn.Count(InstanceOutcome.Inconclusive)} trial(s) inconclusive; first at trial {first.Index}: {first.Detail}", VerdictRules.Decide(n, tn, Records(n, Proven)).Reason);
    }

    [Fact]
    public void Construction_Conjecture_Statistical_Trend_ReasonsAndBases()
    {
        var c = Decide(Toy(ToleranceKind.Rigorous, Checkability.Construction));
        Assert.Equal("the claimed failure appears on 16 constructed instances", c.Reason);
        Assert.Equal("every margin of the 16 holding trials holds within a rigorous error bound (weakest: toy Rigorous)", c.GradeBasis);

        var conjecture = Toy(ToleranceKind.Rigorous, Checkability.Conjecture);
        var tc = Trials(conjecture);
        var j = VerdictRules.Decide(conjecture, tc, Records(conjecture, Proven));
        Assert.Equal($"{TrialText(tc)}; a conjecture is never certified", j.Reason);
        Assert.Equal("conjecture evidence from sampled instances", j.GradeBasis);

        var trend = Toy(ToleranceKind.Rigorous, Checkability.Trend);
        var tt = Trials(trend);
        var r = VerdictRules.Decide(trend, tt, Records(trend, Proven));
        Assert.Equal($"{TrialText(tt)}; trend evidence is never certified", r.Reason);
        Assert.Equal("trend evidence from sampled instances", r.GradeBasis);
        Assert.Equal("statistical evidence from sampled instances", Decide(Toy(ToleranceKind.Rigorous, Checkability.Statistical)).GradeBasis);
    }

    [Fact]
    public void HoldsOnTrials_Bases_ForEachFidelityAndTolerance()
    {
        var substitute = Decide(Toy() with { Fidelity = Fidelity.Substitute("a toy stand-in") });
        Assert.Equal(EvidenceGrade.Sampled, substitute.Grade);
        Assert.Equal("a substitute check: a toy stand-in: evidence about the statement itself is at most sampled", substitute.GradeBasis);
        Assert.StartsWith("a substitute check: a toy stand-in: all 16 accepted trials hold", substitute.Reason, StringComparison.Ordinal);
        Assert.EndsWith("; all 1 scalar obligations proven, but not certified: the check is not of the statement as printed", substitute.Reason, StringComparison.Ordinal);

        var restricted = Decide(Toy() with { Fidelity = Fidelity.Restricted("x ≤ 1/2 only") });
        Assert.Equal("not certified; restricted to x ≤ 1/2 only; every margin of the 16 holding trials holds within a rigorous error bound (weakest: toy Rigorous)", restricted.GradeBasis);

        var heuristic = Decide(Toy(ToleranceKind.Heuristic));
        Assert.Equal("not certified; some margin's tolerance is heuristic, not a proven error bound (toy Heuristic)", heuristic.GradeBasis);
        Assert.EndsWith("; all 1 scalar obligations proven, but not certified: some margin's tolerance is heuristic, not a bound (toy Heuristic)", heuristic.Reason, StringComparison.Ordinal);

        var open = Decide(Toy(), proof: Unknown);
        Assert.Equal("not certified; every margin of the 16 holding trials holds within a rigorous error bound (weakest: toy Rigorous)", open.GradeBasis);
        Assert.EndsWith("; 1 of 1 obligations not proven (TOY1: unknown, rlimit exhausted)", open.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void BoundNeverApproached_IsTheGap_NamedOnceByItsFirstClause()
    {
        // x ≤ 4 for x in [0, 1]: utilization at most 1/4, so every proven obligation still leaves the gap "bound never approached".
        var s = Toy() with { Conclusion = (x, k, p) => MarginSet.Of(Margin.Bound("x ≤ 4", 4 - x.Scalar("x"), 4, Tolerance.Bound(1e-15, "toy"))) };
        var t = Trials(s);
        Assert.False(t.Utilization.Approached);
        var gaps = VerdictRules.CertificationGaps(s, t, []);
        Assert.Equal([t.Utilization.Describe()], gaps);
        var d = VerdictRules.Decide(s, t, Records(s, Proven));
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Equal($"{TrialText(t)}; all 1 scalar obligations proven, but not certified: bound never approached", d.Reason);
    }

    [Fact]
    public void TwoOverriddenConstants_AreNamedInThePlural()
    {
        var extra = new NamedConstant("spare", Rational.Of(5), "a constant no obligation names");
        var s = Toy() with { Constants = [ToyStatements.Bound, extra] };
        var overrides = new Dictionary<string, Rational> { ["bound"] = new(9, 10), ["spare"] = Rational.Of(6) };
        var gaps = VerdictRules.CertificationGaps(s, Trials(s, overrides), ["bound", "spare"]);
        Assert.Equal(["constants bound, spare overridden but no obligation depends on them: the proof's scalar steps were not re-derived for the values in force"], gaps);
        Assert.Equal(["constant spare overridden but no obligation depends on it: the proof's scalar steps were not re-derived for the values in force"],
            VerdictRules.CertificationGaps(s, Trials(s), ["spare"]));
    }

    [Fact]
    public void Ceilings_InFull()
    {
        Assert.Equal((EvidenceGrade.NumericalWithErrorBound, "the check is restricted to x ≤ 1/2 only: at best numerical with an error bound, never certified"),
            VerdictRules.Ceiling(Toy() with { Fidelity = Fidelity.Restricted("x ≤ 1/2 only") }));
        Assert.Equal((EvidenceGrade.Sampled, "fidelity not declared: at best sampled evidence, never certified"),
            VerdictRules.Ceiling(Toy() with { Fidelity = Fidelity.Undeclared }));
        Assert.Equal((EvidenceGrade.Unknown, "the statement is not checked"), VerdictRules.Ceiling(Toy() with { Checkability = Checkability.NotCheckable }));
        Assert.Equal((EvidenceGrade.Unknown, "the statement is not checked"), VerdictRules.Ceiling(Toy() with { Checkability = Checkability.Pending }));
        Assert.Equal((EvidenceGrade.Sampled, "statistical evidence is sampled evidence"), VerdictRules.Ceiling(Toy(checkability: Checkability.Statistical)));
        Assert.Equal((EvidenceGrade.Sampled, "trend evidence is sampled evidence"), VerdictRules.Ceiling(Toy(checkability: Checkability.Trend)));
        Assert.Equal((EvidenceGrade.Sampled, "conjecture evidence is sampled evidence"), VerdictRules.Ceiling(Toy(checkability: Checkability.Conjecture)));
        Assert.Equal((EvidenceGrade.Proven, "if every obligation is proven and every trial holds"), VerdictRules.Ceiling(Toy()));
        Assert.Equal((EvidenceGrade.ProvenAssuming, "if every obligation is proven and every trial holds; assumes TOY.Original, Weyl's inequality"),
            VerdictRules.Ceiling(Toy() with { AliasOf = new StatementId("TOY", "Original"), AssumedLemmas = ["Weyl's inequality", "TOY.Original"] }));
        Assert.Equal((EvidenceGrade.NumericalWithErrorBound, "no scalar obligation: at best numerical, if every margin's tolerance is a bound"),
            VerdictRules.Ceiling(Toy() with { Obligations = [] }));
        Assert.Equal((EvidenceGrade.NumericalWithErrorBound, "no scalar obligation: at best numerical, if every margin's tolerance is a bound"),
            VerdictRules.Ceiling(Toy(checkability: Checkability.Construction)));
    }

    [Fact]
    public void AsPrinted_ReasonAndBasis()
    {
        var s = Toy();
        var erratum = Variant.Erratum("PrintedBound", "the bound as printed is 3", x => x.WithConstantDefault("bound", Rational.Of(3)));
        var printed = erratum.Apply(s);
        var erratumTrials = Trials(printed);
        var corrected = VerdictRules.Decide(s, Trials(s), Records(s, Proven));
        var d = VerdictRules.DecideAsPrinted(s, erratum, erratumTrials, corrected);
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.Equal($"as printed (PrintedBound: the bound as printed is 3): {erratumTrials.Count(InstanceOutcome.Confirmed)} confirmed counterexample(s); the corrected form is certified", d.Reason);
        Assert.Equal("as printed: counterexample confirmed at higher precision beyond a rigorous error bound (toy Rigorous)", d.GradeBasis);
        Assert.Equal(EvidenceGrade.NumericalWithErrorBound, d.Grade);
    }

    [Fact]
    public void AsPrinted_WithoutAConfirmedCounterexample_IsUnknown()
    {
        // DecideAsPrinted is public: given erratum trials with no confirmed record it grades by the missing margin, not by throwing.
        var s = Toy();
        var erratum = Variant.Erratum("PrintedBound", "the bound as printed is 3", x => x.WithConstantDefault("bound", Rational.Of(3)));
        var seed = new Seed(1);
        var none = new TrialSummary(seed, 1, [new TrialRecord(0, seed, InstanceOutcome.Holds, null, null, null, null)]);
        var corrected = VerdictRules.Decide(s, Trials(s), Records(s, Proven));
        var d = VerdictRules.DecideAsPrinted(s, erratum, none, corrected);
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.Equal("as printed (PrintedBound: the bound as printed is 3): 0 confirmed counterexample(s); the corrected form is certified", d.Reason);
        Assert.Equal(EvidenceGrade.Unknown, d.Grade);
        Assert.Equal("as printed: no counterexample margin recorded", d.GradeBasis);
    }

    [Fact]
    public void HoldsOnTrials_BasisSaysNotCertified_OnlyWhenSomeObligationMustHold()
    {
        const string Rigorous = "every margin of the 16 holding trials holds within a rigorous error bound (weakest: toy Rigorous)";
        // No obligation at all: nothing was left unproven, so the basis does not say "not certified".
        var none = Decide(Toy() with { Obligations = [] });
        Assert.Equal(Verdict.HoldsOnTrials, none.Verdict);
        Assert.Equal(Rigorous, none.GradeBasis);

        // One must-hold obligation left open beside a must-fail one: "not certified", though not every obligation must hold.
        var mustFail = new ObligationSpec("TOY1-wrong", "toy", "forall x in [0, 1]: x*x <= x/2", ObligationExpectation.Fails);
        var mixed = Decide(Toy() with { Obligations = [ToyGradeStatements.Obligation, mustFail] }, proof: Unknown);
        Assert.Equal(Verdict.HoldsOnTrials, mixed.Verdict);
        Assert.Equal("not certified; " + Rigorous, mixed.GradeBasis);
    }

    [Fact]
    public void TwoGaps_AreJoinedBySemicolons_InTheReason()
    {
        // A restricted check with a heuristic tolerance: two gaps, each said once, separated by "; ".
        var d = Decide(Toy(ToleranceKind.Heuristic) with { Fidelity = Fidelity.Restricted("x ≤ 1/2 only") });
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.EndsWith("; all 1 scalar obligations proven, but not certified: the check is not of the statement as printed; some margin's tolerance is heuristic, not a bound (toy Heuristic)",
            d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ADecisionWithoutAGrade_SaysSo()
    {
        var d = new VerdictDecision(Verdict.HoldsOnTrials, "r");
        Assert.Equal(EvidenceGrade.Unknown, d.Grade);
        Assert.Equal("no grade was decided", d.GradeBasis);
        Assert.Equal("unknown", d.GradeText);
    }

    [Fact]
    public void Words_OfEveryVerdictAndGrade_RoundTrip()
    {
        string[] verdicts = ["certified", "holds-on-trials", "refuted", "construction-reproduced", "conjecture-supported", "inconclusive", "not-checkable"];
        Assert.Equal(verdicts, Enum.GetValues<Verdict>().Select(v => v.ToKebab()));
        Assert.All(Enum.GetValues<Verdict>(), v => Assert.Equal(v, VerdictExtensions.FromKebab(v.ToKebab())));
        Assert.Null(VerdictExtensions.FromKebab("holds"));
        Assert.Null(VerdictExtensions.FromKebab(null));
        Assert.Equal([Verdict.Certified, Verdict.HoldsOnTrials, Verdict.ConstructionReproduced, Verdict.ConjectureSupported],
            Enum.GetValues<Verdict>().Where(v => v.IsPass()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((Verdict)99).ToKebab());

        string[] grades = ["unknown", "sampled", "numerical-with-error-bound", "proven-assuming", "proven"];
        Assert.Equal(grades, Enum.GetValues<EvidenceGrade>().Select(g => g.ToKebab()));
        Assert.All(Enum.GetValues<EvidenceGrade>(), g => Assert.Equal(g, EvidenceGradeExtensions.ParseKebab(g.ToKebab())));
        Assert.Equal(EvidenceGrade.Unknown, EvidenceGradeExtensions.ParseKebab("proved"));
        Assert.Equal(EvidenceGrade.Unknown, EvidenceGradeExtensions.ParseKebab(null));
        Assert.Equal(EvidenceGrade.Unknown, EvidenceGradeExtensions.ParseKebab(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((EvidenceGrade)99).ToKebab());
        Assert.Equal("proven assuming A, B", EvidenceGrade.ProvenAssuming.Describe(["A", "B"]));
        Assert.Equal("numerical with an error bound", EvidenceGrade.NumericalWithErrorBound.Describe([]));
        Assert.Equal("sampled", EvidenceGrade.Sampled.Describe([]));
        Assert.Equal("proven", EvidenceGrade.Proven.Describe(["ignored"]));
    }
}
