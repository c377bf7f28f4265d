using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Evaluation;

/// <summary>
/// Plain double evaluation: fast and unverified. Used to screen candidate points; a point only
/// becomes a counterexample after <see cref="Proving.WitnessCheck"/> re-checks it exactly or with guaranteed intervals.
/// </summary>
public static class DoubleEvaluator
{
    public static double Evaluate(Expr e, IReadOnlyDictionary<string, double> env) => e switch
    {
        Const c => c.Value.ToDouble(),
        Var v => env[v.Name],
        Neg n => -Evaluate(n.Operand, env),
        Add a => Evaluate(a.Left, env) + Evaluate(a.Right, env),
        Sub s => Evaluate(s.Left, env) - Evaluate(s.Right, env),
        Mul m => Evaluate(m.Left, env) * Evaluate(m.Right, env),
        Div d => Evaluate(d.Numerator, env) / Evaluate(d.Denominator, env),
        Pow p => Math.Pow(Evaluate(p.Base, env), p.Exponent),
        RealPow p => Evaluate(p.Base, env) is var x && x >= 0 ? Math.Pow(x, p.Exponent.ToDouble()) : double.NaN,
        Call { Function: ScalarFunction.Sqrt } c => Math.Sqrt(Evaluate(c.Argument, env)),
        Call { Function: ScalarFunction.Exp } c => Math.Exp(Evaluate(c.Argument, env)),
        Call { Function: ScalarFunction.Ln } c => Math.Log(Evaluate(c.Argument, env)),
        Call { Function: ScalarFunction.Abs } c => Math.Abs(Evaluate(c.Argument, env)),
        Min m => Math.Min(Evaluate(m.Left, env), Evaluate(m.Right, env)),
        Max m => Math.Max(Evaluate(m.Left, env), Evaluate(m.Right, env)),
        _ => throw new InvalidOperationException($"{nameof(DoubleEvaluator)} has no case for {e.GetType().Name}"),
    };

    /// <summary>Truth of a formula at a point; comparisons involving NaN (undefined) are false, so an undefined claim never passes.</summary>
    public static bool Evaluate(Formula f, IReadOnlyDictionary<string, double> env) => f switch
    {
        Compare c => Holds(Evaluate(c.Left, env), c.Relation, Evaluate(c.Right, env)),
        And a => Evaluate(a.Left, env) && Evaluate(a.Right, env),
        Or o => Evaluate(o.Left, env) || Evaluate(o.Right, env),
        Not n => !Evaluate(n.Operand, env),
        Implies i => !Evaluate(i.Hypothesis, env) || Evaluate(i.Conclusion, env),
        TrueFormula => true,
        _ => throw new InvalidOperationException($"{nameof(DoubleEvaluator)} has no case for {f.GetType().Name}"),
    };

    private static bool Holds(double a, Relation r, double b) => r switch
    {
        Relation.Less => a < b,
        Relation.LessOrEqual => a <= b,
        Relation.Greater => a > b,
        Relation.GreaterOrEqual => a >= b,
        Relation.Equal => a == b,
        Relation.NotEqual => a != b,
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };
}
