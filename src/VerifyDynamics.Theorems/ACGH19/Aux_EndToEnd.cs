using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Sec. 2, Eqs. (2), (3), (5) and the proof of Theorem 1 (L65–75, L173–175; unnumbered): L^N(W_1..W_N) = L^1(W_{1:N});
/// ∂L^1/∂W(W) = W − Φ; ‖∂L^1/∂W(W)‖_F² = 2L^1(W).
/// Formalisation note: each identity is evaluated by two independent routes: L^N by pushing the basis vectors e_i through the
/// layers one matvec at a time (the network as a function), L^1 on W_{1:N} formed left-to-right ((W_NW_{N−1})⋯)W_1 (Core
/// multiplies right-to-left); ∂L^1/∂W by central finite differences of L^1 (exact up to rounding: L^1 is quadratic), and
/// ‖∂L^1/∂W‖² from those FD values against 2L^N from the forward pass. Tolerances: Higham's γ_n|W_N|⋯|W_1| bound for products
/// (<see cref="FiniteDifferences.LossEvaluationError"/>), the FD rounding bound for derivatives.
/// </summary>
public static class Aux_EndToEnd
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Aux.EndToEnd"),
        Source = new SourceRef(Papers.ACGH19, "Sec. 2, Eqs. (2), (3), (5); proof of Thm 1 (unnumbered)", "L65–75, L173–175"),
        Kind = StatementKind.Unnumbered,
        Title = "loss and gradient identities",
        Text = "L^N(W_1..W_N) = L^1(W_{1:N}); ∂L^1/∂W(W) = W − Φ; ‖∂L^1/∂W(W)‖_F² = 2L^1(W).",
        FormalisationNote = "N 1..5, widths 1..5, Gaussian weights (log-uniform scale) and Φ. Two evaluation routes per identity; FD step 2^-6(1 + |w|).",
        Fidelity = Fidelity.Full("the three identities at random networks (N ≤ 5, widths ≤ 5), the gradient by exact-truncation central differences"),
        Hypotheses = new Hypotheses(
            "N 1..5, widths 1..5, W_j Gaussian × log-uniform [0.3, 2], Φ Gaussian × log-uniform [0.1, 10]",
            Generate,
            (x, k) => HypothesesCheck.All((x.HasNetwork && x.Target is { } t && t.RowCount == x.Network.Dims[^1] && t.ColumnCount == x.Network.Dims[0], "Φ is d_N×d_0"))),
        Conclusion = (x, k, p) => Conclude(x, gradientSign: 1, normFactor: 2),
        DefaultTrials = 40,
        Variants =
        [
            Variant.Mutant("GradientSignFlipped", "∂L^1/∂W = Φ − W: refuted by the finite differences",
                s => s.WithConclusion((x, k, p) => Conclude(x, gradientSign: -1, normFactor: 2)), trials: 5),
            Variant.Mutant("DropFactorTwo", "‖∂L^1/∂W‖_F² = L^1(W) (factor 2 dropped): refuted whenever W ≠ Φ",
                s => s.WithConclusion((x, k, p) => Conclude(x, gradientSign: 1, normFactor: 1)), trials: 5),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(1, 5);
        var dims = Enumerable.Range(0, depth + 1).Select(_ => rng.NextInt(1, 5)).ToArray();
        var net = new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.LogUniform(0.3, 2) * rng.GaussianMatrix(dims[j], dims[j - 1])));
        return Instance.ForNetwork("gaussian", net, rng.LogUniform(0.1, 10) * rng.GaussianMatrix(dims[depth], dims[0]));
    }

    /// <summary>L^N as the network's function: ½Σ_i ‖W_N(⋯(W_1e_i)) − Φe_i‖².</summary>
    private static double ForwardLoss(DeepLinearNetwork net, Matrix<double> phi)
    {
        double sum = 0;
        for (int i = 0; i < phi.ColumnCount; i++)
        {
            var y = Vector<double>.Build.Dense(phi.ColumnCount, k => k == i ? 1 : 0);
            foreach (var w in net.Weights)
            {
                y = w * y;
            }
            var r = y - phi.Column(i);
            sum += r.DotProduct(r);
        }
        return 0.5 * sum;
    }

    private static double L1(Matrix<double> w, Matrix<double> phi)
    {
        double f = (w - phi).FrobeniusNorm();
        return 0.5 * f * f;
    }

    private static MarginSet Conclude(Instance x, int gradientSign, double normFactor)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        int n = net.Depth;
        int ops = 2 * net.Dims.Sum() + 16;
        var leftToRight = net[n];
        for (int j = n - 1; j >= 1; j--)
        {
            leftToRight *= net[j];
        }
        double pi = net.Weights.Aggregate(1.0, (acc, w) => acc * w.FrobeniusNorm());
        double residual = (leftToRight - phi).FrobeniusNorm();
        double lossError = FiniteDifferences.LossEvaluationError(ops, residual, pi);
        double forward = ForwardLoss(net, phi);
        double l1 = L1(leftToRight, phi);
        var margins = new List<Margin>
        {
            Margin.Deviation("−|L^N(W_1..W_N) − L^1(W_{1:N})|", Math.Abs(forward - l1), l1, Tolerance.Bound(2 * lossError, "2·(‖R‖_Fγ_nΠ + γ_n L), Π = ∏‖W_j‖_F (two product orders; Higham §3.5, first order in u)")),
        };
        // ∂L^1/∂W at W = W_{1:N}: central differences of the quadratic L^1 (curvature 1 along every entry).
        double worst = double.PositiveInfinity, worstTol = 0, normSq = 0, normSqError = 0;
        for (int a = 0; a < phi.RowCount; a++)
        {
            for (int b = 0; b < phi.ColumnCount; b++)
            {
                double h = Math.ScaleB(1 + Math.Abs(leftToRight[a, b]), -6);
                double eval = Tolerance.Gamma(ops) * 0.5 * (residual + h) * (residual + h);
                var fd = FiniteDifferences.CentralOnEntry(leftToRight, a, b, w => L1(w, phi), h, 1, eval);
                double claimed = gradientSign * (leftToRight[a, b] - phi[a, b]);
                double tol = fd.ErrorBound + Tolerance.Gamma(1) * Math.Abs(claimed);
                double slack = tol - Math.Abs(claimed - fd.Value);
                if (slack < worst)
                {
                    (worst, worstTol) = (slack, tol);
                }
                normSq += fd.Value * fd.Value;
                normSqError += 2 * Math.Abs(fd.Value) * fd.ErrorBound + fd.ErrorBound * fd.ErrorBound;
            }
        }
        margins.Add(Margin.Deviation("−max |∂L^1/∂W_ab − FD|", worstTol - worst, residual, Tolerance.Bound(worstTol, "FD rounding bound, first order in u (quadratic: the truncation term is exactly 0)")));
        double rhs = normFactor * forward;
        var normTol = Tolerance.Bound(normSqError + normFactor * lossError + Tolerance.Gamma(ops) * normSq, "FD error propagated to ‖·‖² + 2·(loss evaluation error), first order in u");
        margins.Add(Margin.Deviation($"−|‖FD gradient‖_F² − {normFactor}·L^N|", Math.Abs(normSq - rhs), rhs, normTol));
        return new MarginSet(margins);
    }
}
