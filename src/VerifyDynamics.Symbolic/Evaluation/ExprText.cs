using System.Globalization;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Evaluation;

/// <summary>Prints expressions and formulas back in the claim syntax (fully parenthesised where needed, culture-invariant).</summary>
public static class ExprText
{
    public static string Number(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static string Print(Expr e) => e switch
    {
        Const c => c.Value.Sign < 0 || !c.Value.IsInteger ? $"({c.Value})" : c.Value.ToString(),
        Var v => v.Name,
        Neg n => $"-{Print(n.Operand)}",
        Add a => $"({Print(a.Left)} + {Print(a.Right)})",
        Sub s => $"({Print(s.Left)} - {Print(s.Right)})",
        Mul m => $"{Print(m.Left)}*{Print(m.Right)}",
        Div d => $"{Print(d.Numerator)}/{(d.Denominator is Mul or Div or Neg ? $"({Print(d.Denominator)})" : Print(d.Denominator))}",
        Pow p => $"{Base(p.Base)}^{(p.Exponent < 0 ? $"({p.Exponent})" : p.Exponent.ToString(CultureInfo.InvariantCulture))}",
        RealPow p => $"{Base(p.Base)}^({p.Exponent})",
        Call c => $"{c.Function.ToString().ToLowerInvariant()}({Print(c.Argument)})",
        Min m => $"min({Print(m.Left)}, {Print(m.Right)})",
        Max m => $"max({Print(m.Left)}, {Print(m.Right)})",
        _ => throw new InvalidOperationException($"{nameof(ExprText)} has no case for {e.GetType().Name}"),
    };

    /// <summary>
    /// A power's base: parenthesised unless it is atomic, since ^ binds tighter than unary minus, * and / and is read
    /// right-associatively (x^2^3 = x^8); "-x^2", "x*y^2" and "x^2^3" would otherwise read back as another expression.
    /// </summary>
    private static string Base(Expr e) => e is Var or Const or Call or Min or Max or Add or Sub ? Print(e) : $"({Print(e)})";

    public static string Print(Formula f) => f switch
    {
        Compare c => $"{Print(c.Left)} {ExprFacts.Symbol(c.Relation)} {Print(c.Right)}",
        And a => $"({Print(a.Left)} && {Print(a.Right)})",
        Or o => $"({Print(o.Left)} || {Print(o.Right)})",
        Not n => $"!({Print(n.Operand)})",
        Implies i => $"({Print(i.Hypothesis)} -> {Print(i.Conclusion)})",
        TrueFormula => "true",
        _ => throw new InvalidOperationException($"{nameof(ExprText)} has no case for {f.GetType().Name}"),
    };
}
