using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 11 (App B.1, L363–394): if C satisfies β-PL on the ball B(x_0, r), r = √((2/β)(C(x_0) − C_min)), the
/// gradient flow γ(t) from x_0 converges to a global minimizer x* ∈ B(x_0, r), and for all t ≥ 0:
/// C(γ(t)) − C_min ≤ (C(x_0) − C_min)e^{−2βt} and ‖γ(t) − x*‖ ≤ r e^{−βt}.
/// Formalisation note: C = matrix-completion loss with distinct observed entries (β = 2/N; both bounds are EQUALITIES
/// there — sharp) or a rank-deficient MSE (β = 2s_min⁺(X)²/N; PL, not strongly convex). The flow is integrated (DOP853,
/// two tolerances) together with its path length ∫‖γ̇‖; x* is the exact limit of the linear flow (MC: A_0 off Ω, A* on
/// Ω; MSE: A_0(I − P) + A_LS·P, P the projector onto range X). Margins at t_j = (j/6)·3/β: both rates, the ball
/// r − ‖γ(t) − x_0‖, and the proof's path-length bound r − √((2/β)(C(γ(t)) − C_min)) − length(t). C − C_min is formed as
/// ½⟨Δ, ∇²C Δ⟩ with Δ = γ(t) − x* (exact for quadratics, no cancellation). Tolerances: ODE error ε_t through the
/// Lipschitz constants (cost: ‖∇C‖ε + ‖∇²C‖ε²/2; √ excess: min(δ/(2√c), √δ)) plus γ_n rounding.
/// </summary>
public static class Prop11
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop11"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 11 (App B.1)", "L363–394"),
        Kind = StatementKind.Proposition,
        Title = "PL in a ball implies linear convergence inside the ball",
        Text = "If C is β-PL on the ball B(x_0, r) with r = √((2/β)(C(x_0) − C_min)), then the gradient flow from x_0 converges to a global minimizer x* ∈ B(x_0, r), and for all t ≥ 0, C(γ(t)) − C_min ≤ (C(x_0) − C_min)e^{−2βt} and ‖γ(t) − x*‖ ≤ r e^{−βt}.",
        FormalisationNote = "MC n×m (n, m ∈ 2..4, distinct entries, rank-≤3 teacher) on even trials; MSE n_0 ∈ 2..4, n_L ∈ 1..3, X of rank < n_0 with singular values √N·[1/2, 3/2] on odd trials. The printed glued display is split into the two bounds.",
        Constants =
        [
            new NamedConstant("costRate", R(2), "cost bound (C(x_0) − C_min)e^{−costRate·βt} (paper: 2)"),
            new NamedConstant("distanceRate", R(1), "distance bound r e^{−distanceRate·βt} (paper: 1)"),
        ],
        Fidelity = Fidelity.Restricted("MC with distinct entries and rank-deficient MSE costs, flows compared up to t = 3/β"),
        Hypotheses = new Hypotheses("MC with distinct entries (sharp) or rank-deficient MSE; x_0 Gaussian", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 8,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "FasterCostRate", "cost ≤ (C(x_0) − C_min)e^{−(5/2)βt}: refuted on MC (equality case)", new NamedConstant("costRate", R(2), ""), R(5, 2), trials: 4),
            Variant.ConstantChanged(VariantRole.Mutant, "FasterDistanceRate", "‖γ(t) − x*‖ ≤ r e^{−(3/2)βt}: refuted on MC (equality case)", new NamedConstant("distanceRate", R(1), ""), R(3, 2), trials: 4),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        IMatrixCost cost;
        if (ctx.Index % 2 == 0)
        {
            int n = rng.NextInt(2, 4), m = rng.NextInt(2, 4);
            cost = RandomCompletion(rng, n, m, rng.NextInt(2, n * m), allowRepeats: false);
        }
        else
        {
            int n0 = rng.NextInt(2, 4), nL = rng.NextInt(1, 3), rank = rng.NextInt(1, n0 - 1), samples = rng.NextInt(rank, 6);
            var u = rng.Stiefel(n0, rank);
            var v = rng.Stiefel(samples, rank);
            var s = Matrix<double>.Build.DenseOfDiagonalArray([.. Enumerable.Range(0, rank).Select(_ => Math.Sqrt(samples) * rng.Uniform(0.5, 1.5))]);
            cost = new MeanSquaredError(u * s * v.Transpose(), rng.GaussianMatrix(nL, samples));
        }
        return new Instance { Family = ctx.Index % 2 == 0 ? "mc-distinct" : "mse-rank-deficient" }.WithCost(cost)
            .WithMatrix("A0", rng.GaussianMatrix(cost.Rows, cost.Columns));
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var cost = Cost(x);
        bool distinct = cost is not MatrixCompletion mc || mc.Multiplicity.Enumerate().All(c => c <= 1);
        return HypothesesCheck.All((cost is MatrixCompletion or MeanSquaredError, "quadratic PL cost (MC or MSE)"), (distinct, "MC entries distinct (β = 2/N)"), (Beta(cost) > 0, "β > 0"));
    }

    private static double Beta(IMatrixCost cost) => cost switch
    {
        MatrixCompletion mc => mc.PolyakLojasiewiczConstant(),
        MeanSquaredError mse => mse.PolyakLojasiewiczConstant(),
        _ => double.NaN,
    };

    /// <summary>The exact limit of the (linear) gradient flow from A_0: the minimizer nearest to A_0.</summary>
    private static Matrix<double> Limit(IMatrixCost cost, Matrix<double> a0)
    {
        if (cost is MatrixCompletion mc)
        {
            return a0 + mc.Mask.PointwiseMultiply(mc.Teacher - a0);
        }
        var mse = (MeanSquaredError)cost;
        var pinv = mse.SigmaXX.PseudoInverse();
        var proj = mse.SigmaXX * pinv;
        return a0 - a0 * proj + mse.SigmaYX * pinv;
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var cost = Cost(x);
        var a0 = x.Matrix("A0");
        double beta = Beta(cost);
        var aStar = Limit(cost, a0);
        int rows = a0.RowCount, cols = a0.ColumnCount, n = rows * cols;
        double Excess(Matrix<double> a)
        {
            var d = a - aStar;
            return 0.5 * EscapeNumerics.Inner(d, cost.HessianVectorProduct(aStar, d));
        }
        double c0 = Excess(a0);
        double r = Math.Sqrt(2 / beta * c0);
        // ‖∇²C‖_op bounds the Lipschitz constant of ∇C: 2λ_max(Σ_xx) (MSE) or 2·max multiplicity/N (MC).
        double hessNorm = cost is MeanSquaredError m ? 2 * m.SigmaXX.L2Norm() : 2.0 / ((MatrixCompletion)cost).SampleCount;
        double[] times = [.. Enumerable.Range(1, 6).Select(j => j / 6.0 * 3 / beta)];
        var state0 = new double[n + 1];
        for (int i = 0; i < n; i++)
        {
            state0[i] = a0[i / cols, i % cols];
        }
        double[] Rhs(double t, double[] s)
        {
            var a = Matrix<double>.Build.Dense(rows, cols, (i, j) => s[i * cols + j]);
            var g = cost.Gradient(a);
            var ds = new double[n + 1];
            for (int i = 0; i < n; i++)
            {
                ds[i] = -g[i / cols, i % cols];
            }
            ds[n] = g.FrobeniusNorm();
            return ds;
        }
        var sol = EscapeNumerics.SolveFlow(Rhs, state0, times, precision);
        if (sol is null)
        {
            return MarginSet.Of(Margin.Uncomputable("flow integration"));
        }
        var margins = new List<Margin>();
        double cr = k.D("costRate"), dr = k.D("distanceRate");
        double ops = 64 * (n + rows + cols);
        for (int j = 0; j < times.Length; j++)
        {
            double t = times[j], err = sol.ErrorBounds[j];
            var at = Matrix<double>.Build.Dense(rows, cols, (i, c) => sol.States[j][i * cols + c]);
            double ct = Excess(at), length = sol.States[j][n];
            double gradNorm = cost.Gradient(at).FrobeniusNorm();
            double dc = gradNorm * err + 0.5 * hessNorm * err * err + Tolerance.Gamma((int)ops) * (c0 + ct);
            var costTol = Tolerance.ValidatedEstimate(dc, "ODE error ε through ‖∇C‖ε + ‖∇²C‖ε²/2, + γ rounding");
            var distTol = Tolerance.ValidatedEstimate(err + Tolerance.Gamma((int)ops) * r, "ODE error ε + γ rounding");
            double sqrtTerm = Math.Sqrt(2 / beta * ct);
            double sqrtErr = Math.Sqrt(2 / beta) * Math.Min(ct > 0 ? dc / (2 * Math.Sqrt(ct)) : double.PositiveInfinity, Math.Sqrt(dc));
            margins.Add(Margin.Bound($"(C_0 − C_min)e^{{−2βt}} − (C(γ(t)) − C_min), t = {j + 1}/6·3/β", c0 * Math.Exp(-cr * beta * t) - ct, c0, costTol));
            margins.Add(Margin.Bound($"r e^{{−βt}} − ‖γ(t) − x*‖, t = {j + 1}/6·3/β", r * Math.Exp(-dr * beta * t) - (at - aStar).FrobeniusNorm(), r, distTol));
            margins.Add(Margin.Bound($"r − ‖γ(t) − x_0‖ (stays in the ball), t = {j + 1}/6·3/β", r - (at - a0).FrobeniusNorm(), r, distTol));
            margins.Add(Margin.Bound($"r − √((2/β)(C − C_min)) − length(t), t = {j + 1}/6·3/β", r - sqrtTerm - length, r, distTol.Plus(Tolerance.ValidatedEstimate(sqrtErr, "√-excess error min(δ/(2√c), √δ)"))));
        }
        margins.Add(Margin.Bound("r − ‖x* − x_0‖ (x* ∈ B(x_0, r))", r - (aStar - a0).FrobeniusNorm(), r, Tolerance.FromRounding((int)ops, r, "r")));
        return new MarginSet(margins).WithObservation("beta", beta).WithObservation("r", r);
    }
}
