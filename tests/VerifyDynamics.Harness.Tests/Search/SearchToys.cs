using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Tests.Search;

/// <summary>Toy statements with an exactly known edge for the tightener and the shrinker; unlike <see cref="ToyStatements"/> their validators check the generator's range, as the local search needs.</summary>
internal static class SearchToys
{
    private static Statement Toy(string name, string text, NamedConstant constant, Hypotheses hypotheses, Func<Instance, ConstantValues, Precision, MarginSet> conclusion) => new()
    {
        Id = new StatementId("TOY", name),
        Source = new SourceRef("TOY", "test", "-"),
        Kind = StatementKind.Lemma,
        Title = name,
        Text = text,
        Constants = [constant],
        Hypotheses = hypotheses,
        Conclusion = conclusion,
    };

    /// <summary>"x ≤ 1 for x ∈ [0, bound]": the bound only enters the generator and the validator; exact edge bound = 1, tightens upward.</summary>
    public static Statement UpToBound() => Toy("UpToBound", "x ≤ 1 for every x in [0, bound].",
        new NamedConstant("bound", Rational.Of(1), "upper end of x's range"),
        new Hypotheses("x uniform in [0, bound]",
            ctx => Instance.OfScalars("uniform", ("x", ctx.Rng.Uniform(0, ctx.Constants.Double("bound")))),
            (x, k) => HypothesesCheck.All((x.Scalar("x") >= 0 && x.Scalar("x") <= k.Double("bound"), "0 ≤ x ≤ bound"))),
        (x, k, p) => MarginSet.Of(Margin.AtMost("x ≤ 1", x.Scalar("x"), 1)));

    /// <summary>
    /// "x(1 − x) ≤ c for x ∈ [0, 1]": exact edge c = 1/4 (at x = 1/2), tightens downward. The generator only samples
    /// x ∈ [0, 1/5] (where x(1 − x) ≤ 4/25), so sampling alone would stop at 4/25: reaching 1/4 needs the local search.
    /// </summary>
    public static Statement Parabola(long paperNumerator = 1, long paperDenominator = 2) => Toy("Parabola", "x(1 − x) ≤ c for every x in [0, 1].",
        new NamedConstant("c", Rational.Of(paperNumerator, paperDenominator), "the bound on x(1 − x)"),
        new Hypotheses("x uniform in [0, 1/5] (a poor sampler on purpose)",
            ctx => Instance.OfScalars("low", ("x", ctx.Rng.Uniform(0, 0.2))),
            (x, k) => HypothesesCheck.All((x.Scalar("x") >= 0 && x.Scalar("x") <= 1, "0 ≤ x ≤ 1"))),
        (x, k, p) => MarginSet.Of(Margin.AtMost("x(1 − x) ≤ c", x.Scalar("x") * (1 - x.Scalar("x")), k.Double("c"))));

    /// <summary>
    /// A known-false statement for the shrinker: "A₀₀ + t ≤ c" for an n×n A (n ∈ 2..4) with entries in [−1, 1] and t ∈ (0, 1);
    /// false for c &lt; 2. The only relevant numbers are A₀₀ and t: a good shrink zeroes every other entry.
    /// </summary>
    public static Statement CornerPlusT() => Toy("CornerPlusT", "A₀₀ + t ≤ c for every A with entries in [−1, 1] and t ∈ (0, 1).",
        new NamedConstant("c", Rational.Of(2), "the bound on A₀₀ + t"),
        new Hypotheses("n ∈ 2..4, A uniform in [−1, 1]^{n×n}, t uniform in (0, 1)",
            ctx =>
            {
                int n = ctx.Rng.NextInt(2, 4);
                var a = Matrix<double>.Build.Dense(n, n, (_, _) => ctx.Rng.Uniform(-1, 1));
                return new Instance { Family = "corner" }.WithMatrix("A", a).WithScalar("t", ctx.Rng.Uniform(0.01, 0.99));
            },
            (x, k) => HypothesesCheck.All(
                (x.Matrix("A").Enumerate().All(v => v >= -1 && v <= 1), "entries of A in [−1, 1]"),
                (x.Scalar("t") > 0 && x.Scalar("t") < 1, "0 < t < 1"))),
        (x, k, p) => MarginSet.Of(Margin.AtMost("A₀₀ + t ≤ c", x.Matrix("A")[0, 0] + x.Scalar("t"), k.Double("c"))));
}
