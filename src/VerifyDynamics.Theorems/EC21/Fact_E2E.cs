using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Prop. 14 proof sketch (L318) / Lemma 35, citing Arora et al. (2018, Thm 1): under balanced initialization,
/// d/dt W_{n:1} = −∇φ(W_{n:1})(‖W_{n:1}‖_F^{2−2/n}I_{d_0} + (n−1)[W_{n:1}ᵀW_{n:1}]^{1−1/n}).
/// Formalisation note: d_n = 1 (the setting of Prop. 14), φ a square or logistic data loss; LHS = the chain-rule velocity
/// Σ_jW_{n:j+1}(−∇_{W_j}f)W_{j−1:1} (Core gradients), RHS = the formula (<see cref="EndToEndDynamics.Formula"/>), at the
/// balanced start (exact identity, rounding tolerance) and along the validated DOP853 GF at t ∈ {1, 2}, where balancedness
/// holds up to the ODE error (tolerance adds |mismatch(loose run) − mismatch(reference run)|).
/// </summary>
public static class Fact_E2E
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.E2E"),
        Source = Ec21.Source("Prop. 14 proof sketch / Lemma 35", "L318"),
        Kind = StatementKind.Unnumbered,
        Title = "end-to-end ODE under balanced init",
        Text = "d/dt W_{n:1} = −∇φ(W_{n:1})(‖W_{n:1}‖^{2−2/n}I + (n−1)[W_{n:1}ᵀW_{n:1}]^{1−1/n}).",
        FormalisationNote = "d_n = 1; chain-rule velocity of W_{n:1} vs the formula at balanced starts and along the validated GF (t = 1, 2).",
        Fidelity = Fidelity.Restricted("horizon t ≤ 2 (checked at t = 0, 1, 2 on validated GF trajectories)"),
        Hypotheses = new Hypotheses("n ∈ 2..4, d_0 ∈ 2..3, hidden widths 1..3, d_n = 1, Procedure-1 balanced start of a random row vector, square/logistic data loss",
            ctx => EndToEndDynamics.Random(ctx, true), Validate),
        Conclusion = (x, k, p) => Conclude(x, p, 0),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("CoefficientN", "(n − 1) replaced by n", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1)), trials: 6),
            Variant.Mutant("Unbalanced", "balancedness dropped: Gaussian starts", s => s.WithHypotheses("Gaussian start", ctx => EndToEndDynamics.Random(ctx, false),
                (x, k) => HypothesesCheck.All((x.Network.Dims[^1] == 1, "d_n = 1"))), trials: 6),
        ],
    };

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        return HypothesesCheck.All((net.Dims[^1] == 1, "d_n = 1"), (EndToEndDynamics.IsBalanced(net), "balanced start (W_{j+1}ᵀW_{j+1} = W_jW_jᵀ up to rounding)"));
    }

    private static double Mismatch(Core.Networks.DeepLinearObjective f, double[] theta, int extra) =>
        (EndToEndDynamics.Velocity(f, theta) - EndToEndDynamics.Formula(f.Phi, f.Network(theta).EndToEnd(), f.Depth, f.Depth - 1 + extra)).FrobeniusNorm();

    private static MarginSet Conclude(Instance x, Precision p, int extra)
    {
        var f = EndToEndDynamics.Objective(x);
        var theta0 = f.Pack(x.Network);
        var margins = new List<Margin> { Ec21.AtMost("‖velocity − formula‖ at t = 0", Mismatch(f, theta0, extra), 0, EndToEndDynamics.Rounding(f, theta0)) };
        var solved = GradientFlow.SolveValidated(f, theta0, 2, EndToEndDynamics.Settings(p));
        foreach (double t in new[] { 1.0, 2.0 })
        {
            if (!solved.Succeeded)
            {
                margins.Add(Margin.Uncomputable($"‖velocity − formula‖ at t = {t}"));
                break;
            }
            var th = solved.Theta(t);
            double m = Mismatch(f, th, extra), mLoose = Mismatch(f, solved.Validation!.Solution.Evaluate(t), extra);
            margins.Add(Ec21.AtMost($"‖velocity − formula‖ at t = {t}", m, 0,
                EndToEndDynamics.Rounding(f, th).Plus(Tolerance.ValidatedEstimate(Math.Abs(m - mLoose) * 1.1, "ODE error: mismatch(loose) − mismatch(100× tighter reference)"))));
        }
        return new MarginSet(margins);
    }
}
