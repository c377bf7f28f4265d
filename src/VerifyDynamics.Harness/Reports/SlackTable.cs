using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// The slack table of the named constants (<c>reports/slack.json</c>, written by <c>vd tighten --all</c>): for each constant the
/// paper's value, the empirical edge (last value without a counterexample, first with one) and the slack. Rendered on its own
/// (<c>reports/slack.md</c>) and appended to the Markdown, HTML and LaTeX reports when the file exists. Every edge is
/// empirical: found by a bounded search, never proven.
/// </summary>
public static class SlackTable
{
    public const string FileName = "slack.json";

    /// <summary>The slack document in a reports directory, or null when there is none (or it is unreadable: the reports never fail on it).</summary>
    public static JsonObject? TryRead(string reportsDirectory)
    {
        string path = Path.Combine(reportsDirectory, FileName);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private sealed record Row(string Statement, string Constant, string Paper, string Direction, string Edge, string Ratio, string Difference, string Status);

    private static List<Row> Rows(JsonObject doc) =>
        [.. (doc["entries"] as JsonArray ?? []).OfType<JsonObject>().Select(e => new Row(
            Str(e["statement"]),
            Str(e["constant"]),
            Str(e["paper"]),
            Str(e["direction"]),
            $"{(e["lastGood"] is null ? "none" : "≤ " + Str(e["lastGood"]) + " ok")}; {(e["firstBad"] is null ? "no counterexample" : Str(e["firstBad"]) + " refuted")}",
            e["slackRatio"] is JsonValue v && v.TryGetValue(out double q) ? q.ToString("G4", CultureInfo.InvariantCulture) : "—",
            e["slackDifferenceValue"] is JsonValue dv && dv.TryGetValue(out double d) ? d.ToString("G4", CultureInfo.InvariantCulture) : "—",
            (e["paperHolds"]?.GetValue<bool>() == false ? "PAPER VALUE REFUTED; " : "") + Str(e["status"])))];

    private static string Str(JsonNode? n) => n is JsonValue v && v.TryGetValue(out string? s) ? s : n?.ToJsonString() ?? "";

    private static string Header(JsonObject doc) =>
        $"Seed {Str(doc["seed"])}; at most {Str(doc["budget"])} evaluations per candidate value{(doc["maxEvaluationsPerConstant"] is null ? "" : $" and {Str(doc["maxEvaluationsPerConstant"])} per constant")}, fewer for statements with costly checks. " +
        "Edges are EMPIRICAL (a bounded targeted search found no counterexample), never proven; hypothesis constants can look far more generous than they are (see status). " +
        "Slack ratio ≥ 1: inside the window the search samples, the constant could move that far in the tightening direction without a counterexample; " +
        "it does NOT show that the paper's constant is conservative, because a value that holds on small instances can fail on larger ones " +
        "(ACGH19.Claim2's exponents are forced by scaling in s and in the widths, and its certificate holds refuted variants at exactly the relaxed values " +
        "this search accepts: read each statement's certificate before tightening). The direction is the one that tightens the bound.";

    public static string Markdown(JsonObject doc)
    {
        var sb = new StringBuilder();
        sb.Append("## Slack of the named constants (empirical)\n\n").Append(Header(doc)).Append("\n\n");
        sb.Append("| statement | constant | paper | tightens | edge (last ok; first refuted) | slack ratio | edge − paper | status |\n");
        sb.Append("|---|---|---|---|---|---|---|---|\n");
        foreach (var r in Rows(doc))
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {r.Statement} | `{r.Constant}` | {r.Paper} | {r.Direction} | {r.Edge} | {r.Ratio} | {r.Difference} | {r.Status} |\n");
        }
        foreach (var s in (doc["skipped"] as JsonArray ?? []).OfType<JsonObject>())
        {
            sb.Append(CultureInfo.InvariantCulture, $"| {Str(s["statement"])} | `{Str(s["constant"])}` | {Str(s["paper"])} | — | not searched | — | — | {Str(s["reason"])} |\n");
        }
        return sb.ToString();
    }

    public static string Html(JsonObject doc)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<h2 id=\"slack\">Slack of the named constants (empirical)</h2>\n<p>").Append(E(Header(doc))).Append("</p>\n");
        sb.Append("<table>\n<tr><th>statement</th><th>constant</th><th>paper</th><th>tightens</th><th>edge (last ok; first refuted)</th><th>slack ratio</th><th>edge − paper</th><th>status</th></tr>\n");
        foreach (var r in Rows(doc))
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(r.Statement)}</td><td><code>{E(r.Constant)}</code></td><td>{E(r.Paper)}</td><td>{E(r.Direction)}</td><td>{E(r.Edge)}</td><td>{E(r.Ratio)}</td><td>{E(r.Difference)}</td><td>{E(r.Status)}</td></tr>\n");
        }
        sb.Append("</table>\n");
        return sb.ToString();
    }

    public static string Latex(JsonObject doc)
    {
        static string T(string s) => LatexSummary.Tex(s);
        var sb = new StringBuilder();
        sb.Append("\n\\subsection*{Slack of the named constants (empirical)}\n").Append(T(Header(doc))).Append("\n\n");
        sb.Append("{\\small\n\\begin{longtable}{@{}>{\\raggedright\\arraybackslash}p{0.22\\linewidth}>{\\raggedright\\arraybackslash}p{0.18\\linewidth}lllll@{}}\n\\toprule\nstatement & constant & paper & tightens & edge & slack ratio & edge $-$ paper \\\\\n\\midrule\n");
        foreach (var r in Rows(doc))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{T(r.Statement)} & \\texttt{{{T(r.Constant)}}} & {T(r.Paper)} & {r.Direction} & {T(r.Edge)} & {T(r.Ratio)} & {T(r.Difference)} \\\\\n");
        }
        sb.Append("\\bottomrule\n\\end{longtable}\n}\n");
        return sb.ToString();
    }

    /// <summary>The report hooks (<paramref name="doc"/> from <see cref="TryRead"/>): the report unchanged when there is no slack file, else with the table added (HTML: before &lt;/body&gt;).</summary>
    public static string AppendToMarkdown(string markdown, JsonObject? doc) =>
        doc is null ? markdown : markdown.TrimEnd('\n') + "\n\n" + Markdown(doc);

    public static string InsertIntoHtml(string html, JsonObject? doc)
    {
        if (doc is null)
        {
            return html;
        }
        int at = html.LastIndexOf("</body>", StringComparison.Ordinal);
        return at < 0 ? html + Html(doc) : html.Insert(at, Html(doc));
    }

    public static string AppendToLatex(string latex, JsonObject? doc) => doc is null ? latex : latex + Latex(doc);
}
