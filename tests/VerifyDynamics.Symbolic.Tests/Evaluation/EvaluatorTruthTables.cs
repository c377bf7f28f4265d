using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using VerifyDynamics.Symbolic.Expressions;
using Xunit;
using Interval = VerifyDynamics.Symbolic.Evaluation.Interval;

namespace VerifyDynamics.Symbolic.Tests.Evaluation;

/// <summary>
/// The decision tables of the three evaluators pinned value by value: every relation at the boundaries of its margin,
/// the Kleene connectives with an unknown operand, the guarantee flag, and the exact evaluator's undefined and
/// irrational cases (mutation testing, issue 15: the coverage test evaluated each node at one point, where most
/// relation and connective mutants give the same answer).
/// </summary>
public sealed class EvaluatorTruthTables
{
    private static readonly Var X = new("x");

    private static Const C(long n, long d = 1) => new(Rational.Of(n, d));

    private static Dictionary<string, Interval> Box(double lo, double hi) => new() { ["x"] = Interval.Of(lo, hi) };

    private static Truth OnBox(Formula f, double lo, double hi) => IntervalEvaluator.Evaluate(f, Box(lo, hi)).Value;

    /// <summary>x REL 0 on boxes where the margin −x is positive, touches 0 from each side, is exactly 0, or straddles 0.</summary>
    [Theory]
    //               relation                 [-2,-1]  [-1,0]   [0,0]    [0,1]    [1,2]    [-1,1]
    [InlineData(Relation.LessOrEqual,    "T", "T", "T", "U", "F", "U")]
    [InlineData(Relation.Less,           "T", "U", "F", "F", "F", "U")]
    [InlineData(Relation.GreaterOrEqual, "F", "U", "T", "T", "T", "U")]
    [InlineData(Relation.Greater,        "F", "F", "F", "U", "T", "U")]
    [InlineData(Relation.Equal,          "F", "U", "T", "U", "F", "U")]
    [InlineData(Relation.NotEqual,       "T", "U", "F", "U", "T", "U")]
    public void IntervalEvaluator_DecidesEveryRelation_AtTheBoundaries(Relation r, string a, string b, string c, string d, string e, string f)
    {
        var formula = new Compare(X, r, C(0));
        var boxes = new (double Lo, double Hi)[] { (-2, -1), (-1, 0), (0, 0), (0, 1), (1, 2), (-1, 1) };
        var expected = new[] { a, b, c, d, e, f };
        for (int i = 0; i < boxes.Length; i++)
        {
            var want = expected[i] switch { "T" => Truth.True, "F" => Truth.False, _ => Truth.Unknown };
            Assert.True(want == OnBox(formula, boxes[i].Lo, boxes[i].Hi), $"x {ExprFacts.Symbol(r)} 0 on [{boxes[i].Lo}, {boxes[i].Hi}]: expected {want}, got {OnBox(formula, boxes[i].Lo, boxes[i].Hi)}");
            // The exact and double evaluators agree with the interval table at the box's points.
            foreach (double p in new[] { boxes[i].Lo, boxes[i].Hi })
            {
                bool exact = ExactEvaluator.TryEvaluate(formula, new Dictionary<string, Rational> { ["x"] = Rational.FromDouble(p) })!.Value;
                Assert.Equal(exact, DoubleEvaluator.Evaluate(formula, new Dictionary<string, double> { ["x"] = p }));
                if (want != Truth.Unknown)
                {
                    Assert.Equal(want == Truth.True, exact);
                }
            }
        }
    }

