using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 5 (Sec. 4, L212–215; = Prop. 40, App. D, via Lemma 39): for widths n_ℓ ≥ min(n_0, n_L) and p = 2/L,
/// min_θ C(A_θ) + λ‖θ‖² = min_A C(A) + λL‖A‖_p^p.
/// Formalisation note: on the exact whitened instance C(A) = ‖A − B‖² the right side is Σ_i min_τ f_i(τ) (von Neumann);
/// checks: (1) Lemma 39's inequality λ‖θ‖² ≥ λL‖A_θ‖_p^p at random θ of any scale (so LHS ≥ RHS); (2) attainment: the balanced
/// factorization Ψ(A*) of the right side's minimizer A*, included into the width and rotated, has C^NN(Ψ(A*)) = RHS; (3) the
/// rank-restricted minimum Σ_{i≤w} min f_i + Σ_{i&gt;w} b_i² (what a width-w network can reach) equals RHS — this is where the
/// width hypothesis enters. The scalar AM-GM obligation is in the obligation bank (another engineer).
/// </summary>
public static class Prop5
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop5"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 5 (Sec. 4); Proposition 40 and Lemma 39 (App. D)", "L212–215, L1068–1076"),
        Kind = StatementKind.Proposition,
        Title = "L2 on parameters equals λL‖A‖_{2/L}^{2/L} on the matrix",
        Text = "For widths ≥ min(n_0, n_L): min_θ C(A_θ) + λ‖θ‖² = min_A C(A) + λL‖A‖_{2/L}^{2/L}.",
        FormalisationNote = "Whitened C(A) = ‖A − B‖², L ∈ {2..4}, n ∈ {1..4}, w ∈ {n..5}, λ ∈ [1e−2, 1]. Tolerances γ_n·scale of the SVDs and roots.",
        Constants =
        [
            new NamedConstant("pDenominator", R(2), "p = pDenominator/L … written as p = 2/L (paper); the mutant p = 1/L sets 1"),
            new NamedConstant("lambdaFactor", R(1), "right side uses (lambdaFactor·L)·λ (paper: 1)"),
        ],
        Fidelity = Fidelity.Restricted("whitened costs C(A) = ‖A − B‖² (where both minima are explicit), L ≤ 4, n ≤ 4 — Prop 5 is stated for any cost"),
        Hypotheses = new Hypotheses("whitened B Gaussian (n×n), depth, width ≥ n, λ, random θ of scale 10^{[−3,1]}", ctx => Generate(ctx, narrow: false), Validate),
        Conclusion = Conclude,
        DefaultTrials = 16,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "PEqualsOneOverL", "p = 1/L: Lemma 39's inequality fails at small-norm θ", new NamedConstant("pDenominator", R(2), ""), R(1)),
            Variant.Mutant("LambdaInsteadOfLambdaL", "right side C(A) + λ‖A‖_p^p: attainment at Ψ(A*) fails",
                s => s.WithConstantDefault("lambdaFactor", Rational.Of(1, 3)).WithGenerator("depth ≥ 3 (so λL ≠ λ noticeably)", ctx => Generate(ctx, narrow: false, minDepth: 3))),
            Variant.Mutant("DropWidthHypothesis", "w = 1 < min(n_0, n_L) (B = diag(3, 2) rotated, λ = 0.05): the width-1 minimum 4.2975 ≠ 0.495",
                s => s.WithHypotheses("w = 1, B = diag(3,2), λ = 0.05", ctx => WhitenedL2.Build("narrow", ctx.Rng, [3, 2], 2, 2, 1, 0.05, 0b11).WithScalar("thetaScale", 1), (x, k) => HypothesesCheck.Ok)),
        ],
    };

    private static Instance Generate(TrialContext ctx, bool narrow, int minDepth = 2)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(1, 4), depth = rng.NextInt(minDepth, 4), width = rng.NextInt(n, 5);
        var b = Enumerable.Range(0, n).Select(_ => rng.LogUniform(0.05, 4)).OrderByDescending(v => v).ToArray();
        return WhitenedL2.Build("whitened", rng, b, n, depth, width, rng.LogUniform(1e-2, 1), (1 << n) - 1).WithScalar("thetaScale", rng.LogUniform(1e-3, 10));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        int n = x.Matrix("B").RowCount;
        return HypothesesCheck.All((x.Scalar("width") >= n, "widths ≥ min(n_0, n_L)"), (x.Scalar("lambda") > 0, "λ > 0"));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision p)
    {
        var b = x.Matrix("B");
        int depth = (int)x.Scalar("depth"), width = (int)x.Scalar("width");
        double lambda = x.Scalar("lambda");
        double pExp = k.D("pDenominator") / depth;
        double lamR = k.D("lambdaFactor") * lambda * depth;
        var cost = new FrobeniusDistance(b);
        var net = DeepLinearCost.Rectangular(cost, depth, width, lambda);
        var rng = new Rng(new Core.Randomness.Seed((ulong)x.Scalar("rotationSeed")));
        var sv = b.Svd(false).S.ToArray();
        double scale = sv.Sum(v => v * v) + 1;
        int ops = 64 * (b.RowCount + width) * depth;
        // (1) Lemma 39 at a random θ.
        var theta = SequentialBuild.Vector(net.ParameterCount, _ => x.Scalar("thetaScale") * rng.NextGaussian() / Math.Sqrt(width));
        double normSq = theta.L2Norm() * theta.L2Norm();
        double quasi = SchattenQuasinorm.PowerP(net.EndToEnd(theta), pExp);
        var m1 = Rounding("λ‖θ‖² − λL‖A_θ‖_p^p (Lemma 39)", lambda * normSq - lamR * quasi, ops, lambda * Math.Max(normSq, depth * quasi), "λ·max side");
        // Right side: decoupled scalar minima with the constants of this run.
        double rhs = sv.Sum(bi => WhitenedL2.ScalarMinimum(bi, lamR / depth, depth));
        var aStar = WhitenedL2.Candidate(b, Enumerable.Range(0, sv.Length).Where(i => WhitenedL2.F(WhitenedL2.LargestRoot(sv[i], lamR / depth, depth) ?? 0, sv[i], lamR / depth, depth) < sv[i] * sv[i]), lamR / depth, depth);
        var margins = new List<Margin> { m1 };
        if (SchattenQuasinorm.Rank(aStar, 1e-12) <= width)
        {
            var psi = net.ToVector(BalancedFactorization(aStar, depth, width, rng, 1e-12));
            double lhsAtPsi = net.Value(psi);
            margins.Add(RoundingDeviation("C^NN(Ψ(A*)) = RHS (attainment)", -Math.Abs(lhsAtPsi - rhs), ops, scale, "‖B‖² + 1"));
        }
        // (3) the minimum over width-w networks: best rank-w truncation of the decoupled problem.
        double restricted = sv.Select((bi, i) => i < width ? WhitenedL2.ScalarMinimum(bi, lamR / depth, depth) : bi * bi).Sum();
        margins.Add(Rounding("RHS − min over width-w networks (= 0 when w ≥ rank)", rhs - restricted, ops, scale, "‖B‖² + 1"));
        return new MarginSet(margins).WithObservation("rhs", rhs).WithObservation("restricted_lhs", restricted);
    }
}
