using System.Globalization;
using System.Text;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.SmtLib;

/// <summary>
/// The SMT-LIB 2 script that asks Z3 for a counterexample: variables, the domain and the claim's
/// hypotheses as named assertions (so the unsat core says which were needed), and the negated
/// conclusion. Every constant is exact: <c>(/ 57 10)</c>, never <c>5.7</c>.
/// <para>
/// Non-polynomial nodes become auxiliary variables with defining constraints: sqrt(a) is s ≥ 0 with
/// s² = a; a^(p/q) is r ≥ 0 with r^q = a, then r^p. exp and ln, which Z3's nonlinear arithmetic does
/// not decide, are <em>relaxed</em> soundly: exp(a) is E &gt; 0 with E ≥ 1 + a; ln(a) is L with a &gt; 0,
/// L ≤ a − 1 and a·L ≥ a − 1. Every true exp/ln satisfies these, so unsat is still a proof; a model
/// may be spurious, which is why models are re-checked before they count.
/// </para>
/// Points where the claim is undefined (sqrt of a negative, ln of a non-positive) are excluded from
/// the search by those constraints, matching the re-check, where an undefined point never refutes.
/// Division is printed as is; Z3 reads x/0 as an unspecified total value, so models are re-checked exactly.
/// </summary>
public sealed class SmtLibPrinter
{
    private readonly List<string> _auxDeclarations = [];
    private readonly List<(string Name, string Assertion)> _auxDefinitions = [];
    private readonly Dictionary<Expr, string> _auxByExpr = [];

    private SmtLibPrinter()
    {
    }

    /// <summary>The script, ending with (check-sat); the prover appends model/core queries.</summary>
    public static string Print(ScalarObligation obligation, long? rlimit = null) => new SmtLibPrinter().Script(obligation, rlimit);

    private string Script(ScalarObligation obligation, long? rlimit)
    {
        var hypotheses = new List<(string Name, Formula Formula)>();
        foreach (var v in obligation.Variables)
        {
            if (v.Lower is not null)
            {
                hypotheses.Add(($"domain_{v.Name}_lower", new Compare(v.Lower, v.LowerOpen ? Relation.Less : Relation.LessOrEqual, new Var(v.Name))));
            }
            if (v.Upper is not null)
            {
                hypotheses.Add(($"domain_{v.Name}_upper", new Compare(new Var(v.Name), v.UpperOpen ? Relation.Less : Relation.LessOrEqual, v.Upper)));
            }
        }
        var claim = obligation.Claim;
        int h = 0;
        while (claim is Implies implies)
        {
            foreach (var conjunct in Conjuncts(implies.Hypothesis))
            {
                hypotheses.Add(($"hypothesis_{++h}", conjunct));
            }
            claim = implies.Conclusion;
        }
        var printedHypotheses = hypotheses.Select(x => (x.Name, Text: Formula(x.Formula))).ToList();
        string negatedGoal = $"(not {Formula(claim)})";

        var sb = new StringBuilder();
        sb.Append("; vd prove: ").Append(obligation.Text.Replace('\n', ' ')).Append('\n');
        // Models and unsat cores are switched on through Z3's parameters (model=true, unsat_core=true), because
        // libz3's front end rejects those options once a context exists; the z3 command line needs them given.
        sb.Append("; z3 parameters: model=true unsat_core=true\n");
        if (rlimit is { } limit)
        {
            sb.Append("(set-option :rlimit ").Append(limit.ToString(CultureInfo.InvariantCulture)).Append(")\n");
        }
        // QF_NRA selects nlsat, a complete procedure for polynomial real arithmetic; without it Z3's default
        // solver gives up on nonlinear goals with "incomplete (theory arithmetic)".
        sb.Append("(set-logic QF_NRA)\n");
        foreach (var v in obligation.Variables)
        {
            sb.Append("(declare-const ").Append(Symbol(v.Name)).Append(" Real)\n");
        }
        foreach (var aux in _auxDeclarations)
        {
            sb.Append("(declare-const ").Append(aux).Append(" Real)\n");
        }
        foreach (var (name, text) in printedHypotheses)
        {
            sb.Append("(assert (! ").Append(text).Append(" :named ").Append(name).Append("))\n");
        }
        foreach (var (name, assertion) in _auxDefinitions)
        {
            sb.Append("(assert (! ").Append(assertion).Append(" :named ").Append(name).Append("))\n");
        }
        sb.Append("(assert (! ").Append(negatedGoal).Append(" :named negated_claim))\n");
        sb.Append("(check-sat)\n");
        return sb.ToString();
    }

    private static IEnumerable<Formula> Conjuncts(Formula f) =>
        f is And a ? Conjuncts(a.Left).Concat(Conjuncts(a.Right)) : [f];