    [Fact]
    public void ExactAndDoubleEvaluators_DecideEveryRelation()
    {
        var table = new (Relation R, bool Less, bool Equal, bool Greater)[]
        {
            (Relation.Less, true, false, false), (Relation.LessOrEqual, true, true, false), (Relation.Greater, false, false, true),
            (Relation.GreaterOrEqual, false, true, true), (Relation.Equal, false, true, false), (Relation.NotEqual, true, false, true),
        };
        foreach (var (r, less, equal, greater) in table)
        {
            foreach (var (x, want) in new[] { (Rational.Of(1, 3), less), (Rational.Of(1, 2), equal), (Rational.Of(2, 3), greater) })
            {
                var f = new Compare(X, r, C(1, 2));
                Assert.Equal(want, ExactEvaluator.TryEvaluate(f, new Dictionary<string, Rational> { ["x"] = x }));
                Assert.Equal(want, DoubleEvaluator.Evaluate(f, new Dictionary<string, double> { ["x"] = x.ToDouble() }));
            }
        }
    }

    // Three-valued operands: x ≤ 0 on [-1, 0] is true, x ≥ 1 there is false, x ≤ -1/2 is unknown.
    private static readonly Formula T = new Compare(X, Relation.LessOrEqual, C(0));
    private static readonly Formula F = new Compare(X, Relation.GreaterOrEqual, C(1));
    private static readonly Formula U = new Compare(X, Relation.LessOrEqual, C(-1, 2));

    public static TheoryData<string, string, string, string, string> Connectives() => new()
    {
        // a, b, and, or, implies
        { "T", "T", "T", "T", "T" },
        { "T", "F", "F", "T", "F" },
        { "T", "U", "U", "T", "U" },
        { "F", "T", "F", "T", "T" },
        { "F", "F", "F", "F", "T" },
        { "F", "U", "F", "U", "T" },
        { "U", "T", "U", "T", "T" },
        { "U", "F", "F", "U", "U" },
        { "U", "U", "U", "U", "U" },
    };

    private static Formula Of(string s) => s switch { "T" => T, "F" => F, _ => U };

    private static Truth TruthOf(string s) => s switch { "T" => Truth.True, "F" => Truth.False, _ => Truth.Unknown };

    [Theory]
    [MemberData(nameof(Connectives))]
    public void IntervalEvaluator_KleeneConnectives(string a, string b, string and, string or, string implies)
    {
        Assert.Equal(TruthOf(a), OnBox(Of(a), -1, 0));
        Assert.Equal(TruthOf(and), OnBox(new And(Of(a), Of(b)), -1, 0));
        Assert.Equal(TruthOf(or), OnBox(new Or(Of(a), Of(b)), -1, 0));
        Assert.Equal(TruthOf(implies), OnBox(new Implies(Of(a), Of(b)), -1, 0));
        var not = a switch { "T" => Truth.False, "F" => Truth.True, _ => Truth.Unknown };
        Assert.Equal(not, OnBox(new Not(Of(a)), -1, 0));
        Assert.Equal(Truth.True, OnBox(new TrueFormula(), -1, 0));
    }

    [Theory]
    [MemberData(nameof(Connectives))]
    public void ExactEvaluator_KleeneConnectives_WithUndefinedAsUnknown(string a, string b, string and, string or, string implies)
    {
        // Exact operands at x = 1/2: true (x > 0), false (x > 1), undefined (1/(x − 1/2) > 0 divides by zero).
        Formula Exact(string s) => s switch
        {
            "T" => new Compare(X, Relation.Greater, C(0)),
            "F" => new Compare(X, Relation.Greater, C(1)),
            _ => new Compare(new Div(C(1), new Sub(X, C(1, 2))), Relation.Greater, C(0)),
        };
        bool? Value(string s) => s switch { "T" => true, "F" => false, _ => null };
        var env = new Dictionary<string, Rational> { ["x"] = Rational.Of(1, 2) };
        Assert.Equal(Value(a), ExactEvaluator.TryEvaluate(Exact(a), env));
        Assert.Equal(Value(and), ExactEvaluator.TryEvaluate(new And(Exact(a), Exact(b)), env));
        Assert.Equal(Value(or), ExactEvaluator.TryEvaluate(new Or(Exact(a), Exact(b)), env));
        Assert.Equal(Value(implies), ExactEvaluator.TryEvaluate(new Implies(Exact(a), Exact(b)), env));
        Assert.Equal(Value(a) is { } v ? !v : null, ExactEvaluator.TryEvaluate(new Not(Exact(a)), env));
        Assert.Equal(true, ExactEvaluator.TryEvaluate(new TrueFormula(), env));
    }

