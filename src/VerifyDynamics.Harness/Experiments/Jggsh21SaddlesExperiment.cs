using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems.JGGSH21;

namespace VerifyDynamics.Harness.Experiments;

/// <summary>
/// JGGSH21 Fig 1 (lazy vs saddle-to-saddle matrix completion) at the paper's network size: gradient flow of an (L = 4, w = 100)
/// DLN on a 10×10 rank-3 matrix-completion cost from αθ_0, one fixed θ_0 (i.i.d. N(0, σ̃²), σ̃ = w^{−(L−1)/(2L)} the lazy scale) and
/// three α (1 = lazy; two small α for the saddle-to-saddle regime). The paper leaves N, the teacher and the α values unstated: here
/// N = 70 observed entries (&gt; 51 = 3(10+10−3) degrees of freedom), teacher UVᵀ/√3 (catalog), α ∈ {1, 0.1, 0.05}.
/// Numerics: Core's DOP853 (<see cref="FigureRuns.Flow"/>, rtol 10^{−8}, re-run at 10^{−10}: the deviation is in the summary) on
/// Core's deep-linear kernel; the saddle values are Algorithm A's stage costs (<see cref="FigureRuns.SaddleValues"/>).
/// Writes saddles.csv (alpha, time, train, test, rank, grad_norm on a log time grid), algorithm-a.csv (stage, train cost) and a
/// sealed summary.json (sizes, ranks visited, crossing brackets, plateau costs, the CSVs' SHA-256). Options: --width (100),
/// --depth (4), --observed (70), --t (final time), --points (241), --alphas (comma list).
/// </summary>
public sealed class Jggsh21SaddlesExperiment : IExperiment
{
    public string Name => "jggsh21-saddles";

    public string Description => "JGGSH21 Fig 1: rank staircase and loss plateaus of small-α gradient flow on 10×10 rank-3 matrix completion, (L, w) = (4, 100)";

    public IReadOnlyList<string> Options { get; } = ["width", "depth", "observed", "t", "points", "alphas"];

