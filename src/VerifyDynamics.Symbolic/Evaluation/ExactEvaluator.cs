using System.Numerics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Evaluation;

/// <summary>
/// Exact rational evaluation. Returns null where the value is undefined (1/0: Z3 would read it as 0)
/// or not rational (sqrt 2, exp 1); perfect powers (sqrt(9/4), 8^(1/3)) and exp(0), ln(1) stay exact.
/// </summary>
public static class ExactEvaluator
{
    public static Rational? TryEvaluate(Expr e, IReadOnlyDictionary<string, Rational> env)
    {
        switch (e)
        {
            case Const c:
                return c.Value;
            case Var v:
                return env.TryGetValue(v.Name, out var value) ? value : throw new KeyNotFoundException($"no value for variable '{v.Name}'");
            case Neg n:
                return TryEvaluate(n.Operand, env) is { } x ? -x : null;
            case Add a:
                return Both(a.Left, a.Right, env, (x, y) => x + y);
            case Sub s:
                return Both(s.Left, s.Right, env, (x, y) => x - y);
            case Mul m:
                return Both(m.Left, m.Right, env, (x, y) => x * y);
            case Div d:
                return Both(d.Numerator, d.Denominator, env, (x, y) => y.Sign == 0 ? null : x / y);
            case Pow p:
                return TryEvaluate(p.Base, env) is { } pb && !(pb.Sign == 0 && p.Exponent < 0) ? pb.Pow(p.Exponent) : null;
            case RealPow p:
                {
                    if (TryEvaluate(p.Base, env) is not { } b || b.Sign < 0 || (b.Sign == 0 && p.Exponent.Sign <= 0))
                    {
                        return null;
                    }
                    if (p.Exponent.Denominator > int.MaxValue || p.Exponent.Numerator > int.MaxValue || p.Exponent.Numerator < int.MinValue)
                    {
                        return null;
                    }
                    var root = ExactRoot(b, (int)p.Exponent.Denominator);
                    return root?.Pow((int)p.Exponent.Numerator);
                }
            case Call c:
                {
                    if (TryEvaluate(c.Argument, env) is not { } arg)
                    {
                        return null;
                    }
                    return c.Function switch
                    {
                        ScalarFunction.Sqrt => arg.Sign < 0 ? null : ExactRoot(arg, 2),
                        ScalarFunction.Exp => arg.Sign == 0 ? Rational.One : null,
                        ScalarFunction.Ln => arg == Rational.One ? Rational.Zero : null,
                        ScalarFunction.Abs => arg.Sign < 0 ? -arg : arg,
                        _ => throw new InvalidOperationException($"{nameof(ExactEvaluator)} has no case for {c.Function}"),
                    };
                }
            case Min m:
                return Both(m.Left, m.Right, env, (x, y) => x <= y ? x : y);
            case Max m:
                return Both(m.Left, m.Right, env, (x, y) => x >= y ? x : y);
            default:
                throw new InvalidOperationException($"{nameof(ExactEvaluator)} has no case for {e.GetType().Name}");
        }
    }

    /// <summary>Kleene truth of a formula at a rational point: null when some part is undefined or irrational.</summary>
    public static bool? TryEvaluate(Formula f, IReadOnlyDictionary<string, Rational> env)
    {
        switch (f)
        {
            case Compare c:
                if (TryEvaluate(c.Left, env) is not { } l || TryEvaluate(c.Right, env) is not { } r)
                {
                    return null;
                }
                int cmp = l.CompareTo(r);
                return c.Relation switch
                {
                    Relation.Less => cmp < 0,
                    Relation.LessOrEqual => cmp <= 0,
                    Relation.Greater => cmp > 0,
                    Relation.GreaterOrEqual => cmp >= 0,
                    Relation.Equal => cmp == 0,
                    Relation.NotEqual => cmp != 0,
                    _ => throw new ArgumentOutOfRangeException(nameof(f)),
                };
            case And a:
                {
                    var x = TryEvaluate(a.Left, env);
                    var y = TryEvaluate(a.Right, env);
                    return x == false || y == false ? false : x == true && y == true ? true : null;
                }
            case Or o:
                {
                    var x = TryEvaluate(o.Left, env);
                    var y = TryEvaluate(o.Right, env);
                    return x == true || y == true ? true : x == false && y == false ? false : null;
                }
            case Not n:
                return TryEvaluate(n.Operand, env) is { } b ? !b : null;
            case Implies i:
                {
                    var h = TryEvaluate(i.Hypothesis, env);
                    var c = TryEvaluate(i.Conclusion, env);
                    return h == false || c == true ? true : h == true && c == false ? false : null;
                }
            case TrueFormula:
                return true;
            default:
                throw new InvalidOperationException($"{nameof(ExactEvaluator)} has no case for {f.GetType().Name}");
        }
    }

    private static Rational? Both(Expr a, Expr b, IReadOnlyDictionary<string, Rational> env, Func<Rational, Rational, Rational?> op) =>
        TryEvaluate(a, env) is { } x && TryEvaluate(b, env) is { } y ? op(x, y) : null;

    /// <summary>The exact k-th root of a non-negative rational when numerator and denominator are perfect k-th powers.</summary>
    private static Rational? ExactRoot(Rational x, int k) =>
        IntegerRoot(x.Numerator, k) is { } n && IntegerRoot(x.Denominator, k) is { } d ? new Rational(n, d) : null;

    private static BigInteger? IntegerRoot(BigInteger n, int k)
    {
        if (n.Sign < 0)
        {
            return null;
        }
        if (n.IsZero || n.IsOne || k == 1)
        {
            return n;
        }
        // Newton's iteration from an upper bound 2^ceil(bits/k) decreases monotonically to floor(n^(1/k)).
        var x = BigInteger.One << (int)((n.GetBitLength() + k - 1) / k);
        while (true)
        {
            var next = ((k - 1) * x + n / BigInteger.Pow(x, k - 1)) / k;
            if (next >= x)
            {
                break;
            }
            x = next;
        }
        return BigInteger.Pow(x, k) == n ? x : null;
    }
}
