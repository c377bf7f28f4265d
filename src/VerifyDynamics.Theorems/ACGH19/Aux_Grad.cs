using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Eq. (14) (App. D, L364–372; unnumbered): ∂L^N/∂W_j = W_{j+1:N}ᵀ(W_{1:N} − Φ)W_{1:j−1}ᵀ with W_{1:0} := I_{d_0},
/// W_{N+1:N} := I_{d_N}; the GD update (4) is W_j − η times that.
/// Formalisation note: Core's analytic gradients are compared entry by entry with central finite differences of L^N
/// (<see cref="FiniteDifferences"/>). Along one entry the loss is an exact quadratic, so the FD truncation error is 0 and the
/// tolerance is the FD rounding bound (loss-evaluation error / step, step asymmetry × curvature ‖W_{j+1:N}e_a‖²‖e_bᵀW_{1:j−1}‖²)
/// plus the analytic gradient's own rounding γ_n·(Π/‖W_j‖_F)·(‖R‖_F + γ_nΠ), Π = ∏‖W_k‖_F. The GD step of Core is checked
/// against W_j − η·(FD gradient) with η times that tolerance plus γ_2|W_j|.
/// </summary>
public static class Aux_Grad
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Aux.Grad"),
        Source = new SourceRef(Papers.ACGH19, "App. D, Eq. (14); GD update Eq. (4) (unnumbered)", "L364–372"),
        Kind = StatementKind.Unnumbered,
        Title = "layer gradients (Eq. 14)",
        Text = "∂L^N/∂W_j = W_{j+1:N}ᵀ(W_{1:N} − Φ)W_{1:j−1}ᵀ, and the GD update (4) is W_j − η·∂L^N/∂W_j.",
        FormalisationNote = "Dims 1..5, N 1..5, weights Gaussian with log-uniform scale, Φ Gaussian, η log-uniform [1e-4, 1e-1]; "
            + "step h = 2^-7(1 + |w|); tolerance = FD rounding bound (truncation is exactly 0 for a quadratic) + analytic rounding.",
        Fidelity = Fidelity.Full("Eq. (14) and the update (4) against central differences at random networks (N ≤ 5, widths ≤ 5)"),
        Hypotheses = new Hypotheses(
            "N 1..5, widths 1..5, W_j Gaussian × log-uniform [0.3, 2], Φ Gaussian, η log-uniform [1e-4, 0.1]",
            ctx => Build(ctx, uniform: false),
            (x, k) => HypothesesCheck.All((x.HasNetwork && x.Target is { } t && t.RowCount == x.Network.Dims[^1] && t.ColumnCount == x.Network.Dims[0], "Φ is d_N×d_0"))),
        Conclusion = (x, k, p) => Conclude(x, dropPrefixTranspose: false),
        DefaultTrials = 40,
        Variants =
        [
            Variant.Mutant("PrefixTransposeDropped", "W_{j+1:N}ᵀ G W_{1:j−1} (transpose missing; uniform widths so the shapes fit): refuted at every j ≥ 2",
                s => s.WithConclusion((x, k, p) => Conclude(x, dropPrefixTranspose: true)).WithGenerator("uniform width 2..5, N 2..5", ctx => Build(ctx, uniform: true)), trials: 6),
        ],
    };

    private static Instance Build(TrialContext ctx, bool uniform)
    {
        var rng = ctx.Rng;
        int depth = rng.NextInt(uniform ? 2 : 1, 5);
        int width = rng.NextInt(2, 5);
        var dims = Enumerable.Range(0, depth + 1).Select(_ => uniform ? width : rng.NextInt(1, 5)).ToArray();
        var net = new DeepLinearNetwork(Enumerable.Range(1, depth).Select(j => rng.LogUniform(0.3, 2) * rng.GaussianMatrix(dims[j], dims[j - 1])));
        return Instance.ForNetwork(uniform ? "uniform" : "gaussian", net, rng.GaussianMatrix(dims[depth], dims[0]), rng.LogUniform(1e-4, 0.1));
    }

    private static Matrix<double>[] MutatedGradients(DeepLinearNetwork net, Matrix<double> target)
    {
        var g = net.EndToEnd() - target;
        return [.. Enumerable.Range(1, net.Depth).Select(j => net.Product(j + 1, net.Depth).TransposeThisAndMultiply(g) * net.Product(1, j - 1))];
    }

    private static MarginSet Conclude(Instance x, bool dropPrefixTranspose)
    {
        var net = x.Network;
        var phi = x.RequireTarget;
        double eta = x.RequireEta;
        int n = net.Depth;
        var dims = net.Dims;
        int ops = 2 * dims.Sum() + 16;
        var grads = dropPrefixTranspose ? MutatedGradients(net, phi) : net.Gradients(phi);
        var step = net.GradientStep(phi, eta);
        double pi = net.Weights.Aggregate(1.0, (acc, w) => acc * w.FrobeniusNorm());
        double residualNorm = (net.EndToEnd() - phi).FrobeniusNorm();
        var margins = new List<Margin>();
        for (int j = 1; j <= n; j++)
        {
            var suffix = net.Product(j + 1, n);
            var prefix = net.Product(1, j - 1);
            double layerNorm = Math.Max(net[j].FrobeniusNorm(), double.Epsilon);
            double worstGrad = double.PositiveInfinity, worstStep = double.PositiveInfinity;
            double gradTol = 0, stepTol = 0, gradScale = 0;
            for (int a = 0; a < dims[j]; a++)
            {
                for (int b = 0; b < dims[j - 1]; b++)
                {
                    double u2 = suffix.Column(a).DotProduct(suffix.Column(a));
                    double v2 = prefix.Row(b).DotProduct(prefix.Row(b));
                    double h = Math.ScaleB(1 + Math.Abs(net[j][a, b]), -7);
                    // The residual at the perturbed points is at most ‖R‖_F + h·‖u‖‖v‖, and Π grows by at most h/‖W_j‖_F.
                    double residual = residualNorm + h * Math.Sqrt(u2 * v2);
                    double scaleAtPerturbed = pi * (1 + h / layerNorm);
                    double evalError = FiniteDifferences.LossEvaluationError(2 * dims.Sum() + 16, residual, scaleAtPerturbed);
                    int jj = j;
                    var fd = FiniteDifferences.CentralOnEntry(net[j], a, b, wj => net.WithLayer(jj, wj).Loss(phi), h, u2 * v2, evalError);
                    double analyticError = Tolerance.Gamma(ops) * pi / layerNorm * (residual + Tolerance.Gamma(ops) * pi);
                    double tol = fd.ErrorBound + analyticError;
                    double g = grads[j - 1].RowCount == dims[j] && grads[j - 1].ColumnCount == dims[j - 1] ? grads[j - 1][a, b] : double.NaN;
                    double slack = tol - Math.Abs(g - fd.Value);
                    if (double.IsNaN(slack) || slack < worstGrad)
                    {
                        worstGrad = slack;
                        gradTol = tol;
                        gradScale = Math.Max(Math.Abs(fd.Value), Math.Abs(g));
                    }
                    double stepExpected = net[j][a, b] - eta * fd.Value;
                    double stepTolerance = eta * tol + Tolerance.Gamma(2) * (Math.Abs(net[j][a, b]) + eta * Math.Abs(fd.Value));
                    double stepSlack = stepTolerance - Math.Abs(step[j][a, b] - stepExpected);
                    if (stepSlack < worstStep)
                    {
                        worstStep = stepSlack;
                        stepTol = stepTolerance;
                    }
                }
            }
            // Margin value = −|analytic − FD| expressed against the derived tolerance: value = slack − tol ≥ −tol ⇔ |diff| ≤ tol.
            margins.Add(Margin.Deviation($"Eq. (14), layer {j}: −max |analytic − FD|", gradTol - worstGrad, gradScale, Tolerance.Bound(gradTol, "FD rounding, first order in u (truncation 0: quadratic along an entry) + γ_n·Π/‖W_j‖_F·‖R‖_F")));
            margins.Add(Margin.Deviation($"Eq. (4), layer {j}: −max |step − (W_j − η·FD)|", stepTol - worstStep, net[j].FrobeniusNorm(), Tolerance.Bound(stepTol, "η·(FD tolerance) + γ_2·|W_j|")));
        }
        return new MarginSet(margins);
    }
}
