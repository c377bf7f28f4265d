using VerifyDynamics.Core.Networks;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 8 proof (L960), citing Du et al. (2018, Thm 2.2): for deep linear networks,
/// W_jW_jᵀ − W_{j+1}ᵀW_{j+1} is constant along gradient flow (any differentiable loss φ).
/// Formalisation note: Core's <see cref="DeepLinearObjective"/> with square or logistic data loss, n ∈ 2..4, widths 1..3;
/// GF by DOP853 on [0, 4] (rtol 1e−9 validated by 1e−11; Confirm 1e−11 / 1e−13); drift of every entry of the Gram
/// differences at t ∈ {1..4} against the ODE-error perturbation bound (<see cref="Conservation"/>). Mutant: gradient
/// descent with η = 0.1 instead of the flow (drift O(η²) per step).
/// </summary>
public static class Fact_Balance
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.Balance"),
        Source = Ec21.Source("Prop. 8 proof (Du et al. 2018, Thm 2.2)", "L960"),
        Kind = StatementKind.Unnumbered,
        Title = "balancedness is conserved by GF",
        Text = "W_jW_jᵀ − W_{j+1}ᵀW_{j+1} is constant along GF for linear nets.",
        FormalisationNote = "Drift of the Gram differences along a validated DOP853 GF ≤ the perturbation bound of the ODE error; GD (η = 0.1) refuted.",
        Fidelity = Fidelity.Restricted("horizon t ≤ 4 (checked at t = 1..4 against a 100× tighter run)"),
        Hypotheses = new Hypotheses("linear nets n ∈ 2..4, widths 1..3, Gaussian weights × 0.7, |S| ≤ 4, square or logistic data loss",
            Generate, (x, k) => HypothesesCheck.All((x.Weights.Length >= 2, "n ≥ 2 (some invariant exists)"))),
        Conclusion = (x, k, p) => Conservation.AlongFlow(Objective(x), ParameterLayout.Flatten(x.Weights), MaxNorm(x), p),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("GradientDescent", "conserved under GD (η = 0.1): refuted, GD drifts by η²-terms",
                s => s.WithConclusion((x, k, p) => Conservation.AlongDescent(Objective(x), ParameterLayout.Flatten(x.Weights), MaxNorm(x), 0.1)), trials: 6),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        int n = r.NextInt(2, 4);
        var dims = Enumerable.Range(0, n + 1).Select(_ => r.NextInt(1, 3)).ToArray();
        bool logistic = ctx.Index % 2 == 1;
        if (logistic)
        {
            dims[n] = 1;
        }
        var ws = Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1]) * 0.7);
        var data = LinearNetProblem.Random(r, dims[0], dims[n], r.NextInt(1, 4), logistic);
        return data.Store(new Instance { Family = logistic ? "linear, logistic" : "linear, square" }.WithNetwork(new DeepLinearNetwork(ws)));
    }

    private static DeepLinearObjective Objective(Instance x)
    {
        var data = LinearNetProblem.From(x);
        return new DeepLinearObjective(x.Network.Dims, new DataLoss(data.Logistic ? Losses.Logistic : Losses.Square, data.X, data.Y));
    }

    private static Func<double[], double> MaxNorm(Instance x)
    {
        var dims = x.Network.Dims;
        return theta => ParameterLayout.Unflatten(theta, dims).Max(w => w.FrobeniusNorm());
    }
}
