using System.Net;
using System.Text;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// Typesets the mathematics of catalog and statement texts as MathML (rendered natively by browsers, no network at view
/// time). The texts are Unicode with a TeX subset for scripts: <c>x_i</c>, <c>x^2</c>, <c>x_{1:N}^{2(N−1)/N}</c>,
/// nested braces, and <c>\frac{a}{b}</c>. Each whitespace-separated word with a script becomes one inline
/// <c>&lt;math&gt;</c>; the base of a script is the character (or braced group) before it, and an unbraced script is
/// one character, or a word of three or more lowercase letters (<c>λ_min</c>). A word the converter cannot
/// parse (unbalanced braces, a dangling script) falls back to <c>&lt;code&gt;</c>. Everything else is HTML-escaped text.
/// </summary>
public static class MathText
{
    /// <summary>The text as HTML: plain words escaped, words with scripts as inline MathML.</summary>
    public static string ToHtml(string text)
    {
        var sb = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            // A word runs to the next white space outside braces ("e^{∫_{t'}^{t̃} m}" is one formula).
            int j = i, depth = 0;
            while (j < text.Length && (depth > 0 || !char.IsWhiteSpace(text[j])))
            {
                depth += text[j] == '{' ? 1 : text[j] == '}' ? -1 : 0;
                j++;
            }
            if (j > i)
            {
                sb.Append(Word(text[i..j]));
            }
            int k = j;
            while (k < text.Length && char.IsWhiteSpace(text[k]))
            {
                k++;
            }
            sb.Append(E(text[j..k]));
            i = k;
        }
        return sb.ToString();
    }

    /// <summary>One word: escaped text, or MathML when it carries a script, or code when the script cannot be parsed.</summary>
    private static string Word(string word)
    {
        if (!IsMath(word))
        {
            return E(word);
        }
        // Leading and trailing prose punctuation stays outside the formula.
        int a = 0, b = word.Length;
        while (a < b && word[a] is '\'' or '"' or '“' or '‘')
        {
            a++;
        }
        while (b > a && word[b - 1] is '.' or ',' or ';' or ':' or '\'' or '"' or '”' or '’' && !(b >= 2 && word[b - 2] is '^' or '_'))
        {
            b--;
        }
        string core = word[a..b];
        var p = new Parser(core);
        string? ml = p.Parse();
        if (ml is null)
        {
            return $"{E(word[..a])}<code>{E(core)}</code>{E(word[b..])}";
        }
        return $"{E(word[..a])}<math display=\"inline\"><mrow>{ml}</mrow></math>{E(word[b..])}";
    }

    /// <summary>A word with a TeX script or fraction (not a URL, path or command-line option).</summary>
    private static bool IsMath(string w) =>
        (w.Contains('^') || w.Contains('_') || w.Contains("\\frac", StringComparison.Ordinal))
        && !w.Contains("://", StringComparison.Ordinal)
        && !w.StartsWith("--", StringComparison.Ordinal) && !w.EndsWith(".json", StringComparison.Ordinal) && !w.EndsWith(".csv", StringComparison.Ordinal)
        && !w.Contains("__", StringComparison.Ordinal);

    private sealed class Parser(string s)
    {
        private int _i;

        /// <summary>The MathML of the whole string, or null when it does not parse.</summary>
        public string? Parse()
        {
            try
            {
                string r = Sequence(endBrace: false);
                return _i == s.Length ? r : null;
            }
            catch (FormatException)
            {
                return null;
            }
        }

        private string Sequence(bool endBrace)
        {
            var items = new List<string>();
            while (_i < s.Length)
            {
                char ch = s[_i];
                if (ch == '}')
                {
                    if (!endBrace)
                    {
                        throw new FormatException("unbalanced }");
                    }
                    return string.Concat(items);
                }
                if (ch is '^' or '_')
                {
                    if (items.Count == 0)
                    {
                        throw new FormatException("script without base");
                    }
                    string baseMl = items[^1];
                    items.RemoveAt(items.Count - 1);
                    items.Add(Scripts(baseMl));
                    continue;
                }
                items.Add(Atom());
            }
            if (endBrace)
            {
                throw new FormatException("missing }");
            }
            return string.Concat(items);
        }

        /// <summary>base_sub, base^sup, or both (either order).</summary>
        private string Scripts(string baseMl)
        {
            string? sub = null, sup = null;
            while (_i < s.Length && s[_i] is '^' or '_')
            {
                char kind = s[_i++];
                if (_i >= s.Length)
                {
                    throw new FormatException("dangling script");
                }
                string arg = Argument();
                if (kind == '_')
                {
                    if (sub is not null)
                    {
                        throw new FormatException("double subscript");
                    }
                    sub = arg;
                }
                else
                {
                    if (sup is not null)
                    {
                        throw new FormatException("double superscript");
                    }
                    sup = arg;
                }
            }
            return (sub, sup) switch
            {
                (not null, not null) => $"<msubsup>{baseMl}<mrow>{sub}</mrow><mrow>{sup}</mrow></msubsup>",
                (not null, null) => $"<msub>{baseMl}<mrow>{sub}</mrow></msub>",
                _ => $"<msup>{baseMl}<mrow>{sup}</mrow></msup>",
            };
        }

        /// <summary>A braced group or a single character (a script's argument).</summary>
        private string Argument()
        {
            if (s[_i] == '{')
            {
                _i++;
                string inner = Sequence(endBrace: true);
                _i++;
                return inner;
            }
            // The texts write λ_min, σ_max, W_init unbraced: a run of three or more lowercase letters is one subscript word.
            int run = 0;
            while (_i + run < s.Length && char.IsAsciiLetterLower(s[_i + run]))
            {
                run++;
            }
            if (run >= 3)
            {
                string word = s.Substring(_i, run);
                _i += run;
                return $"<mi mathvariant=\"normal\">{E(word)}</mi>";
            }
            return Atom();
        }

        private string Atom()
        {
            char ch = s[_i];
            if (ch == '{')
            {
                _i++;
                string inner = Sequence(endBrace: true);
                _i++;
                return $"<mrow>{inner}</mrow>";
            }
            if (ch == '\\')
            {
                if (s.AsSpan(_i).StartsWith("\\frac{"))
                {
                    _i += 6;
                    string num = Sequence(endBrace: true);
                    _i++;
                    if (_i >= s.Length || s[_i] != '{')
                    {
                        throw new FormatException("\\frac needs two arguments");
                    }
                    _i++;
                    string den = Sequence(endBrace: true);
                    _i++;
                    return $"<mfrac><mrow>{num}</mrow><mrow>{den}</mrow></mfrac>";
                }
                throw new FormatException("unknown command");
            }
            // A surrogate pair (e.g. a mathematical letter) stays one atom.
            if (char.IsWhiteSpace(ch))
            {
                _i++;
                return "<mspace width=\"0.3em\"/>";
            }
            int len = char.IsHighSurrogate(ch) && _i + 1 < s.Length ? 2 : 1;
            while (_i + len < s.Length && char.GetUnicodeCategory(s[_i + len]) == System.Globalization.UnicodeCategory.NonSpacingMark)
            {
                len++;
            }
            string text = s.Substring(_i, len);
            _i += len;
            if (char.IsLetter(text, 0))
            {
                return $"<mi>{E(text)}</mi>";
            }
            if (char.IsDigit(ch) || ch == '.')
            {
                return $"<mn>{E(text)}</mn>";
            }
            return $"<mo stretchy=\"false\">{E(text)}</mo>";
        }
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