    [Fact]
    public void DoubleEvaluator_Connectives()
    {
        var env = new Dictionary<string, double> { ["x"] = 0.5 };
        Formula t = new Compare(X, Relation.Greater, C(0)), f = new Compare(X, Relation.Greater, C(1));
        foreach (var (a, av) in new[] { (t, true), (f, false) })
        {
            foreach (var (b, bv) in new[] { (t, true), (f, false) })
            {
                Assert.Equal(av && bv, DoubleEvaluator.Evaluate(new And(a, b), env));
                Assert.Equal(av || bv, DoubleEvaluator.Evaluate(new Or(a, b), env));
                Assert.Equal(!av || bv, DoubleEvaluator.Evaluate(new Implies(a, b), env));
            }
            Assert.Equal(!av, DoubleEvaluator.Evaluate(new Not(a), env));
        }
        Assert.True(DoubleEvaluator.Evaluate(new TrueFormula(), env));
        // Undefined (NaN) comparisons are false, so an undefined claim never passes.
        Assert.False(DoubleEvaluator.Evaluate(new Compare(new Call(ScalarFunction.Ln, C(-1)), Relation.LessOrEqual, C(0)), env));
    }

    [Fact]
    public void IntervalEvaluator_Guarantee_IsTheConjunctionOfTheOperands_AndUndefinedMarginsAreUnknown()
    {
        var box = new Dictionary<string, Interval> { ["x"] = Interval.Of(-1, 0), ["u"] = Interval.UnsafeCreate(5, 6) };
        var safe = new Compare(X, Relation.LessOrEqual, C(0));
        var tainted = new Compare(new Var("u"), Relation.GreaterOrEqual, C(1));
        Assert.Equal(new TruthValue(Truth.True, true), IntervalEvaluator.Evaluate(safe, box));
        Assert.Equal(new TruthValue(Truth.True, false), IntervalEvaluator.Evaluate(tainted, box));
        foreach (var f in new Formula[] { new And(safe, tainted), new And(tainted, safe), new Or(safe, tainted), new Or(tainted, safe), new Implies(safe, tainted), new Implies(tainted, safe) })
        {
            Assert.Equal(new TruthValue(Truth.True, false), IntervalEvaluator.Evaluate(f, box));
        }
        Assert.Equal(new TruthValue(Truth.False, false), IntervalEvaluator.Evaluate(new Not(tainted), box));
        Assert.Equal(new TruthValue(Truth.True, true), IntervalEvaluator.Evaluate(new And(safe, safe), box));
        // 1/x on [-1, 0] is possibly undefined: unknown even though its natural bounds lie below 5.
        Assert.Equal(Truth.Unknown, IntervalEvaluator.Evaluate(new Compare(new Div(C(1), X), Relation.LessOrEqual, C(5)), box).Value);
    }

