using System.Globalization;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Expressions;
using VerifyDynamics.Symbolic.Native;
using VerifyDynamics.Symbolic.SmtLib;

namespace VerifyDynamics.Symbolic.Proving;

/// <summary>What Z3 said about the negated claim.</summary>
public enum Z3Answer
{
    /// <summary>The negation is unsatisfiable: the claim holds.</summary>
    Unsat,
    /// <summary>Z3 found a model of the negation (still to be re-checked).</summary>
    Sat,
    /// <summary>Z3 gave up (resource limit, incompleteness); <see cref="Z3Outcome.Reason"/> says why.</summary>
    Unknown,
    /// <summary>libz3 is not available.</summary>
    Skipped,
    /// <summary>Z3 rejected the script (a printer defect).</summary>
    Error,
}

/// <summary>Z3's answer with its evidence: the script, the model (exact where Z3 gave rationals), the unsat core, the reason.</summary>
public sealed record Z3Outcome(
    Z3Answer Answer,
    string Script,
    string Reason,
    string? Version = null,
    IReadOnlyDictionary<string, Rational>? Model = null,
    IReadOnlyList<string>? UnsatCore = null);

/// <summary>Decides a scalar obligation with Z3 (fresh context, deterministic rlimit).</summary>
public static class Z3Prover
{
    public static Z3Outcome Decide(ScalarObligation obligation, ProofOptions options)
    {
        ProverInterrupt.ThrowIfRequested();
        string script = SmtLibPrinter.Print(obligation, options.Rlimit);
        if (!Z3Library.TryLoad(options.Z3Library, out var api, out var reason) || api is null)
        {
            return new Z3Outcome(Z3Answer.Skipped, script, reason);
        }
        string names = string.Join(' ', obligation.Variables.Select(v => SmtLibPrinter.Symbol(v.Name)));
        int step = 0;
        var outputs = api.Run(script, output =>
        {
            step++;
            if (step == 1)
            {
                return FirstLine(output) switch
                {
                    "unsat" => "(get-unsat-core)",
                    "sat" => obligation.Variables.Count == 0 ? null : $"(get-value ({names}))",
                    "unknown" => "(get-info :reason-unknown)",
                    _ => null,
                };
            }
            return null;
        });
        string version = api.Version;
        switch (FirstLine(outputs[0]))
        {
            case "unsat":
                var core = outputs.Count > 1 ? ParseCore(outputs[1]) : null;
                return new Z3Outcome(Z3Answer.Unsat, script, "the negated claim is unsatisfiable", version, UnsatCore: core);
            case "sat":
                var model = obligation.Variables.Count == 0 ? new Dictionary<string, Rational>() : ParseModel(outputs[^1], obligation);
                return new Z3Outcome(Z3Answer.Sat, script, model is null ? $"Z3 model could not be read: {outputs[^1].Trim()}" : "Z3 found a model of the negation", version, model);
            case "unknown":
                var why = outputs.Count > 1 ? ParseReason(outputs[1]) : "no reason given";
                // Z3 also says "canceled" when the rlimit runs out, so that word alone is no interrupt: an interrupt is known by
                // ProverInterrupt.IsRequested (Z3Api.Run throws after the call), and SigintGuard keeps SIGINT away from libz3.
                ProverInterrupt.ThrowIfRequested();
                return new Z3Outcome(Z3Answer.Unknown, script, $"Z3 returned unknown: {why}", version);
            default:
                return new Z3Outcome(Z3Answer.Error, script, $"Z3 rejected the script: {outputs[0].Trim()}", version);
        }
    }

    private static string FirstLine(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            var t = line.Trim();
            if (t.Length > 0)
            {
                return t;
            }
        }
        return "";
    }

    private static List<string> ParseCore(string output)
    {
        var t = output.Trim();
        if (!t.StartsWith('(') || t.StartsWith("(error", StringComparison.Ordinal))
        {
            return [];
        }
        return [.. t.Trim('(', ')').Split((char[])[' ', '\n', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries)];
    }

    private static string ParseReason(string output)
    {
        var t = output.Trim();
        int q = t.IndexOf('"', StringComparison.Ordinal);
        int r = t.LastIndexOf('"');
        return q >= 0 && r > q ? t[(q + 1)..r] : t;
    }

    /// <summary>
    /// Reads ((x v) (y w) ...) where v is a numeral, (- v) or (/ v w). An algebraic value (root-obj) makes
    /// the model unreadable: asking for decimals would mean changing Z3's global pp.decimal option, which
    /// other contexts share, so such claims go to the interval prover for a rational witness instead.
    /// </summary>
    private static Dictionary<string, Rational>? ParseModel(string output, ScalarObligation obligation)
    {
        SExpr root;
        try
        {
            root = SExpr.Parse(output);
        }
        catch (FormatException)
        {
            return null;
        }
        if (root.Children is null)
        {
            return null;
        }
        var model = new Dictionary<string, Rational>(StringComparer.Ordinal);
        foreach (var pair in root.Children)
        {
            if (pair.Children is not [var name, var value] || name.Atom is null)
            {
                return null;
            }
            string variable = name.Atom.Trim('|');
            if (ValueOf(value) is not { } r)
            {
                return null;
            }
            model[variable] = r;
        }
        return obligation.Variables.All(v => model.ContainsKey(v.Name)) ? model : null;
    }

    private static Rational? ValueOf(SExpr e)
    {
        if (e.Atom is { } atom)
        {
            return Rational.TryParse(atom, out var r) ? r : null;
        }
        return e.Children switch
        {
            [{ Atom: "-" }, var x] => ValueOf(x) is { } v ? -v : null,
            [{ Atom: "/" }, var a, var b] => ValueOf(a) is { } n && ValueOf(b) is { } d && d.Sign != 0 ? n / d : null,
            _ => null,
        };
    }

    /// <summary>Minimal S-expression reader for Z3's answers.</summary>
    private sealed record SExpr(string? Atom, List<SExpr>? Children)
    {
        public static SExpr Parse(string text)
        {
            int i = 0;
            var e = Read(text, ref i);
            return e ?? throw new FormatException("empty S-expression");
        }

        private static SExpr? Read(string s, ref int i)
        {
            while (i < s.Length && char.IsWhiteSpace(s[i]))
            {
                i++;
            }
            if (i >= s.Length)
            {
                return null;
            }
            if (s[i] == '(')
            {
                i++;
                var children = new List<SExpr>();
                while (true)
                {
                    while (i < s.Length && char.IsWhiteSpace(s[i]))
                    {
                        i++;
                    }
                    if (i >= s.Length)
                    {
                        throw new FormatException("unbalanced parentheses");
                    }
                    if (s[i] == ')')
                    {
                        i++;
                        return new SExpr(null, children);
                    }
                    children.Add(Read(s, ref i) ?? throw new FormatException("unbalanced parentheses"));
                }
            }
            int start = i;
            if (s[i] == '|')
            {
                i = s.IndexOf('|', i + 1) + 1;
                if (i == 0)
                {
                    throw new FormatException("unterminated |symbol|");
                }
                return new SExpr(s[start..i], null);
            }
            while (i < s.Length && !char.IsWhiteSpace(s[i]) && s[i] != '(' && s[i] != ')')
            {
                i++;
            }
            return new SExpr(s[start..i], null);
        }
    }

    internal static string Show(Rational r) => r.ToString();

    internal static string ShowDouble(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