    public ExperimentResult Run(ExperimentOptions options, TextWriter log)
    {
        bool quick = options.Quick;
        int n = 10, rank = 3;
        int depth = options.PositiveInt("depth", 4), width = options.PositiveInt("width", quick ? 10 : 100), observed = options.PositiveInt("observed", 70);
        int points = options.PositiveInt("points", quick ? 61 : 241);
        double[] alphas = options.Arguments.TryGetValue("alphas", out var list)
            ? [.. list.Split(',').Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double a) && a > 0 ? a : throw new ArgumentException($"--alphas must be positive numbers, got '{list}'"))]
            : quick ? [1, 0.2] : [1, 0.1, 0.05];
        double tEnd = options.PositiveDouble("t", quick ? 300 : 6000);
        if (depth < 2 || observed > n * n)
        {
            throw new ArgumentException("need --depth ≥ 2 and --observed ≤ 100");
        }
        var rng = new Rng(options.Seed.Split("jggsh21-saddles"));
        var cost = FigureRuns.Completion(rng, n, rank, observed);
        int parameters = n * width + (depth - 2) * width * width + width * n;
        double sigma = FigureRuns.LazyScale(width, depth);
        var theta0 = FigureRuns.GaussianInit(new Rng(options.Seed.Split("jggsh21-saddles:theta0")), parameters, sigma);
        var times = FigureRuns.LogTimes(1e-2, tEnd, points);
        log.WriteLine($"jggsh21-saddles: 10×10 rank 3, N = {observed}, (L, w) = ({depth}, {width}), P = {parameters}, σ̃ = {sigma:G4}, α ∈ {{{string.Join(", ", alphas)}}}, t ≤ {tEnd}");
        var saddle = FigureRuns.SaddleValues(cost, depth, rank + 1);
        log.WriteLine($"Algorithm A stage costs: {string.Join(", ", saddle.Select(c => c.ToString("G4", CultureInfo.InvariantCulture)))}");
        var csv = new StringBuilder("alpha,time,train,test,rank,grad_norm\n");
        var runs = new JsonArray();
        var summary = new StringBuilder();
        double c0 = cost.Value(MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(n, n));
        double[] plateauCosts = [c0, .. saddle];
        foreach (double alpha in alphas)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var run = FigureRuns.Flow(cost, depth, width, theta0, alpha, times, 1e-8, quick ? 200_000 : 2_000_000);
            if (!run.Succeeded)
            {
                throw new InvalidOperationException($"gradient flow from α = {alpha} failed");
            }
            foreach (var s in run.Samples)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{alpha:R},{s.Time:R},{s.Train:R},{s.Test:R},{s.Rank},{s.GradientNorm:R}\n");
            }
            var (ranks, at) = FigureRuns.RanksVisited(run.Samples);
            var crossings = new JsonArray();
            for (int k = 1; k < plateauCosts.Length; k++)
            {
                var c = FigureRuns.Crossing(run.Samples, 0.5 * (plateauCosts[k - 1] + plateauCosts[k]));
                crossings.Add(c is { } b ? new JsonArray(b.Lo, b.Hi) : null);
            }
            var last = run.Samples[^1];
            string line = string.Create(CultureInfo.InvariantCulture,
                $"α = {alpha}: ranks visited {string.Join("→", ranks)} at t = {string.Join(", ", at.Select(t => t.ToString("G3", CultureInfo.InvariantCulture)))}; final train {last.Train:G3}, test {last.Test:G3}; θ deviation {run.Deviation:G2}; {run.Evaluations} gradients, {watch.Elapsed.TotalSeconds:F0} s");
            log.WriteLine(line);
            summary.AppendLine(line);
            runs.Add(new JsonObject
            {
                ["alpha"] = alpha,
                ["ranks_visited"] = new JsonArray([.. ranks.Select(r => (JsonNode)r)]),
                ["rank_change_times"] = new JsonArray([.. at.Select(t => (JsonNode)t)]),
                ["level_crossing_brackets"] = crossings,
                ["final_train"] = last.Train,
                ["final_test"] = last.Test,
                ["final_rank"] = last.Rank,
                ["theta_deviation_rtol_vs_rtol_over_100"] = run.Deviation,
                ["gradient_evaluations"] = run.Evaluations,
                ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds),
            });
        }
        var stageCsv = new StringBuilder("stage,train\n");
        for (int k = 0; k < saddle.Length; k++)
        {
            stageCsv.Append(CultureInfo.InvariantCulture, $"{k + 1},{saddle[k]:R}\n");
        }
        Directory.CreateDirectory(options.OutputDirectory);
        var curves = Path.Combine(options.OutputDirectory, "saddles.csv");
        var algA = Path.Combine(options.OutputDirectory, "algorithm-a.csv");
        var sealedSummary = Path.Combine(options.OutputDirectory, "summary.json");
        AtomicFile.WriteAllText(curves, csv.ToString());
        AtomicFile.WriteAllText(algA, stageCsv.ToString());
        var doc = new JsonObject
        {
            ["experiment"] = Name,
            ["seed"] = options.Seed.ToString(),
            ["quick"] = quick,
            ["sizes"] = new JsonObject { ["n"] = n, ["teacher_rank"] = rank, ["observed"] = observed, ["depth"] = depth, ["width"] = width, ["parameters"] = parameters, ["sigma_tilde"] = sigma, ["t_end"] = tEnd, ["points"] = points },
            ["numerics"] = "Core DOP853 gradient flow, rtol 1e-8 (atol 1e-10·‖θ(0)‖_∞), re-run at tolerances /100; rank threshold 1e-4 (App A)",
            ["algorithm_a_stage_costs"] = new JsonArray([.. saddle.Select(c => (JsonNode)c)]),
            ["initial_cost"] = c0,
            ["runs"] = runs,
            ["files_sha256"] = new JsonObject { ["saddles.csv"] = CanonicalJson.Sha256Hex(csv.ToString()), ["algorithm-a.csv"] = CanonicalJson.Sha256Hex(stageCsv.ToString()) },
        };
        AtomicFile.WriteAllText(sealedSummary, CanonicalJson.Seal(doc));
        return new ExperimentResult([curves, algA, sealedSummary], summary.ToString());
    }
}
