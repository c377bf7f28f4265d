using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Evaluation;

/// <summary>Kleene truth value of a formula on a box.</summary>
public enum Truth
{
    /// <summary>False at every point of the box.</summary>
    False,
    /// <summary>True at every point of the box.</summary>
    True,
    /// <summary>Not decided on this box (mixed, possibly undefined, or too wide).</summary>
    Unknown,
}

/// <summary>A truth value and whether every interval it rests on is guaranteed.</summary>
public readonly record struct TruthValue(Truth Value, bool IsGuaranteed);

/// <summary>
/// Interval evaluation with outward rounding (<see cref="IntervalMath"/>). Comparisons are decided on
/// the margin right − left; a caller may supply a sharper enclosure of a comparison's margin (the
/// branch-and-bound prover passes mean-value forms), which is intersected with the natural one.
/// </summary>
public static class IntervalEvaluator
{
    public static Interval Evaluate(Expr e, IReadOnlyDictionary<string, Interval> box) => e switch
    {
        Const c => Interval.Enclose(c.Value),
        Var v => box[v.Name],
        Neg n => IntervalMath.Neg(Evaluate(n.Operand, box)),
        Add a => IntervalMath.Add(Evaluate(a.Left, box), Evaluate(a.Right, box)),
        Sub s => IntervalMath.Sub(Evaluate(s.Left, box), Evaluate(s.Right, box)),
        Mul m => IntervalMath.Mul(Evaluate(m.Left, box), Evaluate(m.Right, box)),
        Div d => IntervalMath.Div(Evaluate(d.Numerator, box), Evaluate(d.Denominator, box)),
        Pow p => IntervalMath.Pow(Evaluate(p.Base, box), p.Exponent),
        RealPow p => IntervalMath.RealPow(Evaluate(p.Base, box), Interval.Enclose(p.Exponent), p.Exponent.Sign > 0),
        Call { Function: ScalarFunction.Sqrt } c => IntervalMath.Sqrt(Evaluate(c.Argument, box)),
        Call { Function: ScalarFunction.Exp } c => IntervalMath.Exp(Evaluate(c.Argument, box)),
        Call { Function: ScalarFunction.Ln } c => IntervalMath.Ln(Evaluate(c.Argument, box)),
        Call { Function: ScalarFunction.Abs } c => IntervalMath.Abs(Evaluate(c.Argument, box)),
        Min m => IntervalMath.Min(Evaluate(m.Left, box), Evaluate(m.Right, box)),
        Max m => IntervalMath.Max(Evaluate(m.Left, box), Evaluate(m.Right, box)),
        _ => throw new InvalidOperationException($"{nameof(IntervalEvaluator)} has no case for {e.GetType().Name}"),
    };

    /// <summary>Truth of a formula on a box. <paramref name="sharperMargin"/> may return a tighter enclosure of right − left for a comparison.</summary>
    public static TruthValue Evaluate(Formula f, IReadOnlyDictionary<string, Interval> box, Func<Compare, Interval?>? sharperMargin = null)
    {
        switch (f)
        {
            case Compare c:
                {
                    var margin = Evaluate(new Sub(c.Right, c.Left), box);
                    if (sharperMargin?.Invoke(c) is { } sharper && sharper.IsDefined && margin.IsDefined)
                    {
                        margin = IntervalMath.Intersect(margin, sharper);
                    }
                    return new(margin.IsDefined ? Decide(margin, c.Relation) : Truth.Unknown, margin.IsGuaranteed);
                }
            case And a:
                {
                    var x = Evaluate(a.Left, box, sharperMargin);
                    var y = Evaluate(a.Right, box, sharperMargin);
                    var v = x.Value == Truth.False || y.Value == Truth.False ? Truth.False
                        : x.Value == Truth.True && y.Value == Truth.True ? Truth.True : Truth.Unknown;
                    return new(v, x.IsGuaranteed && y.IsGuaranteed);
                }
            case Or o:
                {
                    var x = Evaluate(o.Left, box, sharperMargin);
                    var y = Evaluate(o.Right, box, sharperMargin);
                    var v = x.Value == Truth.True || y.Value == Truth.True ? Truth.True
                        : x.Value == Truth.False && y.Value == Truth.False ? Truth.False : Truth.Unknown;
                    return new(v, x.IsGuaranteed && y.IsGuaranteed);
                }
            case Not n:
                {
                    var x = Evaluate(n.Operand, box, sharperMargin);
                    return x with { Value = x.Value switch { Truth.True => Truth.False, Truth.False => Truth.True, _ => Truth.Unknown } };
                }
            case Implies i:
                {
                    var h = Evaluate(i.Hypothesis, box, sharperMargin);
                    var c = Evaluate(i.Conclusion, box, sharperMargin);
                    var v = h.Value == Truth.False || c.Value == Truth.True ? Truth.True
                        : h.Value == Truth.True && c.Value == Truth.False ? Truth.False : Truth.Unknown;
                    return new(v, h.IsGuaranteed && c.IsGuaranteed);
                }
            case TrueFormula:
                return new(Truth.True, true);
            default:
                throw new InvalidOperationException($"{nameof(IntervalEvaluator)} has no case for {f.GetType().Name}");
        }
    }

    /// <summary>Decides "margin relation 0" where margin = right − left.</summary>
    private static Truth Decide(Interval m, Relation r) => r switch
    {
        Relation.LessOrEqual => m.Lo >= 0 ? Truth.True : m.Hi < 0 ? Truth.False : Truth.Unknown,
        Relation.Less => m.Lo > 0 ? Truth.True : m.Hi <= 0 ? Truth.False : Truth.Unknown,
        Relation.GreaterOrEqual => m.Hi <= 0 ? Truth.True : m.Lo > 0 ? Truth.False : Truth.Unknown,
        Relation.Greater => m.Hi < 0 ? Truth.True : m.Lo >= 0 ? Truth.False : Truth.Unknown,
        Relation.Equal => m.Lo == 0 && m.Hi == 0 ? Truth.True : m.Lo > 0 || m.Hi < 0 ? Truth.False : Truth.Unknown,
        Relation.NotEqual => m.Lo > 0 || m.Hi < 0 ? Truth.True : m.Lo == 0 && m.Hi == 0 ? Truth.False : Truth.Unknown,
        _ => throw new ArgumentOutOfRangeException(nameof(r)),
    };

    /// <summary>Box of point enclosures of a rational point.</summary>
    public static Dictionary<string, Interval> PointBox(IReadOnlyDictionary<string, Rational> point) =>
        point.ToDictionary(kv => kv.Key, kv => Interval.Enclose(kv.Value), StringComparer.Ordinal);
}
