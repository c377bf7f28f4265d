using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 10 (Sec. 4.1.2, L247; proof App. I.9, Eqs. 55–56): if n ≥ 3 and some θ has
/// Σ_i∇ℓ(0, y_i)ᵀh_θ(x_i) ≠ 0, then inf over θ where ∇²f exists of λ_min(∇²f(θ)) = −∞.
/// Formalisation note: the proof's construction — θ with S := (1/|S|)Σ_i∇ℓ(0,y_i)ᵀh_θ(x_i) &lt; 0 (W_n's sign flipped
/// otherwise), θ(a) = (W_1a^{−2}, W_2a^{−2}, W_3a, W_4, …), Δθ = (W_1, W_2, 0, …). Along θ(a) + sΔθ the activation pattern
/// is constant for |s| &lt; a^{−2} (pre-activations scale by positive factors), so central differences with step 0.1a^{−2}
/// are exact-region. For c ∈ {1, 10, 100}, a is doubled from 1 until the Rayleigh quotient Δθᵀ∇²fΔθ/‖Δθ‖² ≤ −c
/// (≤ 40 doublings); margins: the quotient ≤ −c, and the identity (56) against the finite difference.
/// </summary>
public static class Prop10
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop10"),
        Source = Ec21.Source("Proposition 10 (Sec. 4.1.2); proof App. I.9", "L247–255"),
        Kind = StatementKind.Proposition,
        Title = "unbounded negative curvature for homogeneous activations",
        Text = "If n ≥ 3 and Σ_i∇ℓ(0,y_i)ᵀh_θ(x_i) ≠ 0 for some θ, then inf λ_min(∇²f) = −∞.",
        FormalisationNote = "Rescaling construction of the proof with a doubled until the Rayleigh quotient ≤ −c; Eq. (56) checked at that a.",
        Checkability = Checkability.Construction,
        Fidelity = Fidelity.Restricted("the proof's rescaling construction for c ∈ {1, 10, 100}: a Rayleigh quotient ≤ −c is exhibited, the infimum −∞ itself is a limit"),
        Hypotheses = new Hypotheses("n ∈ {3, 4}, ReLU / leaky / general / linear activations, square or logistic loss, c ∈ {1, 10, 100}", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("NoNonDegeneracy", "assumption (ii) dropped: with x_i = 0 the loss is constant", s => s.WithHypotheses("x_i = 0",
                ctx => Generate(ctx) is var g ? g.WithMatrix("X", Matrix<double>.Build.Dense(g.Matrix("X").RowCount, g.Matrix("X").ColumnCount)) : g,
                (x, k) => HypothesesCheck.All((x.Weights.Length >= 3, "n ≥ 3"))), trials: 2),
        ],
    };

    internal static Instance Generate(TrialContext ctx) => HomogeneousInstances.Random(ctx.Rng, ctx.Index, ctx.Rng.NextInt(3, 4), ctx.Index % 2 == 1).WithScalar("c", ctx.Rng.Pick([1.0, 10.0, 100.0]));

    internal static double NonDegeneracy(HomogeneousNet net, IReadOnlyList<Matrix<double>> ws)
    {
        var h = net.Forward(ws).Output;
        var g0 = net.Data.LossGradients(Matrix<double>.Build.Dense(h.RowCount, h.ColumnCount));
        return g0.PointwiseMultiply(h).Enumerate().Sum() / net.Data.N;
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = HomogeneousNet.From(x);
        return HypothesesCheck.All((x.Weights.Length >= 3, "n ≥ 3"), (NonDegeneracy(net, x.Weights) != 0, "Σ∇ℓ(0,y_i)ᵀh_θ(x_i) ≠ 0"),
            (net.MinPreActivation(x.Weights) > 0, "θ in a region (no pre-activation exactly 0)"));
    }

    /// <summary>θ(a) and Δθ of the proof, with W_n's sign fixed so that S &lt; 0.</summary>
    internal static (double[] Theta, double[] Delta, int[] Dims) Construct(Instance x, double a)
    {
        var net = HomogeneousNet.From(x);
        var ws = x.Weights.ToArray();
        if (NonDegeneracy(net, ws) > 0)
        {
            ws[^1] = -ws[^1];
        }
        var scaled = ws.Select((w, i) => i <= 1 ? w / (a * a) : i == 2 ? w * a : w).ToArray();
        var delta = ws.Select((w, i) => i <= 1 ? w : Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount)).ToArray();
        return (ParameterLayout.Flatten(scaled), ParameterLayout.Flatten(delta), new DeepLinearNetwork(ws).Dims);
    }

    internal static (double Quotient, double Error, double A) Search(Instance x, double c)
    {
        var net = HomogeneousNet.From(x);
        return Ec21.DoubleScaleUntilCurvature(c, a =>
        {
            var (theta, delta, dims) = Construct(x, a);
            var (v, e) = net.DirectionalSecond(theta, delta, dims, 0.1 / (a * a));
            return (v, e, delta);
        });
    }

    private static MarginSet Conclude(Instance x)
    {
        double c = x.Scalar("c");
        var net = HomogeneousNet.From(x);
        var (q, err, a) = Search(x, c);
        // Eq. (56) at the final a: (4/a²)(1/|S|)Σ∇²ℓ_i(a)[h_θ(x_i)] + 2a(1/|S|)Σ∇ℓ_i(a)ᵀh_θ(x_i), with h_θ for the sign-fixed θ.
        var (theta, delta, dims) = Construct(x, a);
        var ws1 = ParameterLayout.Unflatten(theta, dims).Select((w, i) => i <= 1 ? w * (a * a) : i == 2 ? w / a : w).ToArray();
        var h = net.Forward(ws1).Output;
        var outA = net.Forward(ParameterLayout.Unflatten(theta, dims)).Output;
        var lg = net.Data.LossGradients(outA);
        double hess = 0, grad = 0;
        for (int i = 0; i < net.Data.N; i++)
        {
            hess += net.Data.LossHessianForm(outA, i, h.Column(i));
            grad += lg.Column(i).DotProduct(h.Column(i));
        }
        double eq56 = (4 / (a * a) * hess + 2 * a * grad) / net.Data.N;
        double sq = VectorOps.Norm(delta) * VectorOps.Norm(delta);
        return MarginSet.Of(
            Ec21.AtMost("Rayleigh quotient ≤ −c", q, -c, Tolerance.Heuristic(err, "Richardson estimate of the central difference")),
            Ec21.AtMost("|Δθᵀ∇²f(θ(a))Δθ − Eq. (56)| ≤ 0", Math.Abs(q * sq - eq56), 0, Tolerance.Heuristic(err * sq, "Richardson estimate of the central difference").Plus(Tolerance.FromRounding(64, Math.Abs(eq56) + Math.Abs(q * sq), "|Eq. 56|"))))
            .WithObservation("a", a).WithObservation("quotient", q);
    }
}
