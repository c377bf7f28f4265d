using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Procedure 13 (random balanced initialization, Sec. 5, L291): A ∼ P, SVD A = UΣVᵀ, W_n ≃ UΣ^{1/n},
/// W_j ≃ Σ^{1/n} (1 &lt; j &lt; n), W_1 ≃ Σ^{1/n}Vᵀ. Checkable facts: W_{n:1} = A and the weights are balanced (Eq. 19),
/// i.e. the unbalancedness of Def. 30 (max_j ‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_nuclear) is 0.
/// Formalisation note: uses the Core implementation (identical to ACGH19 Procedure 1, top-left zero padding); hidden
/// widths ≥ min{d_0, d_n} (catalog §18-T16: narrower layers would need truncation to rank(A)); P = uniform on the
/// Frobenius ball of radius 0.2 (Cor. 18's example). Tolerance: γ_{16n·d}·scale of the SVD and products.
/// </summary>
public static class Proc13
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Proc13"),
        Source = Ec21.Source("Procedure 13 (Sec. 5)", "L291–300"),
        Kind = StatementKind.Procedure,
        Title = "random balanced initialization",
        Text = "The weights built from the SVD of A satisfy W_{n:1} = A and W_{j+1}ᵀW_{j+1} = W_jW_jᵀ for all j.",
        FormalisationNote = "End-to-end error and Def. 30 unbalancedness (nuclear norm) at random A in the 0.2-ball; hidden widths ≥ min{d_0, d_n}.",
        Fidelity = Fidelity.Full("W_{n:1} = A and balancedness for random A in the 0.2-ball, hidden widths ≥ min{d_0, d_n} (narrower layers leave ≃ undefined without truncation)"),
        Hypotheses = new Hypotheses("n ∈ 2..5, d_0, d_n ∈ 1..4, hidden ∈ [min{d_0,d_n}, 5], A uniform in the Frobenius ball of radius 0.2", ctx => Generate(ctx, false),
            (x, k) => HypothesesCheck.All((x.Dims.Skip(1).Take(x.Dims.Length - 2).All(d => d >= Math.Min(x.Dims[0], x.Dims[^1])), "hidden widths ≥ min{d_0, d_n}"))),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 48,
        Variants =
        [
            Variant.Mutant("AllScaleInLastLayer", "W_n ≃ UΣ and W_j ≃ I-blocks elsewhere (same product, unbalanced): refuted by the balancedness margin", s => s.WithGenerator("Σ in the last layer", ctx => Generate(ctx, true))),
        ],
    };

    internal static double Unbalancedness(DeepLinearNetwork net) =>
        net.Depth == 1 ? 0 : Enumerable.Range(1, net.Depth - 1).Max(j => MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfMatrix(net.GramDifference(j)).Svd(false).S.Sum());

    private static Instance Generate(TrialContext ctx, bool mutant)
    {
        var r = ctx.Rng;
        int n = r.NextInt(2, 5), d0 = r.NextInt(1, 4), dn = r.NextInt(1, 4), m = Math.Min(d0, dn);
        var dims = new[] { d0 }.Concat(Enumerable.Range(1, n - 1).Select(_ => r.NextInt(m, 5))).Append(dn).ToArray();
        var g = r.GaussianMatrix(dn, d0);
        var a = g * (0.2 * Math.Pow(r.NextDouble(), 1.0 / (d0 * dn)) / g.FrobeniusNorm());
        var net = BalancedInitialization.Create(dims, a);
        if (mutant)
        {
            // Move all of Σ into the last layer: W_n ← W_n·W_{n−1}⋯W_1 restricted, other layers ← their balanced "shape" at scale 1.
            var ws = net.Weights.Select(w => w.Clone()).ToArray();
            double c = Math.Pow(2, n - 1);
            ws[0] = ws[0] / c;
            ws[n - 1] = ws[n - 1] * c;
            net = new DeepLinearNetwork(ws);
        }
        return Instance.ForNetwork(mutant ? "unbalanced" : "proc13", net, a);
    }

    private static MarginSet Conclude(Instance x)
    {
        var net = x.Network;
        var a = x.RequireTarget;
        double scale = Math.Max(1, net.Weights.Max(w => w.FrobeniusNorm()));
        int ops = 16 * net.Depth * net.Dims.Max() + 64;
        return MarginSet.Of(
            Ec21.AtMost("‖W_{n:1} − A‖_F ≤ 0", (net.EndToEnd() - a).FrobeniusNorm(), 0, Tolerance.FromRounding(ops, scale, "max‖W_j‖ (SVD and products)")),
            Ec21.AtMost("unbalancedness (Def. 30) ≤ 0", Unbalancedness(net), 0, Tolerance.FromRounding(ops, scale * scale, "max‖W_j‖² (Gram products)")));
    }
}
