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
/// Every branch of <see cref="VerdictRules.Decide"/>, each pinned by verdict, grade and the words of the reason, on the toy
/// statements (issue 15: "must-fail obligations treated as must-hold" and "errored trials ignored" went unnoticed).
/// The decision is taken directly from trials and obligation records, so no prover runs.
/// </summary>
public sealed class VerdictBranchTests
{
    private static readonly ProofResult Proven = new(ProofStatus.Proven, "z3 (toy)", "the negation is unsatisfiable");
    private static readonly ProofResult Refuted = new(ProofStatus.Refuted, "z3 (toy)", "model re-checked");

    private static readonly ObligationSpec MustFail = new("TOY1-wrong", "toy", "forall x in [0, 1]: x*x <= x/2", ObligationExpectation.Fails);

    private static Statement Certifiable() => ToyGradeStatements.WithToleranceKind(ToleranceKind.Rigorous);

    private static TrialSummary Trials(Statement s, IReadOnlyDictionary<string, Rational>? overrides = null) =>
        TrialRunner.Run(s, StatementRunner.ResolveConstants(s, overrides), new Seed(11), s.DefaultTrials);

    /// <summary>Records for every obligation: must-hold ones proven, must-fail ones refuted (the expected outcome of both).</summary>
    private static List<ObligationRecord> AsExpected(Statement s) =>
        [.. s.Obligations.Select(o => new ObligationRecord(o, o.Expect == ObligationExpectation.Holds ? Proven : Refuted))];

    private static VerdictDecision Decide(Statement s, IReadOnlyDictionary<string, Rational>? overrides = null) =>
        VerdictRules.Decide(s, Trials(s, overrides), AsExpected(s), overrides?.Keys.ToList());

    [Fact]
    public void Baseline_TheToyIsCertified()
    {
        var d = Decide(Certifiable());
        Assert.Equal(Verdict.Certified, d.Verdict);
        Assert.Equal(EvidenceGrade.Proven, d.Grade);
        Assert.Contains("all 1 scalar obligations proven", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void MustFailObligation_BesideMustHoldOnes_StillAllowsCertified()
    {
        // A must-fail obligation records a wrong variant of a proof step; its refutation is the expected outcome and is
        // not one of the obligations the certificate needs proven.
        var s = Certifiable() with { Obligations = [ToyGradeStatements.Obligation, MustFail] };
        var d = Decide(s);
        Assert.Equal(Verdict.Certified, d.Verdict);
        Assert.Equal(EvidenceGrade.Proven, d.Grade);
        Assert.Contains("all 1 scalar obligations proven", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlyMustFailObligations_IsNotCertified()
    {
        var s = Certifiable() with { Obligations = [MustFail] };
        var d = Decide(s);
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Contains("no scalar obligation to prove", d.Reason, StringComparison.Ordinal);
        Assert.Equal(EvidenceGrade.NumericalWithErrorBound, d.Grade);
    }

    [Fact]
    public void ErroredTrials_MakeTheVerdictInconclusive_EvenWithEveryObligationProven()
    {
        var s = Certifiable() with
        {
            Conclusion = (x, k, p) => x.Scalar("x") > 0.8
                ? throw new InvalidOperationException("toy failure")
                : MarginSet.Of(Margin.Bound("x ≤ 1", 1 - x.Scalar("x"), 1, Tolerance.Bound(1e-15, "toy"))),
        };
        var trials = Trials(s);
        Assert.True(trials.Count(InstanceOutcome.Error) > 0, "the toy should have errored trials");
        Assert.True(trials.Count(InstanceOutcome.Holds) > 0, "the toy should have holding trials too");
        var d = VerdictRules.Decide(s, trials, AsExpected(s));
        Assert.Equal(Verdict.Inconclusive, d.Verdict);
        Assert.Equal(EvidenceGrade.Unknown, d.Grade);
        Assert.Contains("failed to evaluate", d.Reason, StringComparison.Ordinal);
        Assert.Contains("toy failure", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void InconclusiveTrials_MakeTheVerdictInconclusive()
    {
        var s = Certifiable() with
        {
            Conclusion = (x, k, p) => MarginSet.Of(Margin.Bound("x ≤ 1", x.Scalar("x") > 0.8 ? double.NaN : 1 - x.Scalar("x"), 1, Tolerance.Bound(1e-15, "toy"))),
        };
        var d = Decide(s);
        Assert.Equal(Verdict.Inconclusive, d.Verdict);
        Assert.Equal(EvidenceGrade.Unknown, d.Grade);
        Assert.Contains("inconclusive", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void RefutedConstruction_SaysTheConstructionDidNotShowTheFailure()
    {
        var s = ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact, Checkability.Construction);
        var d = Decide(s, new Dictionary<string, Rational> { ["bound"] = Rational.Of(3) });
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.StartsWith("the construction did not show the claimed failure", d.Reason, StringComparison.Ordinal);
        Assert.Equal(EvidenceGrade.Proven, d.Grade);
    }

    [Fact]
    public void ReproducedConstruction_IsNumericalWithAnErrorBound()
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(ToleranceKind.Rigorous, Checkability.Construction));
        Assert.Equal(Verdict.ConstructionReproduced, d.Verdict);
        Assert.Equal(EvidenceGrade.NumericalWithErrorBound, d.Grade);
    }

    [Theory]
    [InlineData(ToleranceKind.Exact, EvidenceGrade.Proven)]
    [InlineData(ToleranceKind.Rigorous, EvidenceGrade.NumericalWithErrorBound)]
    [InlineData(ToleranceKind.Validated, EvidenceGrade.NumericalWithErrorBound)]
    [InlineData(ToleranceKind.Heuristic, EvidenceGrade.Sampled)]
    public void RefutedMargins_AreGradedByTheCounterexamplesTolerance(ToleranceKind kind, EvidenceGrade grade)
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(kind), new Dictionary<string, Rational> { ["bound"] = Rational.Of(3) });
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.StartsWith("confirmed counterexample on", d.Reason, StringComparison.Ordinal);
        Assert.Equal(grade, d.Grade);
    }

    [Theory]
    [InlineData(Checkability.Statistical, "statistical evidence is never certified")]
    [InlineData(Checkability.Trend, "trend evidence is never certified")]
    public void StatisticalAndTrendEvidence_HoldOnTrials_AreSampled_AndNeverCertified(Checkability checkability, string words)
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact, checkability));
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Contains(words, d.Reason, StringComparison.Ordinal);
        Assert.Equal(EvidenceGrade.Sampled, d.Grade);
    }

