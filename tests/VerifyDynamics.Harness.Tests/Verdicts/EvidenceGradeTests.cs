using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Obligations;
using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Verdicts;

/// <summary>The evidence-grade rules of <see cref="VerdictRules"/> on toy statements whose truth is known.</summary>
public sealed class EvidenceGradeTests
{
    private static readonly ProofResult ProvenByZ3 = new(ProofStatus.Proven, "z3 (toy)", "the negation is unsatisfiable");
    private static readonly ProofResult SkippedNoZ3 = new(ProofStatus.Skipped, "none", "libz3.so.4 not found (or VD_DISABLE_Z3=1)");
    private static readonly ProofResult UnknownRlimit = new(ProofStatus.Unknown, "z3 (toy)", "rlimit exhausted");

    private static TrialSummary Trials(Statement s, IReadOnlyDictionary<string, Rational>? overrides = null) =>
        TrialRunner.Run(s, StatementRunner.ResolveConstants(s, overrides), new Seed(11), s.DefaultTrials);

    private static VerdictDecision Decide(Statement s, ProofResult? proof, IReadOnlyDictionary<string, Rational>? overrides = null) =>
        VerdictRules.Decide(s, Trials(s, overrides), proof is null ? [] : [.. s.Obligations.Select(o => new ObligationRecord(o, proof))]);

