using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.Proving;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Proving;

/// <summary>
/// The branches of the interval prover, the witness re-check, the domain check and the dispatcher, each pinned to its
/// status, its sentence and (where the certificate records it) its box count (mutation testing, issue 15).
/// </summary>
public sealed class ProverBranchTests
{
    private static readonly ProofOptions NoZ3 = new(Z3Library: "/nonexistent/libz3.so.4");

    private static BranchAndBoundOutcome Decide(string claim, int budget = 10_000) => IntervalBranchAndBound.Decide(ClaimParser.Parse(claim), budget);

    [Fact]
    public void IntervalProver_RefusesUnboundedAndUnenclosableDomains_AndProvesEmptyOnesVacuously()
    {
        var a = Decide("forall x in R: exp(x) > 0");
        Assert.Equal(ProofStatus.Unknown, a.Status);
        Assert.Equal("the interval prover needs a bounded domain, and 'x' is unbounded", a.Detail);
        Assert.Equal(0, a.BoxesExamined);
        var b = Decide("forall x in [0, exp(1000)]: exp(-x) > 0");
        Assert.Equal(ProofStatus.Unknown, b.Status);
        Assert.Equal("the bounds of 'x' could not be enclosed in finite intervals", b.Detail);
        var c = Decide("forall x in [-exp(1000), 0]: exp(x) > 0");
        Assert.Equal("the bounds of 'x' could not be enclosed in finite intervals", c.Detail);
        var d = Decide("forall x in [0, 1/(1-1)]: exp(x) > 0");
        Assert.Equal("the bounds of 'x' could not be enclosed in finite intervals", d.Detail);
        var e = Decide("forall x in [1, 0]: exp(x) < 0");
        Assert.Equal(ProofStatus.Proven, e.Status);
        Assert.Equal("the domain of 'x' is empty, so the claim holds vacuously", e.Detail);
        // A one-point domain is not empty: the claim is decided there.
        Assert.Equal(ProofStatus.Refuted, Decide("forall x in [1, 1]: exp(x) < 1").Status);
        Assert.Equal(ProofStatus.Proven, Decide("forall x in [1, 1]: exp(x) > 1").Status);
    }

    [Fact]
    public void IntervalProver_Refutes_AtTheFirstMidpointThatFails_WithTheExactWitness()
    {
        var r = Decide("forall x in [0, 4]: x <= 1");
        Assert.Equal(ProofStatus.Refuted, r.Status);
        Assert.Equal(1, r.BoxesExamined);
        Assert.Equal(Rational.Of(2), r.Witness!["x"]);
        Assert.Equal("counterexample found after 1 boxes, re-checked in exact rational arithmetic", r.Detail);
        // False on the whole box: refuted at its midpoint even where the double screen would not be consulted.
        var s = Decide("forall x in [2, 4], y in [0, 1]: x + y <= 1");
        Assert.Equal(ProofStatus.Refuted, s.Status);
        Assert.Equal(Rational.Of(3), s.Witness!["x"]);
        Assert.Equal(Rational.Of(1, 2), s.Witness!["y"]);
    }

    [Fact]
    public void IntervalProver_DoesNotReportAPointWhoseExactRecheckHolds()
    {
        // exp(x) = exp(x) at the single point x = 1: the enclosures of the two sides overlap without being equal, so the box is
        // undecided; its midpoint holds in doubles and the box cannot be split: unknown at double resolution, never refuted.
        var r = Decide("forall x in [1, 1]: exp(x) = exp(x)", 50);
        Assert.Equal(ProofStatus.Unknown, r.Status);
        Assert.Equal("1 boxes reached double resolution undecided", r.Detail);
        Assert.Equal(1, r.BoxesExamined);
    }

    [Fact]
    public void IntervalProver_BudgetMessage_CountsTheBoxesLeft()
    {
        var r = Decide("forall x in [0, 1]: exp(x) <= 1 + 2*x", 1);
        Assert.Equal("budget of 1 boxes exhausted with 2 boxes undecided", r.Detail);
        Assert.Equal(1, r.BoxesExamined);
        var s = Decide("forall x in [0, 1]: exp(x) <= 1 + 2*x", 2);
        Assert.Equal(ProofStatus.Unknown, s.Status);
        Assert.Equal(2, s.BoxesExamined);
        Assert.StartsWith("budget of 2 boxes exhausted with ", s.Detail, StringComparison.Ordinal);
    }

