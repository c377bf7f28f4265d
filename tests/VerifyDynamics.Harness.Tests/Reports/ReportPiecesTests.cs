using System.Text.Json.Nodes;
using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Theorems.Model;
using Xunit;

namespace VerifyDynamics.Harness.Tests.Reports;

/// <summary>The pieces the reports are made of: MathML typesetting, local references, axes, instances as matrices, equality cells, traces.</summary>
public sealed class ReportPiecesTests
{
    [Fact]
    public void MathText_TypesetsScripts_AsMathML_AndFallsBackToCode()
    {
        string html = MathText.ToHtml("If W_{1:N}(0) has margin c, then ‖Φ‖_F^{2(N−1)/N} < e^{∫_{t'}^{t̃} m} holds.");
        Assert.Contains("<math display=\"inline\">", html, StringComparison.Ordinal);
        Assert.Contains("<msub><mi>W</mi><mrow><mn>1</mn><mo stretchy=\"false\">:</mo><mi>N</mi></mrow></msub>", html, StringComparison.Ordinal);
        Assert.Contains("<msubsup><mo stretchy=\"false\">‖</mo><mrow><mi>F</mi></mrow>", html, StringComparison.Ordinal);
        Assert.Contains("<mi>t̃</mi>", html, StringComparison.Ordinal); // a combining tilde stays on its letter
        Assert.StartsWith("If ", html, StringComparison.Ordinal);
        Assert.EndsWith(" holds.", html, StringComparison.Ordinal);
        Assert.Equal("<code>x_{1</code>", MathText.ToHtml("x_{1"));
        Assert.Equal("a &lt; b", MathText.ToHtml("a < b"));
        Assert.Contains("<msub><mi>λ</mi><mrow><mi mathvariant=\"normal\">min</mi></mrow></msub>", MathText.ToHtml("λ_min(A)"), StringComparison.Ordinal);
        Assert.Contains("<msub><mi>W</mi><mrow><mi>j</mi></mrow></msub>", MathText.ToHtml("W_jW_j"), StringComparison.Ordinal);
        Assert.Contains("<mfrac>", MathText.ToHtml("\\frac{a}{b}"), StringComparison.Ordinal);
        Assert.Equal("reports/counterexamples/EC21/Thm3.Printed_Upper.json", MathText.ToHtml("reports/counterexamples/EC21/Thm3.Printed_Upper.json"));
    }

    [Fact]
    public void References_DropCatalogSectionCitations_ThatAreNotInTheRepository()
    {
        Assert.Equal("the printed theorem is false (1-D f with f″ = −1).", References.Localize("the printed theorem is false (catalog §18-T2: 1-D f with f″ = −1)."));
        Assert.Equal("value over-estimates by ab·s⁴.", References.Localize("value over-estimates by ab·s⁴ (catalog §12.3 item 9)."));
        Assert.Equal("Proof I.20.1: x", References.Localize("Proof I.20.1 (catalog §18-T13): x"));
        Assert.Equal("an ascent direction (sign typo; Thm 37).", References.Localize("an ascent direction (catalog: sign typo; Thm 37)."));
        Assert.Equal("see the verification catalog.", References.Localize("see catalog §18-T4."));
        Assert.DoesNotContain("§", References.Localize("x (catalog S8) y catalog §13 item 2 z"), StringComparison.Ordinal);
        var c = new JsonObject { ["errata"] = new JsonArray("a (catalog §18-T2)"), ["text"] = "no citation" };
        var l = References.Localize(c);
        Assert.Equal("a", l["errata"]![0]!.GetValue<string>());
        Assert.Equal("a (catalog §18-T2)", c["errata"]![0]!.GetValue<string>()); // the certificate itself is untouched
    }

