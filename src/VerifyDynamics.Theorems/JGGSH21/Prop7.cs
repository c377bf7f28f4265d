using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 7 (Sec. 4, L233–237; = Prop. 44, App. D.2): C convex, L &gt; 2, λ &gt; 0, p = 2/L: local minima of
/// C^NN_{L,λ} ↔ local minima of C^Sch_{p,λL}; (⇐) a rank-k local minimum A* = USVᵀ of C^Sch lifts to the local minima
/// θ* = R I^{(k→w)}(US^{1/L}, S^{1/L}, …, S^{1/L}VᵀS) of C^NN; every local minimum is balanced (‖θ*‖² = L‖A‖_p^p).
/// Formalisation note: constructive (⇐) check on the catalog's whitened instances (B = diag(3,2,1), λ = 0.2, L = 3;
/// diag(2, 1.9, 1), λ = 0.05, L = 4; diag(1.5, 1.45, 0.6), λ = 0.1, L = 3; randomly rotated): the prefix sets I = {1..k}
/// give the Schatten local minima A* = Σ_{i≤k} τ_i^L u_iv_iᵀ (τ_i the largest root); the lifted θ* must pass the robust
/// Morse–Bott test (gradient ≈ 0, Hessian kernel dimension = rotation-orbit dimension, the rest positive), be balanced,
/// and satisfy the first-order Schatten conditions Uᵀ∇C(A)V = −λLp S^{p−1}, (I − UUᵀ)∇C(A)V = 0.
/// </summary>
public static class Prop7
{
    private static readonly (double[] B, double Lambda, int Depth)[] Cases =
    [
        ([3, 2, 1], 0.2, 3),
        ([2, 1.9, 1], 0.05, 4),
        ([1.5, 1.45, 0.6], 0.1, 3),
    ];

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop7"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 7 (Sec. 4); Proposition 44 (App. D.2)", "L233–237, L1166–1176"),
        Kind = StatementKind.Proposition,
        Title = "local minima of C^NN_{L,λ} ↔ local minima of C^Sch_{2/L,λL}",
        Text = "For L > 2, λ > 0, convex C: θ* local min of C + λ‖θ‖² ⇒ A_θ* local min of C + λL‖A‖_{2/L}^{2/L}; conversely balanced rotated inclusions of Schatten local minima are local minima.",
        FormalisationNote = "Width w = 4, n = 3; one (case, k) per trial. Morse–Bott kernel threshold max(1e−7, γ_P·P)·‖H‖; d_orb = (L−1)[w(w−1)/2 − (w−k)(w−k−1)/2]. "
            + "(⇒) from gradient descent is exercised by the jggsh21-l2-minima experiment (Fig 3), not here.",
        Constants = [new NamedConstant("rootExponentDenominator", R(1), "θ* uses S^{1/(L·this)} (paper: 1, i.e. S^{1/L})")],
        Fidelity = Fidelity.Restricted("the catalog's whitened cases, w = 4, n = 3, prefix-set critical points"),
        Hypotheses = new Hypotheses("catalog whitened cases, prefix set I = {1..k}, k ∈ {0..3}, Haar rotation", ctx => Generate(ctx, prefix: true), Validate),
        Conclusion = (x, k, p) => Conclude(x, k, Mode.Standard),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("LocalImpliesGlobal", "(⇒) with \"global\" instead of \"local\": the rank-1 local minimum (cost 6.23 > 2.71) refutes it",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, Mode.Global))),
            Variant.ConstantChanged(VariantRole.Mutant, "PEqualsOneOverL", "construction with S^{1/(2L)} (p = 1/L): A_θ* ≠ A*", new NamedConstant("rootExponentDenominator", R(1), ""), R(2)),
            Variant.Mutant("UnbalancedFactorization", "any (unbalanced) factorization of a Schatten local min is a local min: the gradient does not vanish",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, Mode.Unbalanced))),
            Variant.Mutant("EverySubsetIsLocalMin", "every subset I gives a local minimum: I = {2} is a saddle",
                s => s.WithHypotheses("non-prefix sets I = {2}, {3}, {2,3}", ctx => Generate(ctx, prefix: false), (x, k) => HypothesesCheck.Ok)),
        ],
    };

    private enum Mode { Standard, Global, Unbalanced }

    private static Instance Generate(TrialContext ctx, bool prefix)
    {
        var rng = ctx.Rng;
        var (b, lambda, depth) = Cases[ctx.Index % Cases.Length];
        int mask = prefix ? (1 << rng.NextInt(0, 3)) - 1 : rng.Pick([0b010, 0b100, 0b110]);
        return WhitenedL2.Build(prefix ? "prefix" : "non-prefix", rng, b, 3, depth, 4, lambda, mask);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var kept = WhitenedL2.Kept(x).ToArray();
        return HypothesesCheck.All((x.Scalar("depth") > 2, "L > 2"), (x.Scalar("lambda") > 0, "λ > 0"),
            (kept.Select((v, i) => v == i).All(t => t), "I is a prefix {1..k} (the Schatten local minima of this family)"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Mode mode)
    {
        var b = x.Matrix("B");
        int depth = (int)x.Scalar("depth"), width = (int)x.Scalar("width");
        double lambda = x.Scalar("lambda");
        var kept = WhitenedL2.Kept(x).ToArray();
        var aStar = WhitenedL2.Candidate(b, kept, lambda, depth);
        var net = DeepLinearCost.Rectangular(new FrobeniusDistance(b), depth, width, lambda);
        var rng = new Rng(new Seed((ulong)x.Scalar("rotationSeed")));
        var layers = BalancedFactorization(aStar, depth, width, rng, 1e-12, depth * k.D("rootExponentDenominator"));
        if (mode == Mode.Unbalanced)
        {
            layers[0] *= 2;
            layers[^1] *= 0.5;
        }
        var theta = net.ToVector(layers);
        double scale = b.FrobeniusNorm() + 1;
        int ops = 64 * depth * width;
        var margins = new List<Margin>
        {
            RoundingDeviation("−‖A_θ* − A*‖", -(net.EndToEnd(theta) - aStar).FrobeniusNorm(), ops, scale, "‖B‖ + 1"),
        };
        margins.AddRange(WhitenedL2.LocalMinimumMargins(net, theta, kept.Length, width, scale));
        double p = 2.0 / depth;
        double normSq = theta.L2Norm() * theta.L2Norm();
        margins.Add(RoundingDeviation("‖θ*‖² = L‖A*‖_p^p (balanced)", -Math.Abs(normSq - depth * SchattenQuasinorm.PowerP(aStar, p, 1e-12)), ops, scale * scale, "scale²"));
        if (kept.Length > 0)
        {
            var svd = aStar.Svd(true);
            var u = svd.U.SubMatrix(0, b.RowCount, 0, kept.Length);
            var v = svd.VT.Transpose().SubMatrix(0, b.ColumnCount, 0, kept.Length);
            var grad = 2 * (aStar - b);
            var inner = u.TransposeThisAndMultiply(grad) * v;
            var target = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfDiagonalArray([.. svd.S.Take(kept.Length).Select(s => -lambda * depth * p * Math.Pow(s, p - 1))]);
            margins.Add(RoundingDeviation("−‖Uᵀ∇C(A)V + λLp S^{p−1}‖ (Schatten first order)", -(inner - target).FrobeniusNorm(), ops, scale, "scale"));
            margins.Add(RoundingDeviation("−‖(I − UUᵀ)∇C(A)V‖", -(grad * v - u * inner).FrobeniusNorm(), ops, scale, "scale"));
        }
        if (mode == Mode.Global)
        {
            var globalA = WhitenedL2.Candidate(b, [0, 1, 2], lambda, depth);
            var globalTheta = net.ToVector(BalancedFactorization(globalA, depth, width, null, 1e-12));
            margins.Add(Rounding("C^NN(θ*) ≤ C^NN(global)", net.Value(globalTheta) - net.Value(theta), ops, scale * scale, "scale²"));
        }
        return new MarginSet(margins).WithObservation("cost", net.Value(theta)).WithObservation("rank", kept.Length);
    }
}