    /// <summary>A simple symbol when the name is plain, otherwise |quoted|.</summary>
    public static string Symbol(string name) =>
        name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_') && !char.IsAsciiDigit(name[0]) ? name : $"|{name}|";

    /// <summary>An exact rational: 3, (- 3), (/ 3 4), (/ (- 3) 4).</summary>
    public static string Number(Rational r)
    {
        string Integer(System.Numerics.BigInteger n) =>
            n.Sign < 0 ? $"(- {(-n).ToString(CultureInfo.InvariantCulture)})" : n.ToString(CultureInfo.InvariantCulture);
        return r.IsInteger ? Integer(r.Numerator) : $"(/ {Integer(r.Numerator)} {Integer(r.Denominator)})";
    }

    private string Formula(Formula f) => f switch
    {
        Compare c when c.Relation == Relation.NotEqual => $"(not (= {Expr(c.Left)} {Expr(c.Right)}))",
        Compare c => $"({ExprFacts.Symbol(c.Relation)} {Expr(c.Left)} {Expr(c.Right)})",
        And a => $"(and {Formula(a.Left)} {Formula(a.Right)})",
        Or o => $"(or {Formula(o.Left)} {Formula(o.Right)})",
        Not n => $"(not {Formula(n.Operand)})",
        Implies i => $"(=> {Formula(i.Hypothesis)} {Formula(i.Conclusion)})",
        TrueFormula => "true",
        _ => throw new InvalidOperationException($"{nameof(SmtLibPrinter)} has no case for {f.GetType().Name}"),
    };

    private string Expr(Expr e) => e switch
    {
        Const c => Number(c.Value),
        Var v => Symbol(v.Name),
        Neg n => $"(- {Expr(n.Operand)})",
        Add a => $"(+ {Expr(a.Left)} {Expr(a.Right)})",
        Sub s => $"(- {Expr(s.Left)} {Expr(s.Right)})",
        Mul m => $"(* {Expr(m.Left)} {Expr(m.Right)})",
        Div d => $"(/ {Expr(d.Numerator)} {Expr(d.Denominator)})",
        Pow { Base: Const c } p when c.Value.Sign != 0 || p.Exponent > 0 => Number(c.Value.Pow(p.Exponent)),
        Pow p => IntegerPower(Expr(p.Base), p.Exponent),
        RealPow p => IntegerPower(Aux(p, "root", (r, _) =>
            $"(and (>= {r} 0) (= {IntegerPower(r, (int)p.Exponent.Denominator)} {Expr(p.Base)}))"), (int)p.Exponent.Numerator),
        Call { Function: ScalarFunction.Sqrt } c => Aux(c, "sqrt", (s, _) => $"(and (>= {s} 0) (= (* {s} {s}) {Expr(c.Argument)}))"),
        Call { Function: ScalarFunction.Exp } c => Aux(c, "exp", (x, _) =>
            $"(and (> {x} 0) (>= {x} (+ 1 {Expr(c.Argument)})))"),
        Call { Function: ScalarFunction.Ln } c => Aux(c, "ln", (l, _) =>
            $"(and (> {Expr(c.Argument)} 0) (<= {l} (- {Expr(c.Argument)} 1)) (>= (* {Expr(c.Argument)} {l}) (- {Expr(c.Argument)} 1)))"),
        Call { Function: ScalarFunction.Abs } c => $"(let ((a {Expr(c.Argument)})) (ite (>= a 0) a (- a)))",
        Min m => $"(let ((a {Expr(m.Left)}) (b {Expr(m.Right)})) (ite (<= a b) a b))",
        Max m => $"(let ((a {Expr(m.Left)}) (b {Expr(m.Right)})) (ite (>= a b) a b))",
        _ => throw new InvalidOperationException($"{nameof(SmtLibPrinter)} has no case for {e.GetType().Name}"),
    };

    private static string IntegerPower(string b, int k) => k switch
    {
        0 => "1",
        1 => b,
        < 0 => $"(/ 1 {IntegerPower(b, -k)})",
        // Repeated products, not (^ b k): nlsat only sees polynomials after Z3 expands powers, and it does
        // not expand every (^ b k), answering "incomplete (theory arithmetic)" instead.
        _ => $"(* {string.Join(' ', Enumerable.Repeat(b, k))})",
    };

    private string Aux(Expr e, string kind, Func<string, int, string> definition)
    {
        if (_auxByExpr.TryGetValue(e, out var existing))
        {
            return existing;
        }
        int index = _auxDeclarations.Count + 1;
        string name = $"vd!{kind}{index}";
        _auxDeclarations.Add(name);
        _auxByExpr[e] = name;
        _auxDefinitions.Add(($"definition_{kind}{index}", definition(name, index)));
        return name;
    }
}
