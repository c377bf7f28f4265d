using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// The protocol of EC21 Section 6 / Figure 1 and App. H.1 / Figure 3 (statements Exp6, ExpH1), paper-specific
/// constructions only (the GD runs, networks and losses are Core's): full-batch GD from one Xavier-uniform initialization with
/// step η_0 and with η_0/r, r ∈ {2, 5, 10, 20}; iteration k of the η_0 run is compared with iteration r·k of the η_0/r run
/// (equal time kη_0), in Euclidean distance in weight space and in training loss.
/// <para>The paper's stated observations (Sec. 6 and the captions of Figs. 1 and 3) have no numeric threshold: "reducing the
/// step size η leads to only slight changes", "the drift between runs with different step sizes is minor compared to the
/// distance traveled". Formalised (ours; the catalog §12 proxy): for every r,
/// (O1) max_k D_r(k) ≤ ρ·max_k D_init(k), D_r(k) = ‖θ^{(η0)}_k − θ^{(η0/r)}_{rk}‖, D_init(k) = ‖θ^{(η0)}_k − θ_0‖;
/// (O2) max_k |L_r(k) − L_1(k)| ≤ ρ·(L_1(0) − min_k L_1(k)) (the loss curves differ by a minor fraction of the loss decrease);
/// with "minor" read as ρ = 1/10.</para>
/// <para>Tolerance (heuristic, first-order rounding propagation): each GD step injects a rounding error of at most about
/// γ_p·‖θ‖ (p = the longest dot product of a forward/backward pass: max layer width plus the sample count), and a perturbation
/// of the start is amplified by at most A = max_k ‖θ̃_k − θ_k‖/‖θ̃_0 − θ_0‖, measured on the η_0 run from a start perturbed by
/// 10⁻⁸‖θ_0‖; so a run of m steps is off by at most ≈ A·m·γ_p·max‖θ‖, and a distance or loss difference of two runs by the sum
/// of both (losses: times the measured Lipschitz ratio max_k ‖∇f(θ_k)‖).</para>
/// </summary>
public static class StepSizeComparison
{
    /// <summary>The step-size divisors r of the paper.</summary>
    public static readonly int[] Ratios = [2, 5, 10, 20];

    /// <summary>"Minor": ρ = 1/10 (ours, the catalog §12 proxy; the paper gives no number).</summary>
    public const double Minor = 0.1;

    /// <summary>The curves of one comparison; <see cref="Drift"/>[r] = max_k D_r(k), <see cref="LossGap"/>[r] = max_k |L_r(k) − L_1(k)|.</summary>
    public sealed record Result(
        double MaxDistInit, double Loss0, double MinLoss1, double FinalLoss1,
        IReadOnlyDictionary<int, double> Drift, IReadOnlyDictionary<int, double> LossGap,
        IReadOnlyDictionary<int, double> DistanceTolerance, IReadOnlyDictionary<int, double> LossTolerance, double Amplification);

