using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 25 (App. D, L606–630): for fully connected networks with non-linear homogeneous σ (α ≠ ᾱ), for
/// Lebesgue-a.e. θ′ there are activation matrices D′_{i,j} with entries in {α, ᾱ} such that f = Eq. (15) on an open region
/// around θ′ closed under positive rescalings of the weight matrices.
/// Formalisation note: an almost-everywhere existence statement, checked through its consequences (catalog §9 (a)–(c)) at
/// Gaussian θ′ (<see cref="RegionChecks"/>): θ′ regular; pattern unchanged under positive rescalings c_j ∈ [1e−3, 1e3];
/// inside a certified ball f = Eq. (15) with θ′'s masks. The nullifying case (d) is not separately exercised.
/// </summary>
public static class Prop25
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop25"),
        Source = Ec21.Source("Proposition 25 (App. D)", "L606–630"),
        Kind = StatementKind.Proposition,
        Title = "regions of differentiability (fully connected)",
        Text = "For a.e. θ′ there are activation matrices with f = Eq. (15) on an open region around θ′ closed under positive layer rescalings.",
        FormalisationNote = "Consequence checks at Gaussian θ′ of fully connected nets: regular, rescaling-invariant pattern, f = Eq. (15) on a certified ball.",
        Fidelity = Fidelity.Restricted("Gaussian θ′ (a.e. sampled), the open region certified as a ball around θ′ and the rescaling closure checked at c_j ∈ [1e−3, 1e3]"),
        Hypotheses = new Hypotheses("fully connected, n ∈ 2..4, widths 1..3, |S| ≤ 3, σ ReLU / leaky / general (α ≠ ᾱ), Gaussian θ′, unit u, c_j ∈ [1e−3, 1e3]", Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("alpha") != x.Scalar("alphaBar"), "σ non-linear (α ≠ ᾱ)"))),
        Conclusion = (x, k, p) => RegionChecks.Conclude(Network(x), x, ConvInstances.Theta(x), false),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("NegativeRescaling", "regions closed under all non-zero rescalings (c_1 < 0): refuted, the first layer's pattern flips",
                s => s.WithConclusion((x, k, p) => RegionChecks.Conclude(Network(x), x, ConvInstances.Theta(x), true)), trials: 6),
        ],
    };

    private static HomogeneousNetwork Network(Instance x) =>
        HomogeneousNetwork.FullyConnected([.. Enumerable.Range(0, (int)x.Scalar("n") + 1).Select(j => (int)x.Scalar($"d{j}"))],
            new Activation(x.Scalar("alpha"), x.Scalar("alphaBar"), "homogeneous"), ConvInstances.Loss(x), x.Matrix("X"), x.Matrix("Y"));

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        // HomogeneousInstances.Random with activation kinds 0..2 (never linear); its layers become θ′.
        var dense = HomogeneousInstances.Random(r, ctx.Index % 3, r.NextInt(2, 4), ctx.Index % 2 == 1);
        var dims = dense.Network.Dims;
        var inst = new Instance { Family = dense.Family }.WithScalar("n", dims.Length - 1);
        for (int j = 0; j < dims.Length; j++)
        {
            inst = inst.WithScalar($"d{j}", dims[j]);
        }
        foreach (var name in new[] { "alpha", "alphaBar", "logistic" })
        {
            inst = inst.WithScalar(name, dense.Scalar(name));
        }
        var theta = ParameterLayout.Flatten(dense.Weights);
        inst = inst.WithMatrix("X", dense.Matrix("X")).WithMatrix("Y", dense.Matrix("Y")).WithMatrix("theta", Matrix<double>.Build.Dense(theta.Length, 1, theta));
        return RegionChecks.AddProbes(r, inst, dims.Length - 1, theta.Length);
    }
}
