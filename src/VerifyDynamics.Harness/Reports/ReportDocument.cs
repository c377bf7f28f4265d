using System.Globalization;
using System.Net;
using System.Text;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// A small document model rendered both as Markdown and as self-contained HTML, so a statement's page says the same
/// thing in both formats. Text is plain (escaped for each format); <see cref="Svg"/> blocks appear only in HTML (Markdown
/// gets their caption).
/// </summary>
public sealed class ReportDocument(string title)
{
    private abstract record Block;
    private sealed record Heading(int Level, string Text, string Id) : Block;
    private sealed record Para(string? Label, string Text) : Block;
    private sealed record Items(IReadOnlyList<string> Lines) : Block;
    private sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : Block;
    private sealed record Code(string Text, string Language) : Block;
    private sealed record Svg(string Markup, string Caption) : Block;
    private sealed record Link(string Text, string Markdown, string Html) : Block;
    private sealed record MathPara(string? Label, string Text) : Block;
    private sealed record Instance(System.Text.Json.Nodes.JsonNode Node) : Block;
    private sealed record Lead(IReadOnlyList<Block> Inner) : Block;
    private sealed record Command(string Label, string Text) : Block;

    private List<Block>? _lead;

    private readonly List<Block> _blocks = [];

    public string Title { get; } = title;

    private void Add(Block b) => (_lead ?? _blocks).Add(b);

    public ReportDocument H(int level, string text, string id)
    {
        Add(new Heading(level, text, id));
        return this;
    }

    /// <summary>A paragraph whose mathematics (TeX scripts) is typeset as MathML in HTML (<see cref="MathText"/>); plain in Markdown.</summary>
    public ReportDocument M(string text, string? label = null)
    {
        Add(new MathPara(label, text));
        return this;
    }

    /// <summary>A labelled command line, typeset as code in both formats.</summary>
    public ReportDocument Cmd(string label, string command)
    {
        Add(new Command(label, command));
        return this;
    }

    /// <summary>An instance (JSON) shown as its matrices, vectors and scalars (<see cref="InstanceView"/>).</summary>
    public ReportDocument Inst(System.Text.Json.Nodes.JsonNode node)
    {
        Add(new Instance(node));
        return this;
    }

    /// <summary>Blocks added until <see cref="EndLead"/> form a highlighted box (an erratum page's opening).</summary>
    public ReportDocument BeginLead()
    {
        _lead = [];
        return this;
    }

    public ReportDocument EndLead()
    {
        if (_lead is { Count: > 0 } l)
        {
            _blocks.Add(new Lead(l));
        }
        _lead = null;
        return this;
    }

    public ReportDocument P(string text, string? label = null)
    {
        Add(new Para(label, text));
        return this;
    }

    public ReportDocument List(IEnumerable<string> lines)
    {
        var l = lines.ToList();
        if (l.Count > 0)
        {
            Add(new Items(l));
        }
        return this;
    }

    public ReportDocument T(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        Add(new Table(headers, [.. rows]));
        return this;
    }

    public ReportDocument C(string text, string language = "json")
    {
        Add(new Code(text, language));
        return this;
    }

    public ReportDocument Plot(string svg, string caption)
    {
        Add(new Svg(svg, caption));
        return this;
    }

    /// <summary>A link whose target differs by format (the .md page links .md files, the .html page .html files).</summary>
    public ReportDocument A(string text, string markdownTarget, string htmlTarget)
    {
        Add(new Link(text, markdownTarget, htmlTarget));
        return this;
    }

    public string ToMarkdown()
    {
        var sb = new StringBuilder();
        sb.Append("# ").Append(Md(Title)).Append("\n\n");
        foreach (var b in _blocks)
        {
            MdBlock(sb, b);
        }
        return sb.ToString();
    }

