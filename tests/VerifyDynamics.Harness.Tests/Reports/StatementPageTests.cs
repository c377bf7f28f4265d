using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Testing;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Reports;

/// <summary>Snapshots of the per-statement pages and the report set, from toy certificates.</summary>
public sealed class StatementPageTests
{
    private static ReportDocument Page(string id) =>
        StatementPage.Build(ToyCertificates.All().Single(c => c["statement"]!.GetValue<string>() == id));

    [Fact]
    public void CertifiedPage_Markdown_MatchesApprovedSnapshot() => Approvals.Verify(Page("TOY.Certified").ToMarkdown(), "md", Scrubbers.All);

    [Fact]
    public void CertifiedPage_Html_MatchesApprovedSnapshot() => Approvals.Verify(Page("TOY.Certified").ToHtml(), "html", Scrubbers.All);

    [Fact]
    public void ErratumPage_Markdown_MatchesApprovedSnapshot() => Approvals.Verify(Page("TOY.Erratum").ToMarkdown(), "md", Scrubbers.All);

    [Fact]
    public void AliasPage_SaysProvenAssumingTheOriginal()
    {
        string md = Page("TOY.Alias").ToMarkdown();
        Assert.Contains("**Evidence grade:** proven assuming TOY.Certified", md, StringComparison.Ordinal);
    }

    [Fact]
    public void OldCertificateWithoutGrade_IsShownAsUnknown()
    {
        var c = ToyCertificates.All()[0];
        c.Remove("evidence");
        Assert.Contains("**Evidence grade:** unknown", StatementPage.Build(c).ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportWriter_WritesAPagePerStatement_AndTheIndexLinksThem()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vd-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            var summaries = ToyCertificates.Summaries();
            ReportWriter.Write(summaries, dir);
            string index = File.ReadAllText(Path.Combine(dir, "index.html"));
            string md = File.ReadAllText(Path.Combine(dir, "index.md"));
            foreach (var s in summaries)
            {
                Assert.True(File.Exists(Path.Combine(dir, s.PageStem + ".md")), s.PageStem);
                Assert.True(File.Exists(Path.Combine(dir, s.PageStem + ".html")), s.PageStem);
                Assert.Contains($"href=\"{s.PageStem}.html\"", index, StringComparison.Ordinal);
                Assert.Contains($"({s.PageStem}.md)", md, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Index_PlotsExperimentCurves_WhenTheirFilesExist()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vd-report-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "experiments", "toy-fig"));
            File.WriteAllText(Path.Combine(dir, "experiments", "toy-fig", "curves.csv"), ToyCertificates.ExperimentCsv);
            var curves = ExperimentCurves.Read(dir);
            var figures = ExperimentCurves.Figures(Assert.Single(curves));
            // Titled by what they show, not by the CSV path; legends in words; axis labels.
            Assert.Equal(["training loss of GD at step sizes η0/r and of gradient flow", "distance of GD from gradient flow, ‖GD − GF‖"], figures.Select(f => f.Spec.Title));
            Assert.Equal(["GD, η0/0", "GD, η0/1"], figures[1].Series.Select(s => s.Name));
            Assert.All(figures, f => Assert.StartsWith("k (iterations", f.Spec.XLabel, StringComparison.Ordinal));
            string html = HtmlReport.Render(ToyCertificates.Summaries(), curves);
            Assert.Contains("id=\"experiments\"", html, StringComparison.Ordinal);
            Assert.Contains("distance of GD from gradient flow", html, StringComparison.Ordinal);
            Assert.Contains("href=\"experiments/toy-fig/curves.csv\"", html, StringComparison.Ordinal);
            Assert.DoesNotContain(">experiments/toy-fig/curves.csv: gf_dist<", html, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
