using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.SmtLib;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Expressions;

public sealed class ClaimParserTests
{
    [Fact]
    public void Parse_ReadsDomainsAndClaim()
    {
        var o = ClaimParser.Parse("forall y in (0, 1/2): 1/(1-y) <= 1 + 2*y");
        var y = Assert.Single(o.Variables);
        Assert.Equal("y", y.Name);
        Assert.True(y.LowerOpen && y.UpperOpen);
        Assert.Equal(Rational.Of(1, 2), VerifyDynamics.Symbolic.Evaluation.ExactEvaluator.TryEvaluate(y.Upper!, new Dictionary<string, Rational>()));
        Assert.IsType<Compare>(o.Claim);
    }

    [Fact]
    public void Parse_SupportsDependentBoundsSharedDomainsImplicationAndChains()
    {
        var o = ClaimParser.Parse("forall u in (0, 1], b in [u, 10], x1, x2 in R: 0 < u <= b && x1 = x2 -> u*x1^2 <= b*x2^2");
        Assert.Equal(["u", "b", "x1", "x2"], o.Variables.Select(v => v.Name));
        Assert.Equal(new Var("u"), o.Variables[1].Lower);
        var implies = Assert.IsType<Implies>(o.Claim);
        Assert.IsType<And>(implies.Hypothesis);
    }

    [Fact]
    public void Parse_NumbersAreExact()
    {
        var o = ClaimParser.Parse("0.1 + 1e-3 = 101/1000");
        var c = Assert.IsType<Compare>(o.Claim);
        var sum = Assert.IsType<Add>(c.Left);
        Assert.Equal(new Const(Rational.Of(1, 10)), sum.Left);
    }

    [Fact]
    public void Parse_FractionalExponentBecomesAnExactPowerNode()
    {
        var o = ClaimParser.Parse("4^(1/3) <= 2");
        var c = Assert.IsType<Compare>(o.Claim);
        Assert.Equal(new RealPow(new Const(4), Rational.Of(1, 3)), c.Left);
        Assert.Equal(new Pow(new Var("x"), 2), ((Compare)ClaimParser.Parse("forall x in R: x^(4/2) >= 0").Claim).Left);
    }

    [Theory]
    [InlineData("forall y in (0, 1/2): 1/(1-y) <= 1 + 2*z", 40, "unknown variable 'z'")]
    [InlineData("forall y in (0, 1/2) 1/(1-y) <= 1", 22, "expected ':'")]
    [InlineData("forall x in [0, 1]: x <= ", 26, "expected a number")]
    [InlineData("forall x in [0, 1]: x $ 1", 23, "unexpected character '$'")]
    [InlineData("forall x in [0, 1]: x^x <= 1", 23, "exponent must be a constant")]
    [InlineData("forall x in [0, 1]: x + 1", 26, "expected a comparison")]
    public void Parse_ErrorsPointAtTheColumn(string claim, int column, string message)
    {
        var e = Assert.Throws<ClaimParseException>(() => ClaimParser.Parse(claim));
        Assert.Equal(column, e.Column);
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.EndsWith(new string(' ', column - 1) + "^", e.Pointer, StringComparison.Ordinal);
    }

    [Fact]
    public void SmtLib_PrintsRationalsExactlyAndRootsThroughAuxiliaryVariables()
    {
        var script = SmtLibPrinter.Print(ClaimParser.Parse("forall x in [0, 5.7]: sqrt(x) <= 4^(1/3)*x + -3/4"), 1000);
        Assert.Contains("(<= x (/ 57 10))", script, StringComparison.Ordinal);
        Assert.Contains("(/ (- 3) 4)", script, StringComparison.Ordinal);
        Assert.Contains("(= (* vd!sqrt1 vd!sqrt1) x)", script, StringComparison.Ordinal);
        Assert.Contains("(= (* vd!root2 vd!root2 vd!root2) 4)", script, StringComparison.Ordinal);
        Assert.Contains("(set-option :rlimit 1000)", script, StringComparison.Ordinal);
        Assert.DoesNotContain("5.7", script.Split('\n').Skip(1).Aggregate("", (a, b) => a + b), StringComparison.Ordinal);
    }
}
