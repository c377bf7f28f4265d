using System.Globalization;
using System.Net;
using System.Text;

namespace VerifyDynamics.Harness.Reports;

/// <summary>One line of a plot: its legend name and points (non-finite points are skipped).</summary>
public sealed record PlotSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>Drawn as a dashed line (a bound, an envelope) rather than solid.</summary>
    public bool Dashed { get; init; }

    /// <summary>Drawn as points rather than a line (one value per trial).</summary>
    public bool Points { get; init; }
}

/// <summary>What a plot shows: its one title, the axis labels (with units), and the reference marks it draws.</summary>
public sealed record PlotSpec(string Title, string XLabel, string YLabel)
{
    /// <summary>Horizontal reference lines (e.g. the bound 1 of a ratio lhs/rhs), drawn dashed red and labelled.</summary>
    public IReadOnlyList<(double Y, string Label)> HLines { get; init; } = [];

    /// <summary>A shaded horizontal band (e.g. the tolerance around the bound), with its legend label.</summary>
    public (double Low, double High, string Label)? Band { get; init; }

    /// <summary>Draw the diagonal y = x (the boundary lhs = rhs of a scatter of lhs against rhs), with this legend label.</summary>
    public string? Diagonal { get; init; }

    /// <summary>Null: log y when every value is positive and they span more than two decades; otherwise forced.</summary>
    public bool? LogY { get; init; }

    /// <summary>Log x (forced); default linear.</summary>
    public bool LogX { get; init; }
}

/// <summary>
/// Self-contained inline SVG line/point plots for the reports (no script, no external resource). Deterministic:
/// coordinates are rounded to 0.01 and printed culture-invariantly. Axes have round ticks (1, 2, 5 × 10^k; decades on
/// a log axis), labels with units, one title, a legend, and optional reference lines, a tolerance band and the
/// diagonal y = x. A log-scaled y axis is used when every value is positive and they span more than two decades.
/// </summary>
public static class SvgPlot
{
    private static readonly string[] Colors = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#17becf"];

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The former entry point: a title, an x label, no y label.</summary>
    public static string Lines(string title, string xLabel, IReadOnlyList<PlotSeries> series, bool points = false, int width = 520) =>
        Plot(new PlotSpec(title, xLabel, ""), [.. series.Select(s => s with { Points = s.Points || points })], width);