    [Fact]
    public void IntervalEvaluator_IntersectsASharperDefinedMargin_AndIgnoresAnUndefinedOne()
    {
        // x ≤ 1 on [0, 2]: natural margin [−1, 1] is unknown; a sharper margin [1/2, 3] decides it true.
        var c = new Compare(X, Relation.LessOrEqual, C(1));
        var box = Box(0, 2);
        Assert.Equal(Truth.Unknown, IntervalEvaluator.Evaluate(c, box).Value);
        Assert.Equal(Truth.True, IntervalEvaluator.Evaluate(c, box, _ => Interval.Of(0.5, 3)).Value);
        Assert.Equal(Truth.Unknown, IntervalEvaluator.Evaluate(c, box, _ => new Interval(0.5, 3, false, true)).Value);
        Assert.Equal(Truth.Unknown, IntervalEvaluator.Evaluate(c, box, _ => null).Value);
        // Connectives pass the sharper margin on to their comparisons.
        Assert.Equal(Truth.True, IntervalEvaluator.Evaluate(new And(c, c), box, _ => Interval.Of(0.5, 3)).Value);
        Assert.Equal(Truth.True, IntervalEvaluator.Evaluate(new Or(c, new Compare(X, Relation.Greater, C(5))), box, _ => Interval.Of(0.5, 3)).Value);
        Assert.Equal(Truth.False, IntervalEvaluator.Evaluate(new Not(c), box, _ => Interval.Of(0.5, 3)).Value);
        Assert.Equal(Truth.True, IntervalEvaluator.Evaluate(new Implies(new TrueFormula(), c), box, _ => Interval.Of(0.5, 3)).Value);
        // A sharper margin is not trusted over an undefined natural one (1/x on a box containing 0).
        var d = new Compare(new Div(C(1), X), Relation.LessOrEqual, C(1));
        Assert.Equal(Truth.Unknown, IntervalEvaluator.Evaluate(d, box, _ => Interval.Of(0.5, 3)).Value);
        // The sharper margin inherits no guarantee it lacks.
        Assert.False(IntervalEvaluator.Evaluate(c, box, _ => Interval.UnsafeCreate(0.5, 3)).IsGuaranteed);
    }

    [Fact]
    public void IntervalEvaluator_EveryNode_GivesTheExactIntervalOnExactInputs()
    {
        var box = new Dictionary<string, Interval> { ["x"] = Interval.Of(1, 4), ["y"] = Interval.Of(-2, 3) };
        var y = new Var("y");
        void Is(double lo, double hi, Expr e) => Assert.Equal(Interval.Of(lo, hi), IntervalEvaluator.Evaluate(e, box));
        Is(-4, -1, new Neg(X));
        Is(-1, 7, new Add(X, y));
        Is(-2, 6, new Sub(X, y));
        Is(-8, 12, new Mul(X, y));
        Is(0.25, 1, new Div(C(1), X));
        Is(1, 16, new Pow(X, 2));
        Is(1, 2, new Call(ScalarFunction.Sqrt, X));
        Is(0, 3, new Call(ScalarFunction.Abs, y));
        Is(-2, 3, new Min(X, y));
        Is(1, 4, new Max(X, y));
        Is(0.5, 0.5, C(1, 2));
        var third = IntervalEvaluator.Evaluate(C(1, 3), box);
        Assert.True(Rational.FromDouble(third.Lo) < Rational.Of(1, 3) && Rational.Of(1, 3) < Rational.FromDouble(third.Hi));
        var e = IntervalEvaluator.Evaluate(new Call(ScalarFunction.Exp, X), box);
        Assert.True(e.Contains(Math.E) && e.Contains(Math.Exp(4)) && e.Lo > 2.7 && e.Hi < 54.6);
        var l = IntervalEvaluator.Evaluate(new Call(ScalarFunction.Ln, X), box);
        Assert.True(l.Contains(0) && l.Contains(Math.Log(4)) && l.Lo > -1e-300 && l.Hi < 1.3863);
        var r = IntervalEvaluator.Evaluate(new RealPow(X, Rational.Of(3, 2)), box);
        Assert.True(r.Contains(1) && r.Contains(8) && r.Lo > 0.999999 && r.Hi < 8.000001 && r.IsDefined);
        var ri = IntervalEvaluator.Evaluate(new RealPow(X, Rational.Of(-1, 2)), box);
        Assert.True(ri.Contains(0.5) && ri.Contains(1) && ri.Lo > 0.499999 && ri.Hi < 1.000001 && ri.IsDefined);
        Assert.Equal(Interval.Of(3, 3), IntervalEvaluator.PointBox(new Dictionary<string, Rational> { ["z"] = 3 })["z"]);
    }

