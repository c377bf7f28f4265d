using System.Globalization;
using System.Net;
using System.Text;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// <c>reports/index.html</c>: self-contained (no script, no external resource), one table per paper and a
/// section per statement, with an inline SVG of the distribution of per-trial worst normalized margins
/// (symmetric-log axis, so 1e-14 and 1 are both readable; the red line is 0 = the bound itself).
/// </summary>
public static class HtmlReport
{
    public static string Render(IReadOnlyList<CertificateSummary> certificates)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>VerifyDynamics — verification report</title>\n");
        sb.Append("<style>body{font-family:system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222}")
          .Append("table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #ccc;padding:4px 6px;font-size:13px;vertical-align:top}")
          .Append("th{background:#f3f3f3}.v-refuted{color:#b00020;font-weight:600}.v-certified{color:#0a6b2f;font-weight:600}")
          .Append(".v-holds-on-trials{color:#1b5e20}.v-inconclusive,.v-not-checkable{color:#8a6d00}details{margin:.4em 0}code{font-size:12px}</style>\n</head>\n<body>\n");
        sb.Append("<h1>VerifyDynamics — verification report</h1>\n<p>Generated from the certificates in <code>certificates/</code>. Each margin is <code>rhs − lhs</code>, normalized by the natural size of the two sides; a negative value beyond its tolerance, confirmed at higher precision, is a counterexample.</p>\n");
        foreach (var paper in certificates.Select(c => c.Paper).Distinct())
        {
            var group = certificates.Where(c => c.Paper == paper).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{paper}\">{paper}</h2>\n<table>\n<thead><tr><th>statement</th><th>title</th><th>verdict</th><th>trials</th><th>margin distribution (min · q10 · median · q90 · max)</th><th>obligations</th><th>variants</th></tr></thead>\n<tbody>\n");
            foreach (var c in group)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#{Anchor(c.Id)}\">{E(c.Id)}</a></td><td>{E(c.Title)}</td><td class=\"v-{c.Verdict}\">{E(c.Verdict)}{(c.CorrectedVerdict is null ? "" : $" (as printed); corrected: {E(c.CorrectedVerdict)}")}</td>")
                  .Append(CultureInfo.InvariantCulture, $"<td>{c.Accepted}/{c.Trials}</td><td>{MarginSvg(c.MarginQuantiles)}</td>")
                  .Append(CultureInfo.InvariantCulture, $"<td>{(c.ObligationsNeeded == 0 ? "—" : $"{c.ObligationsProven}/{c.ObligationsNeeded} proven")}</td><td>{(c.Variants == 0 ? "—" : $"{c.VariantsAsExpected}/{c.Variants} as expected")}</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
            foreach (var c in group)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<details id=\"{Anchor(c.Id)}\"><summary><b>{E(c.Id)}</b> — {E(c.Title)} <span class=\"v-{c.Verdict}\">[{E(c.Verdict)}]</span></summary>\n<p><i>{E(c.Location)}.</i> {E(c.Text)}</p>\n");
                if (c.FormalisationNote.Length > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<p><b>How it was checked.</b> {E(c.FormalisationNote)}</p>\n");
                }
                sb.Append(CultureInfo.InvariantCulture, $"<p><b>Generator.</b> {E(c.Generator)}</p>\n<p><b>Verdict.</b> {E(c.Reason)}</p>\n");
                if (c.WorstNormalized is { } w)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<p><b>Worst margin.</b> {E(c.WorstMarginName ?? "")} = {w.ToString("G6", CultureInfo.InvariantCulture)} (normalized; the instance is in the certificate).</p>\n");
                }
                if (c.NotCheckable is not null)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<p><b>Not checked.</b> {E(c.NotCheckable)}</p>\n");
                }
                foreach (var e in c.Errata)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<p><b>Erratum.</b> {E(e)}</p>\n");
                }
                sb.Append("</details>\n");
            }
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>A 240×28 box plot of the margin quantiles on a symmetric-log axis.</summary>
    public static string MarginSvg(double[]? q)
    {
        if (q is null || q.Any(double.IsNaN))
        {
            return "—";
        }
        const double width = 240, height = 28;
        // symlog: sign(x)·log10(1 + |x|/1e-16), mapped from [-max, max] to [0, width].
        static double S(double x) => Math.Sign(x) * Math.Log10(1 + Math.Abs(x) / 1e-16);
        double extent = Math.Max(Math.Abs(S(q[0])), Math.Abs(S(q[4])));
        extent = Math.Max(extent, 1);
        double X(double x) => Math.Round(width / 2 + S(x) / extent * (width / 2 - 4), 2);
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"margin quantiles\">");
        sb.Append(inv, $"<line x1=\"{X(q[0])}\" y1=\"14\" x2=\"{X(q[4])}\" y2=\"14\" stroke=\"#555\"/>");
        sb.Append(inv, $"<rect x=\"{X(q[1])}\" y=\"6\" width=\"{Math.Max(1, X(q[3]) - X(q[1]))}\" height=\"16\" fill=\"#9ecae1\" stroke=\"#3182bd\"/>");
        sb.Append(inv, $"<line x1=\"{X(q[2])}\" y1=\"6\" x2=\"{X(q[2])}\" y2=\"22\" stroke=\"#08519c\" stroke-width=\"2\"/>");
        sb.Append(inv, $"<line x1=\"{width / 2}\" y1=\"0\" x2=\"{width / 2}\" y2=\"{height}\" stroke=\"#d62728\" stroke-dasharray=\"2,2\"/>");
        sb.Append(inv, $"<title>min {q[0]:G3}, q10 {q[1]:G3}, median {q[2]:G3}, q90 {q[3]:G3}, max {q[4]:G3}</title></svg>");
        return sb.ToString();
    }

    private static string Anchor(string id) => "s-" + id.Replace('.', '-');

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
