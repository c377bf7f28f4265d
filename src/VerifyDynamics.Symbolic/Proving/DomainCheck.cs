using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Proving;

/// <summary>
/// Finds claims that would be "proven" vacuously: a variable whose domain is empty (<c>y in (1, 0)</c>), or an operation
/// that is undefined on part of the domain (<c>sqrt</c> or a fractional power of something negative, <c>ln</c> of
/// something ≤ 0). The provers decide a claim only where it is defined, so such a claim says nothing; <c>vd prove</c>
/// reports it as an error instead. The check is strict: the argument must be in range on the whole domain, even where an
/// implication's hypothesis would exclude the point (write the restriction into the domain instead).
/// </summary>
public static class DomainCheck
{
    /// <summary>The problem, as a sentence, or null when the domain is non-empty and every partial operation is defined on it.</summary>
    public static string? FindProblem(ScalarObligation obligation, ProofOptions options)
    {
        if (BoundProblem(obligation) is { } bound)
        {
            return bound;
        }
        var none = new Dictionary<string, Rational>();
        foreach (var v in obligation.Variables)
        {
            var lo = v.Lower is null ? null : ExactEvaluator.TryEvaluate(v.Lower, none);
            var hi = v.Upper is null ? null : ExactEvaluator.TryEvaluate(v.Upper, none);
            if (lo is { } l && hi is { } h && (l > h || (l == h && (v.LowerOpen || v.UpperOpen))))
            {
                return $"the domain of {v.Name}, {(v.LowerOpen ? "(" : "[")}{l}, {h}{(v.UpperOpen ? ")" : "]")}, is empty: every claim over it would hold vacuously";
            }
        }
        foreach (var (what, argument, strict) in PartialOperations(obligation.Claim))
        {
            var condition = new Compare(argument, strict ? Relation.Greater : Relation.GreaterOrEqual, new Const(Rational.Zero));
            var side = new ScalarObligation(obligation.Variables, condition, $"{ExprText.Print(argument)} {(strict ? ">" : ">=")} 0");
            var r = ObligationProver.Prove(side, options);
            IReadOnlyDictionary<string, string>? witness = r.Witness;
            bool refuted = r.Status == ProofStatus.Refuted;
            if (r.Status == ProofStatus.Skipped)
            {
                // Without libz3 the interval prover still finds a point where the argument is out of range.
                var bb = IntervalBranchAndBound.Decide(side, options.IntervalBudget);
                refuted = bb.Status == ProofStatus.Refuted;
                witness = bb.Witness?.ToDictionary(k => k.Key, k => k.Value.ToString(), StringComparer.Ordinal);
            }
            if (refuted)
            {
                string at = witness is { Count: > 0 } w ? " at " + string.Join(", ", w.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} = {k.Value}")) : "";
                return $"{what} is undefined on part of the domain{at} (its argument {ExprText.Print(argument)} must be {(strict ? "> 0" : "≥ 0")}); " +
                    "a claim is only decided where it is defined, so restrict the domain";
            }
        }
        return null;
    }

    /// <summary>
    /// A domain bound must be a constant and defined. Before this check <c>forall x in [sqrt(-1), 1]: x &lt;= -5</c> came back
    /// "proven" (Z3's definition of sqrt(−1) is unsatisfiable, so every claim over that domain held vacuously; found by
    /// classifying the Symbolic mutation survivors, 2026-12-08), and a bound naming another variable crashed the exact
    /// evaluator. A partial operation in a bound is checked on its constant argument by outward-rounded interval
    /// evaluation: it must be ≥ 0 (sqrt, a positive fractional power) or &gt; 0 (ln, a negative fractional power) for certain.
    /// </summary>
    private static string? BoundProblem(ScalarObligation obligation)
    {
        var empty = new Dictionary<string, Interval>();
        foreach (var v in obligation.Variables)
        {
            foreach (var (bound, side) in new[] { (v.Lower, "lower"), (v.Upper, "upper") })
            {
                if (bound is null)
                {
                    continue;
                }
                var names = VariablesOf(bound);
                if (names.Count > 0)
                {
                    return $"the {side} bound of {v.Name}, {ExprText.Print(bound)}, names {string.Join(", ", names)}: a bound must be a constant " +
                        "(write the dependence into the claim, e.g. as the hypothesis of an implication)";
                }
                foreach (var (what, argument, strict) in PartialOperations([bound]))
                {
                    var value = IntervalEvaluator.Evaluate(argument, empty);
                    bool defined = value.IsDefined && (strict ? value.Lo > 0 : value.Lo >= 0);
                    if (!defined)
                    {
                        return $"the {side} bound of {v.Name}, {ExprText.Print(bound)}, is not defined for certain: {what} needs its argument " +
                            $"{ExprText.Print(argument)} {(strict ? "> 0" : "≥ 0")} (it lies in [{value.Lo:R}, {value.Hi:R}])";
                    }
                }
            }
        }
        return null;
    }