    private static void MdBlock(StringBuilder sb, Block b)
    {
        switch (b)
        {
            case Lead lead:
                foreach (var inner in lead.Inner)
                {
                    MdBlock(sb, inner);
                }
                sb.Append("---\n\n");
                break;
            case Command cmd:
                sb.Append("**").Append(Md(cmd.Label)).Append("** `").Append(cmd.Text).Append("`\n\n");
                break;
            case MathPara mp:
                sb.Append(mp.Label is null ? "" : $"**{Md(mp.Label)}** ").Append(Md(mp.Text)).Append("\n\n");
                break;
            case Instance inst:
                sb.Append(InstanceView.Markdown(inst.Node).TrimEnd('\n')).Append("\n\n");
                break;
            case Heading h:
                sb.Append('#', h.Level).Append(' ').Append(Md(h.Text)).Append("\n\n");
                break;
            case Para p:
                sb.Append(p.Label is null ? "" : $"**{Md(p.Label)}** ").Append(Md(p.Text)).Append("\n\n");
                break;
            case Items l:
                foreach (var line in l.Lines)
                {
                    sb.Append("- ").Append(Md(line)).Append('\n');
                }
                sb.Append('\n');
                break;
            case Table t:
                sb.Append("| ").AppendJoin(" | ", t.Headers.Select(Cell)).Append(" |\n|").AppendJoin("|", t.Headers.Select(_ => "---")).Append("|\n");
                foreach (var row in t.Rows)
                {
                    sb.Append("| ").AppendJoin(" | ", row.Select(Cell)).Append(" |\n");
                }
                sb.Append('\n');
                break;
            case Code c:
                sb.Append("```").Append(c.Language).Append('\n').Append(c.Text.TrimEnd('\n')).Append("\n```\n\n");
                break;
            case Svg s:
                sb.Append("*Plot (in the HTML page): ").Append(Md(s.Caption)).Append("*\n\n");
                break;
            case Link a:
                sb.Append('[').Append(Md(a.Text)).Append("](").Append(a.Markdown).Append(")\n\n");
                break;
        }
    }

    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(E(Title)).Append("</title>\n");
        sb.Append("<style>").Append(HtmlReport.Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1 id=\"top\">").Append(E(Title)).Append("</h1>\n");
        foreach (var b in _blocks)
        {
            HtmlBlock(sb, b);
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static void HtmlBlock(StringBuilder sb, Block b)
    {
        switch (b)
        {
            case Lead lead:
                sb.Append("<div class=\"lead\">\n");
                foreach (var inner in lead.Inner)
                {
                    HtmlBlock(sb, inner);
                }
                sb.Append("</div>\n");
                break;
            case Command cmd:
                sb.Append("<p><b>").Append(E(cmd.Label)).Append("</b> <code>").Append(E(cmd.Text)).Append("</code></p>\n");
                break;
            case MathPara mp:
                sb.Append("<p>").Append(mp.Label is null ? "" : $"<b>{E(mp.Label)}</b> ").Append(MathText.ToHtml(mp.Text)).Append("</p>\n");
                break;
            case Instance inst:
                sb.Append(InstanceView.Html(inst.Node));
                break;
            case Heading h:
                sb.Append(CultureInfo.InvariantCulture, $"<h{h.Level} id=\"{E(h.Id)}\">{E(h.Text)}</h{h.Level}>\n");
                break;
            case Para p:
                sb.Append("<p>").Append(p.Label is null ? "" : $"<b>{E(p.Label)}</b> ").Append(E(p.Text)).Append("</p>\n");
                break;
            case Items l:
                sb.Append("<ul>\n");
                foreach (var line in l.Lines)
                {
                    sb.Append("<li>").Append(E(line)).Append("</li>\n");
                }
                sb.Append("</ul>\n");
                break;
            case Table t:
                sb.Append("<table>\n<thead><tr>").AppendJoin("", t.Headers.Select(x => $"<th>{E(x)}</th>")).Append("</tr></thead>\n<tbody>\n");
                foreach (var row in t.Rows)
                {
                    sb.Append("<tr>").AppendJoin("", row.Select(x => $"<td>{E(x)}</td>")).Append("</tr>\n");
                }
                sb.Append("</tbody>\n</table>\n");
                break;
            case Code c:
                sb.Append("<pre><code>").Append(E(c.Text.TrimEnd('\n'))).Append("</code></pre>\n");
                break;
            case Svg s:
                sb.Append("<figure>").Append(s.Markup).Append(s.Caption.Length == 0 ? "" : $"<figcaption>{E(s.Caption)}</figcaption>").Append("</figure>\n");
                break;
            case Link a:
                sb.Append("<p><a href=\"").Append(E(a.Html)).Append("\">").Append(E(a.Text)).Append("</a></p>\n");
                break;
        }
    }

    private static string Cell(string s) => Md(s).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Md(string s) => s.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