    /// <summary>
    /// Runs the protocol for <paramref name="iterations"/> η_0-iterations (losses at 101 stamps, distances at every k).
    /// <paramref name="alignTime"/> false is the planted bug of the mutant: iteration k of the η_0/r run instead of r·k.
    /// Returns null when a run diverges.
    /// </summary>
    public static Result? Run(IDifferentiableObjective f, double[] theta0, double eta0, int iterations, int innerLength, bool alignTime = true)
    {
        int every = Math.Max(1, iterations / 100);
        var path = new double[iterations + 1][];
        var loss1 = new SortedDictionary<int, double>();
        double maxNorm = VectorOps.Norm(theta0), maxGrad = 0;
        var (_, _, diverged) = ObjectiveGradientDescent.Run(f, theta0, eta0, iterations, (k, th) =>
        {
            path[k] = (double[])th.Clone();
            maxNorm = Math.Max(maxNorm, VectorOps.Norm(th));
            if (k % every == 0 || k == iterations)
            {
                loss1[k] = f.Value(th);
                maxGrad = Math.Max(maxGrad, VectorOps.Norm(f.Gradient(th)));
            }
            return true;
        });
        if (diverged)
        {
            return null;
        }
        // Amplification of a start perturbation along the η_0 run (first-order rounding propagation).
        var rng = new Rng(new Seed(0x5EC6));
        var dir = Enumerable.Range(0, theta0.Length).Select(_ => rng.NextGaussian()).ToArray();
        double delta0 = 1e-8 * Math.Max(VectorOps.Norm(theta0), double.Epsilon);
        var perturbed = VectorOps.AddScaled(theta0, delta0 / VectorOps.Norm(dir), dir);
        double amplification = 1;
        ObjectiveGradientDescent.Run(f, perturbed, eta0, iterations, (k, th) =>
        {
            amplification = Math.Max(amplification, VectorOps.Distance(th, path[k]) / delta0);
            return true;
        });
        double perStep = amplification * Tolerance.Gamma(innerLength + 2) * maxNorm;

        double maxInit = path.Max(th => VectorOps.Distance(th, theta0));
        var drift = new Dictionary<int, double>();
        var gap = new Dictionary<int, double>();
        var dTol = new Dictionary<int, double>();
        var lTol = new Dictionary<int, double>();
        foreach (int r in Ratios)
        {
            double d = 0, g = 0;
            var (_, _, div) = ObjectiveGradientDescent.Run(f, theta0, eta0 / r, r * iterations, (s, th) =>
            {
                int k = alignTime ? (s % r == 0 ? s / r : -1) : (s <= iterations ? s : -1);
                if (k >= 0)
                {
                    d = Math.Max(d, VectorOps.Distance(path[k], th));
                    if (loss1.TryGetValue(k, out double l1))
                    {
                        g = Math.Max(g, Math.Abs(f.Value(th) - l1));
                    }
                }
                return alignTime || s < iterations;
            });
            if (div)
            {
                return null;
            }
            drift[r] = d;
            gap[r] = g;
            double runErr = perStep * (iterations + (alignTime ? r * iterations : iterations));
            dTol[r] = runErr;
            lTol[r] = maxGrad * runErr + Tolerance.Gamma(innerLength + 8) * loss1[0];
        }
        return new Result(maxInit, loss1[0], loss1.Values.Min(), loss1[iterations], drift, gap, dTol, lTol, amplification);
    }

    /// <summary>The margins (O1), (O2) for every r, named and grouped by <paramref name="label"/>.</summary>
    public static MarginSet Margins(Result res, string label)
    {
        const string tolSource = "first-order rounding propagation: amplification of a 1e−8 start perturbation × γ_p·max‖θ‖ per GD step, both runs";
        var margins = new List<Margin>();
        foreach (int r in Ratios)
        {
            margins.Add(Ec21.AtMost($"{label}: max D_r ≤ ρ·max D_init, r = {r}", res.Drift[r], Minor * res.MaxDistInit,
                Tolerance.Heuristic(res.DistanceTolerance[r], tolSource)).InFamily($"{label}: weight-space drift ≤ ρ·distance travelled"));
            margins.Add(Ec21.AtMost($"{label}: max |L_r − L_1| ≤ ρ·(L(0) − min L_1), r = {r}", res.LossGap[r], Minor * (res.Loss0 - res.MinLoss1),
                Tolerance.Heuristic(res.LossTolerance[r], tolSource + " × max‖∇f‖, plus loss rounding")).InFamily($"{label}: loss gap ≤ ρ·loss decrease"));
        }
        return new MarginSet(margins)
            .WithObservation($"{label}: max D_init (distance travelled)", res.MaxDistInit)
            .WithObservation($"{label}: L_1(K)/L(0)", res.FinalLoss1 / res.Loss0)
            .WithObservation($"{label}: max D_20 / max D_init", res.Drift[20] / res.MaxDistInit)
            .WithObservation($"{label}: rounding amplification", res.Amplification);
    }

