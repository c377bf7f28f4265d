using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// The check shared by Proposition 46 and its main-text version Proposition 8: the proof's sequence of rank-restricted
/// global minimizers of C^Sch_{p,λ_i}, computed exactly on an under-determined MSE C(A) = ‖(A − B)P‖² (X = √N·P, P an
/// orthogonal projector of rank q, B of rank r; C_min = 0, S_C = {A : AP = BP}, minimal rank k* = r, A_T = BP ∈ S_C*).
/// Exactness: for any A, σ_i(AP) ≤ σ_i(A) and rank AP ≤ rank A, so the restricted minimizer satisfies A = AP and solves
/// min ‖A − BP‖² + λ‖A‖_p^p over rank ≤ r, which decouples over the singular triplets (b_i, u_i, v_i) of BP (von Neumann):
/// A = Σ_{i≤r} s_i u_iv_iᵀ, s_i = argmin_{s≥0} (s − b_i)² + λs^p; with p = 2/L and s = τ^L this is the scalar problem of
/// <see cref="WhitenedL2"/> at λ/L (roots by bisection).
/// </summary>
internal static class MinimalRankSequence
{
    public static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n0 = rng.NextInt(3, 5), nL = rng.NextInt(2, 4), r = rng.NextInt(1, 2), q = rng.NextInt(r + 1, n0);
        var qm = rng.Stiefel(n0, q);
        var proj = qm * qm.Transpose();
        var b = rng.GaussianMatrix(nL, r) * rng.GaussianMatrix(r, n0);
        var x = Math.Sqrt(n0) * proj;
        var cost = new MeanSquaredError(x, b * x);
        return new Instance { Family = q == n0 ? "whitened-low-rank" : "projected-underdetermined" }.WithCost(cost)
            .WithMatrix("AT", b * proj).WithScalar("r", r).WithScalar("depth", rng.NextInt(3, 4))
            .WithScalar("rotationSeed", rng.NextInt(0, int.MaxValue - 1));
    }

    public static HypothesesCheck Validate(Instance x)
    {
        var mse = (MeanSquaredError)Cost(x);
        var at = x.Matrix("AT");
        int r = (int)x.Scalar("r");
        double scale = at.FrobeniusNorm();
        return HypothesesCheck.All(
            ((int)x.Scalar("depth") >= 3, "p = 2/L < 1"),
            (mse.Value(at) <= Tolerance.Gamma(256) * scale * scale, "A_T ∈ S_C (C(A_T) = C_min = 0)"),
            (SchattenQuasinorm.Rank(at, 1e-9 * scale) == r, "rank A_T = r"),
            (SchattenQuasinorm.Rank(mse.SigmaXX, 1e-9) >= r, "minimal rank of S_C is r (rank P ≥ r)"));
    }

    /// <summary>The restricted global minimizer of C^Sch_{p,λ} on {rank ≤ rank}: Σ_{i&lt;rank} s_i u_iv_iᵀ (see the class summary).</summary>
    public static Matrix<double> RestrictedMinimizer(Matrix<double> at, int rank, double lambdaSch, int depth)
    {
        var svd = at.Svd(computeVectors: true);
        var a = Matrix<double>.Build.Dense(at.RowCount, at.ColumnCount);
        for (int i = 0; i < rank && i < svd.S.Count; i++)
        {
            double b = svd.S[i], lam = lambdaSch / depth;
            var tau = WhitenedL2.LargestRoot(b, lam, depth);
            if (tau is double t && WhitenedL2.F(t, b, lam, depth) < b * b)
            {
                a += Math.Pow(t, depth) * svd.U.Column(i).OuterProduct(svd.VT.Row(i));
            }
        }
        return a;
    }

    /// <summary>Which sequence is built: the proof's (restricted rank k*), a rank below k* (mutant), or B_k = 0 (mutant).</summary>
    public enum Sequence
    {
        Proof,
        RankBelowMinimal,
        Zero,
    }

    /// <summary>
    /// Margins along λ_1 &gt; … &gt; λ_K: the proof's inequalities C(B_i) − C_min ≤ λ_i‖A_T‖_p^p and ‖B_i‖_p^p ≤ ‖A_T‖_p^p; B_i is a
    /// local minimum of the unrestricted C^Sch (Lemma 45), cross-checked through its balanced factorization Ψ(B_i) with the
    /// Morse–Bott test of C^NN_{L,λ_i/L} (Prop 5/7 correspondence) for λ_i ≥ 1e−4, where the Hessian gap (∝ λ) is resolvable;
    /// the distances ‖B_i − A_T‖ are non-increasing; the last term has rank k* and B_K = B_KP.
    /// </summary>
    public static MarginSet Conclude(Instance x, double[] lambdas, Sequence sequence)
    {
        var mse = (MeanSquaredError)Cost(x);
        var at = x.Matrix("AT");
        int r = (int)x.Scalar("r"), depth = (int)x.Scalar("depth"), width = r + 1;
        double p = 2.0 / depth;
        double scale = at.FrobeniusNorm();
        double atP = SchattenQuasinorm.PowerP(at, p);
        var margins = new List<Margin>();
        var rng = new Rng(new Seed((ulong)x.Scalar("rotationSeed")));
        double prevDist = double.PositiveInfinity;
        Matrix<double>? last = null;
        int ops = 64 * (at.RowCount + at.ColumnCount) * depth;
        for (int i = 0; i < lambdas.Length; i++)
        {
            double lam = lambdas[i];
            var bi = sequence switch
            {
                Sequence.Zero => Matrix<double>.Build.Dense(at.RowCount, at.ColumnCount),
                Sequence.RankBelowMinimal => RestrictedMinimizer(at, r - 1, lam, depth),
                _ => RestrictedMinimizer(at, r, lam, depth),
            };
            last = bi;
            string tag = $"λ = {lam:G3}";
            double c = mse.Excess(bi);
            double biP = SchattenQuasinorm.PowerP(bi, p);
            margins.Add(Rounding($"λ‖A_T‖_p^p − (C(B) − C_min), {tag}", lam * atP - c, ops, scale * scale + lam * atP, "‖A_T‖² + λ‖A_T‖_p^p"));
            margins.Add(Rounding($"‖A_T‖_p^p − ‖B‖_p^p, {tag}", atP - biP, ops, atP, "‖A_T‖_p^p"));
            if (lam >= 1e-4)
            {
                int rank = SchattenQuasinorm.Rank(bi, 1e-9 * scale);
                var net = DeepLinearCost.Rectangular(mse, depth, width, lam / depth);
                var theta = net.ToVector(BalancedFactorization(bi, depth, width, rng, 1e-9 * scale));
                foreach (var m in WhitenedL2.LocalMinimumMargins(net, theta, rank, width, Math.Max(scale, 1)))
                {
                    margins.Add(m with { Name = $"{m.Name} (B local min via Ψ(B)), {tag}" });
                }
            }
            double dist = (bi - at).FrobeniusNorm();
            margins.Add(Rounding($"‖B_prev − A_T‖ − ‖B − A_T‖ (distances non-increasing), {tag}", prevDist == double.PositiveInfinity ? 0 : prevDist - dist, ops, scale, "‖A_T‖"));
            prevDist = dist;
        }
        var lastB = last!;
        double lamK = lambdas[^1];
        // The limit lies in S_C* = S_C ∩ {rank = k*}: C(B_i) ≤ λ_i‖A_T‖_p^p → 0 (checked per i) puts it in the closed set S_C;
        // its rank is k* (rank is lower semicontinuous and B_K has rank ≤ k* by construction; = k* is checked at λ_K).
        int lastRank = SchattenQuasinorm.Rank(lastB, 1e-9 * scale);
        margins.Add(Margin.Deviation("rank B_K = k* (the limit has minimal rank)", lastRank == r ? 0 : 1, r, Tolerance.Heuristic(0, "rank_τ of a floating-point minimizer")));
        margins.Add(RoundingDeviation("‖B_K(I − P) ‖ = 0 (B_K = B_KP)", -(lastB - lastB * mse.SigmaXX).FrobeniusNorm(), ops, scale, "‖A_T‖"));
        return new MarginSet(margins).WithObservation("‖B_K − A_T‖_F", (lastB - at).FrobeniusNorm()).WithObservation("C(B_K)", mse.Excess(lastB))
            .WithObservation("λ_K", lamK).WithObservation("‖A_T‖_p^p", atP);
    }
}
