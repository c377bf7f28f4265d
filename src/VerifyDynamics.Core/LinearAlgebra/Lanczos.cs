using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Core.LinearAlgebra;

/// <summary>Settings of <see cref="Lanczos"/>.</summary>
/// <param name="MaxIterations">Krylov dimension cap (each iteration = one HVP + full reorthogonalization, O(k·d)).</param>
/// <param name="RelativeTolerance">Stop when the Ritz residual ≤ this × max(|θ|, ‖T‖) (catalog: λ_min to 1e−8 relative).</param>
/// <param name="Seed">Start vector seed (deterministic; a Gaussian start meets every eigenvector with probability 1).</param>
public sealed record LanczosSettings(int MaxIterations = 300, double RelativeTolerance = 1e-10, Seed? Seed = null);

/// <summary>
/// Symmetric Lanczos with full reorthogonalization (after the three-term step, one Gram–Schmidt pass over the basis and a
/// second when the Daniel–Gragg–Kaufman–Stewart criterion asks for it, "twice is enough") on a
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
            // The three-term recurrence first (w ← Hv − α_k q_k − β_{k−1} q_{k−1}), then full reorthogonalization against
            // every q_i: one Gram–Schmidt pass, and a second only when the first removed more than 1 − 1/√2 of w's norm
            // (the Daniel–Gragg–Kaufman–Stewart criterion, "twice is enough"). After the local step the remaining
            // components along the q_i are at rounding level, so the second pass is rarely due; it was always made before
            // (two passes over the basis, the O(k²d) part of the run).
            DenseKernels.Axpy(-a, v, w);
            if (k > 0)
            {
                DenseKernels.Axpy(-beta[k - 1], q[k - 1], w);
            }
            double before = VectorOps.Norm(w);
            ProjectOut(q, w);
            double b = VectorOps.Norm(w);
            if (b < before * Math.Sqrt(0.5))
            {
                ProjectOut(q, w);
                b = VectorOps.Norm(w);
            }
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

    /// <summary>
    /// One modified Gram–Schmidt pass: w ← w − (w·q_i) q_i for each basis vector in order (SIMD axpy, and the
    /// sixteen-sum <see cref="DenseKernels.DotWide"/>: the single-chain dot was a third of a run).
    /// </summary>
    private static void ProjectOut(List<double[]> q, double[] w)
    {
        foreach (var qi in q)
        {
            DenseKernels.Axpy(-DenseKernels.DotWide(w, qi), qi, w);
        }
    }

    private static void Scale(double[] v, double c)
    {
        for (int i = 0; i < v.Length; i++)
        {
            v[i] *= c;
        }
    }
}
