using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Harness.Analysis;

/// <summary>
/// The measures <c>vd eval</c> prints for a deep linear network against a target Φ (ACGH19's quantities): loss,
/// balancedness, σ_min of the end-to-end matrix and of Φ, the deficiency margin. <see cref="Note"/> says why some are NaN.
/// </summary>
public sealed record NetworkMeasures(double Loss, double Balancedness, double SigmaMinEndToEnd, double SigmaMinTarget, double DeficiencyMargin, string? Note)
{
    public static NetworkMeasures Of(DeepLinearNetwork network, Matrix<double> target)
    {
        var e2e = network.EndToEnd();
        if (!e2e.Enumerate().All(double.IsFinite))
        {
            // A diverged run (or overflowing weights): singular values of Inf/NaN do not exist, so say so instead of failing in the SVD.
            double loss = network.Loss(target);
            return new NetworkMeasures(double.IsNaN(loss) ? double.PositiveInfinity : loss, network.BalancednessGap(), double.NaN, MatrixMeasures.SigmaMin(target), double.NaN,
                "the end-to-end matrix is not finite (overflow): σ_min and the deficiency margin are undefined");
        }
        return new NetworkMeasures(network.Loss(target), network.BalancednessGap(), MatrixMeasures.SigmaMin(e2e), MatrixMeasures.SigmaMin(target), Core.Networks.DeficiencyMargin.Of(e2e, target), null);
    }
}

/// <summary>
/// λ_min of ∇²L at an instance by Lanczos on exact Hessian-vector products, and a lower bound: for d ≤
/// <see cref="DenseCertificateLimit"/> (or when asked) a proven one, Cholesky of H − sI on the assembled exact Hessian
/// (<see cref="CertifiedBounds"/>, Higham Thm 10.3); above, the Lanczos residual bracket θ − ‖Hx − θx‖, which bounds an
/// eigenvalue of H and is λ_min's bound only if Lanczos missed no lower eigenvalue (so <see cref="LowerBoundCertified"/> is false).
/// </summary>
public sealed record HessianAtInstance(int Dimension, double LambdaMin, double Residual, bool Converged, string Method, double LowerBound, bool LowerBoundCertified, string LowerBoundMethod)
{
    /// <summary>Above this many parameters the dense Cholesky certificate (O(d³), 8d² bytes) runs only when asked.</summary>
    public const int DenseCertificateLimit = 2000;

    /// <summary>Up to this many parameters <see cref="MinEigenvalue"/> uses a dense symmetric eigendecomposition.</summary>
    public const int DenseEigenLimit = 400;

    public static HessianAtInstance Of(DeepLinearObjective f, DeepLinearNetwork network, bool certify)
    {
        var theta = f.Pack(network);
        var estimate = Lanczos.MinEigenvalue(HessianVectorProduct.Operator(f, theta), f.Dimension);
        if (certify || f.Dimension <= DenseCertificateLimit)
        {
            var h = Spectra.Symmetrized(ExactHessian.DeepLinear(f, theta));
            var certificate = CertifiedBounds.LowerBoundBelow(h, estimate.Value);
            return new HessianAtInstance(f.Dimension, estimate.Value, estimate.Residual, estimate.Converged, estimate.Method,
                certificate.Succeeded ? certificate.LowerBound : double.NaN, certificate.Succeeded, certificate.Explanation + " (on the assembled exact Hessian)");
        }
        return new HessianAtInstance(f.Dimension, estimate.Value, estimate.Residual, estimate.Converged, estimate.Method, estimate.Lower, false,
            $"Lanczos residual bracket θ − ‖Hx − θx‖ (an eigenvalue lies above it; certified for λ_min only with --certify, dense Cholesky, d = {f.Dimension} > {DenseCertificateLimit})");
    }

    /// <summary>λ_min of the Hessian at θ: dense symmetric EVD of the Lemma 5 Hessian for d ≤ <see cref="DenseEigenLimit"/>, Lanczos on exact HVPs above.</summary>
    public static double MinEigenvalue(DeepLinearObjective f, double[] theta) => f.Dimension <= DenseEigenLimit
        ? Spectra.MinEigenvalue(ExactHessian.DeepLinear(f, theta))
        : Lanczos.MinEigenvalue(HessianVectorProduct.Operator(f, theta), f.Dimension).Value;
}

/// <summary>One row of a simulated trajectory: time, loss, ‖θ_GD − θ_GF‖ (when both ran), balancedness drift, λ_min (when asked).</summary>
public sealed record TrajectoryRow(double Time, double Loss, double? Distance, double Drift, double? LambdaMin);

/// <summary>
/// What <see cref="FlowSimulation.Run"/> was asked: <c>Mode</c> "gf" (the flow's rows) or "gd" (gradient descent's rows,
/// with their distance to the flow); a grid of <c>Points</c> times up to <c>Horizon</c>, in GD steps (<c>Steps</c>) when
/// <c>Eta</c> is known; the flow's relative tolerance (atol = rtol/100); GD alongside 'gf' (<c>CompareGd</c>); λ_min per row.
/// </summary>
public sealed record SimulationRequest(string Mode, DeepLinearObjective Objective, double[] Theta0, double? Eta, int Steps, double Horizon, int Points, double Rtol, bool CompareGd, bool LambdaMin);