    /// <summary>
    /// Box counts of claims tight at a corner, pinned: certificates record them (proof.intervalBoxes), and they measure
    /// the mean-value and monotonicity enclosures — a weaker enclosure needs more boxes or runs out of budget.
    /// </summary>
    [Theory]
    [InlineData("forall x in [0, 1]: 1 - x <= exp(-x)")]
    [InlineData("forall z in [0, 1]: exp(-z) <= 1 - z + z^2/2")]
    [InlineData("forall x in [0, 1]: exp(x) <= 1 + 2*x")]
    [InlineData("forall x in [1, 2]: ln(x) <= 0.6932")]
    [InlineData("forall x in [0, 1], y in [0, 2]: exp(-x - y) >= 1 - x - y")]
    [InlineData("forall b in [0, 1], t in [0, 1]: exp(-2*b*t) <= exp(-b*t)")]
    [InlineData("forall x in [1, 2], y in [1, 2]: ln(x*y) <= x + y - 2 + 1/1000")]
    [InlineData("forall x in [0, 1]: x^(3/2) <= x")]
    public void IntervalProver_ProvesCornerTightClaims_InAPinnedNumberOfBoxes(string claim)
    {
        var r = Decide(claim);
        Assert.Equal(ProofStatus.Proven, r.Status);
        Assert.Equal($"the claim holds on all {r.BoxesExamined} boxes in guaranteed interval arithmetic", r.Detail);
        Assert.True(PinnedBoxes.TryGetValue(claim, out int pinned), $"no pinned count for {claim}: measured {r.BoxesExamined}");
        Assert.True(pinned == r.BoxesExamined, $"{claim}: {r.BoxesExamined} boxes, pinned {pinned}");
    }

    private static readonly Dictionary<string, int> PinnedBoxes = new()
    {
        ["forall x in [0, 1]: 1 - x <= exp(-x)"] = 1,
        ["forall z in [0, 1]: exp(-z) <= 1 - z + z^2/2"] = 1,
        ["forall x in [0, 1]: exp(x) <= 1 + 2*x"] = 3,
        ["forall x in [1, 2]: ln(x) <= 0.6932"] = 1,
        ["forall x in [0, 1], y in [0, 2]: exp(-x - y) >= 1 - x - y"] = 1,
        ["forall b in [0, 1], t in [0, 1]: exp(-2*b*t) <= exp(-b*t)"] = 31,
        ["forall x in [1, 2], y in [1, 2]: ln(x*y) <= x + y - 2 + 1/1000"] = 49,
        ["forall x in [0, 1]: x^(3/2) <= x"] = 5,
    };

    [Fact]
    public void IntervalProver_SplitsTheWidestVariable_AtItsMidpoint()
    {
        // y is 100× wider than x, so y is halved at each step: [0, 1] → [0, 1/2] → [1/4, 1/2] → [1/4, 3/8], whose midpoint
        // 5/16 is the first that violates the claim (a prover splitting x, or not at the midpoint, tests other points).
        var w = Decide("forall x in [0, 1/100], y in [0, 1]: y <= 1/4 || y >= 3/8");
        Assert.Equal(ProofStatus.Refuted, w.Status);
        Assert.Equal(Rational.Of(5, 16), w.Witness!["y"]);
        Assert.True(w.Witness["x"] > 0 && w.Witness["x"] < Rational.Of(1, 100));
        Assert.Equal(6, w.BoxesExamined);
    }

