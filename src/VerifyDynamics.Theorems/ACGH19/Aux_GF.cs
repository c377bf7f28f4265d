using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19, unnumbered (Sec. 3.2.2, Eqs. (10)–(11), idealized proof of Lemma 1, L141–169): under gradient flow from a
/// 0-balanced initialization, d/dτ L¹(W_{1:N}(τ)) ≤ −σ_min(W_{1:N}(τ))^{2(N−1)/N}‖dL¹/dW‖_F² (no ½).
/// Formalisation note: checked exactly at 0-balanced states (no ODE solver): by the chain rule and Eq. (14) the
/// instantaneous rate is −⟨G, Σ_j W_{j+1:N}W_{j+1:N}ᵀ G W_{1:j−1}ᵀW_{1:j−1}⟩ = −Σ_j ‖∂L^N/∂W_j‖_F² (a sum of squares: no
/// cancellation). States: Procedure 1 layers of an arbitrary end-to-end matrix and arbitrary Φ (balancedness is preserved by
/// gradient flow, so every state of a balanced flow is such a state), plus TIGHT states where equality holds: d_0 = d_N + 1,
/// G = g·u_min nᵀ with u_min the weakest left singular vector of W and n spanning the null space of W.
/// </summary>
public static class Aux_GF
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Aux.GF"),
        Source = new SourceRef(Papers.ACGH19, "Sec. 3.2.2, Eqs. (10)–(11) (unnumbered)", "L141–169"),
        Kind = StatementKind.Unnumbered,
        Title = "gradient-flow descent rate",
        Text = "For 0-balanced weights, the gradient-flow rate −d/dτ L¹(W_{1:N}) is at least σ_min(W_{1:N})^{2(N−1)/N}‖dL¹/dW‖_F².",
        FormalisationNote = "Rate = Σ_j‖W_{j+1:N}ᵀ G W_{1:j−1}ᵀ‖_F² (exact identity at any state). Odd trials: Procedure 1 layers (N ∈ 1..4, widths ≤ 3, "
            + "hidden ≥ min{d_0, d_N}) of a Gaussian end-to-end matrix, Gaussian Φ. Even trials: tight states (d_N ∈ {1, 2}, d_0 = d_N + 1, scale "
            + "a ∈ [0.2, 5]; for d_N = 1 also the catalog's Φ = a(1, 0), w = a cos θ(cos θ, sin θ)), where the margin is 0. Tolerance "
            + "γ_n·(rate + bound)·(N + 1) with n = 8(N + 1)·d_max: rounding of the products, of Procedure 1's balancedness (~u) and of the SVD.",
        Fidelity = Fidelity.Full("the rate inequality at 0-balanced states (Procedure 1) and at tight states where it is an equality; N ≤ 4, widths ≤ 3"),
        Hypotheses = new Hypotheses(
            "Procedure 1 (0-balanced) states with arbitrary Φ; tight states with G ⟂ row space of W along the weakest direction",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, (s, n) => Math.Pow(s, 2.0 * (n - 1) / n)),
        DefaultTrials = 24,
        Variants =
        [
            Variant.Mutant("ExponentTwo", "σ_min² instead of σ_min^{2(N−1)/N}: refuted by tight states with σ_min > 1 (scaling)",
                s => s.WithConclusion((x, k, p) => Conclude(x, (sv, n) => sv * sv))),
            Variant.Mutant("SigmaMax", "σ_max in place of σ_min: refuted by tight states with d_N = 2 (distinct singular values)",
                s => s.WithConclusion((x, k, p) => Conclude(x, (sv, n) => Math.Pow(sv, 2.0 * (n - 1) / n), sigmaMax: true))),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(1, 4);
        if (ctx.Index % 2 == 1)
        {
            int d0 = rng.NextInt(1, 3), dn = rng.NextInt(1, 3);
            int m = Math.Min(d0, dn);
            int[] dims = [d0, .. Enumerable.Range(0, n - 1).Select(_ => rng.NextInt(m, 3)), dn];
            var net = BalancedInitialization.Create(dims, rng.GaussianMatrix(dn, d0));
            return Instance.ForNetwork("proc1", net, rng.GaussianMatrix(dn, d0));
        }
        double a = rng.LogUniform(0.2, 5);
        if (ctx.Index % 4 == 0)
        {
            // The catalog's tight instance of Lemma 1.
            double theta = rng.Uniform(0.1, 0.35);
            var phi1 = Matrix<double>.Build.DenseOfArray(new[,] { { a, 0.0 } });
            var w1 = Matrix<double>.Build.DenseOfArray(new[,] { { a * Math.Cos(theta) * Math.Cos(theta), a * Math.Cos(theta) * Math.Sin(theta) } });
            return Instance.ForNetwork("tight-lemma1", BalancedInitialization.Create([2, .. Enumerable.Repeat(1, n)], w1), phi1);
        }
        int dN = rng.NextInt(1, 2), dIn = dN + 1;
        var u = rng.HaarOrthogonal(dN);
        var vFull = rng.HaarOrthogonal(dIn);
        var v = vFull.SubMatrix(0, dIn, 0, dN);
        var nullVector = vFull.SubMatrix(0, dIn, dN, 1);
        var sv = Enumerable.Range(0, dN).Select(_ => a * rng.Uniform(0.3, 1)).OrderByDescending(z => z).ToArray();
        var w = u * Matrix<double>.Build.DenseOfDiagonalArray(sv) * v.Transpose();
        var g = rng.Uniform(0.1, 1) * a * u.SubMatrix(0, dN, dN - 1, 1) * nullVector.Transpose();
        int[] widths = [dIn, .. Enumerable.Range(0, n - 1).Select(_ => rng.NextInt(dN, 3)), dN];
        return Instance.ForNetwork("tight", BalancedInitialization.Create(widths, w), w - g);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        double scale = net.Weights.Max(w => w.FrobeniusNorm() * w.FrobeniusNorm());
        // 0-balanced up to the rounding of Procedure 1 (the SVD and the N-th roots): γ_n·max_j‖W_j‖_F².
        double slack = Tolerance.Gamma(8 * (net.Depth + 1) * net.Dims.Max()) * scale;
        return HypothesesCheck.All(
            (phi.RowCount == net.Dims[^1] && phi.ColumnCount == net.Dims[0], "Φ is d_N × d_0"),
            (net.BalancednessGap() <= slack, "0-balanced (Def. 1 with δ = 0, up to rounding)"));
    }

    private static MarginSet Conclude(Instance x, Func<double, int, double> power, bool sigmaMax = false)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int n = net.Depth;
        var w = net.EndToEnd();
        var g = w - phi;
        double rate = net.Gradients(phi).Sum(gj => gj.FrobeniusNorm() * gj.FrobeniusNorm());
        var sv = MatrixMeasures.SingularValues(w);
        double sigma = sv.Length == 0 ? 0 : sigmaMax ? sv[0] : sv[^1];
        double gF = g.FrobeniusNorm();
        double bound = power(sigma, n) * gF * gF;
        int ops = 8 * (n + 1) * net.Dims.Max();
        var tol = Tolerance.FromRounding(ops, (rate + bound) * (n + 1), "(rate + bound)·(N + 1) (products, Procedure 1 balancedness, SVD)");
        var set = MarginSet.Of(Margin.AtLeast("Σ_j‖∂L/∂W_j‖_F² − σ_min^{2(N−1)/N}‖G‖_F²", rate, bound, tol));
        return bound > 0 ? set.WithObservation("rate / bound", rate / bound) : set;
    }
}
