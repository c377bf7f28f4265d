using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Appendix C, footnote 27 (L576): ‖W_j(·)‖_op := sup_{w≠0}‖W_j(w)‖_F/‖w‖₂ = √(max_k c_k), c_k the number of entries
/// of W_j(·) tied to coordinate k.
/// Formalisation note: the Gram operator G = PᵀP of the linear map w ↦ vec W_j(w) is assembled column by column through
/// Core's <see cref="LayerMap.ToMatrix"/> and <see cref="LayerMap.AccumulateAdjoint"/> (independent of the counting in
/// <see cref="LayerMap.OperatorNorm"/>); ‖W_j(·)‖_op = √λ_max(G) by a symmetric eigensolver (tolerance γ_{8d+8}‖G‖_F).
/// Margins: |√λ_max(G) − √max c_k| ≤ tol, and ‖W_j(w)‖_F ≤ ‖W_j(·)‖_op‖w‖ at a random w. Maps: circular convolutions
/// and random sparse/shared patterns (random subset of columns per row, injective into the coordinates).
/// </summary>
public static class Fact_OpNorm
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.OpNorm"),
        Source = Ec21.Source("Appendix C, footnote 27", "L576"),
        Kind = StatementKind.Unnumbered,
        Title = "operator norm of a weight-sharing map",
        Text = "‖W_j(·)‖_op = √(max multiplicity of a coordinate).",
        FormalisationNote = "√λ_max of the Gram operator of w ↦ W_j(w) (eigensolver) vs √(max multiplicity); ‖W_j(w)‖_F ≤ ‖W_j(·)‖_op‖w‖ at random w; circular convs and random shared patterns.",
        Fidelity = Fidelity.Full(),
        Hypotheses = new Hypotheses("even trials: circular conv (C_in, C_out ∈ 1..3, L ∈ 1..6, K ≤ L); odd trials: random shared/sparse map (rows, cols ∈ 1..5, d′ ∈ 1..6)",
            Generate, (x, k) => HypothesesCheck.All((Map(x).ParameterCount >= 1, "at least one coordinate"))),
        Conclusion = (x, k, p) => Conclude(x, false),
        DefaultTrials = 40,
        Variants =
        [
            Variant.Mutant("NoSquareRoot", "‖W_j(·)‖_op = max multiplicity (no square root): refuted by any map with a coordinate used twice",
                s => s.WithGenerator("circular conv with L ≥ 2", ctx => WithW(ctx.Rng, Conv(ctx.Rng, 2))).WithConclusion((x, k, p) => Conclude(x, true)), trials: 8),
        ],
    };

    private static Instance Conv(Core.Randomness.Rng r, int minLength)
    {
        int len = r.NextInt(minLength, 6);
        return Instance.OfScalars("circular conv", ("kind", 0), ("Cin", r.NextInt(1, 3)), ("Cout", r.NextInt(1, 3)), ("L", len), ("K", r.NextInt(1, len)));
    }

    private static Instance WithW(Core.Randomness.Rng r, Instance inst) => inst.WithMatrix("w", r.GaussianMatrix(Map(inst).ParameterCount, 1));

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        Instance inst;
        if (ctx.Index % 2 == 0)
        {
            inst = Conv(r, 1);
        }
        else
        {
            int rows = r.NextInt(1, 5), cols = r.NextInt(1, 5), dp = r.NextInt(1, 6);
            var index = new double[rows * cols];
            Array.Fill(index, -1);
            for (int row = 0; row < rows; row++)
            {
                // A random injective map from a random subset of this row's columns into the coordinates.
                var coords = r.RandomOrder(dp);
                // The draws of the earlier LINQ form on the JIT build (OrderBy(_ => r.NextDouble()).Take(NextInt(…))), so the
                // instances and the certificate are unchanged: the count first; then no key for an empty subset, and one key
                // for a one-column row even though a single column has one order.
                int take = r.NextInt(0, Math.Min(cols, dp));
                if (take > 0 && cols == 1)
                {
                    r.NextDouble();
                }
                int[] columns = take == 0 ? [] : r.RandomOrder(cols)[..take];
                for (int t = 0; t < columns.Length; t++)
                {
                    index[row + columns[t] * rows] = coords[t];
                }
            }
            inst = Instance.OfScalars("random shared map", ("kind", 1), ("rows", rows), ("cols", cols), ("dprime", dp))
                .WithMatrix("index", Matrix<double>.Build.Dense(rows, cols, index));
        }
        return WithW(r, inst);
    }

    private static LayerMap Map(Instance x) => x.Scalar("kind") == 0
        ? LayerMap.CircularConvolution((int)x.Scalar("Cin"), (int)x.Scalar("Cout"), (int)x.Scalar("L"), (int)x.Scalar("K"))
        : LayerMap.Shared((int)x.Scalar("rows"), (int)x.Scalar("cols"), [.. x.Matrix("index").ToColumnMajorArray().Select(v => (int)v)], (int)x.Scalar("dprime"));

    private static MarginSet Conclude(Instance x, bool noSqrt)
    {
        var map = Map(x);
        int d = map.ParameterCount;
        var gram = Matrix<double>.Build.Dense(d, d);
        for (int k = 0; k < d; k++)
        {
            var e = new double[d];
            e[k] = 1;
            var col = new double[d];
            map.AccumulateAdjoint(map.ToMatrix(e), col);
            gram.SetColumn(k, col);
        }
        var evd = gram.Evd(Symmetricity.Symmetric);
        double lmax = evd.EigenValues.Select(z => z.Real).Max();
        double eigTol = Tolerance.Gamma(8 * d + 8) * gram.FrobeniusNorm();
        double measured = Math.Sqrt(Math.Max(lmax, 0));
        double claimed = noSqrt ? map.OperatorNorm() * map.OperatorNorm() : map.OperatorNorm();
        // √ is 1/(2√λ)-Lipschitz; λ_max ≥ 1 whenever some coordinate is used, so the eigen error maps to ≤ eigTol/2 (+ eigTol if λ_max = 0).
        var tol = Tolerance.Bound(eigTol + Tolerance.Gamma(4) * Math.Max(measured, claimed), "eigensolver γ_{8d+8}‖G‖_F through √");
        var w = x.Matrix("w").Column(0).ToArray();
        double lhs = map.ToMatrix(w).FrobeniusNorm(), rhs = claimed * VectorOps.Norm(w);
        return MarginSet.Of(
            Ec21.AtMost("|√λ_max(PᵀP) − √max c_k| ≤ 0", Math.Abs(measured - claimed), 0, tol),
            Ec21.AtMost("‖W_j(w)‖_F ≤ ‖W_j(·)‖_op‖w‖", lhs, rhs, Tolerance.FromRounding(2 * map.Rows * map.Columns + 2 * d, Math.Max(lhs, rhs), "norms")))
            .WithObservation("op norm", measured);
    }
}
