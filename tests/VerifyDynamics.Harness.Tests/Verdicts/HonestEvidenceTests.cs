using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Verdicts;

/// <summary>
/// The honest-evidence rules: certified only for a full-fidelity check whose trials came near every bound, within stated
/// error bounds, with obligations re-derived for overridden constants; everything else says in words what it lacks.
/// </summary>
public sealed class HonestEvidenceTests
{
    private static readonly Seed S = new(7);

    private static Statement Certifiable() => ToyGradeStatements.WithToleranceKind(ToleranceKind.Rigorous, obligationsAreTheStatement: false);

    private static StatementResult Run(Statement s, IReadOnlyDictionary<string, Rational>? overrides = null, bool seek = true) =>
        StatementRunner.Run(s, new RunOptions(S, Overrides: overrides, RunVariants: false, SeekBoundary: seek));

    [Fact]
    public void FullFidelity_ApproachedBound_RigorousTolerance_ProvenObligations_IsCertified()
    {
        var r = Run(Certifiable());
        Assert.Equal(Verdict.Certified, r.Verdict);
        Assert.True(r.Trials.Utilization.Approached);
        Assert.Equal(UtilizationState.Measured, r.Trials.Utilization.State);
        Assert.InRange(r.Trials.Utilization.Value!.Value, 0.5, 1.0);
    }

    [Theory]
    [InlineData(FidelityKind.Restricted)]
    [InlineData(FidelityKind.Substitute)]
    [InlineData(FidelityKind.Undeclared)]
    public void NotFullFidelity_IsNeverCertified_AndSaysWhy(FidelityKind kind)
    {
        var fidelity = kind switch
        {
            FidelityKind.Restricted => Fidelity.Restricted("x ≤ 1/2 only"),
            FidelityKind.Substitute => Fidelity.Substitute("x² instead of x"),
            _ => Fidelity.Undeclared,
        };
        var r = Run(Certifiable() with { Fidelity = fidelity });
        Assert.Equal(Verdict.HoldsOnTrials, r.Verdict);
        Assert.Contains(fidelity.Phrase, r.Decision.Reason, StringComparison.Ordinal);
        Assert.NotEqual(EvidenceGrade.ProvenAssuming, r.Decision.Grade);
        if (kind != FidelityKind.Restricted)
        {
            Assert.Equal(EvidenceGrade.Sampled, r.Decision.Grade);
        }
    }