    [Fact]
    public void WitnessCheck_SaysHowItDecided()
    {
        var poly = ClaimParser.Parse("forall x in [0, 4]: x <= 1");
        Assert.Equal((true, "re-checked in exact rational arithmetic"), WitnessCheck.Confirm(poly, new Dictionary<string, Rational> { ["x"] = 2 }));
        Assert.Equal((false, "in exact rational arithmetic the claim holds at this point"), WitnessCheck.Confirm(poly, new Dictionary<string, Rational> { ["x"] = 1 }));
        // Outside the domain the implication domain ⇒ claim holds: not a counterexample.
        Assert.False(WitnessCheck.Confirm(poly, new Dictionary<string, Rational> { ["x"] = 5 }).Confirmed);
        Assert.Equal((false, "the point does not give every variable a value"), WitnessCheck.Confirm(poly, new Dictionary<string, Rational> { ["y"] = 2 }));
        var trans = ClaimParser.Parse("forall x in [0, 4]: exp(x) <= 2");
        Assert.Equal((true, "re-checked in guaranteed interval arithmetic (the point is exact, the functions enclosed)"), WitnessCheck.Confirm(trans, new Dictionary<string, Rational> { ["x"] = 1 }));
        Assert.Equal((false, "in interval arithmetic the claim holds at this point"), WitnessCheck.Confirm(trans, new Dictionary<string, Rational> { ["x"] = Rational.Of(1, 2) }));
        // ln 2 ≤ ln 2 cannot be separated by enclosures: undecided, so not a counterexample.
        var tight = ClaimParser.Parse("forall x in [1, 4]: ln(x) < ln(2)");
        Assert.Equal((false, "the claim is undefined or too close to its boundary at this point to decide"), WitnessCheck.Confirm(tight, new Dictionary<string, Rational> { ["x"] = 2 }));
        var undefined = ClaimParser.Parse("forall x in [0, 4]: 1/(x - 2) <= 5");
        Assert.False(WitnessCheck.Confirm(undefined, new Dictionary<string, Rational> { ["x"] = 2 }).Confirmed);
    }

    [Theory]
    [InlineData("forall y in (1, 0): y >= 0", "the domain of y, (1, 0), is empty: every claim over it would hold vacuously")]
    [InlineData("forall y in [1, 1): y >= 0", "the domain of y, [1, 1), is empty: every claim over it would hold vacuously")]
    [InlineData("forall y in (1, 1]: y >= 0", "the domain of y, (1, 1], is empty: every claim over it would hold vacuously")]
    [InlineData("forall y in [2, 1]: y >= 0", "the domain of y, [2, 1], is empty: every claim over it would hold vacuously")]
    [InlineData("forall x in [1, 1]: x >= 0", null)]
    [InlineData("forall x in [0, 1]: sqrt(x) >= 0", null)]
    [InlineData("forall x in (0, 1]: ln(x) <= 0", null)]
    [InlineData("forall x in [0, 1]: x^(1/2) >= 0", null)]
    [InlineData("forall x in (0, 1]: x^(-1/2) >= 1", null)]
    [InlineData("forall x in R: x^2 >= 0", null)]
    public void DomainCheck_FindsEmptyDomains_AndAcceptsDefinedClaims(string claim, string? problem)
    {
        Assert.Equal(problem, DomainCheck.FindProblem(ClaimParser.Parse(claim), NoZ3));
    }

    [Theory]
    [InlineData("forall x in [-1, 1]: sqrt(x) >= 0", "sqrt(x) is undefined on part of the domain at x = -1/2 (its argument x must be ≥ 0)")]
    [InlineData("forall x in [-1, 1]: ln(x) <= 0", "ln(x) is undefined on part of the domain at x = 0 (its argument x must be > 0)")]
    [InlineData("forall x in [-1, 1]: x^(-1/2) >= 1", "(x)^(-1/2) is undefined on part of the domain at x = 0 (its argument x must be > 0)")]
    [InlineData("forall x in [-1, 1]: x^(1/2) >= 0", "(x)^(1/2) is undefined on part of the domain at x = -1/2 (its argument x must be ≥ 0)")]
    [InlineData("forall x in [-1, 1]: x >= 2 -> -sqrt(x + 1/2) <= 0", "sqrt(")]
    [InlineData("forall x in [-1, 1]: !(x > 2) || (x < 3 && max(1, 2*min(0, ln(x + 1/2))) >= 1)", "ln(")]
    [InlineData("forall x in [-1, 1]: 1 + 2*exp(-x)/(3 - (sqrt(x))^2) >= 0", "sqrt(x) is undefined on part of the domain at x = -1/2")]
    public void DomainCheck_FindsPartialOperationsOutOfRange_WithAWitness_WithZ3Hidden(string claim, string start)
    {
        var problem = DomainCheck.FindProblem(ClaimParser.Parse(claim), NoZ3);
        Assert.NotNull(problem);
        Assert.StartsWith(start, problem, StringComparison.Ordinal);
        Assert.Contains(" is undefined on part of the domain at x = ", problem, StringComparison.Ordinal);
        Assert.EndsWith("; a claim is only decided where it is defined, so restrict the domain", problem, StringComparison.Ordinal);
    }

