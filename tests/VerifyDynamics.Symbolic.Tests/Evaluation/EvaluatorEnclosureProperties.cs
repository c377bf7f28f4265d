using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using VerifyDynamics.Symbolic.Expressions;
using Xunit;
using Interval = VerifyDynamics.Symbolic.Evaluation.Interval;

namespace VerifyDynamics.Symbolic.Tests.Evaluation;

/// <summary>
/// The remaining interval operations (neg, abs, min, max, intersection) enclose the exact range, and the interval
/// evaluator as a whole encloses the exact rational value of random expressions at points of the box (issue 15: "every
/// interval operation encloses the exact rational result"). Seeds pinned.
/// </summary>
[Properties(Replay = "(20261207,41)", MaxTest = 200)]
public sealed class EvaluatorEnclosureProperties
{
    private static Rational R(double x) => Rational.FromDouble(x);

    private static Rational Min(Rational a, Rational b) => a <= b ? a : b;

    private static Rational Max(Rational a, Rational b) => a >= b ? a : b;

    [Property]
    public Property NegAbsMinMax_EncloseTheExactRange() => Prop.ForAll(Doubles.IntervalArb, Doubles.IntervalArb, (a, b) =>
    {
        Rational alo = R(a.Lo), ahi = R(a.Hi), blo = R(b.Lo), bhi = R(b.Hi);
        Doubles.AssertEncloses(IntervalMath.Neg(Doubles.I(a)), -ahi, -alo, "neg");
        var absLo = alo.Sign >= 0 ? alo : ahi.Sign <= 0 ? -ahi : Rational.Zero;
        var absHi = Max(alo.Sign < 0 ? -alo : alo, ahi.Sign < 0 ? -ahi : ahi);
        Doubles.AssertEncloses(IntervalMath.Abs(Doubles.I(a)), absLo, absHi, "abs");
        Doubles.AssertEncloses(IntervalMath.Min(Doubles.I(a), Doubles.I(b)), Min(alo, blo), Min(ahi, bhi), "min");
        Doubles.AssertEncloses(IntervalMath.Max(Doubles.I(a), Doubles.I(b)), Max(alo, blo), Max(ahi, bhi), "max");
        // The intersection keeps every point common to both.
        var lo = Max(alo, blo);
        var hi = Min(ahi, bhi);
        if (lo <= hi)
        {
            Doubles.AssertEncloses(IntervalMath.Intersect(Doubles.I(a), Doubles.I(b)), lo, hi, "intersect");
        }
    });

    private static readonly Var X = new("x");

    /// <summary>Random expressions in x over every node of the claim syntax (constants small rationals).</summary>
    private static Gen<Expr> Expressions(int depth) => depth == 0
        ? Gen.OneOf(Gen.Constant<Expr>(X), from n in Gen.Choose(-9, 9) from d in Gen.Choose(1, 4) select (Expr)new Const(Rational.Of(n, d)))
        : Gen.OneOf(
            Expressions(depth - 1),
            from a in Expressions(depth - 1) from b in Expressions(depth - 1) select (Expr)new Add(a, b),
            from a in Expressions(depth - 1) from b in Expressions(depth - 1) select (Expr)new Sub(a, b),
            from a in Expressions(depth - 1) from b in Expressions(depth - 1) select (Expr)new Mul(a, b),
            from a in Expressions(depth - 1) from b in Expressions(depth - 1) select (Expr)new Div(a, b),
            from a in Expressions(depth - 1) select (Expr)new Neg(a),
            from a in Expressions(depth - 1) from n in Gen.Choose(-3, 5) select (Expr)new Pow(a, n),
            from a in Expressions(depth - 1) from q in Gen.Choose(2, 3) from p in Gen.Choose(-3, 3) where p != 0 && p % q != 0 select (Expr)new RealPow(a, Rational.Of(p, q)),
            from a in Expressions(depth - 1) select (Expr)new Call(ScalarFunction.Sqrt, a),
            from a in Expressions(depth - 1) select (Expr)new Call(ScalarFunction.Abs, a),
            from a in Expressions(depth - 1) from b in Expressions(depth - 1) select (Expr)new Min(a, b),
            from a in Expressions(depth - 1) from b in Expressions(depth - 1) select (Expr)new Max(a, b));

    /// <summary>
    /// At the two ends and the midpoint of a box, wherever the expression has an exact rational value, the box's interval
    /// evaluation (when defined) contains it. sqrt and fractional powers are rational at perfect powers only, so the
    /// points are drawn among squares and cubes of small rationals as well.
    /// </summary>
    [Property]
    public Property IntervalEvaluation_EnclosesTheExactValue_AtPointsOfTheBox() => Prop.ForAll(
        Expressions(3).ToArbitrary(),
        (from n in Gen.Elements(-8, -1, 0, 1, 4, 9, 27, 64) from d in Gen.Elements(1, 4, 8, 9) from w in Gen.Choose(0, 40) select (N: n, D: d, W: w)).ToArbitrary(),
        (e, b) =>
        {
            var lo = Rational.Of(b.N, b.D);
            var hi = lo + Rational.Of(b.W, 16);
            var box = new Dictionary<string, Interval> { ["x"] = Interval.Of(Interval.Enclose(lo).Lo, Interval.Enclose(hi).Hi) };
            var enclosure = IntervalEvaluator.Evaluate(e, box);
            Assert.True(enclosure.IsGuaranteed);
            foreach (var p in new[] { lo, hi, (lo + hi) / 2 })
            {
                if (ExactEvaluator.TryEvaluate(e, new Dictionary<string, Rational> { ["x"] = p }) is not { } exact)
                {
                    continue;
                }
                var atPoint = IntervalEvaluator.Evaluate(e, IntervalEvaluator.PointBox(new Dictionary<string, Rational> { ["x"] = p }));
                if (atPoint.IsDefined)
                {
                    Assert.True(R(atPoint.Lo) <= exact && exact <= R(atPoint.Hi), $"{ExprText.Print(e)} at x = {p}: {exact} not in {atPoint}");
                }
                if (enclosure.IsDefined)
                {
                    Assert.True(R(enclosure.Lo) <= exact && exact <= R(enclosure.Hi), $"{ExprText.Print(e)} on [{lo}, {hi}] at x = {p}: {exact} not in {enclosure}");
                }
            }
        });
}