/// <summary>A simulated trajectory: its rows, the flow's solution, the last state shown and what went wrong (null when nothing).</summary>
public sealed record SimulationResult(IReadOnlyList<TrajectoryRow> Rows, GradientFlowSolution Flow, double[]? LastState, IReadOnlyList<string> Problems);

/// <summary>
/// <c>vd simulate</c>'s computation: gradient flow (DOP853) and, for 'gd' or on request, gradient descent on the same grid
/// (step indices k_i with times k_i·η when η is known, else an even time grid), with the GD–GF distance, the balancedness
/// drift max_j ‖Δ_j(t) − Δ_j(0)‖ and optionally λ_min of the Hessian at each row.
/// </summary>
public static class FlowSimulation
{
    public static SimulationResult Run(SimulationRequest request)
    {
        var problems = new List<string>();
        var (times, gridSteps) = Grid(request);
        // 'gf' integrates the flow alone unless --compare-gd; 'gd' is the comparison (its rows carry the GD–GF distance).
        bool runDescent = request.Mode == "gd" || request.CompareGd;
        double[][]? gdStates = runDescent && request.Eta is { } eta && request.Steps > 0 ? Descend(request, eta, gridSteps, problems) : null;
        var settings = new OdeSettings(Rtol: request.Rtol, Atol: request.Rtol * 1e-2, StoreDenseOutput: false, OutputTimes: times, StoreStates: false);
        var gf = GradientFlow.Solve(request.Objective, request.Theta0, times[^1] > 0 ? times[^1] : request.Horizon, settings);
        if (!gf.Succeeded)
        {
            problems.Add($"gradient flow {gf.Ode.Outcome}: {gf.Ode.Message}");
        }
        var rows = Rows(request, times, gf, gdStates);
        double[]? last = request.Mode == "gf"
            ? (gf.Ode.OutputStates.Count > 0 ? gf.Ode.OutputStates[^1] : null)
            : gdStates?.LastOrDefault(x => x is not null);
        return new SimulationResult(rows, gf, last, problems);
    }

    /// <summary>Grid: GD step indices k_i (when eta is known) and their times k_i·η; otherwise an even time grid.</summary>
    private static (double[] Times, int[] GridSteps) Grid(SimulationRequest request)
    {
        int points = request.Points;
        var gridSteps = new int[points];
        var times = new double[points];
        for (int i = 0; i < points; i++)
        {
            if (request.Eta is { } et && request.Steps > 0)
            {
                gridSteps[i] = (int)Math.Round((double)i * request.Steps / (points - 1));
                times[i] = gridSteps[i] * et;
            }
            else
            {
                times[i] = request.Horizon * i / (points - 1);
            }
        }
        return ([.. times.Distinct()], [.. gridSteps.Distinct()]);
    }

    /// <summary>GD iterates at the grid's step indices (null entries past a divergence).</summary>
    private static double[][] Descend(SimulationRequest request, double eta, int[] gridSteps, List<string> problems)
    {
        var gdStates = new double[gridSteps.Length][];
        int next = 0;
        var (_, taken, diverged) = ObjectiveGradientDescent.Run(request.Objective, request.Theta0, eta, gridSteps[^1], (step, th) =>
        {
            while (next < gridSteps.Length && gridSteps[next] == step)
            {
                gdStates[next++] = (double[])th.Clone();
            }
            return true;
        });
        if (diverged)
        {
            problems.Add($"gradient descent diverged after {taken} steps (η = {eta.ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}): "
                + "the iterates left the floating-point range; the step size is too large for this instance (try a smaller eta)");
        }
        return gdStates;
    }

    private static List<TrajectoryRow> Rows(SimulationRequest request, double[] times, GradientFlowSolution gf, double[][]? gdStates)
    {
        var rows = new List<TrajectoryRow>();
        for (int i = 0; i < times.Length; i++)
        {
            double[]? gfTheta = i < gf.Ode.OutputStates.Count ? gf.Ode.OutputStates[i] : null;
            double[]? gdTheta = gdStates is not null && i < gdStates.Length ? gdStates[i] : null;
            var primary = request.Mode == "gf" ? gfTheta : gdTheta;
            if (primary is null)
            {
                break;
            }
            double? distance = gfTheta is not null && gdTheta is not null ? VectorOps.Distance(gfTheta, gdTheta) : null;
            double? lmin = request.LambdaMin ? HessianAtInstance.MinEigenvalue(request.Objective, primary) : null;
            rows.Add(new TrajectoryRow(times[i], request.Objective.Value(primary), distance, gf.InvariantDrift(primary), lmin));
        }
        return rows;
    }
}