    /// <summary>
    /// Synthetic 10-class data (catalog §12's scaled-down variant): class means N(0, I) in R^dim (optionally smoothed over a
    /// side×side image with a 3×3 box filter), samples = mean + noise·N(0, I), all entries standardized to zero mean and unit
    /// standard deviation (the paper's normalization); labels one-hot, classes assigned round-robin.
    /// </summary>
    public static (Matrix<double> X, Matrix<double> Y) SyntheticClasses(Rng rng, int dim, int samples, double noise, int imageSide = 0)
    {
        var means = Enumerable.Range(0, 10).Select(_ => Smooth(Enumerable.Range(0, dim).Select(_ => rng.NextGaussian()).ToArray(), imageSide)).ToArray();
        var x = Matrix<double>.Build.Dense(dim, samples);
        var y = Matrix<double>.Build.Dense(10, samples);
        for (int c = 0; c < samples; c++)
        {
            int label = c % 10;
            y[label, c] = 1;
            for (int i = 0; i < dim; i++)
            {
                x[i, c] = means[label][i] + noise * rng.NextGaussian();
            }
        }
        double mean = x.Enumerate().Average();
        double std = Math.Sqrt(x.Enumerate().Select(v => (v - mean) * (v - mean)).Average());
        return (x.Map(v => (v - mean) / std), y);
    }

    private static double[] Smooth(double[] v, int side)
    {
        if (side <= 0)
        {
            return v;
        }
        var s = new double[v.Length];
        for (int i = 0; i < side; i++)
        {
            for (int j = 0; j < side; j++)
            {
                double sum = 0;
                int n = 0;
                for (int a = Math.Max(0, i - 1); a <= Math.Min(side - 1, i + 1); a++)
                {
                    for (int b = Math.Max(0, j - 1); b <= Math.Min(side - 1, j + 1); b++)
                    {
                        sum += v[a * side + b];
                        n++;
                    }
                }
                s[i * side + j] = sum / n;
            }
        }
        return s;
    }

    /// <summary>
    /// A bias-free 2-D convolution with top-left subsampling of each s×s window (= a stride-s "valid" convolution, the adapted
    /// CNN of App. H.1) as a weight-sharing layer (EC21 App. C, Eq. 28): input c·H·W + y·W + x, output o·H'·W' + i·W' + j,
    /// H' = (H − k)/s + 1; weight (o·C_in + c)·k² + a·k + b.
    /// </summary>
    public static LayerMap StridedConvolution(int inChannels, int outChannels, int side, int kernel, int stride, out int outSide)
    {
        int o2 = (side - kernel) / stride + 1;
        outSide = o2;
        int rows = outChannels * o2 * o2, cols = inChannels * side * side;
        var index = new int[rows * cols];
        Array.Fill(index, -1);
        for (int o = 0; o < outChannels; o++)
        {
            for (int i = 0; i < o2; i++)
            {
                for (int j = 0; j < o2; j++)
                {
                    int row = o * o2 * o2 + i * o2 + j;
                    for (int c = 0; c < inChannels; c++)
                    {
                        for (int a = 0; a < kernel; a++)
                        {
                            for (int b = 0; b < kernel; b++)
                            {
                                int col = c * side * side + (stride * i + a) * side + stride * j + b;
                                index[row + col * rows] = ((o * inChannels + c) * kernel + a) * kernel + b;
                            }
                        }
                    }
                }
            }
        }
        return LayerMap.Shared(rows, cols, index, outChannels * inChannels * kernel * kernel,
            $"conv {inChannels}→{outChannels} ch, {kernel}×{kernel}, stride {stride}, {side}²→{o2}²");
    }

    /// <summary>
    /// PyTorch's xavier_uniform_ (gain 1): U(−a, a), a = √(6/(fan_in + fan_out)); for a convolution fan_in = C_in·k²,
    /// fan_out = C_out·k² (given per layer in <paramref name="fans"/>), for a dense layer its columns and rows.
    /// </summary>
    public static double[] XavierUniform(HomogeneousNetwork net, IReadOnlyList<(int In, int Out)> fans, Rng rng)
    {
        var theta = new double[net.Dimension];
        for (int j = 1; j <= net.Depth; j++)
        {
            double a = Math.Sqrt(6.0 / (fans[j - 1].In + fans[j - 1].Out));
            int off = net.Offset(j);
            for (int k = 0; k < net.Layers[j - 1].ParameterCount; k++)
            {
                theta[off + k] = rng.Uniform(-a, a);
            }
        }
        return theta;
    }
}
