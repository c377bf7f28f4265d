using System.Globalization;
using System.Text;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems.JGGSH21;

namespace VerifyDynamics.Harness.Experiments;

/// <summary>
/// JGGSH21 Fig 1 / Conj 3 at small scale: gradient flow of a depth-L DLN on matrix completion of a low-rank teacher from
/// αθ_0 for a shrinking sequence of α. Writes curves (time, train cost, test cost on unobserved entries, rank_τ(A), ‖∇‖) per
/// α and the stage costs of Algorithm A (sign fixed), and summarizes the rank staircase (ranks visited in order, plateau
/// lengths). Full run: 10×10 rank-3 teacher, 70 observed entries, L = 4, w = 20; quick run: 4×4 rank 2, 13 entries, L = 2, w = 3, one α.
/// </summary>
public sealed class Jggsh21SaddlesExperiment : IExperiment
{
    public string Name => "jggsh21-saddles";

    public string Description => "JGGSH21 Fig 1 / Conj 3: rank staircase and loss plateaus of small-α gradient flow on matrix completion";

    public ExperimentResult Run(ExperimentOptions options, TextWriter log)
    {
        var rng = new Rng(options.Seed.Split("jggsh21-saddles"));
        int n = options.Quick ? 4 : 10, rank = options.Quick ? 2 : 3, depth = options.Quick ? 2 : 4, width = options.Quick ? 3 : 20;
        int observed = options.Quick ? 13 : 70;
        double[] alphas = options.Quick ? [1e-3] : [1, 0.3, 0.1, 0.03];
        double tEnd = options.Quick ? 60 : 4000;
        var teacher = rng.GaussianMatrix(n, rank) * rng.GaussianMatrix(rank, n) / Math.Sqrt(rank);
        var cells = Enumerable.Range(0, n * n).ToList();
        var omega = new List<(int, int)>();
        for (int i = 0; i < observed; i++)
        {
            int j = rng.NextInt(0, cells.Count - 1);
            omega.Add((cells[j] / n, cells[j] % n));
            cells.RemoveAt(j);
        }
        var cost = new MatrixCompletion(teacher, omega);
        var net = DeepLinearCost.Rectangular(cost, depth, width);
        // σ²-large-norm draw (σ = 1): per-weight std σ̃ = w^{−(L−1)/(2L)}, then scaled by α.
        double sigmaTilde = Math.Pow(width, -(depth - 1) / (2.0 * depth));
        var theta0 = SequentialBuild.Vector(net.ParameterCount, _ => sigmaTilde * rng.NextGaussian());
        var csv = new StringBuilder("alpha,time,train,test,rank,grad_norm\n");
        var summary = new StringBuilder();
        foreach (double alpha in alphas)
        {
            var ranks = new List<int>();
            var rankTimes = new List<double>();
            var outs = Enumerable.Range(0, 121).Select(i => Math.Pow(10, -2 + i * (Math.Log10(tEnd) + 2) / 120)).ToArray();
            StepHalvingRk4Flow.Integrate(v => -net.Gradient(v), alpha * theta0, tEnd, options.Quick ? 1e-5 : 1e-7, observer: (t, v) =>
            {
                if (t > 0 && Array.IndexOf(outs, t) < 0)
                {
                    return;
                }
                var a = net.EndToEnd(v);
                int r = SchattenQuasinorm.Rank(a, 1e-4 * Math.Max(1, teacher.FrobeniusNorm()));
                csv.Append(string.Create(CultureInfo.InvariantCulture, $"{alpha:R},{t:R},{cost.Value(a):R},{cost.UnobservedError(a):R},{r},{net.Gradient(v).L2Norm():R}\n"));
                if (ranks.Count == 0 || ranks[^1] != r)
                {
                    ranks.Add(r);
                    rankTimes.Add(t);
                }
            }, outputTimes: outs, maxSteps: options.Quick ? 3_000 : 400_000);
            summary.Append(CultureInfo.InvariantCulture, $"α = {alpha}: ranks visited {string.Join("→", ranks)} at t = {string.Join(", ", rankTimes.Select(t => t.ToString("G3", CultureInfo.InvariantCulture)))}\n");
        }
        var stages = GreedyRankAlgorithm.Run(cost, depth, 1e-2, 0.05, options.Quick ? 1500 : 40000, 1e-6, rank + 1);
        var stageCsv = new StringBuilder("stage,width,train,test,rank,steps\n");
        foreach (var s in stages)
        {
            stageCsv.Append(CultureInfo.InvariantCulture, $"{s.Width},{s.Width},{s.Cost:R},{cost.UnobservedError(s.EndToEnd):R},{s.Rank},{s.Steps}\n");
        }
        summary.Append(CultureInfo.InvariantCulture, $"Algorithm A stage costs: {string.Join(", ", stages.Select(s => s.Cost.ToString("G4", CultureInfo.InvariantCulture)))}\n");
        Directory.CreateDirectory(options.OutputDirectory);
        var curves = Path.Combine(options.OutputDirectory, "saddles.csv");
        var algA = Path.Combine(options.OutputDirectory, "algorithm-a.csv");
        AtomicFile.WriteAllText(curves, csv.ToString());
        AtomicFile.WriteAllText(algA, stageCsv.ToString());
        log.Write(summary.ToString());
        return new ExperimentResult([curves, algA], summary.ToString());
    }
}