    [Fact]
    public void ExactEvaluator_EveryNode_AndItsUndefinedOrIrrationalCases()
    {
        var env = new Dictionary<string, Rational> { ["x"] = Rational.Of(9, 4), ["z"] = Rational.Zero, ["n"] = Rational.Of(-4) };
        Rational? Ev(Expr e) => ExactEvaluator.TryEvaluate(e, env);
        var z = new Var("z");
        var n = new Var("n");
        Assert.Equal(Rational.Of(-9, 4), Ev(new Neg(X)));
        Assert.Equal(Rational.Of(13, 4), Ev(new Add(X, C(1))));
        Assert.Equal(Rational.Of(5, 4), Ev(new Sub(X, C(1))));
        Assert.Equal(Rational.Of(9, 2), Ev(new Mul(X, C(2))));
        Assert.Equal(Rational.Of(9, 8), Ev(new Div(X, C(2))));
        Assert.Null(Ev(new Div(X, z)));
        Assert.Null(Ev(new Neg(new Div(X, z))));
        Assert.Null(Ev(new Add(new Div(X, z), C(1))));
        Assert.Null(Ev(new Add(C(1), new Div(X, z))));
        Assert.Equal(Rational.Of(16, 81), Ev(new Pow(X, -2)));
        Assert.Null(Ev(new Pow(z, -1)));
        Assert.Equal(Rational.Zero, Ev(new Pow(z, 2)));
        Assert.Equal(Rational.One, Ev(new Pow(z, 0)));
        Assert.Null(Ev(new Pow(new Div(X, z), 2)));
        Assert.Equal(Rational.Of(27, 8), Ev(new RealPow(X, Rational.Of(3, 2))));
        Assert.Equal(Rational.Of(8, 27), Ev(new RealPow(X, Rational.Of(-3, 2))));
        Assert.Equal(Rational.Zero, Ev(new RealPow(z, Rational.Of(1, 2))));
        Assert.Null(Ev(new RealPow(z, Rational.Of(-1, 2))));
        Assert.Null(Ev(new RealPow(n, Rational.Of(1, 2))));
        Assert.Null(Ev(new RealPow(C(2), Rational.Of(1, 2))));
        Assert.Null(Ev(new RealPow(new Div(X, z), Rational.Of(1, 2))));
        Assert.Equal(Rational.Of(2), Ev(new RealPow(C(8), Rational.Of(1, 3))));
        Assert.Equal(Rational.Of(1, 2), Ev(new RealPow(C(1, 8), Rational.Of(1, 3))));
        Assert.Equal(Rational.Of(4), Ev(new RealPow(C(8), Rational.Of(2, 3))));
        Assert.Null(Ev(new RealPow(C(9), Rational.Of(1, 3))));
        // Base 1 has every root, so only the exponent guard keeps an out-of-range exponent from overflowing the int cast.
        Assert.Equal(Rational.One, Ev(new RealPow(C(1), Rational.Of(1, int.MaxValue))));
        Assert.Null(Ev(new RealPow(C(1), Rational.Of(1, (long)int.MaxValue + 2))));
        Assert.Null(Ev(new RealPow(C(1), Rational.Of((long)int.MaxValue + 1, 3))));
        Assert.Null(Ev(new RealPow(C(1), Rational.Of((long)int.MinValue - 1, 5))));
        Assert.Equal(Rational.Of(3, 2), Ev(new Call(ScalarFunction.Sqrt, X)));
        Assert.Null(Ev(new Call(ScalarFunction.Sqrt, C(2))));
        Assert.Null(Ev(new Call(ScalarFunction.Sqrt, n)));
        Assert.Equal(Rational.Zero, Ev(new Call(ScalarFunction.Sqrt, z)));
        Assert.Equal(Rational.One, Ev(new Call(ScalarFunction.Sqrt, C(1))));
        Assert.Null(Ev(new Call(ScalarFunction.Sqrt, new Div(X, z))));
        Assert.Equal(Rational.One, Ev(new Call(ScalarFunction.Exp, z)));
        Assert.Null(Ev(new Call(ScalarFunction.Exp, X)));
        Assert.Equal(Rational.Zero, Ev(new Call(ScalarFunction.Ln, C(1))));
        Assert.Null(Ev(new Call(ScalarFunction.Ln, X)));
        Assert.Equal(Rational.Of(4), Ev(new Call(ScalarFunction.Abs, n)));
        Assert.Equal(Rational.Of(9, 4), Ev(new Call(ScalarFunction.Abs, X)));
        Assert.Equal(Rational.Of(-4), Ev(new Min(X, n)));
        Assert.Equal(Rational.Of(-4), Ev(new Min(n, X)));
        Assert.Equal(Rational.Of(9, 4), Ev(new Max(X, n)));
        Assert.Equal(Rational.Of(9, 4), Ev(new Max(n, X)));
        Assert.Null(Ev(new Min(X, new Div(X, z))));
        // Large perfect powers exercise Newton's iteration for the integer root.
        var big = System.Numerics.BigInteger.Pow(123456789, 5);
        Assert.Equal(Rational.Of(123456789), Ev(new RealPow(new Const(new Rational(big, 1)), Rational.Of(1, 5))));
        Assert.Null(Ev(new RealPow(new Const(new Rational(big + 1, 1)), Rational.Of(1, 5))));
        Assert.Equal(Rational.Of(1000), Ev(new Call(ScalarFunction.Sqrt, C(1_000_000))));
        Assert.Null(Ev(new Call(ScalarFunction.Sqrt, C(999_999))));
        Assert.Equal(Rational.Of(10, 3), Ev(new RealPow(C(100, 9), Rational.Of(1, 2))));
        Assert.Null(Ev(new RealPow(C(100, 8), Rational.Of(1, 2))));
        Assert.Throws<KeyNotFoundException>(() => Ev(new Var("missing")));
        Assert.Null(ExactEvaluator.TryEvaluate(new Compare(new Div(X, z), Relation.Less, C(1)), env));
        Assert.Null(ExactEvaluator.TryEvaluate(new Compare(C(1), Relation.Less, new Div(X, z)), env));
    }

