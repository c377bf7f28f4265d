using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Symbolic.Expressions;

/// <summary>
/// A real-valued scalar expression. The hierarchy is closed: every interpreter (double, exact
/// rational, interval, SMT-LIB, derivative) switches over the concrete records below, and
/// <c>InterpreterCoverageTests</c> checks that each of them handles every one.
/// </summary>
public abstract record Expr
{
    public static Expr operator +(Expr a, Expr b) => new Add(a, b);
    public static Expr operator -(Expr a, Expr b) => new Sub(a, b);
    public static Expr operator -(Expr a) => new Neg(a);
    public static Expr operator *(Expr a, Expr b) => new Mul(a, b);
    public static Expr operator /(Expr a, Expr b) => new Div(a, b);
    public static implicit operator Expr(int value) => new Const(Rational.Of(value));
    public static implicit operator Expr(Rational value) => new Const(value);
}

/// <summary>An exact rational constant.</summary>
public sealed record Const(Rational Value) : Expr;

/// <summary>A real variable, bound by the obligation's domain.</summary>
public sealed record Var(string Name) : Expr;

public sealed record Neg(Expr Operand) : Expr;

public sealed record Add(Expr Left, Expr Right) : Expr;

public sealed record Sub(Expr Left, Expr Right) : Expr;

public sealed record Mul(Expr Left, Expr Right) : Expr;

/// <summary>Division; undefined where the denominator is zero (unlike Z3, whose division is total).</summary>
public sealed record Div(Expr Numerator, Expr Denominator) : Expr;

/// <summary>An integer power x^k (k may be negative: x^-k = 1/x^k).</summary>
public sealed record Pow(Expr Base, int Exponent) : Expr;

/// <summary>
/// A fixed non-integer rational power x^(p/q), defined for x ≥ 0 (x &gt; 0 when p &lt; 0). It lets a
/// claim say 4^(1/N) exactly instead of introducing q with the side condition q^N = 4; SMT-LIB sees
/// it as an auxiliary r ≥ 0 with r^q = x.
/// </summary>
public sealed record RealPow(Expr Base, Rational Exponent) : Expr;

/// <summary>The elementary functions of the claim syntax.</summary>
public enum ScalarFunction
{
    /// <summary>Square root, defined for x ≥ 0.</summary>
    Sqrt,
    /// <summary>Natural exponential.</summary>
    Exp,
    /// <summary>Natural logarithm, defined for x &gt; 0.</summary>
    Ln,
    /// <summary>Absolute value.</summary>
    Abs,
}

public sealed record Call(ScalarFunction Function, Expr Argument) : Expr;

public sealed record Min(Expr Left, Expr Right) : Expr;

public sealed record Max(Expr Left, Expr Right) : Expr;

/// <summary>Comparison operators of atomic formulas.</summary>
public enum Relation
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

/// <summary>A claim about scalar expressions. Closed hierarchy, like <see cref="Expr"/>.</summary>
public abstract record Formula;

public sealed record Compare(Expr Left, Relation Relation, Expr Right) : Formula;

public sealed record And(Formula Left, Formula Right) : Formula;

public sealed record Or(Formula Left, Formula Right) : Formula;

public sealed record Not(Formula Operand) : Formula;

public sealed record Implies(Formula Hypothesis, Formula Conclusion) : Formula;

public sealed record TrueFormula : Formula;

/// <summary>Structural queries shared by the interpreters.</summary>
public static class ExprFacts
{
    /// <summary>True when the expression uses exp or ln: Z3's nonlinear real arithmetic cannot decide it.</summary>
    public static bool IsTranscendental(Expr e) => e switch
    {
        Const or Var => false,
        Neg n => IsTranscendental(n.Operand),
        Add a => IsTranscendental(a.Left) || IsTranscendental(a.Right),
        Sub s => IsTranscendental(s.Left) || IsTranscendental(s.Right),
        Mul m => IsTranscendental(m.Left) || IsTranscendental(m.Right),
        Div d => IsTranscendental(d.Numerator) || IsTranscendental(d.Denominator),
        Pow p => IsTranscendental(p.Base),
        RealPow p => IsTranscendental(p.Base),
        Call c => c.Function is ScalarFunction.Exp or ScalarFunction.Ln || IsTranscendental(c.Argument),
        Min m => IsTranscendental(m.Left) || IsTranscendental(m.Right),
        Max m => IsTranscendental(m.Left) || IsTranscendental(m.Right),
        _ => throw new InvalidOperationException($"{nameof(ExprFacts)} has no case for {e.GetType().Name}"),
    };

    public static bool IsTranscendental(Formula f) => f switch
    {
        Compare c => IsTranscendental(c.Left) || IsTranscendental(c.Right),
        And a => IsTranscendental(a.Left) || IsTranscendental(a.Right),
        Or o => IsTranscendental(o.Left) || IsTranscendental(o.Right),
        Not n => IsTranscendental(n.Operand),
        Implies i => IsTranscendental(i.Hypothesis) || IsTranscendental(i.Conclusion),
        TrueFormula => false,
        _ => throw new InvalidOperationException($"{nameof(ExprFacts)} has no case for {f.GetType().Name}"),
    };

    /// <summary>Text of a relation as written in the claim syntax (and in SMT-LIB, except ≠).</summary>
    public static string Symbol(Relation r) => r switch
    {
        Relation.Less => "<",
        Relation.LessOrEqual => "<=",
        Relation.Greater => ">",
        Relation.GreaterOrEqual => ">=",
        Relation.Equal => "=",
        Relation.NotEqual => "!=",
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };
}
