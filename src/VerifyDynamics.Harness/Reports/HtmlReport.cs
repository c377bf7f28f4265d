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
        + ".g-proven{color:#0a6b2f;font-weight:600}.g-proven-assuming{color:#2e7d32}.g-numerical-with-error-bound{color:#1565c0}.g-sampled{color:#6a1b9a}.g-unknown{color:#8a6d00}";

    public static string Render(IReadOnlyList<CertificateSummary> certificates) => Render(certificates, []);

    public static string Render(IReadOnlyList<CertificateSummary> certificates, IReadOnlyList<ExperimentCurve> experiments)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>VerifyDynamics — verification report</title>\n");
        sb.Append("<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        sb.Append("<h1 id=\"top\">VerifyDynamics — verification report</h1>\n<p>Generated from the certificates in <code>certificates/</code>. Each margin is <code>rhs − lhs</code>, normalized by the natural size of the two sides; a negative value beyond its tolerance, confirmed at higher precision, is a counterexample.</p>\n<p><b><a href=\"trust.html\">Trust table</a></b>: for every id its verdict, grade, fidelity (full / restricted / substitute), utilization (how near the trials came to the bound), weakest tolerance kind, trials, and what kept it from being certified. <code>certified</code> requires the statement as printed, stated error bounds, bounds approached within a factor 2, and every obligation proven for the constants in force.</p>\n");
        sb.Append("<p><b>Evidence grades</b> (decided with the verdict, never raised afterwards): <span class=\"g-proven\">proven</span> = the statement is itself a scalar inequality whose obligations are proven by Z3 or interval subdivision, and every trial holds (for a refutation: an exact counterexample); <span class=\"g-proven-assuming\">proven assuming</span> = every scalar obligation proven and every trial holds, assuming what is named (usually the paper's reduction of the statement to its scalar obligations; an alias; a lemma); <span class=\"g-numerical-with-error-bound\">numerical with an error bound</span> = every tried instance satisfies the conclusion within a bound on the numerical error; <span class=\"g-sampled\">sampled</span> = statistical, trend or conjecture evidence, or tolerances that are estimates only; <span class=\"g-unknown\">unknown</span> = no usable evidence.</p>\n");
        sb.Append("<table>\n<thead><tr><th>paper</th><th>proven</th><th>proven assuming</th><th>numerical with an error bound</th><th>sampled</th><th>unknown</th></tr></thead>\n<tbody>\n");
        foreach (var paper in certificates.Select(c => c.Paper).Distinct())
        {
            var group = certificates.Where(c => c.Paper == paper).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#{paper}\">{E(paper)}</a></td>")
              .AppendJoin("", GradeOrder.Select(g => $"<td>{group.Count(c => c.Grade == g)}</td>")).Append("</tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
        AppendVerdictCounts(sb, certificates);
        AppendErrataAndOpen(sb, certificates);
        foreach (var paper in certificates.Select(c => c.Paper).Distinct())
        {
            var group = certificates.Where(c => c.Paper == paper).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"<h2 id=\"{paper}\">{paper}</h2>\n<table>\n<thead><tr><th>statement</th><th>title</th><th>verdict</th><th>evidence</th><th>fidelity</th><th>utilization</th><th>trials</th><th>margin distribution (min · q10 · median · q90 · max)</th><th>obligations</th><th>variants</th></tr></thead>\n<tbody>\n");
            foreach (var c in group)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#{Anchor(c.Id)}\">{E(c.Id)}</a></td><td>{E(c.Title)}</td><td class=\"v-{c.Verdict}\">{E(c.Verdict)}{(c.CorrectedVerdict is null ? "" : $" (as printed); corrected: {E(c.CorrectedVerdict)}")}</td><td class=\"g-{c.Grade}\">{E(c.GradeText)}</td><td>{E(c.Fidelity)}</td><td>{E(c.UtilizationCell)}</td>")
                  .Append(CultureInfo.InvariantCulture, $"<td>{c.Accepted}/{c.Trials}</td><td>{MarginSvg(c.MarginQuantiles)}</td>")
                  .Append(CultureInfo.InvariantCulture, $"<td>{(c.ObligationsNeeded == 0 ? "—" : $"{c.ObligationsProven}/{c.ObligationsNeeded} proven")}</td><td>{(c.Variants == 0 ? "—" : $"{c.VariantsAsExpected}/{c.Variants} as expected")}</td></tr>\n");
            }
            sb.Append("</tbody>\n</table>\n");
            foreach (var c in group)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<details id=\"{Anchor(c.Id)}\"><summary><b>{E(c.Id)}</b> — {E(c.Title)} <span class=\"v-{c.Verdict}\">[{E(c.Verdict)}]</span> <span class=\"g-{c.Grade}\">[{E(c.GradeText)}]</span></summary>\n<p><i>{E(c.Location)}.</i> {E(c.Text)}</p>\n")
                  .Append(CultureInfo.InvariantCulture, $"<p><a href=\"{E(c.PageStem)}.html\">Full page of {E(c.Id)}</a> (trials, worst instance, obligations and provers, mutants).</p>\n");
                if (c.FormalisationNote.Length > 0)
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<p><b>How it was checked.</b> {E(c.FormalisationNote)}</p>\n");
                }
                sb.Append(CultureInfo.InvariantCulture, $"<p><b>Generator.</b> {E(c.Generator)}</p>\n<p><b>Verdict.</b> {E(c.Reason)}</p>\n<p><b>Evidence.</b> {E(c.GradeText)}: {E(c.GradeBasis)}</p>\n");
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
                foreach (var (svg, caption) in StatementPage.ObservationPlots(c.Certificate?["trials"] as System.Text.Json.Nodes.JsonObject))
                {
                    sb.Append("<figure>").Append(svg).Append("<figcaption>").Append(E(caption)).Append("</figcaption></figure>\n");
                }
                sb.Append("</details>\n");
            }
        }
        if (experiments.Count > 0)
        {
            sb.Append("<h2 id=\"experiments\">Experiments</h2>\n<p>Curves written by <code>vd experiment NAME</code> under <code>reports/experiments/</code> (e.g. GD-vs-GF distance and losses of EC21 Fig. 1).</p>\n");
            foreach (var curve in experiments)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<h3 id=\"{E(Anchor("x-" + curve.File))}\">{E(curve.File)}</h3>\n");
                foreach (var (title, series) in ExperimentCurves.Charts(curve))
                {
                    sb.Append("<figure>").Append(SvgPlot.Lines(title, curve.XColumn, series)).Append("<figcaption>").Append(E(title)).Append("</figcaption></figure>\n");
                }
            }
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    private static readonly string[] VerdictOrder = ["certified", "holds-on-trials", "construction-reproduced", "conjecture-supported", "refuted", "inconclusive", "not-checkable"];

    /// <summary>Verdict counts per paper (the same table as index.md's summary).</summary>
    private static void AppendVerdictCounts(StringBuilder sb, IReadOnlyList<CertificateSummary> certificates)
    {
        sb.Append("<h2 id=\"summary\">Verdicts per paper</h2>\n<table>\n<thead><tr><th>paper</th><th>statements</th>")
          .AppendJoin("", VerdictOrder.Select(v => $"<th>{v}</th>")).Append("<th>mutants refuted</th></tr></thead>\n<tbody>\n");
        foreach (var paper in certificates.Select(c => c.Paper).Distinct())
        {
            var group = certificates.Where(c => c.Paper == paper).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"<tr><td><a href=\"#{paper}\">{E(paper)}</a></td><td>{group.Count}</td>")
              .AppendJoin("", VerdictOrder.Select(v => $"<td>{group.Count(c => c.Verdict == v)}</td>"))
              .Append(CultureInfo.InvariantCulture, $"<td>{group.Sum(c => c.MutantsRefuted)}/{group.Sum(c => c.Mutants)}</td></tr>\n");
        }
        sb.Append("</tbody>\n</table>\n");
    }

    /// <summary>The errata (printed form's verdict next to the corrected one) and what could not be checked, before the per-paper tables.</summary>
    private static void AppendErrataAndOpen(StringBuilder sb, IReadOnlyList<CertificateSummary> certificates)
    {
        var errata = certificates.Where(c => c.HasErratum).ToList();
        if (errata.Count > 0)
        {
            sb.Append("<h2 id=\"errata\">Errata found in the papers</h2>\n<ul>\n");
            foreach (var c in errata)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(c.PageStem)}.html\"><b>{E(c.Id)}</b></a> ({E(c.Location)}): {E(string.Join(" ", c.Errata))}");
                if (c.CorrectedVerdict is not null)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" — as printed: <span class=\"v-{c.Verdict}\">{E(c.Verdict)}</span>; corrected form: <span class=\"v-{c.CorrectedVerdict}\">{E(c.CorrectedVerdict)}</span>.");
                }
                sb.Append("</li>\n");
            }
            sb.Append("</ul>\n<p>Each printed form's counterexample is an instance file under <code>counterexamples/</code>; the <a href=\"trust.html#counterexamples\">trust table</a> lists them with their replay commands.</p>\n");
        }
        var open = certificates.Where(c => c.IsOpen).ToList();
        if (open.Count > 0)
        {
            sb.Append("<h2 id=\"not-checked\">What could not be checked, and why</h2>\n<ul>\n");
            foreach (var c in open)
            {
                sb.Append(CultureInfo.InvariantCulture, $"<li><a href=\"{E(c.PageStem)}.html\"><b>{E(c.Id)}</b></a> (<span class=\"v-{c.Verdict}\">{E(c.Verdict)}</span>): {E(c.NotCheckable ?? c.Reason)}</li>\n");
            }
            sb.Append("</ul>\n");
        }
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

    /// <summary>The grades from strongest to weakest, as kebab-case names (the order of report columns).</summary>
    public static readonly string[] GradeOrder = ["proven", "proven-assuming", "numerical-with-error-bound", "sampled", "unknown"];

    /// <summary>The element id of a statement's section in index.html.</summary>
    public static string Anchor(string id) => "s-" + string.Concat(id.Select(ch => char.IsAsciiLetterOrDigit(ch) ? ch : '-'));

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
