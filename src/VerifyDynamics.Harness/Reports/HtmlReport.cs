using System.Globalization;
using System.Net;
using System.Text;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// <c>reports/index.html</c>: self-contained (no script, no external resource), one table per paper and a
/// section per statement, with an inline SVG of the distribution of per-trial worst normalized margins
/// (symmetric-log axis, so 1e-14 and 1 are both readable; the red line is 0 = the bound itself), plots of the
/// observations each statement recorded across its trials (a measured quantity against its bound), links to the
/// per-statement pages (<see cref="StatementPage"/>), and the experiments' curves when their CSV files exist.
/// </summary>
public static class HtmlReport
{
    /// <summary>The stylesheet shared by the index and the statement pages (inline: the pages are self-contained).</summary>
    public const string Css = "body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}"
        + "table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 6px;font-size:13px;vertical-align:top}"
        + "th{background:#f3f3f3}.v-refuted{color:#b00020;font-weight:600}.v-certified{color:#0a6b2f;font-weight:600}"
        + ".v-holds-on-trials{color:#1b5e20}.v-inconclusive,.v-not-checkable{color:#8a6d00}details{margin:.4em 0}code{font-size:12px}"
        + "pre{background:#f7f7f7;padding:.5em;overflow-x:auto;font-size:12px}figure{margin:.5em 0}figcaption{font-size:12px;color:#555}"
        + "td.num{text-align:right}td.zero{color:#bbb;text-align:right}tr.total td{background:#fafafa;font-size:12px;color:#444}.erratum{border-left:4px solid #b00020;padding:0 0 0 .8em;margin:1.2em 0}"
        + ".erratum h4{margin:.2em 0;font-size:1.05em}.loc{font-weight:normal;font-size:13px;color:#555}table.pc td{width:50%}dl.legend dt{font-weight:600;margin-top:.5em}dl.legend dd{margin-left:1.5em}"
        + "table.matrix{width:auto;border:none;border-left:2px solid #333;border-right:2px solid #333;display:inline-table;margin:.2em .6em .2em 0;vertical-align:middle}table.matrix td{border:none;padding:1px 6px;text-align:right;font-family:ui-monospace,monospace;font-size:12px}"
        + ".lead{background:#fff4f4;border:1px solid #f0c0c0;padding:.4em 1em;margin:1em 0}math{font-size:1.05em}"
        + ".g-proven{color:#0a6b2f;font-weight:600}.g-proven-assuming{color:#2e7d32}.g-numerical-with-error-bound{color:#1565c0}.g-sampled{color:#6a1b9a}.g-unknown{color:#8a6d00}";

    public static string Render(IReadOnlyList<CertificateSummary> certificates) => Render(certificates, []);

