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
        Div d => $"{Print(d.Numerator)}/{Print(d.Denominator)}",
        Pow p => $"{Print(p.Base)}^{(p.Exponent < 0 ? $"({p.Exponent})" : p.Exponent.ToString(CultureInfo.InvariantCulture))}",
        RealPow p => $"{Print(p.Base)}^({p.Exponent})",
        Call c => $"{c.Function.ToString().ToLowerInvariant()}({Print(c.Argument)})",
        Min m => $"min({Print(m.Left)}, {Print(m.Right)})",
        Max m => $"max({Print(m.Left)}, {Print(m.Right)})",
        _ => throw new InvalidOperationException($"{nameof(ExprText)} has no case for {e.GetType().Name}"),
    };

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
