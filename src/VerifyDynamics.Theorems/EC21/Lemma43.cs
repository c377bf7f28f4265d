using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 43 (App. I.12.3, L1348–1366): for all t ≥ 0, w_{n:1}(ξ(t)) = u(t) with ξ(t) := ∫_0^t ‖u(t′)‖^{−(1−2/n)}dt′, u the
/// solution of (59) and w_{n:1} the end-to-end vector of the gradient flow from the balanced θ_s.
/// Formalisation note: end to end: the u-IVP augmented by ξ′ = ‖u‖^{−(1−2/n)} (validated DOP853) on u-time [0, 4], and the full GF of
/// all layers (validated DOP853) on [0, ξ(4)]; compared at u-times 1, 2, 3, 4. Tolerance: δ_u (u-run) + the GF error propagated to
/// W_{n:1} (n(M + δ_θ)^{n−1}δ_θ) + ‖h(w)‖·δ_ξ (the time-change error moves w along the flow; ‖h(w)‖ ≤ n‖w‖^{2−2/n}‖w − λ‖) + rounding.
/// </summary>
public static class Lemma43
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma43"),
        Source = Ec21.Source("Lemma 43 (App. I.12.3)", "L1348–1366"),
        Kind = StatementKind.Lemma,
        Title = "u is a time-reparameterization of the end-to-end trajectory",
        Text = "For all t ≥ 0: w_{n:1}(ξ(t)) = u(t), where ξ(t) := ∫_0^t ‖u(t′)‖^{−(1−2/n)}dt′.",
        FormalisationNote = "Validated DOP853: u-IVP (59) + ξ on [0, 4] vs the full GF of all layers at ξ(t), t ∈ {1, 2, 3, 4}.",
        Fidelity = Fidelity.Restricted("u-time t ≤ 4 (compared at t = 1, 2, 3, 4) on S5 balanced instances n ∈ 2..4"),
        Hypotheses = new Hypotheses("as Prop. 14 (S5, balanced Procedure-13 init): n ∈ 2..4, r ∈ {0.2, 0.1}, ν ∈ {0.5, 0, −0.5, −0.9}", Prop14.Generate, Prop14.Validate),
        Conclusion = (x, k, p) => Conclude(x, p, 0),
        DefaultTrials = 4,
        Variants =
        [
            Variant.Mutant("TimeChangeExponent", "ξ′ = ‖u‖^{−(1−1/n)} instead of ‖u‖^{−(1−2/n)}: refuted (w is read at the wrong time)", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1)), trials: 2),
        ],
    };

    internal static (UFlowChecks.Trajectory? U, Core.Dynamics.ValidatedOdeSolution? Gf) Solve(Instance x, Precision p, double uHorizon, double xiShift)
    {
        int n = x.Network.Depth;
        var lambda = x.RequireTarget.Row(0).ToArray();
        var u0 = S5.EndToEnd(x, ParameterLayout.Flatten(x.Weights));
        var uSolved = UFlowChecks.SolveU(n, u0, lambda, uHorizon, UFlowChecks.RtolFor(p), 1 - 2.0 / n + xiShift);
        if (!uSolved.Succeeded || !double.IsFinite(uSolved.MaxDeviation))
        {
            return (null, null);
        }
        var tr = new UFlowChecks.Trajectory(uSolved, n, lambda);
        var gf = S5.Flow(x, tr.Xi(uHorizon) * (1 + 1e-9) + 1e-9, p == Precision.Confirm ? 1e-11 : 1e-9);
        return (tr, gf.Succeeded && double.IsFinite(gf.MaxDeviation) ? gf : null);
    }

    /// <summary>‖w_{n:1}(s) − target‖-type comparisons need w at GF time s and its error bound δ_w.</summary>
    internal static (double[] W, double DeltaW) EndToEndAt(Instance x, Core.Dynamics.ValidatedOdeSolution gf, double s)
    {
        int n = x.Network.Depth;
        var theta = gf.Reference.Evaluate(s);
        var net = new DeepLinearNetwork(ParameterLayout.Unflatten(theta, x.Network.Dims));
        double dTheta = 2 * Math.Sqrt(theta.Length) * gf.MaxDeviation;
        double m = net.Weights.Max(q => q.FrobeniusNorm());
        double dW = n * Math.Pow(m + dTheta, n - 1) * dTheta + Tolerance.Gamma(16 * n * x.Network.Dims.Max()) * Math.Pow(m, n);
        return (net.EndToEnd().Row(0).ToArray(), dW);
    }

    private static MarginSet Conclude(Instance x, Precision p, double xiShift)
    {
        var (tr, gf) = Solve(x, p, 4, xiShift);
        if (tr is null || gf is null)
        {
            return MarginSet.Of(Margin.Uncomputable("u-IVP and GF solved"));
        }
        int n = tr.N;
        var margins = new List<Margin>();
        foreach (double t in new[] { 1.0, 2, 3, 4 })
        {
            double s = tr.Xi(t);
            var (w, dW) = EndToEndAt(x, gf, s);
            double hNorm = n * Math.Pow(VectorOps.Norm(w) + dW, 2 - 2.0 / n) * (VectorOps.Distance(w, tr.Lambda) + dW);
            var tol = Tolerance.ValidatedEstimate(tr.DeltaU + dW, "δ_u + δ_w (GF error through W_{n:1})").Plus(Tolerance.ValidatedEstimate(hNorm * tr.DeltaXi, "‖h(w)‖·δ_ξ")).Plus(Tolerance.FromRounding(32, 1, "‖w‖ < 1"));
            margins.Add(Margin.Deviation($"‖w_{{n:1}}(ξ(t)) − u(t)‖ at t = {t}", VectorOps.Distance(w, tr.U(t)), 1, tol));
        }
        return new MarginSet(margins).WithObservation("ξ(4)", tr.Xi(4));
    }
}