    public static string Plot(PlotSpec spec, IReadOnlyList<PlotSeries> series, int width = 560)
    {
        var legend = new List<(string Name, string Mark)>();
        double left = 78, right = width - 14, top = 26, bottom = 206;
        // Legend entries flow left to right (width estimated from the text), wrapping to a new row at the right edge.
        var names = series.Select(x => x.Name).Concat(spec.Band is { } b0 ? [b0.Label] : []).Concat(spec.HLines.Select(h => h.Label))
            .Concat(spec.Diagonal is { } d0 ? [d0] : []).ToList();
        var slots = LegendSlots(names, left, right);
        int height = (int)bottom + 40 + 14 * Math.Max(1, slots.Select(p => p.Row).DefaultIfEmpty(0).Max() + 1);
        var sb = new StringBuilder();
        sb.Append(Inv, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{E(spec.Title)}\" class=\"plot\" font-family=\"system-ui,sans-serif\">");
        sb.Append(Inv, $"<text x=\"{width / 2}\" y=\"16\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"600\">{E(spec.Title)}</text>");
        var finite = series.SelectMany(s => s.X.Zip(s.Y)).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToList();
        if (finite.Count == 0)
        {
            sb.Append(Inv, $"<text x=\"{width / 2}\" y=\"{height / 2}\" text-anchor=\"middle\" font-size=\"12\">no finite value to plot</text></svg>");
            return sb.ToString();
        }
        var ys = finite.Select(p => p.Second).ToList();
        if (spec.Band is { } band0)
        {
            ys.Add(band0.Low);
            ys.Add(band0.High);
        }
        ys.AddRange(spec.HLines.Select(h => h.Y));
        var xs = finite.Select(p => p.First).ToList();
        if (spec.Diagonal is not null)
        {
            // Same range on both axes, so the diagonal is the 45° boundary.
            double lo = Math.Min(xs.Min(), ys.Min()), hi = Math.Max(xs.Max(), ys.Max());
            xs.AddRange([lo, hi]);
            ys.AddRange([lo, hi]);
        }
        bool logY = spec.LogY ?? (ys.Min() > 0 && ys.Max() / ys.Min() > 100);
        bool logX = spec.LogX && xs.Min() > 0;
        if (logY)
        {
            ys = [.. ys.Where(y => y > 0)];
        }
        var xAxis = Axis.Make(xs.Min(), xs.Max(), logX);
        var yAxis = Axis.Make(ys.Min(), ys.Max(), logY);
        double Px(double x) => Math.Round(left + xAxis.Fraction(x) * (right - left), 2);
        double Py(double y) => Math.Round(bottom - yAxis.Fraction(y) * (bottom - top), 2);
        sb.Append(Inv, $"<rect x=\"{left}\" y=\"{top}\" width=\"{right - left}\" height=\"{bottom - top}\" fill=\"#fff\" stroke=\"#999\"/>");
        foreach (double t in yAxis.Ticks)
        {
            double py = Py(t);
            sb.Append(Inv, $"<line x1=\"{left}\" y1=\"{py}\" x2=\"{right}\" y2=\"{py}\" stroke=\"#eee\"/><line x1=\"{left - 4}\" y1=\"{py}\" x2=\"{left}\" y2=\"{py}\" stroke=\"#666\"/><text x=\"{left - 6}\" y=\"{py + 4}\" text-anchor=\"end\" font-size=\"11\">{yAxis.Label(t)}</text>");
        }
        foreach (double t in xAxis.Ticks)
        {
            double px = Px(t);
            sb.Append(Inv, $"<line x1=\"{px}\" y1=\"{top}\" x2=\"{px}\" y2=\"{bottom}\" stroke=\"#f3f3f3\"/><line x1=\"{px}\" y1=\"{bottom}\" x2=\"{px}\" y2=\"{bottom + 4}\" stroke=\"#666\"/><text x=\"{px}\" y=\"{bottom + 16}\" text-anchor=\"middle\" font-size=\"11\">{xAxis.Label(t)}</text>");
        }
        sb.Append(Inv, $"<text x=\"{(left + right) / 2}\" y=\"{bottom + 32}\" text-anchor=\"middle\" font-size=\"12\">{E(spec.XLabel)}{(logX ? " (log scale)" : "")}</text>");
        double mid = (top + bottom) / 2;
        sb.Append(Inv, $"<text x=\"14\" y=\"{mid}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {mid})\">{E(spec.YLabel)}{(logY ? " (log scale)" : "")}</text>");
        if (spec.Band is { } band && (!logY || band.High > 0))
        {
            double y0 = Py(Math.Clamp(band.Low, yAxis.Min, yAxis.Max)), y1 = Py(Math.Clamp(band.High, yAxis.Min, yAxis.Max));
            sb.Append(Inv, $"<rect x=\"{left}\" y=\"{Math.Min(y0, y1)}\" width=\"{right - left}\" height=\"{Math.Max(1, Math.Abs(y0 - y1))}\" fill=\"#fdd49e\" fill-opacity=\"0.6\"/>");
            legend.Add((band.Label, "<rect x=\"0\" y=\"-8\" width=\"12\" height=\"8\" fill=\"#fdd49e\"/>"));
        }
        foreach (var (y, label) in spec.HLines.Where(h => !logY || h.Y > 0))
        {
            sb.Append(Inv, $"<line x1=\"{left}\" y1=\"{Py(y)}\" x2=\"{right}\" y2=\"{Py(y)}\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>");
            legend.Add((label, "<line x1=\"0\" y1=\"-4\" x2=\"12\" y2=\"-4\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>"));
        }
        if (spec.Diagonal is { } diagonal)
        {
            double lo = Math.Max(xAxis.Min, yAxis.Min), hi = Math.Min(xAxis.Max, yAxis.Max);
            sb.Append(Inv, $"<line x1=\"{Px(lo)}\" y1=\"{Py(lo)}\" x2=\"{Px(hi)}\" y2=\"{Py(hi)}\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>");
            legend.Add((diagonal, "<line x1=\"0\" y1=\"-4\" x2=\"12\" y2=\"-4\" stroke=\"#d62728\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/>"));
        }
        for (int i = 0; i < series.Count; i++)
        {
            string color = Colors[i % Colors.Length];
            var pts = series[i].X.Zip(series[i].Y)
                .Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second) && (!logY || p.Second > 0) && (!logX || p.First > 0)).ToList();
            if (series[i].Points)
            {
                foreach (var (x, y) in pts)
                {
                    sb.Append(Inv, $"<circle cx=\"{Px(x)}\" cy=\"{Py(y)}\" r=\"2.8\" fill=\"{color}\" fill-opacity=\"0.8\"/>");
                }
                legend.Add((series[i].Name, $"<circle cx=\"6\" cy=\"-4\" r=\"3\" fill=\"{color}\"/>"));
            }
            else
            {
                string dash = series[i].Dashed ? " stroke-dasharray=\"6,3\"" : "";
                if (pts.Count > 0)
                {
                    sb.Append(Inv, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"1.6\"{dash} points=\"");
                    sb.AppendJoin(' ', pts.Select(p => $"{Px(p.First).ToString(Inv)},{Py(p.Second).ToString(Inv)}"));
                    sb.Append("\"/>");
                }
                legend.Add((series[i].Name, $"<line x1=\"0\" y1=\"-4\" x2=\"12\" y2=\"-4\" stroke=\"{color}\" stroke-width=\"2\"{dash}/>"));
            }
        }
        // The slots were laid out for the names in drawing order: series, band, lines, diagonal; reorder the legend to match.
        legend = [.. legend.OrderBy(l => names.IndexOf(l.Name))];
        for (int i = 0; i < legend.Count && i < slots.Count; i++)
        {
            double lx = slots[i].X;
            double ly = bottom + 50 + slots[i].Row * 14;
            sb.Append(Inv, $"<g transform=\"translate({lx},{ly})\">{legend[i].Mark}<text x=\"16\" y=\"0\" font-size=\"11\">{E(legend[i].Name)}</text></g>");
        }
        sb.Append("</svg>");
        return sb.ToString();
    }

    private static List<(double X, int Row)> LegendSlots(IReadOnlyList<string> names, double left, double right)
    {
        var slots = new List<(double, int)>();
        double x = left;
        int row = 0;
        foreach (var n in names)
        {
            double w = 16 + 6.2 * n.Length + 18;
            if (x > left && x + w > right)
            {
                (x, row) = (left, row + 1);
            }
            slots.Add((x, row));
            x += w;
        }
        return slots;
    }

    /// <summary>An axis: its range (in data units), round ticks, and the fraction of the plot a value sits at.</summary>
    private sealed record Axis(double Min, double Max, bool Log, IReadOnlyList<double> Ticks, double Step)
    {
        public static Axis Make(double lo, double hi, bool log)
        {
            if (log)
            {
                double a = Math.Floor(Math.Log10(lo)), b = Math.Ceiling(Math.Log10(hi));
                if (b <= a)
                {
                    b = a + 1;
                }
                int every = (int)Math.Max(1, Math.Ceiling((b - a) / 6));
                var ticks = new List<double>();
                for (double k = a; k <= b; k += every)
                {
                    ticks.Add(Math.Pow(10, k));
                }
                return new Axis(Math.Pow(10, a), Math.Pow(10, b), true, ticks, every);
            }
            if (!(hi - lo > Math.Abs(hi) * 1e-12))
            {
                double pad = lo == 0 ? 1 : Math.Abs(lo) * 0.1;
                (lo, hi) = (lo - pad, hi + pad);
            }
            double step = NiceStep((hi - lo) / 5);
            double min = Math.Floor(lo / step) * step, max = Math.Ceiling(hi / step) * step;
            var t = new List<double>();
            for (int k = 0; min + k * step <= max + step * 1e-9; k++)
            {
                t.Add(Math.Round((min + k * step) / step) * step);
            }
            return new Axis(min, max, false, t, step);
        }

        public double Fraction(double v) => Log ? (Math.Log10(v) - Math.Log10(Min)) / (Math.Log10(Max) - Math.Log10(Min)) : (v - Min) / (Max - Min);

        public string Label(double v)
        {
            if (Log)
            {
                int k = (int)Math.Round(Math.Log10(v));
                return k is >= -2 and <= 3 ? v.ToString("0.##", Inv) : "1e" + k.ToString(Inv);
            }
            if (Math.Abs(v) < Step * 1e-6)
            {
                return "0";
            }
            double mag = Math.Max(Math.Abs(Min), Math.Abs(Max));
            if (mag >= 1e5 || mag < 1e-3)
            {
                return v.ToString("0.###e+0", Inv);
            }
            int decimals = Math.Max(0, (int)-Math.Floor(Math.Log10(Step) + 1e-9));
            return v.ToString("F" + decimals.ToString(Inv), Inv);
        }
    }

    /// <summary>The round step (1, 2, 2.5 or 5 × 10^k) nearest above <paramref name="raw"/>.</summary>
    public static double NiceStep(double raw)
    {
        if (!(raw > 0) || !double.IsFinite(raw))
        {
            return 1;
        }
        double p = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
    }

    private static string E(string s) => WebUtility.HtmlEncode(s);
}
