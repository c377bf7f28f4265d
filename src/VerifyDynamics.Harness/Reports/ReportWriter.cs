using VerifyDynamics.Harness.Certificates;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// Writes every report file from certificate summaries: <c>index.md</c>, <c>index.html</c> (with the experiments'
/// curves found under <c>experiments/</c>), <c>summary.tex</c>, and a page per statement
/// <c>statements/&lt;PAPER&gt;/&lt;Name&gt;.md|.html</c>, with the slack table of <c>vd tighten --all</c> when
/// <c>slack.json</c> exists. All writes go through <see cref="AtomicFile"/>.
/// </summary>
public static class ReportWriter
{
    public static IReadOnlyList<string> Write(IReadOnlyList<CertificateSummary> summaries, string reportsDirectory)
    {
        var written = new List<string>();
        void Put(string relative, string text)
        {
            string path = Path.Combine(reportsDirectory, relative);
            AtomicFile.WriteAllText(path, text);
            written.Add(path);
        }
        // The slack table of `vd tighten --all` (reports/slack.json) is added when it exists (read once).
        var slack = SlackTable.TryRead(reportsDirectory);
        Put("index.md", SlackTable.AppendToMarkdown(MarkdownReport.Render(summaries), slack));
        Put("index.html", SlackTable.InsertIntoHtml(HtmlReport.Render(summaries, ExperimentCurves.Read(reportsDirectory)), slack));
        Put("summary.tex", SlackTable.AppendToLatex(LatexSummary.Render(summaries), slack));
        var trust = TrustTable.Build(summaries);
        Put("trust.md", trust.ToMarkdown());
        Put("trust.html", trust.ToHtml());
        foreach (var cx in TrustTable.CounterexampleFiles(summaries))
        {
            Put(cx.RelativePath, cx.InstanceJson);
        }
        foreach (var s in summaries.Where(s => s.Certificate is not null))
        {
            var page = StatementPage.Build(s.Certificate!);
            Put(s.PageStem + ".md", page.ToMarkdown());
            Put(s.PageStem + ".html", page.ToHtml());
        }
        return written;
    }
}
