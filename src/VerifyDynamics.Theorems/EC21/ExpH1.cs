using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Appendix H.1, Figure 3 (L787–800): the Figure 1 comparison (GD with η0 = 0.001 vs η0/r, r ∈ {2,5,10,20}, at equal
/// times) repeated on MNIST with an off-the-shelf LeNet-style CNN (two 5×5 conv layers with 6 and 16 channels, 2×2 max pooling,
/// linear 400-120-84-10, ReLU, biases) and with the same net adapted to the theory (no biases, max pooling replaced by
/// top-left subsampling); the caption states the same observation: "trajectories of gradient descent with conventional step
/// size barely change when step size is reduced".
/// <para>Checked (<see cref="StepSizeComparison"/>, the margins of <see cref="Exp6"/>, ρ = 1/10) on the adapted CNN only, at
/// reduced size: 10×10 synthetic images (10 smoothed class templates + noise, N = 30), conv 4×4/stride 2 → 4 channels (4×4),
/// conv 2×2/stride 2 → 8 channels (2×2), dense 32-16-12-10 (5 layers like LeNet), ReLU, no biases, cross-entropy, PyTorch
/// Xavier-uniform fans, η0 = 0.001·1024/100 (zero-padded 32×32 MNIST inputs vs 100 pixels here), K = 100. A stride-s valid convolution
/// is a convolution followed by top-left subsampling of s×s windows, the adaptation the paper describes.</para>
/// </summary>
public static class ExpH1
{
    private const int Side = 10, Samples = 30, Iterations = 100;

    /// <summary>η0 = 0.001·(32·32)/(12·12): standardized inputs, ‖x‖² ≈ number of pixels sets the curvature scale.</summary>
    private const double Eta0 = 0.001 * 1024 / (Side * Side);

    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("ExpH1"),
        Source = Ec21.Source("Appendix H.1, Figure 3", "L787–800"),
        Kind = StatementKind.Example,
        Title = "the same for convolutional nets",
        Text = "The Figure 1 comparison repeated with an off-the-shelf LeNet-style CNN and an adapted bias-free, subsampling CNN captured by the theory.",
        FormalisationNote = "the observation of Exp6 (ρ = 1/10 on weight-space drift and loss gap, every r ∈ {2,5,10,20}) on the adapted CNN (bias-free, stride-2 convolutions = top-left subsampling, ReLU, 5 layers) at reduced size: "
            + $"{Side}×{Side} synthetic images, N = {Samples}, conv 1→4 (4×4/2), 4→8 (2×2/2), dense 32-16-12-10, η0 = 0.001·1024/{Side * Side}, K = {Iterations}; heuristic rounding-propagation tolerance. "
            + "The off-the-shelf LeNet (biases, max pooling) is outside Core's homogeneous-network model and is not checked.",
        Fidelity = Fidelity.Substitute($"the adapted (bias-free, subsampling) CNN only, reduced to {Side}×{Side} synthetic images ({Samples} samples), channels 4 and 8, dense 32-16-12-10, "
            + $"η0 scaled by 1024/{Side * Side}, K = {Iterations}: the paper's MNIST LeNets take CPU-hours per run; the off-the-shelf LeNet (biases, max pooling) is not in the model; \"minor\" is our ρ = 1/10"),
        Hypotheses = new Hypotheses($"synthetic {Side}×{Side} images (10 smoothed classes + noise), N = {Samples}, adapted CNN, ReLU, PyTorch Xavier-uniform start, η0 = {Eta0:G4}, K = {Iterations}",
            Generate, (x, _) => Validate(x)),
        Conclusion = (x, _, _) => Conclude(x, alignTime: true),
        DefaultTrials = 1,
        Variants =
        [
            Variant.Mutant("UnalignedTimes", "compares iteration k of the η0/r run with iteration k of the η0 run: refuted",
                s => s.WithConclusion((x, _, _) => Conclude(x, alignTime: false)), trials: 1),
        ],
    };

    /// <summary>The adapted CNN and the PyTorch fans (C_in·k², C_out·k²) of its layers.</summary>
    private static (HomogeneousNetwork Net, (int In, int Out)[] Fans) Network(Matrix<double> x, Matrix<double> y)
    {
        var conv1 = StepSizeComparison.StridedConvolution(1, 4, Side, 4, 2, out int s1);
        var conv2 = StepSizeComparison.StridedConvolution(4, 8, s1, 2, 2, out int s2);
        int flat = 8 * s2 * s2;
        LayerMap[] layers = [conv1, conv2, LayerMap.Dense(16, flat), LayerMap.Dense(12, 16), LayerMap.Dense(10, 12)];
        (int, int)[] fans = [(1 * 16, 4 * 16), (4 * 4, 8 * 4), (flat, 16), (16, 12), (12, 10)];
        return (new HomogeneousNetwork(layers, Activation.Relu, Losses.CrossEntropy, x, y), fans);
    }

    private static Instance Generate(TrialContext ctx) => Build(ctx.Rng.NextInt(0, int.MaxValue - 1));

    /// <summary>The instance drawn from <paramref name="seed"/> (data and start are the hypotheses' distribution).</summary>
    private static Instance Build(int seed)
    {
        var rng = new Core.Randomness.Rng(new Core.Randomness.Seed((ulong)seed));
        var (x, y) = StepSizeComparison.SyntheticClasses(rng, Side * Side, Samples, 0.5, Side);
        var (net, fans) = Network(x, y);
        var theta0 = StepSizeComparison.XavierUniform(net, fans, rng);
        return new Instance { Family = "adapted CNN" }
            .WithMatrix("X", x).WithMatrix("Y", y).WithMatrix("theta0", Matrix<double>.Build.Dense(theta0.Length, 1, theta0))
            .WithScalar("seed", seed).WithScalar("eta0", Eta0).WithScalar("K", Iterations);
    }

    /// <summary>As <see cref="Exp6"/>: η0, K as stated, data and start exactly the draw of the instance's seed.</summary>
    private static HypothesesCheck Validate(Instance x)
    {
        double seed = x.Scalar("seed");
        bool seedOk = seed == Math.Floor(seed) && seed >= 0 && seed < int.MaxValue;
        var drawn = seedOk ? Build((int)seed) : null;
        return HypothesesCheck.All((seedOk, "seed a non-negative integer"),
            (x.Scalar("eta0") == Eta0 && x.Scalar("K") == Iterations, $"η0 = {Eta0:G4}, K = {Iterations}"),
            (drawn is not null && drawn.Matrix("X").Equals(x.Matrix("X")) && drawn.Matrix("Y").Equals(x.Matrix("Y")) && drawn.Matrix("theta0").Equals(x.Matrix("theta0")),
                "data and Xavier-uniform start are the draw of the seed"));
    }

    private static MarginSet Conclude(Instance inst, bool alignTime)
    {
        var x = inst.Matrix("X");
        var (net, _) = Network(x, inst.Matrix("Y"));
        var theta0 = inst.Matrix("theta0").Column(0).ToArray();
        var res = StepSizeComparison.Run(net, theta0, inst.Scalar("eta0"), (int)inst.Scalar("K"), x.RowCount + x.ColumnCount, alignTime);
        return res is null
            ? MarginSet.Of(Margin.Uncomputable("adapted CNN: GD diverged"))
            : StepSizeComparison.Margins(res, "adapted CNN");
    }
}
