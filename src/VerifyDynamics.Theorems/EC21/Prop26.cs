using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 26 (App. D, L631–665): for weight-sharing networks (Eq. 29) with non-linear homogeneous σ, for a.e. θ′
/// there are activation matrices with f = Eq. (15) on an open region around θ′ closed under positive rescalings of the
/// weight vectors.
/// Formalisation note: an almost-everywhere existence statement, checked through its consequences at Gaussian θ′ of
/// circular-conv nets (<see cref="RegionChecks"/>): θ′ regular; pattern unchanged under positive rescalings c_j ∈ [1e−3, 1e3];
/// inside a certified ball f = Eq. (15) with θ′'s masks. The nullifying/infeasible-coordinate case of the proof is not
/// separately exercised.
/// </summary>
public static class Prop26
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop26"),
        Source = Ec21.Source("Proposition 26 (App. D)", "L631–665"),
        Kind = StatementKind.Proposition,
        Title = "regions of differentiability (weight sharing)",
        Text = "The same as Proposition 25 for weight-sharing networks (Eq. 29), with rescaling of weight vectors.",
        FormalisationNote = "Consequence checks at Gaussian θ′ of conv nets: regular, rescaling-invariant pattern, f = Eq. (15) on a certified ball.",
        Fidelity = Fidelity.Restricted("Gaussian θ′ of conv nets, the open region certified as a ball around θ′ (probed at one point inside it; the infeasible-coordinate / nullity case of the proof is never exercised) and the rescaling closure checked at c_j ∈ [1e−3, 1e3]"),
        Hypotheses = new Hypotheses("conv G0, n ∈ 2..4, σ ReLU / leaky / general (α ≠ ᾱ), Gaussian θ′, unit direction u, c_j ∈ [1e−3, 1e3]", Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("alpha") != x.Scalar("alphaBar"), "σ non-linear (α ≠ ᾱ)"))),
        Conclusion = (x, k, p) => RegionChecks.Conclude(ConvInstances.Network(x), x, ConvInstances.Theta(x), false),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("NegativeRescaling", "regions closed under all non-zero rescalings (c_1 < 0): refuted, the first layer's pattern flips",
                s => s.WithConclusion((x, k, p) => RegionChecks.Conclude(ConvInstances.Network(x), x, ConvInstances.Theta(x), true)), trials: 6),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        // Activation kinds 0..2 of HomogeneousNet.RandomActivation (ReLU, leaky, general), never the linear one.
        var inst = ConvInstances.Random(ctx.Rng, ctx.Index % 3, ctx.Rng.NextInt(2, 4), ctx.Index % 2 == 1);
        return RegionChecks.AddProbes(ctx.Rng, inst, (int)inst.Scalar("n"), ConvInstances.Theta(inst).Length);
    }
}