    [Fact]
    public void DoubleEvaluator_EveryNode()
    {
        var env = new Dictionary<string, double> { ["x"] = 2.25 };
        double Ev(Expr e) => DoubleEvaluator.Evaluate(e, env);
        Assert.Equal(-2.25, Ev(new Neg(X)));
        Assert.Equal(3.25, Ev(new Add(X, C(1))));
        Assert.Equal(1.25, Ev(new Sub(X, C(1))));
        Assert.Equal(4.5, Ev(new Mul(X, C(2))));
        Assert.Equal(1.125, Ev(new Div(X, C(2))));
        Assert.Equal(2.25 * 2.25 * 2.25, Ev(new Pow(X, 3)));
        Assert.Equal(3.375, Ev(new RealPow(X, Rational.Of(3, 2))), 12);
        Assert.True(double.IsNaN(Ev(new RealPow(C(-1), Rational.Of(1, 2)))));
        Assert.Equal(0.0, Ev(new RealPow(C(0), Rational.Of(1, 2))));
        Assert.Equal(1.5, Ev(new Call(ScalarFunction.Sqrt, X)));
        Assert.Equal(Math.Exp(2.25), Ev(new Call(ScalarFunction.Exp, X)));
        Assert.Equal(Math.Log(2.25), Ev(new Call(ScalarFunction.Ln, X)));
        Assert.Equal(2.25, Ev(new Call(ScalarFunction.Abs, new Neg(X))));
        Assert.Equal(1.0, Ev(new Min(X, C(1))));
        Assert.Equal(2.25, Ev(new Max(X, C(1))));
        Assert.Equal(0.5, Ev(C(1, 2)));
    }