    [Fact]
    public void BoundNeverApproached_IsNotCertified_AndTheReasonSaysSo()
    {
        // x uniform in [0, 1/10] against the bound x ≤ 1: utilization at most 0.1, and the validator keeps the boundary
        // search inside x ≤ 1/10, so the bound is never approached.
        var s = Certifiable() with
        {
            Hypotheses = new Hypotheses("x in [0, 1/10]", ctx => Instance.OfScalars("u", ("x", ctx.Rng.Uniform(0, 0.1))),
                (x, k) => x.Scalar("x") <= 0.1 ? HypothesesCheck.Ok : HypothesesCheck.Fail("x ≤ 1/10")),
        };
        var r = Run(s);
        Assert.Equal(Verdict.HoldsOnTrials, r.Verdict);
        Assert.False(r.Trials.Utilization.Approached);
        Assert.Contains("bound never approached", r.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(EvidenceGrade.NumericalWithErrorBound, r.Decision.Grade);
    }

    [Fact]
    public void BoundarySearch_RaisesUtilization_BeyondTheRandomDraws()
    {
        // Draws in [0, 0.3] but the hypotheses allow up to 0.9: the climber moves x upward within them.
        var s = Certifiable() with
        {
            DefaultTrials = 12,
            Hypotheses = new Hypotheses("x in [0, 0.3]", ctx => Instance.OfScalars("u", ("x", ctx.Rng.Uniform(0, 0.3))),
                (x, k) => x.Scalar("x") is >= 0 and <= 0.9 ? HypothesesCheck.Ok : HypothesesCheck.Fail("0 ≤ x ≤ 0.9")),
        };
        var without = Run(s, seek: false);
        var with = Run(s);
        Assert.True(without.Trials.Utilization.Value < 0.31);
        Assert.NotNull(with.Trials.BoundarySearch);
        Assert.True(with.Trials.Utilization.Value > without.Trials.Utilization.Value, $"{with.Trials.Utilization.Value} vs {without.Trials.Utilization.Value}");
        Assert.True(with.Trials.Utilization.Value <= 0.9 + 1e-12);
    }

    [Theory]
    [InlineData(ToleranceKind.Heuristic)]
    [InlineData(ToleranceKind.Unstated)]
    public void ToleranceThatIsNotABound_IsNotCertified(ToleranceKind kind)
    {
        var r = Run(ToyGradeStatements.WithToleranceKind(kind, obligationsAreTheStatement: false));
        Assert.Equal(Verdict.HoldsOnTrials, r.Verdict);
        Assert.Contains("not a bound", r.Decision.Reason, StringComparison.Ordinal);
        Assert.Equal(EvidenceGrade.Sampled, r.Decision.Grade);
    }

    [Fact]
    public void UnstatedMarginShape_MakesUtilizationUnknown_AndIsNotCertified()
    {
        var s = Certifiable() with { Conclusion = (x, k, p) => MarginSet.Of(new Margin("x ≤ 1", 1 - x.Scalar("x"), Tolerance.Bound(1e-15, "toy"))) };
        var r = Run(s);
        Assert.Equal(UtilizationState.Unknown, r.Trials.Utilization.State);
        Assert.Equal(Verdict.HoldsOnTrials, r.Verdict);
        Assert.Contains("utilization unknown", r.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OverriddenConstant_ThatNoObligationNames_KeepsHoldsOnTrials()
    {
        var r = Run(Certifiable(), new Dictionary<string, Rational> { ["bound"] = new(9, 10) });
        Assert.Equal(Verdict.HoldsOnTrials, r.Verdict);
        Assert.Contains("bound overridden but no obligation depends on it", r.Decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OverriddenConstant_NamedByAnObligation_IsReProvenAtTheValueInForce()
    {
        var s = Certifiable() with { Obligations = [new ObligationSpec("TOY-k", "toy", "forall x in [0, {bound}]: x*x <= x")] };
        var atPaper = Run(s);
        Assert.Equal(Verdict.Certified, atPaper.Verdict);
        Assert.Equal("forall x in [0, (1)]: x*x <= x", atPaper.Obligations[0].Spec.Claim);
        // At bound = 9/10 the obligation still holds and is re-proven for 9/10; the override is accounted for.
        var smaller = Run(s, new Dictionary<string, Rational> { ["bound"] = new(9, 10) });
        Assert.Equal("forall x in [0, (9/10)]: x*x <= x", smaller.Obligations[0].Spec.Claim);
        Assert.DoesNotContain("overridden", smaller.Decision.Reason, StringComparison.Ordinal);
        // At bound = 2 the re-derived obligation is false: never certified with a proof for the paper's value.
        var larger = Run(s, new Dictionary<string, Rational> { ["bound"] = new(2, 1) });
        Assert.NotEqual(Verdict.Certified, larger.Verdict);
    }

    [Fact]
    public void ConstantOutsideItsDomain_IsRejectedBeforeAnyTrial()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => StatementRunner.ResolveConstants(Certifiable(), new Dictionary<string, Rational> { ["bound"] = Rational.Zero }));
    }

    [Fact]
    public void Utilization_OfBoundShapes_IsLhsOverRhs()
    {
        Assert.Equal(0.25, Margin.AtMost("a", 1, 4, Tolerance.Exact).Utilization!.Value, 12);
        Assert.Equal(0.5, Margin.AtLeast("b", 4, 2, Tolerance.Exact).Utilization!.Value, 12);
        Assert.Equal(0.9, Margin.Bound("c", 0.1, 1, Tolerance.Exact).Utilization!.Value, 12);
        Assert.Null(Margin.Equality("d", 1, 1, Tolerance.Exact).Utilization);
        Assert.Null(new Margin("e", 1, Tolerance.Exact).Utilization);
        Assert.Equal("λ_min − bound (14) at t = #", Margin.FamilyOf("λ_min − bound (14) at t = 2.5"));
        Assert.Equal("x ≤ 1 [k=#]", Margin.FamilyOf("x ≤ 1 [k=3]"));
    }
}
