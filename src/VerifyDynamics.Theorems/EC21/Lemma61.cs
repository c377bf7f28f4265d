using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 61 (App. I.12.8, L1565–1628): for θ(t′) on the GF from the balanced θ_s (S5) and ‖θ_ε − θ(t′)‖ ≤ ε (ε ≤ 1/(2n)):
/// (i) ‖w_{n:1,ε} − w_{n:1}(t′)‖ ≤ (‖w_{n:1}(t′)‖^{1/n} + ε)^n − ‖w_{n:1}(t′)‖; (ii) ‖∇φ(w_{n:1,ε})‖ ≤ ‖∇φ(w_{n:1}(t′))‖ + 2nε;
/// (iii) for every non-empty J ⊆ [n], ∏_{j∈J}‖W_{j,ε}‖_F ≤ (‖w_{n:1}(t′)‖ + 2nε)^{|J|/n}.
/// Formalisation note: the proof uses of θ(t′) only that it is balanced (Du et al., preserved along GF) and ‖w_{n:1}(t′)‖ ≤ 1
/// (Lemma 46 via Lemma 43); the check samples such points directly: Procedure-13 balanced rank-one θ with ‖w‖ log-uniform in
/// [0.01, 0.99] and ν ∈ [−0.99, 1], ε log-uniform in [1e−3, 1]·1/(2n), and a perturbation stored in the instance: uniform in the
/// ε-ball, on the sphere, or (every third trial) the per-layer radial one W_j ← W_j(1 + ε/(√n‖W_j‖)) that makes (i) nearly tight.
/// All 2^n − 1 subsets J. Tolerance: rounding γ_{16nd}·scale of the products and norms.
/// </summary>
public static class Lemma61
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma61"),
        Source = Ec21.Source("Lemma 61 (App. I.12.8)", "L1565–1628"),
        Kind = StatementKind.Lemma,
        Title = "end-to-end, gradient and layer-norm bounds in the ε-ball around the flow",
        Text = "Let t′ ≥ 0 and ‖θ_ε − θ(t′)‖ ≤ ε. Then (i) ‖w_{n:1,ε} − w_{n:1}(t′)‖ ≤ (‖w_{n:1}(t′)‖^{1/n} + ε)^n − ‖w_{n:1}(t′)‖; (ii) ‖∇φ(w_{n:1,ε})‖ ≤ ‖∇φ(w_{n:1}(t′))‖ + 2nε; (iii) for any non-empty J ⊆ [n], ∏_{j∈J}‖W_{j,ε}‖_F ≤ (‖w_{n:1}(t′)‖ + 2nε)^{|J|/n}.",
        FormalisationNote = "Balanced rank-one θ with ‖w‖ < 1 (what the proof uses of θ(t′)), ε ≤ 1/(2n), random/sphere/radial perturbations; all non-empty J.",
        Fidelity = Fidelity.Full("on a superset of the hypothesis set: any balanced rank-one θ with ‖w‖ ≤ 1 (all the proof uses of a point θ(t′) of the flow), ε ≤ 1/(2n)"),
        Hypotheses = new Hypotheses("n ∈ 2..4, d_0 ∈ {2, 3}, hidden 1..3, balanced θ (Procedure 13) with ‖w‖ ∈ [0.01, 0.99], ν ∈ [−0.99, 1]; ε ∈ [1e−3, 1]/(2n); ball/sphere/radial perturbation", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, false),
        DefaultTrials = 32,
        Variants =
        [
            Variant.Mutant("ProductExponentJ", "(iii) with exponent |J| instead of |J|/n: refuted (‖W_j‖ = ‖w‖^{1/n} ≫ ‖w‖ + 2nε for small ε)", s => s.WithConclusion((x, k, p) => Conclude(x, true)), trials: 6),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        int n = r.NextInt(2, 4);
        var x = S5.Generate(r, n, r.LogUniform(0.01, 0.99), r.Uniform(-0.99, 1));
        double eps = r.LogUniform(1e-3, 1) / (2 * n);
        var theta = ParameterLayout.Flatten(x.Weights);
        double[] delta;
        int mode = ctx.Index % 3;
        if (mode == 2)
        {
            var net = x.Network;
            delta = ParameterLayout.Flatten(net.Weights.Select(w => w * (eps / (Math.Sqrt(n) * w.FrobeniusNorm()))).ToList());
        }
        else
        {
            var g = Enumerable.Range(0, theta.Length).Select(_ => r.NextGaussian()).ToArray();
            double radius = mode == 0 ? eps * Math.Pow(r.NextDouble(), 1.0 / theta.Length) : eps;
            delta = g.Select(v => v * radius / VectorOps.Norm(g)).ToArray();
        }
        return x.WithScalar("eps", eps).WithMatrix("delta", Matrix<double>.Build.Dense(delta.Length, 1, delta));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        int n = net.Depth;
        double w = net.EndToEnd().FrobeniusNorm(), eps = x.Scalar("eps");
        double gap = n == 1 ? 0 : Enumerable.Range(1, n - 1).Max(j => net.GramDifference(j).FrobeniusNorm());
        return HypothesesCheck.All(
            (x.Dims[^1] == 1, "d_n = 1"),
            (gap <= Tolerance.Gamma(64) * (1 + w), "θ(t′) balanced (preserved along GF)"),
            (w <= 1, "‖w_{n:1}(t′)‖ ≤ 1 (Lemma 46)"),
            (eps > 0 && eps <= 1.0 / (2 * n) * (1 + 1e-15), "ε ∈ (0, 1/(2n)]"),
            (VectorOps.Norm(x.Matrix("delta").Column(0).ToArray()) <= eps * (1 + 1e-12), "‖θ_ε − θ(t′)‖ ≤ ε"));
    }

    private static MarginSet Conclude(Instance x, bool exponentJ)
    {
        var net = x.Network;
        int n = net.Depth;
        var dims = net.Dims;
        double eps = x.Scalar("eps");
        var lambda = x.RequireTarget.Row(0).ToArray();
        var theta = ParameterLayout.Flatten(x.Weights);
        var pert = new DeepLinearNetwork(ParameterLayout.Unflatten(VectorOps.AddScaled(theta, 1, x.Matrix("delta").Column(0).ToArray()), dims));
        var w = net.EndToEnd().Row(0).ToArray();
        var we = pert.EndToEnd().Row(0).ToArray();
        double nw = VectorOps.Norm(w);
        var round = Tolerance.FromRounding(16 * n * dims.Max(), 1, "products of norms ≤ 1 + ε");
        var margins = new List<Margin>
        {
            Margin.AtMost("(i) ‖w_ε − w‖ ≤ (‖w‖^{1/n} + ε)^n − ‖w‖", VectorOps.Distance(we, w), Math.Pow(Math.Pow(nw, 1.0 / n) + eps, n) - nw, round),
            // Both sides share ‖∇φ(w)‖: the bound's own size is the slack 2nε it allows (utilization (‖∇φ(w_ε)‖ − ‖∇φ(w)‖)/(2nε)).
            Margin.Bound("(ii) ‖∇φ(w_ε)‖ ≤ ‖∇φ(w)‖ + 2nε", VectorOps.Distance(w, lambda) + 2 * n * eps - VectorOps.Distance(we, lambda), 2 * n * eps, round),
        };
        var norms = pert.Weights.Select(q => q.FrobeniusNorm()).ToArray();
        var subsets = new List<Margin>();
        for (int mask = 1; mask < 1 << n; mask++)
        {
            int size = System.Numerics.BitOperations.PopCount((uint)mask);
            double prod = 1;
            for (int j = 0; j < n; j++)
            {
                if ((mask & (1 << j)) != 0)
                {
                    prod *= norms[j];
                }
            }
            double rhs = Math.Pow(nw + 2 * n * eps, exponentJ ? size : (double)size / n);
            // At ε → 0 both sides tend to ‖w‖^{|J|/n} (balanced θ): the bound's own size is the slack rhs − ‖w‖^{|J|/n} it allows.
            subsets.Add(Margin.Bound($"J = {Convert.ToString(mask, 2)}", rhs - prod, rhs - Math.Pow(nw, exponentJ ? size : (double)size / n), round));
        }
        margins.Add(UFlowChecks.Worst("(iii) ∏_{j∈J}‖W_{j,ε}‖ ≤ (‖w‖ + 2nε)^{|J|/n}", subsets));
        return new MarginSet(margins);
    }
}