    [Fact]
    public void ExprText_PrintsEveryNodeInTheClaimSyntax()
    {
        var y = new Var("y");
        Assert.Equal("3", ExprText.Print(C(3)));
        Assert.Equal("(-3)", ExprText.Print(C(-3)));
        Assert.Equal("(1/2)", ExprText.Print(C(1, 2)));
        Assert.Equal("-x", ExprText.Print(new Neg(X)));
        Assert.Equal("(x + y)", ExprText.Print(new Add(X, y)));
        Assert.Equal("(x - y)", ExprText.Print(new Sub(X, y)));
        Assert.Equal("x*y", ExprText.Print(new Mul(X, y)));
        Assert.Equal("x/y", ExprText.Print(new Div(X, y)));
        Assert.Equal("x/(x*y)", ExprText.Print(new Div(X, new Mul(X, y))));
        Assert.Equal("x/(x/y)", ExprText.Print(new Div(X, new Div(X, y))));
        Assert.Equal("x/(-y)", ExprText.Print(new Div(X, new Neg(y))));
        Assert.Equal("x/(x + y)", ExprText.Print(new Div(X, new Add(X, y))));
        Assert.Equal("x^2", ExprText.Print(new Pow(X, 2)));
        Assert.Equal("x^(-2)", ExprText.Print(new Pow(X, -2)));
        Assert.Equal("(x*y)^2", ExprText.Print(new Pow(new Mul(X, y), 2)));
        Assert.Equal("(x + y)^2", ExprText.Print(new Pow(new Add(X, y), 2)));
        Assert.Equal("(-x)^2", ExprText.Print(new Pow(new Neg(X), 2)));
        Assert.Equal("x^(3/2)", ExprText.Print(new RealPow(X, Rational.Of(3, 2))));
        Assert.Equal("sqrt(x)^(1/3)", ExprText.Print(new RealPow(new Call(ScalarFunction.Sqrt, X), Rational.Of(1, 3))));
        Assert.Equal("ln(x)", ExprText.Print(new Call(ScalarFunction.Ln, X)));
        Assert.Equal("min(x, y)", ExprText.Print(new Min(X, y)));
        Assert.Equal("max(x, y)", ExprText.Print(new Max(X, y)));
        Assert.Equal("min(x, y)^2", ExprText.Print(new Pow(new Min(X, y), 2)));
        Assert.Equal("max(x, y)^2", ExprText.Print(new Pow(new Max(X, y), 2)));
        Assert.Equal("(1/2)^2", ExprText.Print(new Pow(C(1, 2), 2)));
        Assert.Equal("(x^2)^3", ExprText.Print(new Pow(new Pow(X, 2), 3)));
        Assert.Equal("(x - y)^2", ExprText.Print(new Pow(new Sub(X, y), 2)));
        Assert.Equal("(x/y)^2", ExprText.Print(new Pow(new Div(X, y), 2)));
        var a = new Compare(X, Relation.LessOrEqual, y);
        var b = new Compare(X, Relation.NotEqual, C(0));
        Assert.Equal("x <= y", ExprText.Print(a));
        Assert.Equal("(x <= y && x != 0)", ExprText.Print(new And(a, b)));
        Assert.Equal("(x <= y || x != 0)", ExprText.Print(new Or(a, b)));
        Assert.Equal("!(x <= y)", ExprText.Print(new Not(a)));
        Assert.Equal("(x <= y -> x != 0)", ExprText.Print(new Implies(a, b)));
        Assert.Equal("true", ExprText.Print(new TrueFormula()));
        Assert.Equal("0.1", ExprText.Number(0.1));
        Assert.Equal("-Infinity", ExprText.Number(double.NegativeInfinity));
    }
}
