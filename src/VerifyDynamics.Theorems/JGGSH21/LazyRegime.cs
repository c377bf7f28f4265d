using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// Lazy-regime runs for JGGSH21 Prop 2 / Prop 16: gradient flow of C(A_θ) = ½‖A_θ − B‖_F² (β = 1 in Def 1's
/// ½‖∇C‖² ≥ β(C − C_min)) from a σ²-large-norm initialization, integrated in the rescaled time τ = ηt
/// (dθ/dτ = −∇C^NN/η, so convergence happens at τ = O(1/β) for every width) with Core's DOP853.
/// </summary>
public static class LazyRegime
{
    /// <summary>One run at one width: the τ grid, C(A_θ(τ_j)), ‖θ(τ_j) − θ_0‖, A_θ(τ_j), η and the ODE error bound on θ.</summary>
    public sealed record Run(int Width, double Eta, double Cost0, double[] Taus, double[] Costs, double[] Distances, Matrix<double>[] Ends, double ThetaError, double[] GradientNorms);

    /// <summary>η = L σ^{2(L−1)/L} w^{(L−1)/L} (Sec 3.1, L99–103).</summary>
    public static double Eta(int depth, double sigma, int width) =>
        depth * Math.Pow(sigma, 2.0 * (depth - 1) / depth) * Math.Pow(width, (depth - 1.0) / depth);

    /// <summary>Per-parameter std of the σ²-large-norm initialization: σ̃² = σ^{2/L} w^{−(L−1)/L}.</summary>
    public static double ParameterStd(int depth, double sigma, int width) =>
        Math.Sqrt(Math.Pow(sigma, 2.0 / depth) * Math.Pow(width, -(depth - 1.0) / depth));

    /// <summary>The matrix gradient flow of ½‖A − B‖² in τ = ηt: A(τ) = B + (A_0 − B)e^{−τ} (closed form).</summary>
    public static Matrix<double> MatrixFlow(Matrix<double> a0, Matrix<double> b, double tau) => b + (a0 - b) * Math.Exp(-tau);

    /// <summary>Integrates one draw (seeded by <paramref name="seed"/>) at width w up to τ_end, sampling on <paramref name="taus"/>.</summary>
    public static Run Integrate(Matrix<double> b, int depth, int width, double sigma, Seed seed, double[] taus, Precision precision)
    {
        int n0 = b.ColumnCount, nL = b.RowCount;
        int[] dims = [n0, .. Enumerable.Repeat(width, depth - 1), nL];
        var rng = new Rng(seed);
        double std = ParameterStd(depth, sigma, width);
        var objective = DeepLinearObjective.ForTarget(dims, b);
        var theta0 = objective.Pack(Enumerable.Range(1, depth).Select(j => rng.GaussianMatrix(dims[j], dims[j - 1], std)));
        double eta = Eta(depth, sigma, width);
        var scaled = new ScaledObjective(objective, 1 / eta);
        var settings = precision == Precision.Confirm ? new OdeSettings(Rtol: 1e-10, Atol: 1e-12) : new OdeSettings(Rtol: 1e-8, Atol: 1e-10);
        var sol = Core.Dynamics.GradientFlow.Solve(scaled, theta0, taus[^1], settings with { OutputTimes = taus, StoreDenseOutput = false });
        if (!sol.Succeeded)
        {
            return new Run(width, eta, objective.Value(theta0), taus, [.. taus.Select(_ => double.NaN)], [.. taus.Select(_ => double.NaN)], [], double.NaN, []);
        }
        var states = sol.Ode.OutputStates;
        return new Run(
            width, eta, objective.Value(theta0), taus,
            [.. states.Select(objective.Value)],
            [.. states.Select(s => EscapeNumerics.Distance(s, theta0))],
            [.. states.Select(s => objective.Network(s).EndToEnd())],
            sol.Ode.LocalErrorTolerance().Absolute,
            [.. states.Select(s => EscapeNumerics.Norm(objective.Gradient(s)))]);
    }

    /// <summary>D = max_j ‖A_θ(τ_j) − A(c·τ_j)‖_F, c = 1 (paper's η) or 1/L (η without the factor L, mutant M1).</summary>
    public static double MatrixDeviation(Run run, Matrix<double> b, double timeFactor) =>
        run.Ends.Length == 0 ? double.NaN : run.Taus.Select((t, j) => (run.Ends[j] - MatrixFlow(run.Ends[0], b, timeFactor * t)).FrobeniusNorm()).Max();

    /// <summary>f/η (or any positive multiple of f): gradient flow of the scaled objective runs in rescaled time.</summary>
    private sealed class ScaledObjective(IDifferentiableObjective inner, double factor) : IDifferentiableObjective
    {
        public int Dimension => inner.Dimension;
        public double Value(double[] theta) => factor * inner.Value(theta);
        public double[] Gradient(double[] theta) => [.. inner.Gradient(theta).Select(g => factor * g)];
        public double[] HessianVectorProduct(double[] theta, double[] v) => [.. inner.HessianVectorProduct(theta, v).Select(g => factor * g)];
        public double[] Invariants(double[] theta) => inner.Invariants(theta);
        public Matrix<double> Hessian(double[] theta) => factor * inner.Hessian(theta);
        public double HessianRoundingBound(double[] theta) => Math.Abs(factor) * inner.HessianRoundingBound(theta);
    }
}
