using System.Diagnostics;
using System.Text.RegularExpressions;
using VerifyDynamics.Harness.Reports;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Reports;

/// <summary>
/// A [Fact] that is reported as SKIPPED, with the reason, when no Chromium is installed (xunit 2 has no dynamic skip,
/// so the decision is made when tests are discovered). Set <c>VD_REQUIRE_CHROMIUM=1</c> (as CI does after installing
/// it) to turn the skip into a failure.
/// </summary>
public sealed class ChromiumFactAttribute() : Testing.RequiredToolFactAttribute(ChromiumRenderTests.Chromium, "VD_REQUIRE_CHROMIUM",
    "no chromium on PATH (install Debian package 'chromium'; .ci/run does), so the HTML reports were not rendered in a browser");

/// <summary>
/// Renders the generated report set (index.html and every statement page, from toy certificates plus an experiment
/// CSV) in headless Chromium with <c>--dump-dom</c> and checks the browser's DOM: no parser error, no console message
/// (the pages have no script, so any message is an error the browser reported), every SVG parsed with children, every
/// page that should have a plot has a non-empty one, every internal link and every href/src to a local file resolves
/// (same-page anchors to an element id, page links to a file and its anchor), no external resource (self-contained),
/// and every image decodes (only data: images are allowed, and must be non-empty). Screenshots of the index and two
/// statement pages are written to <c>chromium-screenshots/</c> in the test output folder for a person to look at.
/// </summary>
public sealed partial class ChromiumRenderTests
{
    /// <summary>Path of the chromium executable, or null when none is installed.</summary>
    public static string? Chromium { get; } = Testing.RequiredToolFactAttribute.OnPath("chromium", "chromium-browser", "google-chrome");

    /// <summary>Where the screenshots go: the test output folder (bin/…/chromium-screenshots).</summary>
    public static string ScreenshotDirectory => Path.Combine(AppContext.BaseDirectory, "chromium-screenshots");

