using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Tests;

/// <summary>Small statements whose truth is known exactly, to test the harness independently of the papers.</summary>
internal static class ToyStatements
{
    public static readonly NamedConstant Bound = new("bound", Rational.Of(1), "upper end of the sampled interval");

    /// <summary>"x ≤ 1 for every x in [0, bound]": true at bound = 1, false above.</summary>
    public static Statement UniformBelowOne(Checkability checkability = Checkability.Margins, int trials = 50, Func<Instance, bool>? accept = null) => new()
    {
        Id = new StatementId("TOY", "UniformBelowOne"),
        Source = new SourceRef("TOY", "test", "-"),
        Kind = StatementKind.Lemma,
        Title = "x ≤ 1",
        Text = "x ≤ 1 for x uniform in [0, bound].",
        Constants = [Bound],
        Checkability = checkability,
        Fidelity = Fidelity.Full(),
        DefaultTrials = trials,
        Hypotheses = new Hypotheses("x uniform in [0, bound]",
            ctx => Instance.OfScalars("uniform", ("x", ctx.Rng.Uniform(0, ctx.Constants.Double("bound")))),
            (x, k) => x.Scalar("x") < 0 || x.Scalar("x") > k.Double("bound") ? HypothesesCheck.Fail("x in [0, bound]")
                : accept is null || accept(x) ? HypothesesCheck.Ok : HypothesesCheck.Fail("accept")),
        Conclusion = (x, k, p) => MarginSet.Of(Margin.AtMost("x ≤ 1", x.Scalar("x"), 1)),
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "BoundTwo", "sample up to 2", Bound, Rational.Of(2)),
            Variant.Control("BoundHalf", "sample up to 1/2", s => s.WithConstantDefault("bound", Rational.Of(1, 2))),
        ],
    };
}

/// <summary>Variants of the toy statements that exercise the evidence grades.</summary>
internal static class ToyGradeStatements
{
    public static readonly ObligationSpec Obligation = new("TOY1", "toy", "forall x in [0, 1]: x*x <= x");

    /// <summary>
    /// The toy with a margin whose tolerance has the given kind (value 1 − x, tolerance 1e−15). By default it declares
    /// that its obligation is the statement itself (so certified can mean proven); pass false for the usual case of
    /// obligations that are a proof's scalar steps.
    /// </summary>
    public static Statement WithToleranceKind(ToleranceKind kind, Checkability checkability = Checkability.Margins, bool obligationsAreTheStatement = true) =>
        ToyStatements.UniformBelowOne(checkability, trials: 16) with
        {
            Conclusion = (x, k, p) => MarginSet.Of(Margin.Bound("x ≤ 1", 1 - x.Scalar("x"), 1, Tolerance.Declared(kind, 1e-15, "toy " + kind))),
            Obligations = [Obligation],
            ObligationsAreTheStatement = obligationsAreTheStatement,
        };
}