    public static string Render(IReadOnlyList<CertificateSummary> certificates, IReadOnlyList<ExperimentCurve> experiments)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>VerifyDynamics — verification report</title>\n");
        sb.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1 id=\"top\">VerifyDynamics — verification report</h1>\n");
        sb.Append(CultureInfo.InvariantCulture, $"<p>{E(IndexText.Intro)} See the <a href=\"trust.html\">trust table</a> for what each verdict rests on, and the <a href=\"#legend\">legend</a> for every term.</p>\n");
        var papers = certificates.Select(c => c.Paper).Distinct().ToList();
        sb.Append("<p><b>Contents:</b> <a href=\"#summary\">summary</a> · <a href=\"#errata\">errata</a> · <a href=\"#not-checked\">not checked</a> · ")
          .AppendJoin(" · ", papers.Select(p => $"<a href=\"#{p}\">{E(p)}</a>"))
          .Append(experiments.Count > 0 ? " · <a href=\"#experiments\">experiments</a>" : "").Append(" · <a href=\"#legend\">legend</a></p>\n");
        AppendSummary(sb, certificates);
        AppendErrata(sb, certificates);
        AppendOpen(sb, certificates);
        foreach (var paper in papers)
        {
            AppendPaperTable(sb, paper, [.. certificates.Where(c => c.Paper == paper)]);
        }
        if (experiments.Count > 0)
        {
            sb.Append("<h2 id=\"experiments\">Experiments</h2>\n<p>Curves written by <code>vd experiment NAME</code> under <code>reports/experiments/</code>.</p>\n");
            foreach (var curve in experiments)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<h3 id=\"{E(Anchor("x-" + curve.File))}\">{E(ExperimentCurves.Describe(curve))}</h3>\n<p>Data: <a href=\"{E(curve.File)}\"><code>{E(curve.File)}</code></a></p>\n");
                foreach (var (spec, series) in ExperimentCurves.Figures(curve))
                {
                    sb.Append("<figure>").Append(SvgPlot.Plot(spec, series)).Append("</figure>\n");
                }
            }
        }
        AppendLegend(sb);
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static readonly string[] VerdictOrder = ["certified", "holds-on-trials", "construction-reproduced", "conjecture-supported", "refuted", "inconclusive", "not-checkable"];

    /// <summary>Verdict × evidence grade per paper, with the paper's totals and mutation score (the same table as index.md's).</summary>
    private static void AppendSummary(StringBuilder sb, IReadOnlyList<CertificateSummary> certificates)
    {
        sb.Append("<h2 id=\"summary\">Summary: verdict × evidence grade per paper</h2>\n<table class=\"summary\">\n<thead><tr><th>paper</th><th>verdict</th>")
          .AppendJoin("", GradeOrder.Select(g => $"<th class=\"g-{g}\">{E(g.Replace('-', ' '))}</th>")).Append("<th>total</th></tr></thead>\n<tbody>\n");
        foreach (var (paper, rows, total) in IndexText.SummaryRows(certificates))
        {
            for (int i = 0; i < rows.Count; i++)
            {
                var (verdict, counts) = rows[i];
                sb.Append("<tr>").Append(i == 0 ? $"<td rowspan=\"{rows.Count + 1}\"><a href=\"#{paper}\"><b>{E(paper)}</b></a></td>" : "")
                  .Append(CultureInfo.InvariantCulture, $"<td class=\"v-{verdict}\">{E(verdict)}</td>")
                  .AppendJoin("", counts.Select(n => n == 0 ? "<td class=\"zero\">·</td>" : $"<td class=\"num\">{n}</td>"))
                  .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{counts.Sum()}</td></tr>\n");
            }
            sb.Append(CultureInfo.InvariantCulture, $"<tr class=\"total\"><td colspan=\"{GradeOrder.Length + 2}\">{E(total)}</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>Each erratum: the printed form next to the correction, the counterexample, its replay command and instance file.</summary>
    private static void AppendErrata(StringBuilder sb, IReadOnlyList<CertificateSummary> certificates)
    {
        var errata = IndexText.Errata(certificates);
        sb.Append(CultureInfo.InvariantCulture, $"<h2 id=\"errata\">Errata found in the papers ({errata.Count})</h2>\n");
        sb.Append("<p>The printed form of a statement is checked as a variant beside the corrected form. Where the printed form is false, its counterexample is an instance file that <code>vd check</code> replays.</p>\n");
        var printed = errata.Where(e => e.PrintedVerdict != "—").ToList();
        var typos = errata.Where(e => e.PrintedVerdict == "—").ToList();
        sb.Append(CultureInfo.InvariantCulture, $"<h3 id=\"errata-printed\">Printed forms checked as variants ({printed.Count})</h3>\n");
        foreach (var e in printed)
        {
            var c = e.Summary;
            sb.Append(CultureInfo.InvariantCulture, $"<div class=\"erratum\" id=\"e-{E(Anchor(c.Id))}\"><h4><a href=\"{E(c.PageStem)}.html\">{E(c.Id)}</a> — {E(c.Title)} <span class=\"loc\">({E(c.Location)})</span></h4>\n");
            sb.Append("<table class=\"pc\"><thead><tr><th>as printed</th><th>as corrected (what is checked)</th></tr></thead><tbody><tr>")
              .Append(CultureInfo.InvariantCulture, $"<td>{MathText.ToHtml(e.Printed)}<br><b>Verdict:</b> <span class=\"v-{e.PrintedVerdict}\">{E(e.PrintedVerdict)}</span></td>")
              .Append(CultureInfo.InvariantCulture, $"<td>{MathText.ToHtml(c.Text)}<br><b>Verdict:</b> <span class=\"v-{e.CorrectedVerdict}\">{E(e.CorrectedVerdict)}</span></td></tr></tbody></table>\n");
            if (c.Errata.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<p><b>Erratum.</b> {MathText.ToHtml(string.Join(" ", c.Errata))}</p>\n");
            }
            foreach (var cx in e.Counterexamples)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<p><b>Counterexample ({E(cx.Variant)}).</b> {E(cx.Margin)}</p>\n<p><b>Replay:</b> <code>{E(cx.File.ReplayCommand)}</code> — instance file <a href=\"{E(cx.File.RelativePath)}\"><code>{E(cx.File.RelativePath)}</code></a></p>\n");
            }
            if (e.Counterexamples.Count == 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<p><b>Counterexample.</b> {E(e.NoCounterexample)}</p>\n");
            }
            sb.Append("</div>\n");
        }
        sb.Append(CultureInfo.InvariantCulture, $"<h3 id=\"errata-typos\">Typos and proof-step errata, found by reading ({typos.Count}): the statement is printed as checked</h3>\n");
        if (typos.Count > 0)
        {
            sb.Append("<table>\n<thead><tr><th>statement</th><th>verdict of the statement</th><th>erratum (printed → correct)</th></tr></thead>\n<tbody>\n");
            foreach (var e in typos)
            {
                var c = e.Summary;
                sb.Append(CultureInfo.InvariantCulture, $"<tr id=\"e-{E(Anchor(c.Id))}\"><td><a href=\"{E(c.PageStem)}.html\">{E(c.Id)}</a><br><span class=\"loc\">{E(c.Location)}</span></td><td class=\"v-{c.Verdict}\">{E(c.Verdict)}</td><td>{MathText.ToHtml(string.Join(" ", c.Errata))}</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
        }
    }

    private static void AppendOpen(StringBuilder sb, IReadOnlyList<CertificateSummary> certificates)
    {
        var open = certificates.Where(c => c.IsOpen).ToList();
        sb.Append(CultureInfo.InvariantCulture, $"<h2 id=\"not-checked\">What could not be checked, and why ({open.Count})</h2>\n");
        sb.Append(open.Count == 0 ? "<p>Everything was checked.</p>\n" : "<table>\n<thead><tr><th>statement</th><th>verdict</th><th>why</th></tr></thead>\n<tbody>\n");
        foreach (var c in open)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"{E(c.PageStem)}.html\">{E(c.Id)}</a></td><td class=\"v-{c.Verdict}\">{E(c.Verdict)}</td><td>{MathText.ToHtml(c.NotCheckable ?? c.Reason)}</td></tr>\n");
        }
        sb.Append(open.Count == 0 ? "" : "</tbody>\n</table>\n");
    }

    private static void AppendPaperTable(StringBuilder sb, string paper, IReadOnlyList<CertificateSummary> group)
    {
        sb.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{paper}\">{paper} ({group.Count} statements)</h2>\n<table>\n<thead><tr><th>statement</th><th>title</th><th>verdict</th><th>evidence</th><th>fidelity</th><th>utilization</th><th>trials</th><th>worst margin</th><th>per-trial worst margin (min · q10 · median · q90 · max)</th><th>obligations proven</th><th>variants as expected</th></tr></thead>\n<tbody>\n");
        foreach (var c in group)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<tr id=\"{Anchor(c.Id)}\"><td><a href=\"{E(c.PageStem)}.html\">{E(c.Id)}</a></td><td>{E(c.Title)}</td><td class=\"v-{c.Verdict}\">{E(c.Verdict)}{(c.CorrectedVerdict is null ? "" : $" (as printed); corrected: {E(c.CorrectedVerdict)}")}</td><td class=\"g-{c.Grade}\">{E(c.GradeText)}</td><td>{E(c.Fidelity)}</td><td>{E(c.UtilizationCell)}</td>")
              .Append(CultureInfo.InvariantCulture, $"<td class=\"num\">{c.Accepted}/{c.Trials}</td><td>{E(c.WorstCell)}</td><td>{(c.WorstIsEquality ? "identity (see worst margin)" : MarginSvg(c.MarginQuantiles, c.NormalizedTolerance))}</td>")
              .Append(CultureInfo.InvariantCulture, $"<td>{(c.ObligationsNeeded == 0 ? "—" : $"{c.ObligationsProven}/{c.ObligationsNeeded}")}</td><td>{(c.Variants == 0 ? "—" : $"{c.VariantsAsExpected}/{c.Variants}")}</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    private static void AppendLegend(StringBuilder sb)
    {
        sb.Append("<h2 id=\"legend\">Legend</h2>\n<dl class=\"legend\">\n");
        foreach (var (term, meaning) in IndexText.Legend)
        {
            sb.Append(CultureInfo.InvariantCulture, $"<dt>{E(term)}</dt><dd>{E(meaning)}</dd>\n");
        }
        sb.Append("<dt>sparkline</dt><dd>").Append(MarginSvg([-1e-15, 1e-12, 1e-6, 1e-2, 0.5], 1e-14))
          .Append(" the per-trial worst normalized margins on a symmetric-log axis: whisker min to max, box q10 to q90, bar the median; red dashed line = the bound (margin 0); shaded band = the tolerance of the worst margin, so a box inside or right of the band holds; a red box reaches beyond the tolerance.</dd>\n</dl>\n");
    }

    /// <summary>
    /// A 260×46 box plot of the per-trial worst normalized margins on a symmetric-log axis (sign(x)·log10(1 + |x|/1e−16),
    /// so 1e−14 and 1 are both readable) with its scale (ticks at 0, ±1e−8, ±1, …), the bound 0 as a red dashed line, and
    /// the tolerance band ±<paramref name="tolerance"/> shaded: a box inside the band or right of it holds; a box drawn
    /// red reaches left of the band (a violation beyond tolerance).
    /// </summary>
    public static string MarginSvg(double[]? q, double? tolerance = null)
    {
        if (q is null || q.Any(double.IsNaN))
        {
            return "—";
        }
        const double width = 260, height = 46, axis = 30;
        static double S(double x) => Math.Sign(x) * Math.Log10(1 + Math.Abs(x) / 1e-16);
        double tol = tolerance is { } t && double.IsFinite(t) && t > 0 ? t : 0;
        double extent = Math.Max(Math.Max(Math.Abs(S(q[0])), Math.Abs(S(q[4]))), Math.Max(S(tol), 1));
        extent = Math.Ceiling(extent / 4) * 4;
        double X(double x) => Math.Round(width / 2 + S(x) / extent * (width / 2 - 14), 2);
        var inv = CultureInfo.InvariantCulture;
        bool violated = q[0] < -tol;
        string fill = violated ? "#f4a6a6" : "#9ecae1", stroke = violated ? "#b00020" : "#3182bd";
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"margin quantiles\" font-family=\"system-ui,sans-serif\">");
        if (tol > 0)
        {
            sb.Append(inv, $"<rect x=\"{X(-tol)}\" y=\"2\" width=\"{Math.Max(1, X(tol) - X(-tol))}\" height=\"{axis - 2}\" fill=\"#fdd49e\"/>");
        }
        sb.Append(inv, $"<line x1=\"{X(q[0])}\" y1=\"16\" x2=\"{X(q[4])}\" y2=\"16\" stroke=\"#555\"/>");
        sb.Append(inv, $"<rect x=\"{X(q[1])}\" y=\"8\" width=\"{Math.Max(1, X(q[3]) - X(q[1]))}\" height=\"16\" fill=\"{fill}\" stroke=\"{stroke}\"/>");
        sb.Append(inv, $"<line x1=\"{X(q[2])}\" y1=\"8\" x2=\"{X(q[2])}\" y2=\"24\" stroke=\"{stroke}\" stroke-width=\"2\"/>");
        sb.Append(inv, $"<line x1=\"{width / 2}\" y1=\"2\" x2=\"{width / 2}\" y2=\"{axis}\" stroke=\"#d62728\" stroke-dasharray=\"2,2\"/>");
        sb.Append(inv, $"<line x1=\"14\" y1=\"{axis}\" x2=\"{width - 14}\" y2=\"{axis}\" stroke=\"#999\"/>");
        int step = extent > 12 ? 8 : 4;
        for (int k = -16 + step; S(Math.Pow(10, k)) <= extent + 1e-9; k += step)
        {
            foreach (double v in new[] { -Math.Pow(10, k), Math.Pow(10, k) })
            {
                string label = (v < 0 ? "−" : "") + (k == 0 ? "1" : $"1e{k.ToString(inv)}");
                sb.Append(inv, $"<line x1=\"{X(v)}\" y1=\"{axis}\" x2=\"{X(v)}\" y2=\"{axis + 3}\" stroke=\"#999\"/><text x=\"{X(v)}\" y=\"{axis + 12}\" text-anchor=\"middle\" font-size=\"8\" fill=\"#555\">{label}</text>");
            }
        }
        sb.Append(inv, $"<text x=\"{width / 2}\" y=\"{axis + 12}\" text-anchor=\"middle\" font-size=\"8\" fill=\"#555\">0</text>");
        sb.Append(inv, $"<title>per-trial worst normalized margin: min {q[0]:G3}, q10 {q[1]:G3}, median {q[2]:G3}, q90 {q[3]:G3}, max {q[4]:G3}{(tol > 0 ? $"; tolerance ±{tol:G2}" : "")}</title></svg>");
        return sb.ToString();
    }

    /// <summary>The grades from strongest to weakest, as kebab-case names (the order of report columns).</summary>
    public static readonly string[] GradeOrder = ["proven", "proven-assuming", "numerical-with-error-bound", "sampled", "unknown"];

    /// <summary>The element id of a statement's section in index.html.</summary>
    public static string Anchor(string id) => "s-" + string.Concat(id.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-'));

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