    [Fact]
    public void Certified_WithEveryObligationProven_IsProven()
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(ToleranceKind.Rigorous), ProvenByZ3);
        Assert.Equal(Verdict.Certified, d.Verdict);
        Assert.Equal(EvidenceGrade.Proven, d.Grade);
    }

    [Theory]
    [InlineData(ProofStatus.Skipped)]
    [InlineData(ProofStatus.Unknown)]
    [InlineData(ProofStatus.Refuted)]
    public void AnObligationNotProven_NeverYieldsProven(ProofStatus status)
    {
        // libz3 absent or VD_DISABLE_Z3=1 gives Skipped: the grade falls to what the trials alone show.
        var proof = status switch
        {
            ProofStatus.Skipped => SkippedNoZ3,
            ProofStatus.Unknown => UnknownRlimit,
            _ => new ProofResult(ProofStatus.Refuted, "z3 (toy)", "model re-checked"),
        };
        foreach (var kind in Enum.GetValues<ToleranceKind>())
        {
            var d = Decide(ToyGradeStatements.WithToleranceKind(kind), proof);
            Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
            Assert.True(d.Grade < EvidenceGrade.ProvenAssuming, $"{status} with {kind} tolerances gave {d.Grade}");
            Assert.Contains("not certified", d.GradeBasis, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Certified_WhoseObligationsAreProofSteps_IsProvenAssumingThePapersReduction()
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(ToleranceKind.Rigorous, obligationsAreTheStatement: false), ProvenByZ3);
        Assert.Equal(Verdict.Certified, d.Verdict);
        Assert.Equal(EvidenceGrade.ProvenAssuming, d.Grade);
        Assert.Equal([VerdictRules.PaperReduction], d.Assumes);
        Assert.Contains("reduction", d.GradeText, StringComparison.Ordinal);
        Assert.Equal(EvidenceGrade.ProvenAssuming,
            VerdictRules.Ceiling(ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact, obligationsAreTheStatement: false)).Grade);
    }

    [Fact]
    public void Alias_OrAssumedLemma_IsProvenAssumingThem_NamedInTheGrade()
    {
        var s = ToyGradeStatements.WithToleranceKind(ToleranceKind.Rigorous);
        var alias = Decide(s with { AliasOf = new StatementId("TOY", "Original") }, ProvenByZ3);
        Assert.Equal(EvidenceGrade.ProvenAssuming, alias.Grade);
        Assert.Equal(["TOY.Original"], alias.Assumes);
        Assert.Equal("proven assuming TOY.Original", alias.GradeText);

        var assumed = Decide(s with { AssumedLemmas = ["Weyl's inequality"] }, ProvenByZ3);
        Assert.Equal(EvidenceGrade.ProvenAssuming, assumed.Grade);
        Assert.Contains("Weyl's inequality", assumed.GradeText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ToleranceKind.Exact, EvidenceGrade.NumericalWithErrorBound)]
    [InlineData(ToleranceKind.Rigorous, EvidenceGrade.NumericalWithErrorBound)]
    [InlineData(ToleranceKind.Validated, EvidenceGrade.NumericalWithErrorBound)]
    [InlineData(ToleranceKind.Heuristic, EvidenceGrade.Sampled)]
    [InlineData(ToleranceKind.Unstated, EvidenceGrade.Sampled)]
    public void HoldsOnTrials_IsGradedByItsWeakestTolerance(ToleranceKind kind, EvidenceGrade expected)
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(kind) with { Obligations = [] }, null);
        Assert.Equal(Verdict.HoldsOnTrials, d.Verdict);
        Assert.Equal(expected, d.Grade);
    }

    [Fact]
    public void OneUnstatedToleranceAmongRigorousOnes_MakesItSampled()
    {
        var s = ToyStatements.UniformBelowOne(trials: 8) with
        {
            Conclusion = (x, k, p) => MarginSet.Of(
                Margin.AtMost("x ≤ 1", x.Scalar("x"), 1),
                new Margin("x ≥ 0", x.Scalar("x"), Tolerance.FromRounding(4, 1, "1").Plus(Tolerance.Declared(ToleranceKind.Unstated, 1e-16, "hand-made")))),
        };
        Assert.Equal(EvidenceGrade.Sampled, Decide(s, null).Grade);
    }

    [Theory]
    [InlineData(Checkability.Statistical)]
    [InlineData(Checkability.Trend)]
    [InlineData(Checkability.Conjecture)]
    public void StatisticalTrendConjecture_AreSampled_EvenWithExactMarginsAndProvenObligations(Checkability checkability)
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact, checkability), ProvenByZ3);
        Assert.Equal(EvidenceGrade.Sampled, d.Grade);
    }

    [Theory]
    [InlineData(ToleranceKind.Exact, EvidenceGrade.Proven)]
    [InlineData(ToleranceKind.Rigorous, EvidenceGrade.NumericalWithErrorBound)]
    [InlineData(ToleranceKind.Heuristic, EvidenceGrade.Sampled)]
    public void Refuted_IsGradedByTheCounterexamplesEvidence(ToleranceKind kind, EvidenceGrade expected)
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(kind), ProvenByZ3, new Dictionary<string, Rational> { ["bound"] = Rational.Of(3) });
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.Equal(expected, d.Grade);
        Assert.StartsWith("counterexample", d.GradeBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void StatisticalRefutation_IsSampled()
    {
        var d = Decide(ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact, Checkability.Statistical), null, new Dictionary<string, Rational> { ["bound"] = Rational.Of(3) });
        Assert.Equal(Verdict.Refuted, d.Verdict);
        Assert.Equal(EvidenceGrade.Sampled, d.Grade);
    }

    [Fact]
    public void InconclusiveAndNotCheckable_AreUnknown()
    {
        var vacuous = ToyStatements.UniformBelowOne(accept: _ => false);
        Assert.Equal(EvidenceGrade.Unknown, Decide(vacuous, null).Grade);
        var nc = ToyStatements.UniformBelowOne(Checkability.NotCheckable) with { NotCheckableReason = "existential" };
        Assert.Equal(EvidenceGrade.Unknown, Decide(nc, null).Grade);
    }

    [Fact]
    public void RefutedErratum_GradesTheHeadlineByTheErratumCounterexample_AndKeepsTheCorrectedGrade()
    {
        var s = ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact) with
        {
            Obligations = [],
            Variants = [Variant.Erratum("Printed", "as printed: bound 2", st => st.WithConstantDefault("bound", Rational.Of(2)))],
        };
        var r = StatementRunner.Run(s, new RunOptions(new Seed(3), RunObligations: false));
        Assert.Equal(EvidenceGrade.Proven, r.AsPrinted!.Grade);
        Assert.StartsWith("as printed: counterexample exact", r.AsPrinted.GradeBasis, StringComparison.Ordinal);
        Assert.Equal(EvidenceGrade.NumericalWithErrorBound, r.Decision.Grade);
    }

    [Fact]
    public void ADecisionBuiltOutsideTheRules_IsUnknown()
    {
        Assert.Equal(EvidenceGrade.Unknown, new VerdictDecision(Verdict.Certified, "made up").Grade);
    }

    [Fact]
    public void Certificate_RecordsTheGrade_AndTheSummaryReadsItBack_MissingOrUnrecognisedIsUnknown()
    {
        var r = StatementRunner.Run(ToyGradeStatements.WithToleranceKind(ToleranceKind.Rigorous) with { Obligations = [] },
            new RunOptions(new Seed(3), RunObligations: false));
        var json = CertificateStore.Parse(CanonicalJson.Seal(CertificateBuilder.Build(r)));
        Assert.Equal("numerical-with-error-bound", json["evidence"]!["grade"]!.GetValue<string>());
        Assert.Equal("numerical-with-error-bound", CertificateSummary.From(json).Grade);

        json["evidence"]!["grade"] = "proven-beyond-doubt";
        Assert.Equal("unknown", CertificateSummary.From(json).Grade);
        json.Remove("evidence");
        Assert.Equal("unknown", CertificateSummary.From(json).Grade);
    }

    [Fact]
    public void Ceiling_ForShow_MatchesTheRules()
    {
        Assert.Equal(EvidenceGrade.Proven, VerdictRules.Ceiling(ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact)).Grade);
        Assert.Equal(EvidenceGrade.NumericalWithErrorBound, VerdictRules.Ceiling(ToyStatements.UniformBelowOne()).Grade);
        Assert.Equal(EvidenceGrade.Sampled, VerdictRules.Ceiling(ToyStatements.UniformBelowOne(Checkability.Statistical)).Grade);
        Assert.Equal(EvidenceGrade.ProvenAssuming, VerdictRules.Ceiling(ToyGradeStatements.WithToleranceKind(ToleranceKind.Exact) with { AssumedLemmas = ["L"] }).Grade);
    }
}
