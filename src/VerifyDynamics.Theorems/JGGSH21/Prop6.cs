using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 6 (Sec. 4, L227; = Prop. 42, App. D.1): L = 2, λ &gt; 0, C convex, n_1 ≥ min(n_0, n_2): every critical
/// point of C(W_2W_1) + λ‖θ‖² is a strict saddle or a global minimum, and a global minimum's A_θ* minimizes C + 2λ‖A‖_*.
/// Formalisation note: complete enumeration on the whitened family C(A) = ‖A − B‖² with distinct b_i (derived): the critical
/// points are the balanced factorizations (rotated) of A_I = Σ_{i∈I}(b_i − λ)u_iv_iᵀ, I ⊆ {i : b_i &gt; λ}; I* = all of them
/// is the global minimum. Each trial picks one I. Non-global: λ_min(∇²) ≤ −2(max_{j∈I*∖I} b_j − λ) (proof fact (c)); global:
/// Morse–Bott local-min test and Lemma 41's certificate ‖∇C(A)‖_op ≤ 2λ, Tr[∇C(A)ᵀA] = −2λ‖A‖_*.
/// </summary>
public static class Prop6
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop6"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 6 (Sec. 4); Proposition 42 (App. D.1)", "L227, L1116–1156"),
        Kind = StatementKind.Proposition,
        Title = "shallow L2-regularized DLNs: strict saddles or global minima",
        Text = "L = 2, λ > 0, C convex: every critical point of C^NN_{2,λ} is a strict saddle or a global minimum, and then A_θ* minimizes C + 2λ‖A‖_*.",
        FormalisationNote = "n ∈ {2,3}, w ∈ {n, n+1}, b_i distinct in (λ, 4], λ ∈ [0.05, 0.5]; one subset I per trial (even trials: I*). Dense "
            + "Hessian (P ≤ 24) with exact HVPs; eigen tolerance max(1e−7, γ_P·P)·‖H‖.",
        Errata = ["Proof fact (d) prints ∇C(A) = +2λUVᵀ in the full-rank case; the sign is −2λUVᵀ (catalog)."],
        Constants = [new NamedConstant("nuclearFactor", R(2), "A_θ* minimizes C + nuclearFactor·λ‖A‖_* (paper: 2)")],
        Fidelity = Fidelity.Restricted("whitened costs with distinct singular values, n ≤ 3; the critical points of the subset construction"),
        Hypotheses = new Hypotheses("whitened B with distinct singular values above λ; subset I", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, k, allGlobal: false),
        DefaultTrials = 16,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "NuclearWeightLambda", "A_θ* minimizes C + λ‖A‖_* (λ instead of 2λ): Lemma 41's criterion fails",
                new NamedConstant("nuclearFactor", R(2), ""), R(1)),
            Variant.Mutant("AllCriticalPointsGlobal", "every critical point is a global minimum: refuted by θ = 0 (λ_min = 2λ − 2b_1 < 0)",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, allGlobal: true))),
            Variant.Mutant("DropWidthHypothesis", "n_1 = 1 < min(n_0, n_2): the width-1 minimizer (B = diag(3,2), λ = 0.05) has ‖∇C(A)‖_op = 4 > 2λ",
                s => s.WithHypotheses("w = 1, B = diag(3, 2), λ = 0.05, I = {1}", ctx => WhitenedL2.Build("narrow", ctx.Rng, [3, 2], 2, 2, 1, 0.05, 0b01), (x, k) => HypothesesCheck.Ok)
                      .WithConclusion((x, k, p) => Conclude(x, k, allGlobal: false, forceGlobal: true))),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(2, 3);
        double lambda = rng.Uniform(0.05, 0.5);
        var b = Enumerable.Range(0, n).Select(i => lambda + 0.3 + (n - i) * rng.Uniform(0.4, 1.2)).ToArray();
        int all = (1 << n) - 1;
        int mask = ctx.Index % 2 == 0 ? all : rng.NextInt(0, all - 1);
        return WhitenedL2.Build("whitened", rng, b, n, 2, rng.NextInt(n, n + 1), lambda, mask);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var sv = x.Matrix("B").Svd(false).S.ToArray();
        double lambda = x.Scalar("lambda");
        return HypothesesCheck.All((x.Scalar("depth") == 2, "L = 2"), (lambda > 0, "λ > 0"),
            (x.Scalar("width") >= sv.Length, "n_1 ≥ min(n_0, n_2)"),
            (sv.Zip(sv.Skip(1)).All(t => t.First - t.Second > 1e-3), "distinct singular values (enumeration is complete)"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, bool allGlobal, bool forceGlobal = false)
    {
        var b = x.Matrix("B");
        int width = (int)x.Scalar("width");
        double lambda = x.Scalar("lambda");
        var svd = b.Svd(true);
        var sv = svd.S.ToArray();
        var kept = WhitenedL2.Kept(x).Where(i => sv[i] > lambda).ToArray();
        var a = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(b.RowCount, b.ColumnCount);
        foreach (int i in kept)
        {
            a += (sv[i] - lambda) * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
        }
        var net = DeepLinearCost.Rectangular(new FrobeniusDistance(b), 2, width, lambda);
        var rng = new Rng(new Seed((ulong)x.Scalar("rotationSeed")));
        var theta = net.ToVector(BalancedFactorization(a, 2, width, rng, 1e-12));
        double scale = sv.Sum() + 1;
        var missing = Enumerable.Range(0, sv.Length).Where(i => sv[i] > lambda && !kept.Contains(i)).ToArray();
        bool global = forceGlobal || missing.Length == 0;
        var margins = new List<Margin>();
        var mb = MorseBottTest(net, theta, kept.Length, width);
        margins.Add(Margin.Deviation("−‖∇C^NN(θ_I)‖ (critical point)", mb.GradientNorm, scale, Tolerance.FromRounding(16 * net.ParameterCount, scale * scale, "scale²")));
        var eigTol = Tolerance.Heuristic(mb.KernelThreshold, "eigensolver threshold max(1e−7, γ_P·P)·‖H‖");
        if (global || allGlobal)
        {
            margins.Add(Margin.Bound("λ_min(∇²) ≥ 0 (global minimum is a local minimum)", mb.MinEigenvalue, scale, eigTol));
            var grad = 2 * (a - b);
            double op = MatrixNorms(grad);
            double factor = k.D("nuclearFactor");
            margins.Add(Rounding("Lemma 41: factor·λ − ‖∇C(A)‖_op", factor * lambda - op, 64 * b.RowCount, scale, "scale"));
            if (!allGlobal)
            {
                double trace = grad.PointwiseMultiply(a).Enumerate().Sum();
                margins.Add(RoundingDeviation("Lemma 41: −|Tr[∇Cᵀ A] + factor·λ‖A‖_*|", -Math.Abs(trace + factor * lambda * SchattenQuasinorm.Nuclear(a)), 64 * b.RowCount, scale * scale, "scale²"));
            }
        }
        else
        {
            double predicted = -2 * (missing.Max(j => sv[j]) - lambda);
            margins.Add(Margin.Bound("strict saddle: −2(max_{j∉I} b_j − λ) − λ_min(∇²)", predicted - mb.MinEigenvalue, scale, eigTol));
        }
        return new MarginSet(margins).WithObservation("lambda_min", mb.MinEigenvalue).WithObservation("kernel", mb.KernelDimension).WithObservation("orbit", mb.OrbitDimension);
    }

    private static double MatrixNorms(MathNet.Numerics.LinearAlgebra.Matrix<double> m) => m.Svd(false).S.Maximum();
}
