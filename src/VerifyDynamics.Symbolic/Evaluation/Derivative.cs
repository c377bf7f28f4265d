using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Evaluation;

/// <summary>
/// Symbolic partial derivatives, for the mean-value forms of the interval prover (they decide
/// inequalities that are tight at a corner, such as 1 − x ≤ e^(−x) at x = 0). Returns null for
/// nodes without a derivative everywhere (min, max, abs); the prover then uses the natural enclosure.
/// </summary>
public static class Derivative
{
    private static readonly Expr Zero = new Const(Rational.Zero);
    private static readonly Expr One = new Const(Rational.One);

    public static Expr? Of(Expr e, string variable)
    {
        switch (e)
        {
            case Const:
                return Zero;
            case Var v:
                return v.Name == variable ? One : Zero;
            case Neg n:
                return Of(n.Operand, variable) is { } dn ? Negate(dn) : null;
            case Add a:
                return Of(a.Left, variable) is { } dl && Of(a.Right, variable) is { } dr ? Plus(dl, dr) : null;
            case Sub s:
                return Of(s.Left, variable) is { } dl2 && Of(s.Right, variable) is { } dr2 ? Plus(dl2, Negate(dr2)) : null;
            case Mul m:
                return Of(m.Left, variable) is { } dl3 && Of(m.Right, variable) is { } dr3
                    ? Plus(Times(dl3, m.Right), Times(m.Left, dr3)) : null;
            case Div d:
                {
                    if (Of(d.Numerator, variable) is not { } dn2 || Of(d.Denominator, variable) is not { } dd)
                    {
                        return null;
                    }
                    // (f/g)' = f'/g − f·g'/g²
                    return Plus(IsZero(dn2) ? Zero : new Div(dn2, d.Denominator),
                        IsZero(dd) ? Zero : Negate(new Div(Times(d.Numerator, dd), new Pow(d.Denominator, 2))));
                }
            case Pow p:
                return Of(p.Base, variable) is { } db
                    ? Times(Times(new Const(Rational.Of(p.Exponent)), p.Exponent == 1 ? One : new Pow(p.Base, p.Exponent - 1)), db) : null;
            case RealPow p:
                return Of(p.Base, variable) is { } db2
                    ? Times(Times(new Const(p.Exponent), new RealPow(p.Base, p.Exponent - Rational.One)), db2) : null;
            case Call c:
                {
                    if (Of(c.Argument, variable) is not { } da)
                    {
                        return null;
                    }
                    return c.Function switch
                    {
                        ScalarFunction.Sqrt => Times(new Div(One, Times(new Const(Rational.Of(2)), c)), da),
                        ScalarFunction.Exp => Times(c, da),
                        ScalarFunction.Ln => Times(new Div(One, c.Argument), da),
                        ScalarFunction.Abs => IsZero(da) ? Zero : null,
                        _ => throw new InvalidOperationException($"{nameof(Derivative)} has no case for {c.Function}"),
                    };
                }
            case Min m:
                return Of(m.Left, variable) is { } a1 && Of(m.Right, variable) is { } a2 && IsZero(a1) && IsZero(a2) ? Zero : null;
            case Max m:
                return Of(m.Left, variable) is { } b1 && Of(m.Right, variable) is { } b2 && IsZero(b1) && IsZero(b2) ? Zero : null;
            default:
                throw new InvalidOperationException($"{nameof(Derivative)} has no case for {e.GetType().Name}");
        }
    }

    private static bool IsZero(Expr e) => e is Const c && c.Value.Sign == 0;

    private static bool IsOne(Expr e) => e is Const c && c.Value == Rational.One;

    private static Expr Plus(Expr a, Expr b) => IsZero(a) ? b : IsZero(b) ? a : new Add(a, b);

    private static Expr Negate(Expr a) => IsZero(a) ? a : a is Const c ? new Const(-c.Value) : new Neg(a);

    private static Expr Times(Expr a, Expr b) => IsZero(a) || IsZero(b) ? Zero : IsOne(a) ? b : IsOne(b) ? a : new Mul(a, b);
}
