using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 37 (App. I.12.2, L1256–1290): the gradient flow trajectory (S5, balanced θ_s) is defined over infinite time. Proof:
/// balancedness (58) is preserved, so ‖W_j(t)‖_F = ‖w_{n:1}(t)‖^{1/n} for all j and ‖w‖² = ‖W_n‖_F^{2n}; f is non-increasing, so
/// ‖w(t) − λ‖ ≤ ‖w(0) − λ‖ and ‖θ(t)‖² = n‖w(t)‖^{2/n} ≤ n(‖w(0)‖ + 2‖λ‖)^{2/n}.
/// Formalisation note: infinite time is not finitely checkable; checked is the proof's boundedness argument along the validated
/// DOP853 full GF on [0, 20] (the run must succeed) at 16 times: ‖W_j‖_F = ‖w‖^{1/n} ∀j, ‖θ‖² = n‖w‖^{2/n}, the a-priori bound,
/// and ‖w(t) − λ‖ ≤ ‖w(0) − λ‖. Tolerance: the GF error δ_θ = 2√d·(deviation of the rtol vs rtol/100 runs) propagated
/// (‖ΔW_{n:1}‖ ≤ n(M + δ_θ)^{n−1}δ_θ, M = max_j‖W_j‖; ‖w‖^{1/n} via its derivative at the smaller value) + rounding of the
/// Procedure-13 balancedness.
/// </summary>
public static class Lemma37
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma37"),
        Source = Ec21.Source("Lemma 37 (App. I.12.2)", "L1256–1290"),
        Kind = StatementKind.Lemma,
        Title = "gradient flow is defined over infinite time",
        Text = "The trajectory of gradient flow is defined over infinite time. (Proof: ‖W_j(t)‖_F² = ‖w_{n:1}(t)‖^{2/n} for all j and ‖θ(t)‖² = n‖w_{n:1}(t)‖^{2/n} ≤ n(‖w_{n:1}(0)‖ + 2‖λ_yx‖)^{2/n}.)",
        FormalisationNote = "Proof's boundedness argument along the validated DOP853 full GF on [0, 20], 16 times; infinite time itself is not finitely checkable.",
        Fidelity = Fidelity.Substitute("infinite-time existence is not finitely checkable: checked instead is the proof's boundedness argument (balancedness identities, ‖θ(t)‖² ≤ n(‖w(0)‖ + 2‖λ‖)^{2/n}, f non-increasing) along the validated GF on [0, 20]"),
        Hypotheses = new Hypotheses("as Prop. 14 (S5, balanced Procedure-13 init): n ∈ 2..4, r ∈ {0.2, 0.1}, ν ∈ {0.5, 0, −0.5, −0.9}", Prop14.Generate, Prop14.Validate),
        Conclusion = (x, k, p) => Conclude(x, p, 2),
        DefaultTrials = 4,
        Variants =
        [
            Variant.Mutant("BoundWithoutLambda", "‖θ(t)‖² ≤ n‖w(0)‖^{2/n} (the 2‖λ‖ dropped): refuted, w(t) grows towards λ", s => s.WithGenerator("n = 3, r = 0.2, ν = 0.5", ctx => S5.Generate(ctx.Rng, 3, 0.2, 0.5)).WithConclusion((x, k, p) => Conclude(x, p, 0)), trials: 1),
            Variant.Mutant("Unbalanced", "balancedness dropped (W_1 doubled, W_n halved: same W_{n:1}): ‖W_j‖ ≠ ‖w‖^{1/n}",
                s => s.WithHypotheses("Procedure-13 init with W_1 ← 2W_1, W_n ← W_n/2", ctx =>
                {
                    var x = Prop14.Generate(ctx);
                    var ws = x.Network.Weights.Select(w => w.Clone()).ToArray();
                    ws[0] *= 2;
                    ws[^1] /= 2;
                    return x.WithNetwork(new DeepLinearNetwork(ws));
                }, (x, k) => HypothesesCheck.All((x.Dims[^1] == 1, "d_n = 1"))), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double twoLambda)
    {
        const double horizon = 20;
        var solved = S5.Flow(x, horizon, p == Precision.Confirm ? 1e-11 : 1e-9);
        if (!solved.Succeeded)
        {
            return MarginSet.Of(Margin.Uncomputable("GF solved on [0, 20]"));
        }
        var dims = x.Network.Dims;
        int n = x.Network.Depth;
        var lambda = x.RequireTarget.Row(0).ToArray();
        var theta0 = ParameterLayout.Flatten(x.Weights);
        double dTheta = 2 * Math.Sqrt(theta0.Length) * solved.MaxDeviation;
        double w0 = VectorOps.Norm(S5.EndToEnd(x, theta0)), dist0 = VectorOps.Distance(S5.EndToEnd(x, theta0), lambda);
        double cap = n * Math.Pow(w0 + twoLambda, 2.0 / n);
        var layer = new List<Margin>();
        var total = new List<Margin>();
        var bound = new List<Margin>();
        var mono = new List<Margin>();
        foreach (double t in UFlowChecks.Trajectory.Grid(0, horizon, 15))
        {
            var theta = solved.Reference.Evaluate(t);
            var net = new DeepLinearNetwork(ParameterLayout.Unflatten(theta, dims));
            var w = net.EndToEnd().Row(0).ToArray();
            double nw = VectorOps.Norm(w), nt = VectorOps.Norm(theta);
            double m = net.Weights.Max(q => q.FrobeniusNorm());
            double dW = n * Math.Pow(m + dTheta, n - 1) * dTheta + Tolerance.Gamma(16 * n * dims.Max()) * Math.Pow(m, n);
            double root = Math.Pow(nw, 1.0 / n);
            double dRoot = Math.Pow(Math.Max(nw - dW, nw / 2), 1.0 / n - 1) / n * dW;
            // Procedure 13 balances up to rounding: the identities then hold up to γ·scale.
            var balanceTol = Tolerance.FromRounding(64 * dims.Max(), Math.Max(m, root), "Procedure-13 rounding, norms");
            foreach (var (q, j) in net.Weights.Select((q, j) => (q, j + 1)))
            {
                layer.Add(Margin.Deviation($"j = {j}, t = {t:G3}", Math.Abs(q.FrobeniusNorm() - root), root, Tolerance.ValidatedEstimate(dTheta + dRoot, "δ_θ + δ(‖w‖^{1/n})").Plus(balanceTol)));
            }
            total.Add(Margin.Deviation($"t = {t:G3}", Math.Abs(nt * nt - n * root * root), nt * nt,
                Tolerance.ValidatedEstimate(2 * nt * dTheta + dTheta * dTheta + 2 * n * (root + dRoot) * dRoot, "δ(‖θ‖²) + δ(n‖w‖^{2/n})").Plus(balanceTol.Scaled(2 * n * Math.Max(m, root), "squares"))));
            bound.Add(Margin.AtMost($"t = {t:G3}", nt * nt, cap, Tolerance.ValidatedEstimate(2 * nt * dTheta + dTheta * dTheta, "δ(‖θ‖²)").Plus(Tolerance.FromRounding(32, cap, "bound"))));
            // At t = 0 this is ‖w(0) − λ‖ ≤ ‖w(0) − λ‖, an equality by definition: not a measure of the bound.
            if (t > 0)
            {
                mono.Add(Margin.AtMost($"t = {t:G3}", VectorOps.Distance(w, lambda), dist0, Tolerance.ValidatedEstimate(dW, "δ_w").Plus(Tolerance.FromRounding(32, 1 + dist0, "distances"))));
            }
        }
        return MarginSet.Of(
            UFlowChecks.Worst("‖W_j(t)‖_F = ‖w(t)‖^{1/n}", layer),
            UFlowChecks.Worst("‖θ(t)‖² = n‖w(t)‖^{2/n}", total),
            UFlowChecks.Worst("‖θ(t)‖² ≤ n(‖w(0)‖ + 2‖λ‖)^{2/n}", bound),
            UFlowChecks.Worst("‖w(t) − λ‖ ≤ ‖w(0) − λ‖ (f non-increasing)", mono));
    }
}
