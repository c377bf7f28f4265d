using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 22 (App. C, L570; proof App. I.16, Eqs. 85–86): for weight-sharing networks, if n ≥ 3 and some θ has
/// Σ_i∇ℓ(0, y_i)ᵀh_θ(x_i) ≠ 0, then inf over θ where ∇²f exists of λ_min(∇²f(θ)) = −∞.
/// Formalisation note: the proof's construction on weight vectors (as EC21.Prop10): θ with S := (1/|S|)Σ_i∇ℓ(0,y_i)ᵀh_θ(x_i)
/// &lt; 0 (w_n's sign flipped otherwise), θ(a) = (w_1a^{−2}, w_2a^{−2}, w_3a, w_4, …), Δθ = (w_1, w_2, 0, …); positive
/// rescalings keep the activation pattern, so the exact frozen-mask HVP of Core's conv network is the Hessian there. For
/// c ∈ {1, 10, 100}, a is doubled from 1 until the Rayleigh quotient ≤ −c (≤ 40 doublings); margins: quotient ≤ −c and
/// the identity (86) (= Eq. 56 on conv nets) against the HVP value.
/// </summary>
public static class Prop22
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop22"),
        Source = Ec21.Source("Proposition 22 (App. C); proof App. I.16", "L570–575"),
        Kind = StatementKind.Proposition,
        Title = "unbounded negative curvature for conv nets",
        Text = "If n ≥ 3 and some θ has Σ_i∇ℓ(0,y_i)ᵀh_θ(x_i) ≠ 0, inf λ_min(∇²f) = −∞ for weight-sharing nets.",
        FormalisationNote = "Rescaling construction of the proof on conv weight vectors, a doubled until the Rayleigh quotient (exact HVP) ≤ −c; Eq. (86) checked at that a.",
        Checkability = Checkability.Construction,
        Fidelity = Fidelity.Restricted("the proof's rescaling construction on conv nets for c ∈ {1, 10, 100}: a Rayleigh quotient ≤ −c is exhibited, the infimum −∞ itself is a limit"),
        Hypotheses = new Hypotheses("conv nets, n ∈ {3, 4}, 4 activation kinds, square or logistic loss, c ∈ {1, 10, 100}", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("NoNonDegeneracy", "assumption (ii) dropped: with x_i = 0 the loss is constant", s => s.WithHypotheses("x_i = 0",
                ctx => Generate(ctx) is var g ? g.WithMatrix("X", Matrix<double>.Build.Dense(g.Matrix("X").RowCount, g.Matrix("X").ColumnCount)) : g,
                (x, k) => HypothesesCheck.All(((int)x.Scalar("n") >= 3, "n ≥ 3"))), trials: 2),
        ],
    };

    internal static Instance Generate(TrialContext ctx) =>
        ConvInstances.Random(ctx.Rng, ctx.Index, ctx.Rng.NextInt(3, 4), ctx.Index % 2 == 1).WithScalar("c", ctx.Rng.Pick([1.0, 10.0, 100.0]));

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = ConvInstances.Network(x);
        var theta = ConvInstances.Theta(x);
        return HypothesesCheck.All((net.Depth >= 3, "n ≥ 3"), (ConvInstances.NonDegeneracy(net, theta) != 0, "Σ∇ℓ(0,y_i)ᵀh_θ(x_i) ≠ 0"),
            (net.RegionMargin(theta) > 0, "θ in a region (no pre-activation exactly 0)"));
    }

    /// <summary>θ (sign-fixed so that S &lt; 0), θ(a) and Δθ of the proof.</summary>
    internal static (double[] Theta, double[] ThetaA, double[] Delta) Construct(HomogeneousNetwork net, double[] theta0, double a)
    {
        int n = net.Depth;
        var theta = ConvInstances.NonDegeneracy(net, theta0) > 0 ? ConvRescaling.Scale(net, theta0, [.. Enumerable.Range(1, n).Select(j => j == n ? -1.0 : 1.0)]) : theta0;
        var scaled = ConvRescaling.Scale(net, theta, [.. Enumerable.Range(1, n).Select(j => j <= 2 ? 1 / (a * a) : j == 3 ? a : 1)]);
        var delta = ConvRescaling.Scale(net, theta, [.. Enumerable.Range(1, n).Select(j => j <= 2 ? 1.0 : 0)]);
        return (theta, scaled, delta);
    }

    internal static (double Quotient, double Error, double A) Search(HomogeneousNetwork net, double[] theta0, double c)
    {
        return Ec21.DoubleScaleUntilCurvature(c, a =>
        {
            var (_, thetaA, delta) = Construct(net, theta0, a);
            var (v, e) = ConvInstances.QuadraticForm(net, thetaA, delta);
            return (v, e, delta);
        });
    }

    private static MarginSet Conclude(Instance x)
    {
        double c = x.Scalar("c");
        var net = ConvInstances.Network(x);
        var (q, err, a) = Search(net, ConvInstances.Theta(x), c);
        // Eq. (86) at the final a: (4/a²)(1/|S|)Σ∇²ℓ_i(a)[h_θ(x_i)] + 2a(1/|S|)Σ∇ℓ_i(a)ᵀh_θ(x_i), h_θ for the sign-fixed θ.
        var (theta, thetaA, delta) = Construct(net, ConvInstances.Theta(x), a);
        var h = net.Output(theta);
        var outA = net.Output(thetaA);
        var lg = net.Loss.Gradient(outA, net.Y);
        var lh = net.Loss.HessianApply(outA, net.Y, h);
        double hess = h.PointwiseMultiply(lh).Enumerate().Sum(), grad = h.PointwiseMultiply(lg).Enumerate().Sum();
        double eq86 = (4 / (a * a) * hess + 2 * a * grad) / net.Samples;
        double sq = VectorOps.Norm(delta) * VectorOps.Norm(delta);
        return MarginSet.Of(
            Ec21.AtMost("Rayleigh quotient ≤ −c", q, -c, Tolerance.Heuristic(err, "HVP rounding estimate relative to the computed |q| + ‖HΔ‖‖Δ‖ (no proof)")),
            Ec21.AtMost("|Δθᵀ∇²f(θ(a))Δθ − Eq. (86)| ≤ 0", Math.Abs(q * sq - eq86), 0, Tolerance.Heuristic(err * sq, "HVP rounding estimate (no proof)").Plus(Tolerance.FromRounding(64 * net.Depth * net.Dims.Max(), Math.Abs(eq86) + Math.Abs(q * sq) + 4 / (a * a) * Math.Abs(hess) / net.Samples + 2 * a * Math.Abs(grad) / net.Samples, "|Eq. 86| terms"))))
            .WithObservation("a", a).WithObservation("quotient", q);
    }
}
