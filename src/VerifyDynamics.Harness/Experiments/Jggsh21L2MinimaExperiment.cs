using System.Globalization;
using System.Text;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Theorems.JGGSH21;

namespace VerifyDynamics.Harness.Experiments;

/// <summary>
/// JGGSH21 Fig 3 / Fig 5 at small scale: L2-regularized (3, w)-DLNs (λ = 0.05) on noisy low-rank regression, trained by
/// gradient flow to convergence from i.i.d. N(0, σ̃²) inits over a log grid of σ̃. Writes, per run: σ̃, seed, rank_τ(A),
/// nuclear norm, train/test cost, C^NN, ‖∇‖ and the Morse–Bott local-minimum verdict (Hessian kernel = rotation orbit).
/// Full run: n = 10, rank-3 teacher W_0W_0ᵀ (W_0 iid N(0, 1.5²)), noise 0.2, 100 train / 1000 test, w = 20, 12 σ̃ × 3 seeds;
/// quick run: n = 3, rank 1, w = 3, 2 σ̃ × 1 seed, short horizon.
/// </summary>
public sealed class Jggsh21L2MinimaExperiment : IExperiment
{
    public string Name => "jggsh21-l2-minima";

    public string Description => "JGGSH21 Fig 3/5: rank of converged L2-regularized (3,w)-DLNs versus initialization scale (λ = 0.05)";

    public ExperimentResult Run(ExperimentOptions options, TextWriter log)
    {
        var rng = new Rng(options.Seed.Split("jggsh21-l2-minima"));
        bool quick = options.Quick;
        int n = quick ? 3 : 10, r = quick ? 1 : 3, width = quick ? 3 : 20, train = quick ? 20 : 100, test = quick ? 100 : 1000;
        const int depth = 3;
        const double lambda = 0.05;
        var w0 = rng.GaussianMatrix(n, r, 1.5);
        var teacher = w0 * w0.Transpose();
        var noise = rng.GaussianMatrix(n, n, 0.2);
        var x = rng.GaussianMatrix(n, train);
        var cost = new MeanSquaredError(x, (teacher + noise) * x);
        var xt = rng.GaussianMatrix(n, test);
        var testCost = new MeanSquaredError(xt, teacher * xt);
        var net = DeepLinearCost.Rectangular(cost, depth, width, lambda);
        double[] sigmas = quick ? [0.3, 0.8] : [.. Enumerable.Range(0, 12).Select(i => Math.Pow(10, -3 + 3.0 * i / 11))];
        int seeds = quick ? 1 : 3;
        var csv = new StringBuilder("sigma_tilde,seed,rank,nuclear_norm,train,test,cost_nn,grad_norm,local_min\n");
        var ranks = new List<(double Sigma, int Rank)>();
        for (int sIdx = 0; sIdx < sigmas.Length; sIdx++)
        {
            for (int seed = 0; seed < seeds; seed++)
            {
                var local = new Rng(options.Seed.Split($"init:{sIdx}:{seed}"));
                var theta0 = SequentialBuild.Vector(net.ParameterCount, _ => sigmas[sIdx] * local.NextGaussian());
                var result = StepHalvingRk4Flow.Integrate(v => -net.Gradient(v), theta0, quick ? 100 : 20000, quick ? 1e-6 : 1e-8,
                    stop: (t, v) => t > 1 && net.Gradient(v).L2Norm() < (quick ? 1e-6 : 1e-8), maxSteps: quick ? 2_000 : 200_000);
                var theta = result.State;
                var a = net.EndToEnd(theta);
                int rank = SchattenQuasinorm.Rank(a, 1e-4);
                string verdict = "skipped";
                if (quick || net.ParameterCount <= 1000)
                {
                    var mb = Jggsh21Fixtures.MorseBottTest(net, theta, rank, width);
                    verdict = mb.GradientNorm > 1e-6 ? "not-converged" : mb.MinEigenvalue < -mb.KernelThreshold ? "saddle" : mb.KernelIsOrbit ? "local-min" : "inconclusive";
                }
                ranks.Add((sigmas[sIdx], rank));
                csv.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{sigmas[sIdx]:R},{seed},{rank},{SchattenQuasinorm.Nuclear(a):R},{cost.Value(a):R},{testCost.Value(a):R},{net.Value(theta):R},{net.Gradient(theta).L2Norm():R},{verdict}\n"));
            }
        }
        Directory.CreateDirectory(options.OutputDirectory);
        var path = Path.Combine(options.OutputDirectory, "l2-minima.csv");
        AtomicFile.WriteAllText(path, csv.ToString());
        var fit = Jggsh21Fixtures.Fit([.. ranks.Select(t => Math.Log10(t.Sigma))], [.. ranks.Select(t => (double)t.Rank)]);
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"ranks by σ̃: {string.Join(", ", ranks.Select(t => $"{t.Sigma:G2}→{t.Rank}"))}; slope of rank vs log10 σ̃ = {fit.Slope:G3} (R² = {fit.RSquared:G3})\n");
        log.Write(summary);
        return new ExperimentResult([path], summary);
    }
}
