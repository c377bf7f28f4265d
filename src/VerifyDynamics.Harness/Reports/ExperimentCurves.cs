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

    /// <summary>Groups a file's columns into charts by name with the trailing run index removed (at most eight lines each).</summary>
    public static IReadOnlyList<(string Title, IReadOnlyList<PlotSeries> Series)> Charts(ExperimentCurve curve) =>
        [.. curve.Series.Where(s => s.Name is not ("time" or "t")).GroupBy(s => RunIndex().Replace(s.Name, ""))
            .Select(g => ($"{curve.File}: {g.Key}", (IReadOnlyList<PlotSeries>)[.. g.Take(8)]))];

    private static double Parse(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) ? d : double.NaN;

    [GeneratedRegex(@"(_?(r|alpha|a)?\d+(\.\d+)?|_gf|_init|_ref|_bound)$")]
    private static partial Regex RunIndex();
}
