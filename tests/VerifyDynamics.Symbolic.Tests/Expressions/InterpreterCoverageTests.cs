using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.SmtLib;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Expressions;

/// <summary>C# does not check switch exhaustiveness over a closed record hierarchy, so this test does (STYLE rule 8).</summary>
public sealed class InterpreterCoverageTests
{
    private static readonly Var X = new("x");

    /// <summary>One sample of every concrete node, evaluated at x = 9/4 where every node is defined.</summary>
    private static readonly Dictionary<Type, Expr> ExprSamples = new()
    {
        [typeof(Const)] = new Const(Rational.Of(3, 4)),
        [typeof(Var)] = X,
        [typeof(Neg)] = new Neg(X),
        [typeof(Add)] = new Add(X, 1),
        [typeof(Sub)] = new Sub(X, 1),
        [typeof(Mul)] = new Mul(X, X),
        [typeof(Div)] = new Div(1, X),
        [typeof(Pow)] = new Pow(X, 3),
        [typeof(RealPow)] = new RealPow(X, Rational.Of(3, 2)),
        [typeof(Call)] = new Call(ScalarFunction.Sqrt, X),
        [typeof(Min)] = new Min(X, 2),
        [typeof(Max)] = new Max(X, 2),
    };

    private static readonly Dictionary<Type, Formula> FormulaSamples = new()
    {
        [typeof(Compare)] = new Compare(X, Relation.LessOrEqual, 3),
        [typeof(And)] = new And(new Compare(X, Relation.Greater, 0), new Compare(X, Relation.Less, 3)),
        [typeof(Or)] = new Or(new Compare(X, Relation.Greater, 5), new Compare(X, Relation.Less, 3)),
        [typeof(Not)] = new Not(new Compare(X, Relation.Equal, 5)),
        [typeof(Implies)] = new Implies(new Compare(X, Relation.Greater, 0), new Compare(X, Relation.NotEqual, 0)),
        [typeof(TrueFormula)] = new TrueFormula(),
    };

    private static IEnumerable<Type> ConcreteSubtypes<T>() =>
        typeof(T).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(T)) && !t.IsAbstract);

    [Fact]
    public void EveryExprNodeHasASample()
    {
        Assert.DoesNotContain(ConcreteSubtypes<Expr>(), t => !ExprSamples.ContainsKey(t));
        Assert.DoesNotContain(ConcreteSubtypes<Formula>(), t => !FormulaSamples.ContainsKey(t));
    }

    public static TheoryData<string> Nodes()
    {
        var data = new TheoryData<string>();
        foreach (var t in ExprSamples.Keys.Concat(FormulaSamples.Keys))
        {
            data.Add(t.Name);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Nodes))]
    public void EveryInterpreterHandlesTheNode(string node)
    {
        var point = Rational.Of(9, 4);
        var exact = new Dictionary<string, Rational> { ["x"] = point };
        var doubles = new Dictionary<string, double> { ["x"] = point.ToDouble() };
        var box = new Dictionary<string, Interval> { ["x"] = Interval.Enclose(point) };
        var obligationOf = (Formula f) => new ScalarObligation([new VariableDomain("x", 0, false, 10, false)], f, "sample");
        if (ExprSamples.FirstOrDefault(kv => kv.Key.Name == node).Value is { } e)
        {
            double d = DoubleEvaluator.Evaluate(e, doubles);
            var iv = IntervalEvaluator.Evaluate(e, box);
            // The exact value (all samples are rational at x = 9/4, e.g. (9/4)^(3/2) = 27/8) must lie in the enclosure.
            var r = ExactEvaluator.TryEvaluate(e, exact);
            Assert.NotNull(r);
            Assert.True(Rational.FromDouble(iv.Lo) <= r!.Value && r.Value <= Rational.FromDouble(iv.Hi), $"{node}: {r} not in {iv}");
            Assert.True(iv.IsGuaranteed && iv.IsDefined);
            Assert.True(double.IsFinite(d));
            // min and max have no derivative where the arguments cross; the prover then skips mean-value forms.
            Assert.Equal(e is Min or Max, Derivative.Of(e, "x") is null);
            Assert.NotEmpty(ExprText.Print(e));
            Assert.Contains("(check-sat)", SmtLibPrinter.Print(obligationOf(new Compare(e, Relation.LessOrEqual, 100))), StringComparison.Ordinal);
            Assert.False(ExprFacts.IsTranscendental(e));
        }
        else
        {
            var f = FormulaSamples.First(kv => kv.Key.Name == node).Value;
            bool d = DoubleEvaluator.Evaluate(f, doubles);
            var exactTruth = ExactEvaluator.TryEvaluate(f, exact);
            var truth = IntervalEvaluator.Evaluate(f, box);
            Assert.Equal(exactTruth, d);
            Assert.Equal(d ? Truth.True : Truth.False, truth.Value);
            Assert.NotEmpty(ExprText.Print(f));
            Assert.Contains("(check-sat)", SmtLibPrinter.Print(obligationOf(f)), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(ScalarFunction.Sqrt)]
    [InlineData(ScalarFunction.Exp)]
    [InlineData(ScalarFunction.Ln)]
    [InlineData(ScalarFunction.Abs)]
    public void EveryScalarFunctionIsHandled(ScalarFunction function)
    {
        var e = new Call(function, X);
        var box = new Dictionary<string, Interval> { ["x"] = Interval.Of(2, 3) };
        var iv = IntervalEvaluator.Evaluate(e, box);
        double d = DoubleEvaluator.Evaluate(e, new Dictionary<string, double> { ["x"] = 2.5 });
        Assert.True(iv.Lo <= iv.Hi && double.IsFinite(d));
        Assert.NotNull(Derivative.Of(new Call(function, new Mul(X, X)), "y"));
        Assert.Contains("check-sat", SmtLibPrinter.Print(new ScalarObligation([new VariableDomain("x", 2, false, 3, false)], new Compare(e, Relation.Greater, 0), "f")), StringComparison.Ordinal);
        Assert.Equal(function is ScalarFunction.Exp or ScalarFunction.Ln, ExprFacts.IsTranscendental(e));
    }
}