    [Z3Theory]
    [InlineData("forall x in [0, 1]: ln(x) <= 0", "ln(x) is undefined on part of the domain at x = 0 (its argument x must be > 0)")]
    [InlineData("forall x in [0, 1]: x^(-1/2) >= 1", "(x)^(-1/2) is undefined on part of the domain at x = 0 (its argument x must be > 0)")]
    [InlineData("forall x in [-1, 1]: sqrt(x) >= 0", "sqrt(x) is undefined on part of the domain at x = ")]
    public void DomainCheck_FindsPartialOperationsOutOfRange_WithZ3_EvenOnTheBoundary(string claim, string start)
    {
        Z3Requirement.AssertLoaded();
        var problem = DomainCheck.FindProblem(ClaimParser.Parse(claim), ProofOptions.Default);
        Assert.NotNull(problem);
        Assert.StartsWith(start, problem, StringComparison.Ordinal);
        Assert.EndsWith("; a claim is only decided where it is defined, so restrict the domain", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void DomainCheck_ReportsEachArgumentOnce_AndNamesEveryVariableOfTheWitness()
    {
        var problem = DomainCheck.FindProblem(ClaimParser.Parse("forall y in [0, 1], x in [-1, 1]: sqrt(x) + sqrt(x) + y >= 0"), NoZ3);
        Assert.NotNull(problem);
        Assert.Matches(@"^sqrt\(x\) is undefined on part of the domain at x = [^,]+, y = [^ ]+ \(its argument", problem);
    }

    [Fact]
    public void Dispatcher_SentencesAndMethods_WithZ3Hidden()
    {
        var proven = ObligationProver.Prove("forall x in [0, 1]: 1 - x <= exp(-x)", NoZ3);
        Assert.Equal(ProofStatus.Proven, proven.Status);
        Assert.Equal($"interval branch-and-bound ({proven.IntervalBoxes} boxes, budget {ProofOptions.DefaultIntervalBudget})", proven.Method);
        // The interval prover's sentence, then why Z3 did not decide (the same reason a polynomial claim is skipped with).
        string z3Reason = ObligationProver.Prove("forall x in [0, 1]: x^2 <= x", NoZ3).Detail;
        Assert.Contains("obligations that need", z3Reason, StringComparison.Ordinal);
        Assert.Equal($"the claim holds on all {proven.IntervalBoxes} boxes in guaranteed interval arithmetic ({z3Reason})", proven.Detail);
        Assert.Null(proven.Rlimit);
        Assert.Null(proven.Witness);
        var refuted = ObligationProver.Prove("forall x in [0, 4]: exp(x) <= 2", NoZ3);
        Assert.Equal(ProofStatus.Refuted, refuted.Status);
        Assert.Equal("2", refuted.Witness!["x"]);
        Assert.StartsWith("interval branch-and-bound (1 boxes", refuted.Method, StringComparison.Ordinal);
        var unknown = ObligationProver.Prove("forall x in [0, 1]: exp(x) <= 1 + 2*x", NoZ3 with { IntervalBudget = 1 });
        Assert.Equal(ProofStatus.Unknown, unknown.Status);
        Assert.Equal("z3  (rlimit 5000000); interval branch-and-bound (1 boxes, budget 1)", unknown.Method);
        Assert.Equal(1, unknown.IntervalBoxes);
        var skipped = ObligationProver.Prove("forall x in [0, 1]: x^2 <= x", NoZ3);
        Assert.Equal(ProofStatus.Skipped, skipped.Status);
        Assert.Equal("none", skipped.Method);
        Assert.Null(skipped.IntervalBoxes);
        Assert.Null(skipped.Rlimit);
        Assert.Contains("(check-sat)", skipped.SmtLib, StringComparison.Ordinal);
    }

    [Z3Fact]
    public void Dispatcher_SentencesAndMethods_WithZ3()
    {
        Z3Requirement.AssertLoaded();
        var poly = ObligationProver.Prove("forall x in [0, 1]: x^2 <= x");
        Assert.Equal(ProofStatus.Proven, poly.Status);
        Assert.Equal("Z3: the negation is unsatisfiable", poly.Detail);
        Assert.Equal($"z3 {poly.Z3Version} (rlimit {ProofOptions.DefaultRlimit})", poly.Method);
        Assert.Null(poly.IntervalBoxes);
        var relaxed = ObligationProver.Prove("forall x in [0, 1]: exp(x) >= 0 || x >= 0");
        Assert.Equal(ProofStatus.Proven, relaxed.Status);
        Assert.Equal("Z3: the negation is unsatisfiable even with exp/ln only relaxed by sound bounds", relaxed.Detail);
        var refuted = ObligationProver.Prove("forall x in [0, 4]: x <= 1");
        Assert.Equal(ProofStatus.Refuted, refuted.Status);
        Assert.Equal("Z3 model re-checked in exact rational arithmetic", refuted.Detail);
        Assert.StartsWith("z3 ", refuted.Method, StringComparison.Ordinal);
        Assert.True(Rational.Parse(refuted.Witness!["x"]) > 1);
        // An unknown from Z3 hands over to the interval prover, whose sentence carries Z3's reason.
        var handed = ObligationProver.Prove("forall a in R, b in R, c in R: (a^2 + b^2 + c^2)^3 >= 27*a^2*b^2*c^2", new ProofOptions(Rlimit: 1));
        Assert.Equal(ProofStatus.Unknown, handed.Status);
        Assert.Equal($"z3 {handed.Z3Version} (rlimit 1); interval branch-and-bound (0 boxes, budget {ProofOptions.DefaultIntervalBudget})", handed.Method);
        Assert.StartsWith("the interval prover needs a bounded domain, and 'a' is unbounded (Z3 returned unknown: ", handed.Detail, StringComparison.Ordinal);
        Assert.Equal(1, handed.Rlimit);
        Assert.Equal(0, handed.IntervalBoxes);
    }
}

/// <summary>
/// <see cref="ProverInterrupt"/> is process-wide, so these tests run alone (a request would stop provers of tests running
/// in parallel) and reset it at the end.
/// </summary>
[Collection(nameof(ProverInterruptTestsRunAlone))]
public sealed class ProverInterruptTests
{
    [Fact]
    public void ARequest_StopsEveryProver_UntilReset()
    {
        try
        {
            Assert.False(ProverInterrupt.IsRequested);
            ProverInterrupt.ThrowIfRequested();
            ProverInterrupt.Request();
            Assert.True(ProverInterrupt.IsRequested);
            var e = Assert.Throws<OperationCanceledException>(ProverInterrupt.ThrowIfRequested);
            Assert.Equal("interrupted (SIGINT/SIGTERM)", e.Message);
            Assert.Throws<OperationCanceledException>(() => IntervalBranchAndBound.Decide(ClaimParser.Parse("forall x in [0, 1]: 1 - x <= exp(-x)"), 100));
            Assert.Throws<OperationCanceledException>(() => ObligationProver.Prove("forall x in [0, 1]: x <= 1"));
            ProverInterrupt.Reset();
            Assert.False(ProverInterrupt.IsRequested);
            Assert.Equal(ProofStatus.Proven, IntervalBranchAndBound.Decide(ClaimParser.Parse("forall x in [0, 1]: 1 - x <= exp(-x)"), 10_000).Status);
        }
        finally
        {
            ProverInterrupt.Reset();
        }
    }
}

[CollectionDefinition(nameof(ProverInterruptTestsRunAlone), DisableParallelization = true)]
public sealed class ProverInterruptTestsRunAlone;
