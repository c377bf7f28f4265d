using System.Globalization;
using System.Text.RegularExpressions;

namespace VerifyDynamics.Harness.Reports;

/// <summary>One CSV file an experiment wrote: its path relative to the reports directory and its numeric columns.</summary>
public sealed record ExperimentCurve(string Experiment, string File, string XColumn, IReadOnlyList<PlotSeries> Series);

/// <summary>
/// Reads the curves the experiments wrote under <c>reports/experiments/&lt;name&gt;/*.csv</c> (first column = x), for
/// plotting in <c>index.html</c>. Columns that differ only by a trailing run index or reference tag (<c>loss_r0</c>,
/// <c>loss_r1</c>, <c>loss_gf</c>; <c>dist_init</c>, <c>dist_r2</c>) share one chart; a <c>time</c> column is a second
/// abscissa, not a curve; a `_bound` column shares the chart of the curve it bounds. Files that are absent simply give no plot; unparsable cells are NaN (skipped when drawn).
/// </summary>
public static partial class ExperimentCurves
{
    public static IReadOnlyList<ExperimentCurve> Read(string reportsDirectory)
    {
        string root = Path.Combine(reportsDirectory, "experiments");
        if (!Directory.Exists(root))
        {
            return [];
        }
        var result = new List<ExperimentCurve>();
        foreach (string file in Directory.EnumerateFiles(root, "*.csv", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var lines = File.ReadAllLines(file).Where(l => l.Length > 0).ToList();
            if (lines.Count < 2)
            {
                continue;
            }
            var header = lines[0].Split(',');
            var rows = lines.Skip(1).Select(l => l.Split(',').Select(Parse).ToArray()).ToList();
            double[] Column(int k) => [.. rows.Select(r => k < r.Length ? r[k] : double.NaN)];
            var x = Column(0);
            var series = new List<PlotSeries>();
            for (int k = 1; k < header.Length; k++)
            {
                var y = Column(k);
                if (y.Any(double.IsFinite))
                {
                    series.Add(new PlotSeries(header[k].Trim(), x, y));
                }
            }
            string relative = Path.GetRelativePath(reportsDirectory, file).Replace('\\', '/');
            string experiment = Path.GetFileName(Path.GetDirectoryName(file)) ?? "";
            result.Add(new ExperimentCurve(experiment, relative, header[0].Trim(), series));
        }
        return result;
    }

    /// <summary>What the file shows, in words ("ec21-fig1: training loss; ‖GD − GF‖ …"), for its heading.</summary>
    public static string Describe(ExperimentCurve curve) =>
        $"{curve.Experiment}: " + string.Join("; ", Groups(curve).Select(g => Known(g.Key).Title));

    /// <summary>
    /// The figures of a file, each titled by what it shows, with axis labels, legend names in words, a bound dashed; a
    /// group whose curves differ in magnitude by more than 30× is split into panels (small and large curves), so one large
    /// curve does not flatten the others onto zero.
    /// </summary>
    public static IReadOnlyList<(PlotSpec Spec, IReadOnlyList<PlotSeries> Series)> Figures(ExperimentCurve curve)
    {
        string xLabel = curve.XColumn switch
        {
            "k" => "k (iterations, in units of the base step η0)",
            "t" or "time" => "time t",
            var x => x,
        };
        var figures = new List<(PlotSpec, IReadOnlyList<PlotSeries>)>();
        foreach (var g in Groups(curve))
        {
            var (title, yLabel) = Known(g.Key);
            var series = g.Take(8).Select(s => s with { Name = LegendName(s.Name, g.Key), Dashed = s.Name.EndsWith("_bound", StringComparison.Ordinal) }).ToList();
            double Peak(PlotSeries s) => s.Y.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
            double top = series.Max(Peak);
            var small = series.Where(s => Peak(s) * 30 < top).ToList();
            if (small.Count > 0 && small.Count < series.Count)
            {
                figures.Add((new PlotSpec(title + " (large curves)", xLabel, yLabel), [.. series.Except(small)]));
                figures.Add((new PlotSpec(title + " (small curves, own scale)", xLabel, yLabel), small));
            }
            else
            {
                figures.Add((new PlotSpec(title, xLabel, yLabel), series));
            }
        }
        return figures;
    }

    private static IEnumerable<IGrouping<string, PlotSeries>> Groups(ExperimentCurve curve) =>
        curve.Series.Where(s => s.Name is not ("time" or "t")).GroupBy(s => RunIndex().Replace(s.Name, ""));

    private static (string Title, string YLabel) Known(string group) => group switch
    {
        "loss" => ("training loss of GD at step sizes η0/r and of gradient flow", "loss ℓ (cross-entropy)"),
        "dist" => ("distance between GD runs at different step sizes", "‖θ − θ′‖ (Euclidean, all weights)"),
        "gf_dist" => ("distance of GD from gradient flow, ‖GD − GF‖", "‖θ_k − θ(kη)‖"),
        "lambda_min" => ("λ_min of the Hessian along the trajectory against its bound", "λ_min"),
        "ode_deviation" => ("ODE integration error along the trajectory", "deviation (absolute)"),
        _ => (group.Replace('_', ' '), group),
    };

    private static string LegendName(string column, string group)
    {
        string suffix = column.Length > group.Length && column.StartsWith(group, StringComparison.Ordinal) ? column[group.Length..].TrimStart('_') : "";
        return suffix switch
        {
            "" => group.Replace('_', ' '),
            "gf" => "gradient flow",
            "bound" => "bound",
            "init" => "initial",
            "ref" => "reference",
            _ when suffix.StartsWith('r') && suffix.Length > 1 && char.IsDigit(suffix[1]) => $"GD, η0/{suffix[1..]}",
            _ => suffix,
        };
    }

    private static double Parse(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN;

    [GeneratedRegex(@"(_?(r|alpha|a)?\d+(\.\d+)?|_gf|_init|_ref|_bound)$")]
    private static partial Regex RunIndex();
}
