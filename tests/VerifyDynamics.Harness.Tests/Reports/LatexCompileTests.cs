using System.Diagnostics;
using VerifyDynamics.Harness.Reports;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Reports;

/// <summary>Skipped with the reason when pdflatex is absent; required when <c>VD_REQUIRE_PDFLATEX=1</c> (.ci/run under CI).</summary>
public sealed class PdflatexFactAttribute() : Testing.RequiredToolFactAttribute(LatexCompileTests.Pdflatex, "VD_REQUIRE_PDFLATEX",
    "no pdflatex on PATH (install Debian package 'texlive-latex-base'; .ci/run does), so summary.tex was not compiled");

/// <summary>reports/summary.tex compiles with plain pdflatex inside a minimal document (booktabs, longtable, array), with no error.</summary>
public sealed class LatexCompileTests
{
    public static string? Pdflatex { get; } = Testing.RequiredToolFactAttribute.OnPath("pdflatex");

    [Fact]
    public void Sci_NeverPrintsATenMantissa_AndTexIsAscii()
    {
        Assert.Equal("1.00", LatexSummary.Sci(0.999999));
        Assert.Equal("-1.00\\times 10^{-3}", LatexSummary.Sci(-0.000999999));
        Assert.Equal("2.50", LatexSummary.Sci(2.5));
        Assert.All(LatexSummary.Tex("λ_min ≥ −‖Φ‖ · 10% & Jacot–Şimşek 中"), ch => Assert.True(ch < 128));
    }

    [PdflatexFact]
    public void SummaryTex_OfToyCertificates_Compiles() => Compile(LatexSummary.Render(ToyCertificates.Summaries()));

    [PdflatexFact]
    public void SummaryTex_Committed_Compiles()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "VerifyDynamics.sln")))
        {
            root = root.Parent;
        }
        Assert.NotNull(root);
        Compile(File.ReadAllText(Path.Combine(root!.FullName, "reports", "summary.tex")));
    }

    private static void Compile(string tex)
    {
        string dir = Directory.CreateTempSubdirectory("vd-latex-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "summary.tex"), tex);
            File.WriteAllText(Path.Combine(dir, "main.tex"),
                "\\documentclass{article}\n\\usepackage[margin=2.5cm]{geometry}\n\\usepackage{booktabs,longtable,array}\n\\begin{document}\n\\input{summary}\n\\end{document}\n");
            var psi = new ProcessStartInfo(Pdflatex!, "-interaction=nonstopmode -halt-on-error main.tex")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var p = Process.Start(psi)!;
            string output = p.StandardOutput.ReadToEnd();
            Assert.True(p.WaitForExit(60_000), "pdflatex did not finish within 60 s");
            Assert.True(p.ExitCode == 0, $"pdflatex failed:\n{string.Join("\n", output.Split('\n').Where(l => l.StartsWith('!') || l.Contains("Error", StringComparison.Ordinal)).Take(10))}");
            Assert.True(File.Exists(Path.Combine(dir, "main.pdf")));
            Assert.DoesNotContain("Overfull \\hbox", output.Split('\n').Where(l => l.Contains("pt too wide", StringComparison.Ordinal) && !l.Contains('(')));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
