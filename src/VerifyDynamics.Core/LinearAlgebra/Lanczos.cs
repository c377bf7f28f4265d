using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>Settings of <see cref="Lanczos"/>.</summary>
/// <param name="MaxIterations">Krylov dimension cap (each iteration = one HVP + full reorthogonalization, O(k·d)).</param>
/// <param name="RelativeTolerance">Stop when the Ritz residual ≤ this × max(|θ|, ‖T‖) (catalog: λ_min to 1e−8 relative).</param>
/// <param name="Seed">Start vector seed (deterministic; a Gaussian start meets every eigenvector with probability 1).</param>
public sealed record LanczosSettings(int MaxIterations = 300, double RelativeTolerance = 1e-10, Seed? Seed = null);

/// <summary>
/// Symmetric Lanczos with full reorthogonalization (two Gram–Schmidt passes, "twice is enough") on a
/// Hessian-vector-product operator, for λ_min of large Hessians. The returned residual is recomputed
/// explicitly as ‖Hx − θx‖ with one extra product, not taken from the recurrence.
/// </summary>
public static class Lanczos
{
    public static EigenvalueEstimate MinEigenvalue(Func<double[], double[]> apply, int dimension, LanczosSettings? settings = null)
    {
        settings ??= new LanczosSettings();
        var rng = (settings.Seed ?? Seed.Default.Split("lanczos")).CreateRng();
        int kmax = Math.Min(settings.MaxIterations, dimension);
        var q = new List<double[]>();
        var alpha = new List<double>();
        var beta = new List<double>();
        var v = new double[dimension];
        for (int i = 0; i < dimension; i++)
        {
            v[i] = rng.NextGaussian();
        }
        Scale(v, 1 / VectorOps.Norm(v));
        double theta = double.NaN;
        double[] ritz = v;
        double residualEstimate = double.PositiveInfinity;
        // max(|θ|, ‖T_k‖_∞) at the last step: the scale of the stopping rule, and of the convergence flag below.
        double stopScale = 0;
        int iterations = 0;
        for (int k = 0; k < kmax; k++)
        {
            q.Add(v);
            var w = apply(v);
            iterations++;
            double a = DenseKernels.Dot(w, v);
            alpha.Add(a);
            // Full reorthogonalization, twice (SIMD dot and axpy: this is the O(k²d) part of the run).
            for (int pass = 0; pass < 2; pass++)
            {
                foreach (var qi in q)
                {
                    DenseKernels.Axpy(-DenseKernels.Dot(w, qi), qi, w);
                }
            }
            double b = VectorOps.Norm(w);
            // Ritz pair of the current tridiagonal T_k: θ and the last component of its eigenvector by implicit QL
            // (O(k²), no dense EVD per step); the whole eigenvector only at the step that stops.
            int m = alpha.Count;
            beta.Add(b);
            var (thetaK, last) = SymmetricTridiagonal.MinEigenpair(alpha, beta, m, fullVector: false);
            theta = thetaK;
            residualEstimate = Math.Abs(b * last[0]);
            double scale = Math.Max(Math.Abs(theta), SymmetricTridiagonal.InfinityNorm(alpha, beta, m));
            stopScale = scale;
            bool invariant = b <= 1e-14 * Math.Max(scale, 1e-300);
            if (residualEstimate <= settings.RelativeTolerance * scale || invariant || k == kmax - 1)
            {
                var s = SymmetricTridiagonal.MinEigenpair(alpha, beta, m, fullVector: true).Vector;
                ritz = new double[dimension];
                for (int j = 0; j < m; j++)
                {
                    DenseKernels.Axpy(s[j], q[j], ritz);
                }
                break;
            }
            Scale(w, 1 / b);
            v = w;
        }
        Scale(ritz, 1 / VectorOps.Norm(ritz));
        var hx = apply(ritz);
        double rq = VectorOps.Dot(ritz, hx);
        double residual = VectorOps.Distance(hx, VectorOps.Scale(rq, ritz));
        double slack = Numbers.Tolerance.Gamma(dimension + 2) * (VectorOps.Norm(hx) + Math.Abs(rq));
        // Relative to the same scale as the stopping rule (‖T_k‖_∞ ≈ ‖H‖ enters it): relative to |θ| and ‖Hx‖ ≈ |λ_min| alone, a
        // Hessian whose λ_min is small against ‖H‖ (near a minimum) was reported unconverged although θ met the rule.
        bool converged = residual <= 100 * settings.RelativeTolerance * Math.Max(Math.Max(Math.Abs(rq), VectorOps.Norm(hx)), stopScale) || iterations == dimension;
        return new EigenvalueEstimate(rq, residual + slack, rq - residual - slack, rq + slack, ritz, iterations + 1,
            $"Lanczos (full reorthogonalization, {iterations} HVPs)")
        { Converged = converged };
    }

    /// <summary>λ_min of a dense symmetric matrix by Lanczos (for testing the iteration against <see cref="Spectra"/>).</summary>
    public static EigenvalueEstimate MinEigenvalue(Matrix<double> symmetric, LanczosSettings? settings = null) =>
        MinEigenvalue(x => (symmetric * Vector<double>.Build.DenseOfArray(x)).ToArray(), symmetric.RowCount, settings);

    private static void Scale(double[] v, double c)
    {
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= c;
        }
    }
}