    private static (string Dom, IReadOnlyList<string> Console) DumpDom(string file, string profile)
    {
        var psi = new ProcessStartInfo(Chromium ?? throw new InvalidOperationException("chromium not found on PATH (install Debian package 'chromium')"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}", "--dump-dom", new Uri(file).AbsoluteUri })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        string dom = p.StandardOutput.ReadToEnd();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish rendering {file} within 120 s");
        }
        Assert.True(dom.Length > 0, $"chromium printed no DOM for {file} (exit {p.ExitCode}): {stderr.Result[..Math.Min(2000, stderr.Result.Length)]}");
        return (dom, ConsoleMessages(stderr.Result));
    }

    /// <summary>The page's console messages in Chromium's stderr log ("…:CONSOLE:1] "message", source: …").</summary>
    internal static IReadOnlyList<string> ConsoleMessages(string stderr) =>
        [.. stderr.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).Select(l => l.Trim())];

    private static void Screenshot(string file, string png, string profile)
    {
        var psi = new ProcessStartInfo(Chromium!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions", "--hide-scrollbars",
            "--disable-background-networking", $"--user-data-dir={profile}", $"--screenshot={png}", "--window-size=1400,2000", new Uri(file).AbsoluteUri })
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"chromium did not finish the screenshot of {file} within 120 s");
        }
        Assert.True(File.Exists(png) && new FileInfo(png).Length > 1000, $"chromium wrote no screenshot of {file} (exit {p.ExitCode}): {stderr.Result[..Math.Min(2000, stderr.Result.Length)]}");
    }

    [ChromiumFact]
    public void GeneratedReports_RenderInChromium_WithoutBrokenElements()
    {
        string dir = Path.Combine(Path.GetTempPath(), "vd-chromium-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "experiments", "toy-fig"));
            File.WriteAllText(Path.Combine(dir, "experiments", "toy-fig", "curves.csv"), ToyCertificates.ExperimentCsv);
            ReportWriter.Write(ToyCertificates.Summaries(), dir);
            var pages = Directory.EnumerateFiles(dir, "*.html", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            Assert.Contains(pages, p => p.EndsWith("index.html", StringComparison.Ordinal));
            Assert.True(pages.Count >= 6, $"expected index.html and five statement pages, found {pages.Count}");
            // Chromium spends most of its ~10 s start-up waiting (no D-Bus here), so render the pages concurrently.
            var rendered = pages.AsParallel().WithDegreeOfParallelism(4)
                .Select((p, i) => (Page: p, Out: DumpDom(p, Path.Combine(dir, $".profile-{Path.GetFileNameWithoutExtension(p)}-{i}"))))
                .ToDictionary(x => x.Page, x => x.Out);
            var doms = rendered.ToDictionary(kv => kv.Key, kv => kv.Value.Dom);
            var problems = FindProblems(dir, doms);
            problems.AddRange(rendered.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .SelectMany(kv => kv.Value.Console.Select(m => $"{Path.GetRelativePath(dir, kv.Key)}: console message {m}")));
            // The index and two statement pages (one with observations against a bound, one erratum) as screenshots.
            Directory.CreateDirectory(ScreenshotDirectory);
            var shots = new[] { "index.html", Path.Combine("statements", "TOY", "Certified.html"), Path.Combine("statements", "TOY", "Erratum.html") };
            foreach (var (page, i) in shots.Select((s, i) => (s, i)))
            {
                string png = Path.Combine(ScreenshotDirectory, page.Replace(Path.DirectorySeparatorChar, '_').Replace(".html", ".png", StringComparison.Ordinal));
                File.Delete(png);
                Screenshot(Path.Combine(dir, page), png, Path.Combine(dir, $".profile-shot-{i}"));
            }
            Assert.True(problems.Count == 0, "broken elements in the rendered reports:\n" + string.Join("\n", problems));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Everything broken in rendered pages (page path → DOM as the browser serialised it); empty when all is well.</summary>
    internal static List<string> FindProblems(string dir, IReadOnlyDictionary<string, string> doms)
    {
        var problems = new List<string>();
        foreach (var (page, dom) in doms.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            string name = Path.GetRelativePath(dir, page);
            string source = File.ReadAllText(page);
            if (dom.Contains("<parsererror", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{name}: <parsererror> in the rendered DOM");
            }
            int svgSource = SvgOpen().Count(source), svgDom = SvgOpen().Count(dom);
            if (svgSource != svgDom)
            {
                problems.Add($"{name}: {svgSource} <svg> in the file but {svgDom} in the rendered DOM");
            }
            if (EmptySvg().IsMatch(dom))
            {
                problems.Add($"{name}: an <svg> without children in the rendered DOM");
            }
            // A page that should have a plot has a non-empty one: the index (margin box plots), a section of observations
            // against their bounds, and a trials section with a margin distribution.
            foreach (var (section, what) in new[] { ("id=\"observations\"", "observations section"), ("id=\"trials\"", "trials section"), ("id=\"summary\"", "index") })
            {
                int at = dom.IndexOf(section, StringComparison.Ordinal);
                if (at < 0 || (what == "trials section" && !source.Contains("Worst normalized margin per trial", StringComparison.Ordinal)))
                {
                    continue;
                }
                int next = dom.IndexOf("<h2", at + section.Length, StringComparison.Ordinal);
                string part = what == "index" ? dom : dom[at..(next < 0 ? dom.Length : next)];
                if (!NonEmptySvg().IsMatch(part))
                {
                    problems.Add($"{name}: the {what} has no plot (no <svg> with children)");
                }
            }
            var ids = Ids().Matches(dom).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
            foreach (var src in Srcs().Matches(dom).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value))
                .Where(s => !s.Contains(':', StringComparison.Ordinal) && !s.StartsWith("//", StringComparison.Ordinal)))
            {
                if (!File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, src.Split('#', 2)[0]))))
                {
                    problems.Add($"{name}: src {src} points to a missing file");
                }
            }
            foreach (var href in Hrefs().Matches(dom).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                if (href.StartsWith('#'))
                {
                    if (!ids.Contains(href[1..]))
                    {
                        problems.Add($"{name}: link {href} has no element with that id");
                    }
                }
                else if (href.Contains(':', StringComparison.Ordinal) || href.StartsWith("//", StringComparison.Ordinal))
                {
                    problems.Add($"{name}: external link {href} (the reports must be self-contained)");
                }
                else
                {
                    var parts = href.Split('#', 2);
                    string target = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, parts[0]));
                    if (!File.Exists(target))
                    {
                        problems.Add($"{name}: link {href} points to a missing file");
                    }
                    else if (parts.Length == 2 && doms.TryGetValue(target, out var targetDom)
                        && !Ids().Matches(targetDom).Any(m => m.Groups[1].Value == parts[1]))
                    {
                        problems.Add($"{name}: link {href}: {Path.GetFileName(target)} has no element id '{parts[1]}'");
                    }
                }
            }
            foreach (Match m in Resources().Matches(dom))
            {
                problems.Add($"{name}: resource reference {m.Value} (nothing may be loaded: the page must be self-contained)");
            }
            if (dom.Contains("url(", StringComparison.OrdinalIgnoreCase) || dom.Contains("@import", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{name}: CSS url()/@import (external resource)");
            }
            foreach (Match img in Images().Matches(dom))
            {
                string src = img.Groups[1].Value;
                if (!src.StartsWith("data:image/", StringComparison.Ordinal) || src.Length < 32)
                {
                    problems.Add($"{name}: image {src[..Math.Min(60, src.Length)]} would not decode offline");
                }
            }
        }
        return problems;
    }

    [Fact]
    public void FindProblems_FlagsBrokenAnchors_EmptySvgs_ParserErrors_AndExternalResources()
    {
        // The checker itself, on hand-made DOMs (no browser needed): a check that cannot fail is a defect.
        string dir = Path.Combine(Path.GetTempPath(), "vd-dom-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            string good = Path.Combine(dir, "good.html"), bad = Path.Combine(dir, "bad.html"), noPlot = Path.Combine(dir, "noplot.html");
            File.WriteAllText(good, "<svg><rect/></svg><a href=\"#x\">x</a><p id=\"x\"></p><h2 id=\"observations\">o</h2><svg><rect/></svg>");
            File.WriteAllText(bad, "<svg><rect/></svg><svg></svg>");
            File.WriteAllText(noPlot, "<h2 id=\"observations\">o</h2><p>nothing</p><h2 id=\"next\">n</h2><svg><rect/></svg>");
            var doms = new Dictionary<string, string>
            {
                [good] = File.ReadAllText(good),
                [noPlot] = File.ReadAllText(noPlot),
                [bad] = "<parsererror/><svg></svg><a href=\"#nowhere\">a</a><a href=\"missing.html\">b</a><a href=\"good.html#nope\">c</a><a href=\"https://example.org\">d</a><script src=\"x.js\"></script><img src=\"pic.png\"><td src=\"gone/file.json\"></td>",
            };
            var problems = FindProblems(dir, doms);
            Assert.DoesNotContain(problems, p => p.StartsWith("good.html", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.StartsWith("noplot.html", StringComparison.Ordinal) && p.Contains("observations section has no plot", StringComparison.Ordinal));
            Assert.Contains(problems, p => p.Contains("src gone/file.json points to a missing file", StringComparison.Ordinal));
            Assert.Equal(["[1:1:1207/031242.885391:INFO:CONSOLE:1] \"planted\", source: file:///a.html (1)"],
                ConsoleMessages("[1:1:1207/031242.885000:WARNING:x.cc(1)] not a console line\n[1:1:1207/031242.885391:INFO:CONSOLE:1] \"planted\", source: file:///a.html (1)\n"));
            foreach (var expected in new[] { "<parsererror>", "2 <svg> in the file but 1", "without children", "#nowhere", "missing file", "no element id 'nope'", "external link", "resource reference", "would not decode" })
            {
                Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [GeneratedRegex("<svg[\\s>]")]
    private static partial Regex SvgOpen();

    [GeneratedRegex("<svg[^>]*>\\s*</svg>")]
    private static partial Regex EmptySvg();

    [GeneratedRegex("\\sid=\"([^\"]+)\"")]
    private static partial Regex Ids();

    [GeneratedRegex("<[a-z]+\\s[^>]*href=\"([^\"]*)\"")]
    private static partial Regex Hrefs();

    [GeneratedRegex("<[a-z]+\\b[^>]*?\\ssrc=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Srcs();

    [GeneratedRegex("<svg[^>]*>\\s*<[a-z]")]
    private static partial Regex NonEmptySvg();

    [GeneratedRegex("<(script|link|iframe|object|embed|source|video|audio|image|use)\\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex Resources();

    [GeneratedRegex("<img\\b[^>]*\\ssrc=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Images();
}