    /// <summary>The names of the variables an expression mentions, in order of first appearance.</summary>
    private static List<string> VariablesOf(Expr e)
    {
        var names = new List<string>();
        var stack = new Stack<Expr>();
        stack.Push(e);
        while (stack.Count > 0)
        {
            var x = stack.Pop();
            if (x is Var v && !names.Contains(v.Name))
            {
                names.Add(v.Name);
            }
            foreach (var child in Children(x))
            {
                stack.Push(child);
            }
        }
        return names;
    }

    /// <summary>Every sqrt, ln and fractional power in the claim, with its argument and whether the argument must be positive.</summary>
    private static List<(string What, Expr Argument, bool Strict)> PartialOperations(Formula claim)
    {
        var found = new List<(string, Expr, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var formulas = new Stack<Formula>();
        var exprs = new Stack<Expr>();
        formulas.Push(claim);
        while (formulas.Count > 0)
        {
            switch (formulas.Pop())
            {
                case Compare c:
                    exprs.Push(c.Left);
                    exprs.Push(c.Right);
                    break;
                case And a:
                    formulas.Push(a.Left);
                    formulas.Push(a.Right);
                    break;
                case Or o:
                    formulas.Push(o.Left);
                    formulas.Push(o.Right);
                    break;
                case Not n:
                    formulas.Push(n.Operand);
                    break;
                case Implies i:
                    formulas.Push(i.Hypothesis);
                    formulas.Push(i.Conclusion);
                    break;
            }
        }
        return PartialOperations(exprs);
    }

    /// <summary>Every sqrt, ln and fractional power in the expressions (and their subexpressions).</summary>
    private static List<(string What, Expr Argument, bool Strict)> PartialOperations(IEnumerable<Expr> roots)
    {
        var found = new List<(string, Expr, bool)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var exprs = new Stack<Expr>(roots);
        while (exprs.Count > 0)
        {
            var e = exprs.Pop();
            (string What, Expr Arg, bool Strict)? partial = e switch
            {
                Call { Function: ScalarFunction.Sqrt } c => ($"sqrt({ExprText.Print(c.Argument)})", c.Argument, false),
                Call { Function: ScalarFunction.Ln } c => ($"ln({ExprText.Print(c.Argument)})", c.Argument, true),
                RealPow r => ($"({ExprText.Print(r.Base)})^({r.Exponent})", r.Base, r.Exponent.Sign < 0),
                _ => null,
            };
            if (partial is { } p && seen.Add($"{p.Strict}:{ExprText.Print(p.Arg)}"))
            {
                found.Add(p);
            }
            foreach (var child in Children(e))
            {
                exprs.Push(child);
            }
        }
        return found;
    }

    private static IEnumerable<Expr> Children(Expr e) => e switch
    {
        Neg n => [n.Operand],
        Add a => [a.Left, a.Right],
        Sub s => [s.Left, s.Right],
        Mul m => [m.Left, m.Right],
        Div d => [d.Numerator, d.Denominator],
        Pow p => [p.Base],
        RealPow r => [r.Base],
        Call c => [c.Argument],
        Min m => [m.Left, m.Right],
        Max m => [m.Left, m.Right],
        _ => [],
    };
}