    [Fact]
    public void Plot_HasRoundTicks_AxisLabels_OneTitle_AndReferenceMarks()
    {
        string svg = SvgPlot.Plot(new PlotSpec("λ_min against bound", "trial index", "λ_min") { HLines = [(0, "bound")], Band = (-0.1, 0.1, "tolerance") },
            [new PlotSeries("λ_min", [0, 1, 2, 3, 4, 5, 6, 7], [0.13, 0.61, 1.27, 1.9, 2.2, 2.9, 3.3, 3.46])]);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(svg, ">λ_min against bound<"));
        Assert.Contains(">trial index<", svg, StringComparison.Ordinal);
        Assert.Contains("rotate(-90", svg, StringComparison.Ordinal);
        Assert.Contains(">4<", svg, StringComparison.Ordinal);         // round y ticks -1, 0, …, 4
        Assert.DoesNotContain(">1.75<", svg, StringComparison.Ordinal);
        Assert.DoesNotContain(">3.46<", svg, StringComparison.Ordinal);
        Assert.Contains(">tolerance<", svg, StringComparison.Ordinal);
        string log = SvgPlot.Plot(new PlotSpec("loss", "t", "ℓ"), [new PlotSeries("ℓ", [0, 1, 2], [6, 456, 3460])]);
        Assert.Contains(">100<", log, StringComparison.Ordinal);
        Assert.Contains(">1e4<", log, StringComparison.Ordinal);
        Assert.DoesNotContain(">456<", log, StringComparison.Ordinal);
        Assert.Equal(0.25, SvgPlot.NiceStep(0.23));
        Assert.Equal(5000, SvgPlot.NiceStep(3100));
    }

    [Fact]
    public void Instance_ShowsMatrices_NotAJsonColumn()
    {
        var inst = JsonNode.Parse("{\"family\":\"row\",\"weights\":[[[1,2],[3,4]],[[5,6]]],\"target\":[[7,8]],\"eta\":0.001,\"scalars\":{\"c\":0.5}}")!;
        string html = InstanceView.Html(inst);
        Assert.Contains("<b>weights[1]</b> (2×2) = <table class=\"matrix\"><tr><td>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>", html, StringComparison.Ordinal);
        Assert.Contains("<b>weights[2]</b> (1×2)", html, StringComparison.Ordinal);
        Assert.Contains("<b>scalars.c</b> = 0.5", html, StringComparison.Ordinal);
        Assert.Contains("<b>family</b> = row", html, StringComparison.Ordinal);
        string md = InstanceView.Markdown(inst);
        Assert.Contains("weights[1] (2×2) =\n  [ 1  2 ]\n  [ 3  4 ]\n", md, StringComparison.Ordinal);
    }

    [Fact]
    public void WorstCell_PrintsEqualities_AsEqualities_AndWithinToleranceAsHolding()
    {
        static CertificateSummary With(string shape, double value, double normalized, double tol)
        {
            var c = ToyCertificates.All()[0].DeepClone().AsObject();
            c["trials"]!["worst"]!["margin"] = new JsonObject { ["name"] = "m", ["value"] = value, ["normalized"] = normalized, ["tolerance"] = tol, ["shape"] = shape };
            return CertificateSummary.From(c);
        }
        var eq = With("equality", -1.1e-16, -1, 4e-15);
        Assert.Equal("equality: |lhs − rhs| = 1.1e-16 ≤ tolerance 4e-15", eq.WorstCell);
        Assert.True(eq.WorstIsEquality);
        Assert.Equal("-2e-14 (within tolerance)", With("bound", -2e-16, -2e-14, 1e-15).WorstCell);
        Assert.Equal("-0.5", With("bound", -1, -0.5, 1e-15).WorstCell);
        Assert.Equal(1e-13, With("bound", -2e-16, -2e-14, 1e-15).NormalizedTolerance!.Value, 1e-20);
    }

    [Fact]
    public void TraceRecorder_SamplesGeometrically_AndKeepsTheLastStep()
    {
        var r = new TraceRecorder("t", "x", "y", "lhs", "rhs");
        for (int t = 0; t <= 1_000_000; t++)
        {
            r.Offer(t, t, 2.0 * t);
        }
        var trace = r.Build();
        Assert.InRange(trace.X.Count, 60, 200);
        Assert.Equal([0.0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11], trace.X.Take(11));
        Assert.Equal(1_000_000, trace.X[^1]);
        Assert.Equal(2_000_000, trace.Rhs[^1]);
        Assert.True(trace.X.Zip(trace.X.Skip(1)).All(p => p.Second > p.First));
    }
}
