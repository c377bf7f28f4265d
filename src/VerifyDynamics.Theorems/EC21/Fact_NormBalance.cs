using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Props. 12/24 proofs (L2300), citing Du et al. (2018, Cor. 2.1 / Thm 2.3): for positively homogeneous activations
/// and linear parametrizations W_j(w_j), ‖w_j‖² − ‖w_{j′}‖² is constant along gradient flow (Euler's identity
/// ⟨w_j, ∇_{w_j}f⟩ = (1/|S|)Σ_i∇ℓ_iᵀh_θ(x_i) for every j).
/// Formalisation note: circular-conv nets (<see cref="ConvInstances"/>, which include the dense last layer) with the four
/// activation kinds; GF by DOP853 (validated, rtol 1e−9 vs 1e−11; Confirm 1e−11 / 1e−13) stopped when the trajectory
/// leaves θ_s's activation region (∇f jumps there; the statement holds in the inclusion sense, but the integrator's error
/// control does not); drift of ‖w_{j+1}‖² − ‖w_j‖² at t ∈ {1..4} and at the region exit (<see cref="Conservation"/>).
/// Mutant: gradient descent with η = 0.1 (drift η²(‖g_j‖² − ‖g_{j′}‖²) per step).
/// </summary>
public static class Fact_NormBalance
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.NormBalance"),
        Source = Ec21.Source("Prop. 12/24 proofs (Du et al. 2018, Cor 2.1 / Thm 2.3)", "L2300"),
        Kind = StatementKind.Unnumbered,
        Title = "layer-norm differences are conserved",
        Text = "‖W_j‖_F² − ‖W_{j′}‖_F² is constant along GF for homogeneous activations.",
        FormalisationNote = "Conv nets (weight vectors); drift of ‖w_{j+1}‖² − ‖w_j‖² along a validated DOP853 GF inside θ_s's region ≤ the ODE-error perturbation bound; GD (η = 0.1) refuted.",
        Fidelity = Fidelity.Restricted("horizon t ≤ 4, and only while the flow stays in its initial activation region"),
        Hypotheses = new Hypotheses("conv G0, n ∈ 2..3, weights × 0.7, θ_s inside a region",
            ctx => ConvInstances.Random(ctx.Rng, ctx.Index, ctx.Rng.NextInt(2, 3), ctx.Index % 3 == 1, 0.7),
            (x, k) => HypothesesCheck.All((ConvInstances.InsideRegion(ConvInstances.Network(x), ConvInstances.Theta(x)), "θ_s inside a region"))),
        Conclusion = (x, k, p) => Conclude(x, p, null),
        DefaultTrials = 10,
        Variants =
        [
            Variant.Mutant("GradientDescent", "conserved under GD (η = 0.1): refuted, GD drifts by η²(‖g_j‖² − ‖g_{j′}‖²)",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, 0.1)), trials: 6),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double? gdStep)
    {
        var net = ConvInstances.Network(x);
        var theta = ConvInstances.Theta(x);
        double MaxNorm(double[] th) => ConvInstances.LayerNorms(net, th).Max();
        if (gdStep is { } eta)
        {
            return Conservation.AlongDescent(net, theta, MaxNorm, eta);
        }
        var pattern = Pattern(theta);
        return Conservation.AlongFlow(net, theta, MaxNorm, p, (t, th) => Pattern(th).SequenceEqual(pattern));

        bool[] Pattern(double[] th)
        {
            var fp = net.Forward(th);
            return [.. Enumerable.Range(1, net.Depth - 1).SelectMany(j => fp.Z[j].Enumerate().Select(z => z > 0))];
        }
    }
}
