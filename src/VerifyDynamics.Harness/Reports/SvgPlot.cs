using System.Globalization;
using System.Net;
using System.Text;

namespace VerifyDynamics.Harness.Reports;

/// <summary>One line of a plot: its legend name and points (non-finite points are skipped).</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y);

/// <summary>
/// Self-contained inline SVG line/point plots for the reports (no script, no external resource). Deterministic:
/// coordinates are rounded to 0.01 and printed culture-invariantly. A log-scaled y axis is used when every value
/// is positive and they span more than two decades, so 1e-12 and 1 are both readable.
/// </summary>
public static class SvgPlot
{
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"];

    public static string Lines(string title, string xLabel, IReadOnlyList<PlotSeries> series, bool points = false, int width = 520)
    {
        // Plot area 24..202, then x labels and a legend of three entries a row.
        int height = 222 + 12 * Math.Max(1, (series.Count + 2) / 3);
        var inv = CultureInfo.InvariantCulture;
        var finite = series.SelectMany(s => s.X.Zip(s.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToList();
        var sb = new StringBuilder();
        sb.Append(inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(title)}\" class=\"plot\">");
        sb.Append(inv, $"<title>{E(title)}</title>");
        sb.Append(inv, $"<text x=\"{width / 2}\" y=\"14\" text-anchor=\"middle\" font-size=\"12\">{E(title)}</text>");
        if (finite.Count == 0)
        {
            sb.Append(inv, $"<text x=\"{width / 2}\" y=\"{height / 2}\" text-anchor=\"middle\" font-size=\"12\">no finite value to plot</text></svg>");
            return sb.ToString();
        }
        double left = 64, right = width - 12, top = 24, bottom = 176;
        double xmin = finite.Min(p => p.First), xmax = finite.Max(p => p.First);
        double ymin = finite.Min(p => p.Second), ymax = finite.Max(p => p.Second);
        bool logY = ymin > 0 && ymax / ymin > 100;
        double Ty(double y) => logY ? Math.Log10(y) : y;
        double y0 = Ty(ymin), y1 = Ty(ymax);
        if (y1 - y0 < 1e-300 || !double.IsFinite(y1 - y0))
        {
            (y0, y1) = (y0 - 1, y1 + 1);
        }
        if (xmax - xmin < 1e-300)
        {
            (xmin, xmax) = (xmin - 1, xmax + 1);
        }
        double Px(double x) => Math.Round(left + (x - xmin) / (xmax - xmin) * (right - left), 2);
        double Py(double y) => Math.Round(bottom - (Ty(y) - y0) / (y1 - y0) * (bottom - top), 2);
        sb.Append(inv, $"<rect x=\"{left}\" y=\"{top}\" width=\"{right - left}\" height=\"{bottom - top}\" fill=\"none\" stroke=\"#999\"/>");
        for (int k = 0; k <= 4; k++)
        {
            double ty = y0 + (y1 - y0) * k / 4;
            double py = Math.Round(bottom - (bottom - top) * k / 4.0, 2);
            double label = logY ? Math.Pow(10, ty) : ty;
            sb.Append(inv, $"<line x1=\"{left - 3}\" y1=\"{py}\" x2=\"{left}\" y2=\"{py}\" stroke=\"#999\"/><text x=\"{left - 5}\" y=\"{py + 4}\" text-anchor=\"end\" font-size=\"10\">{label.ToString("G3", inv)}</text>");
            double tx = xmin + (xmax - xmin) * k / 4;
            double px = Math.Round(left + (right - left) * k / 4.0, 2);
            sb.Append(inv, $"<line x1=\"{px}\" y1=\"{bottom}\" x2=\"{px}\" y2=\"{bottom + 3}\" stroke=\"#999\"/><text x=\"{px}\" y=\"{bottom + 14}\" text-anchor=\"middle\" font-size=\"10\">{tx.ToString("G3", inv)}</text>");
        }
        sb.Append(inv, $"<text x=\"{(left + right) / 2}\" y=\"{bottom + 28}\" text-anchor=\"middle\" font-size=\"11\">{E(xLabel)}{(logY ? " (y: log scale)" : "")}</text>");
        for (int i = 0; i < series.Count; i++)
        {
            string color = Colors[i % Colors.Length];
            var pts = series[i].X.Zip(series[i].Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && (!logY || p.Second > 0)).ToList();
            if (pts.Count == 0)
            {
                continue;
            }
            if (points)
            {
                foreach (var (x, y) in pts)
                {
                    sb.Append(inv, $"<circle cx=\"{Px(x)}\" cy=\"{Py(y)}\" r=\"2.5\" fill=\"{color}\"/>");
                }
            }
            else
            {
                sb.Append("<polyline fill=\"none\" stroke=\"").Append(color).Append("\" stroke-width=\"1.5\" points=\"");
                sb.AppendJoin(' ', pts.Select(p => $"{Px(p.First).ToString(inv)},{Py(p.Second).ToString(inv)}"));
                sb.Append("\"/>");
            }
            double lx = left + (i % 3) * ((right - left) / 3);
            double ly = bottom + 42 + (i / 3) * 12;
            sb.Append(inv, $"<rect x=\"{lx}\" y=\"{ly - 8}\" width=\"10\" height=\"8\" fill=\"{color}\"/><text x=\"{lx + 14}\" y=\"{ly}\" font-size=\"10\">{E(series[i].Name)}</text>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
