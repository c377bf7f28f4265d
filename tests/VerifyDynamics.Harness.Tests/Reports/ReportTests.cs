using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Testing;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Reports;

/// <summary>Snapshots of the three report formats, from certificates of toy statements with known verdicts.</summary>
public sealed class ReportTests
{
    private static IReadOnlyList<CertificateSummary> Summaries()
    {
        var holds = ToyStatements.UniformBelowOne(trials: 8);
        var refuted = holds.WithConstantDefault("bound", Core.Numbers.Rational.Of(2)) with { Id = new StatementId("TOY", "Refuted") };
        var erratum = holds with
        {
            Id = new StatementId("TOY", "Erratum"),
            Errata = ["the printed bound is 2"],
            Variants = [Variant.Erratum("Printed", "bound 2 as printed", s => s.WithConstantDefault("bound", Core.Numbers.Rational.Of(2)))],
        };
        var notCheckable = holds with { Id = new StatementId("TOY", "Existential"), Checkability = Checkability.NotCheckable, NotCheckableReason = "existential constant" };
        return CertificateSummary.Order([.. new[] { holds, refuted, erratum, notCheckable }
            .Select(s => CertificateSummary.From(CertificateStore.Parse(CanonicalJson.Seal(CertificateBuilder.Build(
                StatementRunner.Run(s, new RunOptions(new Seed(5), RunObligations: false)))))))]);
    }

    [Fact]
    public void Markdown_MatchesApprovedSnapshot() => Approvals.Verify(MarkdownReport.Render(Summaries()), "md");

    [Fact]
    public void Html_MatchesApprovedSnapshot() => Approvals.Verify(HtmlReport.Render(Summaries()), "html");

    [Fact]
    public void Latex_MatchesApprovedSnapshot() => Approvals.Verify(LatexSummary.Render(Summaries()), "tex");

    [Fact]
    public void Html_IsSelfContained()
    {
        string html = HtmlReport.Render(Summaries());
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"http", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<svg", html, StringComparison.Ordinal);
    }
}
