using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Sec. 3.2.1 and Sec. 4 (L129, L233; unnumbered): with uniform width d and W_j(0) = I_d for all j, if ‖Φ − I_d‖_F &lt; 0.5
/// then the assumptions of Theorem 1 hold: the identity init is 0-balanced and W_{1:N}(0) = I has deficiency margin
/// c = σ_min(Φ) − ‖Φ − I‖_F ≥ 1 − 2‖Φ − I‖_F &gt; 0.
/// Formalisation note: the threshold ½ is the constant <c>threshold</c>. Margins: imb(I, …, I) = 0 exactly; σ_min(Φ) − ‖Φ − I‖_F
/// − (1 − 2r) ≥ 0 (the proof's Weyl step, r = ‖Φ − I‖_F); 1 − 2r &gt; 0 (so the margin is positive and balancedness 0 ≤ δ*(c)).
/// Every fourth trial uses the extreme direction Φ = I − r e_1e_1ᵀ, where σ_min(Φ) = 1 − r and the Weyl margin is exactly 0.
/// The Theorem 1 run itself belongs to Thm1's check. Tolerance γ_n·(1 + r) (SVD of a matrix of norm ≤ 1 + r).
/// </summary>
public static class Aux_Residual
{
    public static readonly NamedConstant Threshold = new("threshold", Rational.Of(1, 2), "the bound on ‖Φ − I‖_F (Sec. 3.2.1)");

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Aux.Residual"),
        Source = new SourceRef(Papers.ACGH19, "Sec. 3.2.1; Sec. 4 (unnumbered)", "L129, L233"),
        Kind = StatementKind.Unnumbered,
        Title = "residual init: ‖Φ − I‖_F < 0.5 suffices",
        Text = "Uniform width d, W_j(0) = I_d: if ‖Φ − I_d‖_F < 0.5 the init is 0-balanced and has deficiency margin σ_min(Φ) − ‖Φ − I‖_F ≥ 1 − 2‖Φ − I‖_F > 0.",
        FormalisationNote = "d 1..6, N 1..8, Φ = I + rE/‖E‖_F with r uniform in (0, threshold); every fourth trial E = −e_1e_1ᵀ (tight Weyl step).",
        Constants = [Threshold],
        Fidelity = Fidelity.Full("the sufficient condition ‖Φ − I‖_F < 0.5 ⇒ 0-balanced + margin ≥ 1 − 2r, d ≤ 6, N ≤ 8, including the tight Weyl direction"),
        Hypotheses = new Hypotheses(
            "d 1..6, N 1..8, r uniform in (0, threshold), Φ = I + rE/‖E‖_F (E Gaussian, or −e_1e_1ᵀ every fourth trial); W_j = I_d",
            Generate,
            Validate),
        Conclusion = Conclusion,
        DefaultTrials = 60,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "ThresholdSixTenths", "threshold 0.6: Φ = I − 0.55e_1e_1ᵀ has σ_min = 0.45 < 0.55 = ‖Φ − I‖_F (no margin)",
                Threshold, Rational.Of(3, 5), trials: 40),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        double threshold = ctx.Constants.Double(Threshold.Name);
        int d = rng.NextInt(1, 6), depth = rng.NextInt(1, 8);
        bool tight = ctx.Index % 4 == 0;
        double r = tight ? rng.Uniform(0.5 * threshold, threshold) : rng.Uniform(0, threshold);
        Matrix<double> e;
        if (tight)
        {
            e = Matrix<double>.Build.Dense(d, d);
            e[0, 0] = -1;
        }
        else
        {
            e = rng.GaussianMatrix(d, d);
            e /= e.FrobeniusNorm();
        }
        var phi = Matrix<double>.Build.DenseIdentity(d) + r * e;
        var net = new DeepLinearNetwork(Enumerable.Range(0, depth).Select(_ => Matrix<double>.Build.DenseIdentity(d)));
        return Instance.ForNetwork(tight ? "tight-e1" : "gaussian-direction", net, phi);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int d = phi.RowCount;
        var identity = Matrix<double>.Build.DenseIdentity(d);
        return HypothesesCheck.All(
            (net.Dims.All(w => w == d) && phi.ColumnCount == d, "uniform width d and Φ ∈ R^{d×d}"),
            (net.Weights.All(w => w.Equals(identity)), "W_j(0) = I_d for all j"),
            ((phi - identity).FrobeniusNorm() < k.Double(Threshold.Name), "‖Φ − I_d‖_F < threshold"));
    }

    private static MarginSet Conclusion(Instance x, ConstantValues k, Precision p)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int d = phi.RowCount;
        double r = (phi - Matrix<double>.Build.DenseIdentity(d)).FrobeniusNorm();
        double margin = DeficiencyMargin.Of(net.EndToEnd(), phi);
        var tol = Tolerance.FromRounding(8 * d + 16, 1 + r, "1 + r (SVD of Φ)");
        return MarginSet.Of(
            // I·I and IᵀI are formed exactly in floating point: the imbalance is exactly 0.
            Margin.Deviation("0-balanced: −imb(I, …, I)", net.BalancednessGap(), 1, Tolerance.Exact),
            Margin.AtLeast("Weyl: margin(I) − (1 − 2r)", margin, 1 - 2 * r, tol),
            // Sign condition; its natural size is σ_min(I) = 1, the scale of the identity initialization.
            Margin.Bound("positive margin: margin(I) > 0", margin, 1, tol));
    }
}
