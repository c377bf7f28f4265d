using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems.JGGSH21;

namespace VerifyDynamics.Harness.Experiments;

/// <summary>
/// JGGSH21 Fig 3 / Fig 5 at the paper's size: L2-regularized (3, 20)-DLNs (λ = 0.05) on App A's noisy low-rank regression
/// (n = 10, W_T = W_0W_0ᵀ with W_0 ∈ R^{10×3} i.i.d. N(0, 1.5²), noise 0.2, 100 train / 1000 test points), trained by gradient
/// descent (App A: GD; η = 10^{−3}, the paper's rate) to ‖∇C^NN‖ ≤ 10^{−8} from i.i.d. N(0, σ̃²) inits. The σ̃ grid is not printed:
/// here 10 log-spaced values from 10^{−3} to 0.3, below the lazy scale w^{−(L−1)/(2L)} = 20^{−1/3} ≈ 0.37 (above it the network is
/// lazy, Prop 2, and the selection mechanism the figure shows no longer applies), 3 seeds each. Per run: rank_τ(A) (τ = 10^{−4}),
/// nuclear norm, train/test cost, C^NN, ‖∇‖, steps, and the Morse–Bott local-minimum certificate (dense exact Hessian, P = 800,
/// <see cref="FigureRuns.Certify"/>). Writes l2-minima.csv and a sealed summary.json. Options: --width (20), --seeds (3), --points (10),
/// --max-sigma (0.3), --steps (max GD steps per run, 2,000,000).
/// </summary>
public sealed class Jggsh21L2MinimaExperiment : IExperiment
{
    public string Name => "jggsh21-l2-minima";

    public string Description => "JGGSH21 Fig 3/5: rank and nuclear norm of converged L2-regularized (3,20)-DLNs (λ = 0.05) versus initialization scale, each certified a local minimum";

    public IReadOnlyList<string> Options { get; } = ["width", "seeds", "points", "max-sigma", "steps"];

    public ExperimentResult Run(ExperimentOptions options, TextWriter log)
    {
        bool quick = options.Quick;
        const int depth = 3, n = 10, rank = 3;
        const double lambda = 0.05, eta = 1e-3, gradientTolerance = 1e-8;
        int width = options.PositiveInt("width", quick ? 5 : 20), seeds = options.PositiveInt("seeds", quick ? 1 : 3), points = options.PositiveInt("points", quick ? 3 : 10);
        double maxSigma = options.PositiveDouble("max-sigma", 0.3);
        long maxSteps = options.PositiveInt("steps", quick ? 200_000 : 2_000_000);
        var rng = new Rng(options.Seed.Split("jggsh21-l2-minima"));
        var task = FigureRuns.NoisyLowRank(rng, n, rank, 1.5, 0.2, quick ? 40 : 100, quick ? 200 : 1000);
        var f = FigureRuns.Ridge(task.Train, depth, width, lambda);
        double[] sigmas = points == 1 ? [maxSigma] : FigureRuns.LogTimes(1e-3, maxSigma, points);
        log.WriteLine($"jggsh21-l2-minima: n = {n}, (L, w) = ({depth}, {width}), P = {f.Dimension}, λ = {lambda}, GD η = {eta}, σ̃ ∈ [1e-3, {maxSigma}] ({points} values) × {seeds} seeds; lazy scale {FigureRuns.LazyScale(width, depth):G3}");
        var csv = new StringBuilder("sigma_tilde,seed,rank,nuclear_norm,train,test,cost_nn,grad_norm,steps,min_eigenvalue,first_normal_eigenvalue,kernel_dim,orbit_dim,local_min\n");
        var rows = new JsonArray();
        var summary = new StringBuilder();
        for (int i = 0; i < sigmas.Length; i++)
        {
            for (int seed = 0; seed < seeds; seed++)
            {
                var watch = System.Diagnostics.Stopwatch.StartNew();
                var theta0 = FigureRuns.GaussianInit(new Rng(options.Seed.Split($"init:{i}:{seed}")), f.Dimension, sigmas[i]);
                var m = FigureRuns.Train(f, task, theta0, sigmas[i], seed, eta, maxSteps, gradientTolerance);
                var cert = FigureRuns.Certify(f, m.Theta, m.Rank, width);
                bool localMin = cert.Holds(gradientTolerance);
                string line = string.Create(CultureInfo.InvariantCulture,
                    $"σ̃ = {sigmas[i]:G3}, seed {seed}: rank {m.Rank}, ‖A‖_* = {m.Nuclear:G6}, C^NN = {m.CostNN:G8}, ‖∇‖ = {m.GradientNorm:G2}, {m.Steps} steps, λ_min = {cert.MinEigenvalue:G2}, kernel {cert.KernelDimension}/{cert.OrbitDimension}, first normal eigenvalue {cert.FirstNormalEigenvalue:G3}: {(localMin ? "local minimum" : "NOT certified")} ({watch.Elapsed.TotalSeconds:F1} s)");
                log.WriteLine(line);
                summary.AppendLine(line);
                csv.Append(CultureInfo.InvariantCulture,
                    $"{sigmas[i]:R},{seed},{m.Rank},{m.Nuclear:R},{m.Train:R},{m.Test:R},{m.CostNN:R},{m.GradientNorm:R},{m.Steps},{cert.MinEigenvalue:R},{cert.FirstNormalEigenvalue:R},{cert.KernelDimension},{cert.OrbitDimension},{(localMin ? "yes" : "no")}\n");
                rows.Add(new JsonObject
                {
                    ["sigma_tilde"] = sigmas[i], ["seed"] = seed, ["rank"] = m.Rank, ["nuclear_norm"] = m.Nuclear, ["cost_nn"] = m.CostNN,
                    ["train"] = m.Train, ["test"] = m.Test, ["grad_norm"] = m.GradientNorm, ["steps"] = m.Steps, ["local_min"] = localMin,
                });
            }
        }
        Directory.CreateDirectory(options.OutputDirectory);
        var path = Path.Combine(options.OutputDirectory, "l2-minima.csv");
        var sealedSummary = Path.Combine(options.OutputDirectory, "summary.json");
        AtomicFile.WriteAllText(path, csv.ToString());
        var doc = new JsonObject
        {
            ["experiment"] = Name,
            ["seed"] = options.Seed.ToString(),
            ["quick"] = quick,
            ["sizes"] = new JsonObject { ["n"] = n, ["teacher_rank"] = rank, ["depth"] = depth, ["width"] = width, ["parameters"] = f.Dimension, ["lambda"] = lambda, ["eta"] = eta, ["gradient_tolerance"] = gradientTolerance, ["sigmas"] = points, ["seeds"] = seeds, ["max_sigma"] = maxSigma, ["lazy_scale"] = FigureRuns.LazyScale(width, depth) },
            ["numerics"] = "Core gradient descent on C(A_θ) + λ‖θ‖² (Core deep-linear kernel) to ‖∇‖ ≤ 1e-8; Morse–Bott test on Core's exact Hessian; rank threshold 1e-4 (App A)",
            ["runs"] = rows,
            ["files_sha256"] = new JsonObject { ["l2-minima.csv"] = CanonicalJson.Sha256Hex(csv.ToString()) },
        };
        AtomicFile.WriteAllText(sealedSummary, CanonicalJson.Seal(doc));
        return new ExperimentResult([path, sealedSummary], summary.ToString());
    }
}