    [Fact]
    public void StatisticalRefutation_IsSampled_EvenWithAnExactMargin()
    {
        var s = ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact, Checkability.Statistical);
        var d = Decide(s, new Dictionary<string, Rational> { ["bound"] = Rational.Of(3) });
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.Equal(EvidenceGrade.Sampled, d.Grade);
        Assert.Contains("statistical rejection", d.GradeBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void Conjecture_IsSupported_AndSampled()
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact, Checkability.Conjecture));
        Assert.Equal(Verdict.ConjectureSupported, d.Verdict);
        Assert.Equal(EvidenceGrade.Sampled, d.Grade);
    }

    [Fact]
    public void RestrictedFidelity_WithEverythingElseCertifiable_HoldsOnTrials_NumericalWithAnErrorBound()
    {
        var restricted = Fidelity.Restricted("x ≤ 1/2 only");
        var d = Decide(Certifiable() with { Fidelity = restricted });
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.StartsWith(restricted.Phrase + ": ", d.Reason, StringComparison.Ordinal);
        Assert.Contains("all 1 scalar obligations proven, but not certified", d.Reason, StringComparison.Ordinal);
        Assert.Equal(EvidenceGrade.NumericalWithErrorBound, d.Grade);
        Assert.Contains(restricted.Phrase, d.GradeBasis, StringComparison.Ordinal);
        Assert.Contains(restricted.Phrase, VerdictRules.CertificationGaps(Certifiable() with { Fidelity = restricted }, Trials(Certifiable()), []));
        Assert.Equal(EvidenceGrade.NumericalWithErrorBound, VerdictRules.Ceiling(Certifiable() with { Fidelity = restricted }).Grade);
    }

    [Fact]
    public void SubstituteFidelity_HasASampledCeiling_NamingTheSubstitute()
    {
        // Stryker (reports/mutation/harness): Ceiling's Restricted test alone let "restricted ? … : …" be made always true,
        // which would advertise a substitute check as able to reach numerical-with-an-error-bound.
        var substitute = Fidelity.Substitute("a toy stand-in for the statement");
        var (grade, why) = VerdictRules.Ceiling(Certifiable() with { Fidelity = substitute });
        Assert.Equal(EvidenceGrade.Sampled, grade);
        Assert.Equal($"{substitute.Phrase}: at best sampled evidence, never certified", why);
    }

    [Fact]
    public void ValidatedTolerance_IsABound_SoItIsCertified_AndTheGradeNamesIt()
    {
        // Stryker (reports/mutation/harness): "kind < Validated" made "kind <= Validated" survived: a validated a-posteriori
        // tolerance would then count as "not a bound" and block certification.
        var s = ToyGradeStatements.WithToleranceKind(ToleranceKind.Validated);
        var d = Decide(s);
        Assert.Equal(Verdict.Certified, d.Verdict);
        Assert.Equal(EvidenceGrade.Proven, d.Grade);
        Assert.Contains("; the trials' weakest tolerance is validated a-posteriori (toy Validated)", d.GradeBasis, StringComparison.Ordinal);
        Assert.Empty(VerdictRules.CertificationGaps(s, Trials(s), []));
    }

    [Fact]
    public void HeuristicTolerance_IsTheNamedCertificationGap()
    {
        var s = ToyGradeStatements.WithToleranceKind(ToleranceKind.Heuristic);
        var gaps = VerdictRules.CertificationGaps(s, Trials(s), []);
        Assert.Equal(["some margin's tolerance is heuristic, not a bound (toy Heuristic)"], gaps);
        var d = Decide(s);
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Equal(EvidenceGrade.Sampled, d.Grade);
    }

    [Fact]
    public void OverriddenConstant_ThatNoObligationNames_IsNotCertified()
    {
        var overrides = new Dictionary<string, Rational> { ["bound"] = new(9, 10) };
        var d = Decide(Certifiable(), overrides);
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Contains("constant bound overridden but no obligation depends on it", d.Reason, StringComparison.Ordinal);
        // The same trials without the override listed are certified: the override alone makes the difference.
        Assert.Equal(Verdict.Certified, VerdictRules.Decide(Certifiable(), Trials(Certifiable(), overrides), AsExpected(Certifiable())).Verdict);
    }

    [Fact]
    public void OverriddenConstant_NamedOnlyByAMustFailObligation_IsNotCertified()
    {
        var s = Certifiable() with
        {
            Obligations = [ToyGradeStatements.Obligation, new ObligationSpec("TOY-k-wrong", "toy", "forall x in [0, {bound}]: x*x <= x/2", ObligationExpectation.Fails)],
        };
        var d = Decide(s, new Dictionary<string, Rational> { ["bound"] = new(9, 10) });
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Contains("overridden but no obligation depends on it", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OverriddenConstant_NamedByAMustHoldObligation_IsCertified()
    {
        var s = Certifiable() with { Obligations = [new ObligationSpec("TOY-k", "toy", "forall x in [0, {bound}]: x*x <= x")] };
        var d = Decide(s, new Dictionary<string, Rational> { ["bound"] = new(9, 10) });
        Assert.Equal(Verdict.Certified, d.Verdict);
    }

    [Fact]
    public void RefutedMustHoldObligation_IsAGapInTheProof_NotInTheStatement()
    {
        var s = Certifiable();
        var d = VerdictRules.Decide(s, Trials(s), [new ObligationRecord(ToyGradeStatements.Obligation, Refuted)]);
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Contains("obligation TOY1 was refuted", d.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Pending_IsInconclusive_WithTheReason()
    {
        var s = Certifiable() with { Checkability = Checkability.Pending, NotCheckableReason = "needs a solver" };
        var d = Decide(s);
        Assert.Equal(Verdict.Inconclusive, d.Verdict);
        Assert.Equal("no check is implemented yet: needs a solver", d.Reason);
        Assert.Equal(EvidenceGrade.Unknown, d.Grade);
    }
}
