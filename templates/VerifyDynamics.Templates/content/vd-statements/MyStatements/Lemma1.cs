using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace MyStatements;

/// <summary>
/// MyPaper.Lemma1 (a worked example; replace it with your own statement): the end-to-end factor of a depth-N scalar linear
/// network whose layers all equal 1 + x grows at least linearly, (1 + x)^N ≥ 1 + N·x for every integer N ≥ 1 and real x ≥ −1
/// (Bernoulli's inequality).
/// </summary>
/// <remarks>
/// vd finds a statement as a public static class with a public static property <c>Statement</c> (as the built-in catalog does).
/// The pieces, in the order the harness uses them: the generator draws instances meant to satisfy the hypotheses, the validator
/// decides whether they do (a rejected instance is neither a pass nor a counterexample), the conclusion returns margins
/// rhs − lhs with a tolerance that says what kind of error statement it is, the obligations are the scalar steps of the proof
/// (proven by Z3 through libz3), and each mutant is a wrong variant the check must refute.
/// </remarks>
public static class Lemma1
{
    /// <summary>The coefficient c of 1 + c·N·x; the lemma has c = 1 and the mutant doubles it.</summary>
    public static NamedConstant Slope { get; } = new("slope", Rational.Of(1), "coefficient c of the linear lower bound 1 + c·N·x");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId("MyPaper", "Lemma1"),
        Source = new SourceRef("MyPaper", "Lemma 1", "n/a"),
        Kind = StatementKind.Lemma,
        Title = "Bernoulli's inequality for the end-to-end factor",
        Text = "For every integer N ≥ 1 and real x ≥ −1, (1 + x)^N ≥ 1 + N·x.",
        FormalisationNote = "N uniform in 1..12; x uniform in [−1, 4], and on every 4th trial within 10⁻³ of 0 where the bound is tight. "
            + "lhs = (1 + x)^N by N − 1 multiplications of fl(1 + x), rhs = 1 + c·N·x; the tolerance is the rounding bound "
            + "γ_{2N+8}·max((1 + x)^N, 1 + |c·N·x|) (γ_{2N} for the power and γ_3 for the right side, γ_a + γ_b ≤ γ_{a+b}). "
            + "The obligation is the induction step (1 + x)(1 + c·n·x) ≥ 1 + c·(n + 1)·x; the induction itself is the proof's.",
        Constants = [Slope],
        // Honest evidence: say how much of the statement as printed the check covers (full, restricted to ..., substitute for ...).
        Fidelity = Fidelity.Full("the inequality as stated, for every N ≥ 1 and x ≥ −1 (trials sample N ≤ 12, x ≤ 4; the obligation covers every n)"),
        Hypotheses = new Hypotheses("N uniform in 1..12, x uniform in [−1, 4] (every 4th trial: |x| ≤ 10⁻³)", Generate, Validate),
        Conclusion = (x, c, precision) => Conclude(x, c),
        Obligations =
        [
            new ObligationSpec("L1.step", "Lemma 1, induction step",
                "forall x in [-1, inf), n in [1, inf): (1 + x)*(1 + {slope}*n*x) >= 1 + {slope}*(n + 1)*x"),
        ],
        DefaultTrials = 200,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "DoubleSlope", "(1 + x)^N ≥ 1 + 2N·x: false for small x > 0", Slope, Rational.Of(2)),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        int n = ctx.Rng.NextInt(1, 12);
        bool nearZero = ctx.Index % 4 == 0;
        double x = nearZero ? ctx.Rng.Uniform(-1e-3, 1e-3) : ctx.Rng.Uniform(-1, 4);
        return Instance.OfScalars(nearZero ? "near-zero" : "wide", ("N", n), ("x", x));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues c) => HypothesesCheck.All(
        (x.Scalar("N") >= 1 && x.Scalar("N") == Math.Floor(x.Scalar("N")), "N is an integer ≥ 1"),
        (x.Scalar("x") >= -1, "x ≥ −1"));

    private static MarginSet Conclude(Instance instance, ConstantValues c)
    {
        int n = (int)instance.Scalar("N");
        double x = instance.Scalar("x");
        double factor = 1 + x;
        double power = factor;
        for (int i = 1; i < n; i++)
        {
            power *= factor;
        }
        double linear = c.Double("slope") * n * x;
        double rhs = 1 + linear;
        var tolerance = Tolerance.FromRounding(2 * n + 8, Math.Max(Math.Abs(power), 1 + Math.Abs(linear)), "max((1+x)^N, 1+|cNx|)");
        return MarginSet.Of(Margin.AtLeast("(1 + x)^N − (1 + c·N·x)", power, rhs, tolerance))
            .WithObservation("power", power);
    }
}
