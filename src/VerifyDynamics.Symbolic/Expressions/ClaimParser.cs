using System.Globalization;
using VerifyDynamics.Core;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Symbolic.Expressions;

/// <summary>A claim that does not parse; <see cref="Column"/> is 1-based in the claim text.</summary>
public sealed class ClaimParseException : FormatException
{
    public ClaimParseException(string message, int column, string text)
        : base($"column {column}: {message}")
    {
        Column = column;
        Text = text;
    }

    public ClaimParseException()
    {
        Text = "";
    }

    public ClaimParseException(string message) : base(message)
    {
        Text = "";
    }

    public ClaimParseException(string message, Exception innerException) : base(message, innerException)
    {
        Text = "";
    }

    public int Column { get; }
    public string Text { get; }

    /// <summary>The claim with a caret under the offending column, for terminals.</summary>
    public string Pointer => $"{Text}\n{new string(' ', Math.Max(0, Column - 1))}^";
}

/// <summary>
/// Parser of the <c>vd prove</c> claim syntax:
/// <code>
/// claim   := ['forall' decl {',' decl} ':'] formula
/// decl    := name {',' name} 'in' ('(' | '[') (expr | '-inf') ',' (expr | 'inf') (')' | ']')  |  name {',' name} 'in' 'R'
/// formula := or [('->' | '=>' | 'implies') formula]          (right associative)
/// or      := and {('||' | 'or') and};  and := not {('&amp;&amp;' | 'and') not}
/// not     := ('!' | 'not') not | '(' formula ')' | 'true' | expr rel expr {rel expr}   (chains: 0 &lt; x &lt;= 1)
/// rel     := '&lt;' | '&lt;=' | '&gt;' | '&gt;=' | '=' | '==' | '!=' (also ≤ ≥ ≠)
/// expr    := term {('+' | '-') term};  term := unary {('*' | '/') unary};  unary := '-' unary | power
/// power   := atom ['^' unary]     (constant exponent: integer → x^k, otherwise an exact rational power)
/// atom    := number | name | ('sqrt' | 'exp' | 'ln' | 'log' | 'abs') '(' expr ')' | ('min' | 'max') '(' expr {',' expr} ')' | '(' expr ')'
/// </code>
/// Numbers are exact: <c>0.2</c> is 1/5, <c>1e-5</c> is 1/100000.
/// </summary>
public sealed class ClaimParser
{
    private readonly string _text;
    private readonly List<Token> _tokens;
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);
    private int _pos;
    private int _depth;

    private ClaimParser(string text)
    {
        _text = text;
        if (text.Length > InputLimits.MaxClaimLength)
        {
            // Limits come before any work (README "Input limits"): the tree of a claim is never deeper than its token count.
            throw new ClaimParseException($"the claim has {text.Length} characters; the limit is {InputLimits.MaxClaimLength} (README \"Input limits\")", 1, text[..80] + "...");
        }
        _tokens = Lex(text);
        if (_tokens.Count > InputLimits.MaxClaimTokens)
        {
            throw new ClaimParseException($"the claim has {_tokens.Count} tokens; the limit is {InputLimits.MaxClaimTokens} (README \"Input limits\")", _tokens[InputLimits.MaxClaimTokens].Column, text);
        }
    }

    /// <summary>Enters one level of nesting (parenthesis, sign, negation, implication, function call); deeper than the limit is an error, never a stack overflow.</summary>
    private Nesting Nest() => ++_depth > InputLimits.MaxClaimNesting
        ? throw Error($"the claim nests deeper than {InputLimits.MaxClaimNesting} levels (parentheses, signs, negations, calls); the limit is in README \"Input limits\"")
        : new Nesting(this);

    private readonly struct Nesting(ClaimParser parser) : IDisposable
    {
        public void Dispose() => parser._depth--;
    }

    public static ScalarObligation Parse(string text) => new ClaimParser(text).ParseClaim();

    private enum Kind { Number, Name, Symbol, End }

    private sealed record Token(Kind Kind, string Text, int Column);

    private static readonly string[] Symbols =
        ["<=", ">=", "==", "!=", "&&", "||", "->", "=>", "≤", "≥", "≠", "∧", "∨", "¬", "→", "(", ")", "[", "]", ",", ":", "+", "-", "*", "/", "^", "<", ">", "=", "!", "−", "·"];

    private List<Token> Lex(string text)
    {
        var tokens = new List<Token>();
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }
            int start = i;
            if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }
                // An exponent only when a digit (optionally signed) follows, so "2*e" keeps e as a name.
                if (i < text.Length && (text[i] == 'e' || text[i] == 'E'))
                {
                    int j = i + 1;
                    if (j < text.Length && (text[j] == '+' || text[j] == '-'))
                    {
                        j++;
                    }
                    if (j < text.Length && char.IsAsciiDigit(text[j]))
                    {
                        i = j;
                        while (i < text.Length && char.IsAsciiDigit(text[i]))
                        {
                            i++;
                        }
                    }
                }
                tokens.Add(new Token(Kind.Number, text[start..i], start + 1));
                continue;
            }
            if (char.IsLetter(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_' || text[i] == '\''))
                {
                    i++;
                }
                tokens.Add(new Token(Kind.Name, text[start..i], start + 1));
                continue;
            }
            var symbol = Symbols.FirstOrDefault(s => string.CompareOrdinal(text, i, s, 0, s.Length) == 0)
                ?? throw new ClaimParseException($"unexpected character '{c}'", i + 1, text);
            tokens.Add(new Token(Kind.Symbol, Normalise(symbol), i + 1));
            i += symbol.Length;
        }
        tokens.Add(new Token(Kind.End, "end of claim", text.Length + 1));
        return tokens;
    }

    private static string Normalise(string symbol) => symbol switch
    {
        "≤" => "<=",
        "≥" => ">=",
        "≠" => "!=",
        "==" => "=",
        "∧" => "&&",
        "∨" => "||",
        "¬" => "!",
        "→" or "=>" => "->",
        "−" => "-",
        "·" => "*",
        _ => symbol,
    };

    private Token Peek => _tokens[_pos];

    private Token PeekAt(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Count - 1)];

    private bool IsSymbol(string s) => Peek.Kind == Kind.Symbol && Peek.Text == s;

    private bool IsName(string s) => Peek.Kind == Kind.Name && string.Equals(Peek.Text, s, StringComparison.Ordinal);

    private ClaimParseException Error(string message, Token? at = null) => new(message, (at ?? Peek).Column, _text);

    private Token Expect(string symbol)
    {
        if (!IsSymbol(symbol))
        {
            throw Error($"expected '{symbol}' but found '{Peek.Text}'");
        }
        return _tokens[_pos++];
    }

    private ScalarObligation ParseClaim()
    {
        var variables = new List<VariableDomain>();
        if (IsName("forall"))
        {
            _pos++;
            do
            {
                var names = new List<Token> { ExpectName() };
                while (IsSymbol(","))
                {
                    _pos++;
                    names.Add(ExpectName());
                }
                if (!IsName("in"))
                {
                    throw Error($"expected 'in' after the variable name but found '{Peek.Text}'");
                }
                _pos++;
                var (lower, lowerOpen, upper, upperOpen) = ParseInterval();
                foreach (var name in names)
                {
                    if (!_declared.Add(name.Text))
                    {
                        throw Error($"variable '{name.Text}' is declared twice", name);
                    }
                    variables.Add(new VariableDomain(name.Text, lower, lowerOpen, upper, upperOpen));
                }
            }
            while (TryConsume(","));
            Expect(":");
        }
        var claim = ParseFormula();
        if (Peek.Kind != Kind.End)
        {
            throw Error($"unexpected '{Peek.Text}' after the end of the claim");
        }
        return new ScalarObligation(variables, claim, _text);
    }

    private bool TryConsume(string symbol)
    {
        if (IsSymbol(symbol))
        {
            _pos++;
            return true;
        }
        return false;
    }

    private Token ExpectName()
    {
        if (Peek.Kind != Kind.Name || IsKeyword(Peek.Text))
        {
            throw Error($"expected a variable name but found '{Peek.Text}'");
        }
        return _tokens[_pos++];
    }

    private static bool IsKeyword(string s) => s is "forall" or "in" or "and" or "or" or "not" or "implies" or "inf" or "true"
        or "sqrt" or "exp" or "ln" or "log" or "abs" or "min" or "max";

    private (Expr? Lower, bool LowerOpen, Expr? Upper, bool UpperOpen) ParseInterval()
    {
        if (IsName("R"))
        {
            _pos++;
            return (null, true, null, true);
        }
        bool lowerOpen;
        if (TryConsume("("))
        {
            lowerOpen = true;
        }
        else if (TryConsume("["))
        {
            lowerOpen = false;
        }
        else
        {
            throw Error($"expected an interval such as (0, 1/2] or R but found '{Peek.Text}'");
        }
        Expr? lower = null;
        if (IsSymbol("-") && PeekAt(1) is { Kind: Kind.Name, Text: "inf" })
        {
            _pos += 2;
        }
        else
        {
            lower = ParseExpr();
        }
        Expect(",");
        Expr? upper = null;
        if (IsName("inf") || (IsSymbol("+") && PeekAt(1) is { Kind: Kind.Name, Text: "inf" }))
        {
            _pos += IsName("inf") ? 1 : 2;
        }
        else
        {
            upper = ParseExpr();
        }
        bool upperOpen;
        if (TryConsume(")"))
        {
            upperOpen = true;
        }
        else if (TryConsume("]"))
        {
            upperOpen = false;
        }
        else
        {
            throw Error($"expected ')' or ']' to close the interval but found '{Peek.Text}'");
        }
        return (lower, lowerOpen || lower is null, upper, upperOpen || upper is null);
    }

    private Formula ParseFormula()
    {
        using var nesting = Nest();
        var left = ParseOr();
        if (IsSymbol("->") || IsName("implies"))
        {
            _pos++;
            return new Implies(left, ParseFormula());
        }
        return left;
    }

    private Formula ParseOr()
    {
        var left = ParseAnd();
        while (IsSymbol("||") || IsName("or"))
        {
            _pos++;
            left = new Or(left, ParseAnd());
        }
        return left;
    }

    private Formula ParseAnd()
    {
        var left = ParseNot();
        while (IsSymbol("&&") || IsName("and"))
        {
            _pos++;
            left = new And(left, ParseNot());
        }
        return left;
    }

    private Formula ParseNot()
    {
        using var nesting = Nest();
        if (IsSymbol("!") || IsName("not"))
        {
            _pos++;
            return new Not(ParseNot());
        }
        if (IsName("true"))
        {
            _pos++;
            return new TrueFormula();
        }
        int save = _pos;
        try
        {
            return ParseComparisonChain();
        }
        catch (ClaimParseException asComparison) when (_tokens[save] is { Kind: Kind.Symbol, Text: "(" })
        {
            // "(a <= b) && ..." is a parenthesised formula, "(a + b) <= c" a comparison: try both, report the deeper error.
            _pos = save + 1;
            try
            {
                var inner = ParseFormula();
                Expect(")");
                return inner;
            }
            catch (ClaimParseException asFormula)
            {
                throw asFormula.Column >= asComparison.Column ? asFormula : asComparison;
            }
        }
    }

    private Formula ParseComparisonChain()
    {
        var left = ParseExpr();
        Formula? chain = null;
        while (TryRelation(out var relation))
        {
            var right = ParseExpr();
            Formula link = new Compare(left, relation, right);
            chain = chain is null ? link : new And(chain, link);
            left = right;
        }
        return chain ?? throw Error($"expected a comparison (<, <=, >, >=, =, !=) but found '{Peek.Text}'");
    }

    private bool TryRelation(out Relation relation)
    {
        relation = Relation.Equal;
        if (Peek.Kind != Kind.Symbol)
        {
            return false;
        }
        Relation? r = Peek.Text switch
        {
            "<" => Relation.Less,
            "<=" => Relation.LessOrEqual,
            ">" => Relation.Greater,
            ">=" => Relation.GreaterOrEqual,
            "=" => Relation.Equal,
            "!=" => Relation.NotEqual,
            _ => null,
        };
        if (r is null)
        {
            return false;
        }
        relation = r.Value;
        _pos++;
        return true;
    }

    private Expr ParseExpr()
    {
        var left = ParseTerm();
        while (IsSymbol("+") || IsSymbol("-"))
        {
            bool plus = Peek.Text == "+";
            _pos++;
            var right = ParseTerm();
            left = plus ? new Add(left, right) : new Sub(left, right);
        }
        return left;
    }

    private Expr ParseTerm()
    {
        var left = ParseUnary();
        while (IsSymbol("*") || IsSymbol("/"))
        {
            bool times = Peek.Text == "*";
            _pos++;
            var right = ParseUnary();
            left = times ? new Mul(left, right) : new Div(left, right);
        }
        return left;
    }

    private Expr ParseUnary()
    {
        using var nesting = Nest();
        if (TryConsume("-"))
        {
            var operand = ParseUnary();
            return operand is Const c ? new Const(-c.Value) : new Neg(operand);
        }
        if (TryConsume("+"))
        {
            return ParseUnary();
        }
        return ParsePower();
    }

    private Expr ParsePower()
    {
        var atom = ParseAtom();
        if (!IsSymbol("^"))
        {
            return atom;
        }
        _pos++;
        var exponentToken = Peek;
        var exponent = ParseUnary();
        var value = ConstantValue(exponent)
            ?? throw Error("the exponent must be a constant (write exp(y*ln(x)) for a variable exponent)", exponentToken);
        // Exponents are bounded before anything computes a power (README "Input limits"): y^1000000000 would exhaust
        // memory in every prover, 2^(10^10) in the exact evaluator. Nested powers multiply: (y^100)^100 is y^10000.
        var limit = new System.Numerics.BigInteger(InputLimits.MaxClaimExponent);
        if (System.Numerics.BigInteger.Abs(value.Numerator) > limit || value.Denominator > limit)
        {
            throw Error($"the exponent {Shorten(value)} is beyond the limit: |numerator| and denominator at most {InputLimits.MaxClaimExponent} (README \"Input limits\")", exponentToken);
        }
        long degree = Degree(atom) * (long)System.Numerics.BigInteger.Max(System.Numerics.BigInteger.Abs(value.Numerator), value.Denominator);
        if (degree > InputLimits.MaxClaimExponent)
        {
            throw Error($"nested powers multiply to an exponent of {degree}; the limit is {InputLimits.MaxClaimExponent} (README \"Input limits\")", exponentToken);
        }
        if (value.IsInteger)
        {
            return new Pow(atom, (int)value.Numerator);
        }
        return new RealPow(atom, value);
    }

    private static string Shorten(Rational r)
    {
        string t = r.ToString();
        return t.Length <= 30 ? t : t[..27] + "...";
    }

    /// <summary>The largest product of exponents along a path of nested powers in <paramref name="e"/> (1 without powers); iterative.</summary>
    private static long Degree(Expr e)
    {
        long best = 1;
        var stack = new Stack<(Expr Node, long Product)>();
        stack.Push((e, 1));
        while (stack.Count > 0)
        {
            var (node, product) = stack.Pop();
            best = Math.Max(best, product);
            switch (node)
            {
                case Pow p:
                    stack.Push((p.Base, product * Math.Max(1, Math.Abs((long)p.Exponent))));
                    break;
                case RealPow r:
                    stack.Push((r.Base, product * (long)System.Numerics.BigInteger.Max(System.Numerics.BigInteger.Abs(r.Exponent.Numerator), r.Exponent.Denominator)));
                    break;
                case Neg n:
                    stack.Push((n.Operand, product));
                    break;
                case Add a:
                    stack.Push((a.Left, product));
                    stack.Push((a.Right, product));
                    break;
                case Sub a:
                    stack.Push((a.Left, product));
                    stack.Push((a.Right, product));
                    break;
                case Mul a:
                    stack.Push((a.Left, product));
                    stack.Push((a.Right, product));
                    break;
                case Div a:
                    stack.Push((a.Numerator, product));
                    stack.Push((a.Denominator, product));
                    break;
                case Min a:
                    stack.Push((a.Left, product));
                    stack.Push((a.Right, product));
                    break;
                case Max a:
                    stack.Push((a.Left, product));
                    stack.Push((a.Right, product));
                    break;
                case Call c:
                    stack.Push((c.Argument, product));
                    break;
            }
        }
        return best;
    }

    /// <summary>Exact value of a variable-free rational expression, or null.</summary>
    private static Rational? ConstantValue(Expr e)
    {
        try
        {
            return Evaluation.ExactEvaluator.TryEvaluate(e, new Dictionary<string, Rational>());
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }

    private Expr ParseAtom()
    {
        using var nesting = Nest();
        var token = Peek;
        switch (token.Kind)
        {
            case Kind.Number:
                _pos++;
                Rational number;
                try
                {
                    if (!Rational.TryParse(token.Text, out number))
                    {
                        throw Error($"'{token.Text}' is not a number", token);
                    }
                }
                catch (InputLimitException e)
                {
                    throw Error(e.Message, token);
                }
                return new Const(number);
            case Kind.Name:
                _pos++;
                return token.Text switch
                {
                    "sqrt" => new Call(ScalarFunction.Sqrt, ParseArguments(token, 1)[0]),
                    "exp" => new Call(ScalarFunction.Exp, ParseArguments(token, 1)[0]),
                    "ln" or "log" => new Call(ScalarFunction.Ln, ParseArguments(token, 1)[0]),
                    "abs" => new Call(ScalarFunction.Abs, ParseArguments(token, 1)[0]),
                    "min" => ParseArguments(token, 2).Aggregate((a, b) => new Min(a, b)),
                    "max" => ParseArguments(token, 2).Aggregate((a, b) => new Max(a, b)),
                    _ when IsKeyword(token.Text) => throw Error($"'{token.Text}' cannot be used as a value", token),
                    _ when IsSymbol("(") && !_declared.Contains(token.Text) =>
                        throw Error($"unknown function '{token.Text}' (functions: sqrt exp ln log abs min max)", token),
                    _ when !_declared.Contains(token.Text) =>
                        throw Error($"unknown variable '{token.Text}' (declare it: forall {token.Text} in [lo, hi]: ...)", token),
                    _ => new Var(token.Text),
                };
            case Kind.Symbol when token.Text == "(":
                _pos++;
                var inner = ParseExpr();
                Expect(")");
                return inner;
            default:
                throw Error($"expected a number, variable, function or '(' but found '{token.Text}'", token);
        }
    }

    private List<Expr> ParseArguments(Token function, int minimum)
    {
        Expect("(");
        var args = new List<Expr> { ParseExpr() };
        while (TryConsume(","))
        {
            args.Add(ParseExpr());
        }
        Expect(")");
        if (args.Count < minimum || (minimum == 1 && args.Count != 1))
        {
            throw Error(minimum == 1 ? $"{function.Text} takes one argument" : $"{function.Text} takes at least two arguments", function);
        }
        return args;
    }

    /// <summary>Culture-invariant text of a number, for messages.</summary>
    internal static string Show(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
