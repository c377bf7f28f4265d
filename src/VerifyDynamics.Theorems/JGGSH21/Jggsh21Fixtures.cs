using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// Shared JGGSH21 instance plumbing: costs stored in instances (so every trial replays from JSON), generators of the
/// catalog's cost families, the balanced factorization Ψ(A) of Lemma 39, the Morse–Bott local-minimum test (catalog §0)
/// and least-squares trend fits.
/// </summary>
public static class Jggsh21Fixtures
{
    /// <summary>Instance scalar naming the cost family: 0 = MSE (matrices X, Y), 1 = matrix completion (Teacher, Omega = multiplicities), 2 = whitened weight·‖A − B‖² (B, scalar costWeight).</summary>
    public const string CostKind = "costKind";

    public static Instance WithCost(this Instance x, IMatrixCost cost) => cost switch
    {
        MeanSquaredError m => x.WithScalar(CostKind, 0).WithMatrix("X", m.X).WithMatrix("Y", m.Y),
        MatrixCompletion c => x.WithScalar(CostKind, 1).WithMatrix("Teacher", c.Teacher).WithMatrix("Omega", c.Multiplicity),
        FrobeniusDistance f => x.WithScalar(CostKind, 2).WithMatrix("B", f.Target).WithScalar("costWeight", f.Weight),
        _ => throw new ArgumentException($"no instance encoding for {cost.GetType().Name}"),
    };

    /// <summary>Rebuilds the cost stored by <see cref="WithCost"/>.</summary>
    public static IMatrixCost Cost(Instance x) => (int)x.Scalar(CostKind) switch
    {
        0 => new MeanSquaredError(x.Matrix("X"), x.Matrix("Y")),
        1 => new MatrixCompletion(x.Matrix("Teacher"), ObservedList(x.Matrix("Omega"))),
        2 => new FrobeniusDistance(x.Matrix("B"), x.Scalar("costWeight")),
        var k => throw new ArgumentException($"unknown cost kind {k}"),
    };

    /// <summary>The observation list of a multiplicity matrix (entry e repeated c_e times, row-major order).</summary>
    public static List<(int Row, int Column)> ObservedList(Matrix<double> multiplicity)
    {
        var list = new List<(int, int)>();
        for (int r = 0; r < multiplicity.RowCount; r++)
        {
            for (int c = 0; c < multiplicity.ColumnCount; c++)
            {
                for (int k = 0; k < (int)multiplicity[r, c]; k++)
                {
                    list.Add((r, c));
                }
            }
        }
        return list;
    }

    /// <summary>Catalog MSE generator: X ill-conditioned (singular values 10^{−j}), Y Gaussian or teacher + noise.</summary>
    public static MeanSquaredError RandomMse(Rng rng, int n0, int nL, int samples)
    {
        int r = Math.Min(n0, samples);
        var u = rng.HaarOrthogonal(n0).SubMatrix(0, n0, 0, r);
        var v = rng.HaarOrthogonal(samples).SubMatrix(0, samples, 0, r);
        var s = Matrix<double>.Build.DenseOfDiagonalArray([.. Enumerable.Range(0, r).Select(_ => Math.Pow(10, -rng.Uniform(0, 2)))]);
        var x = u * s * v.Transpose();
        var y = rng.NextBool() ? rng.GaussianMatrix(nL, samples) : rng.GaussianMatrix(nL, n0) * x + 0.1 * rng.GaussianMatrix(nL, samples);
        return new MeanSquaredError(x, y);
    }

    /// <summary>Catalog MC generator: A* of rank ≤ 3, N observations, with repeats iff <paramref name="allowRepeats"/>.</summary>
    public static MatrixCompletion RandomCompletion(Rng rng, int rows, int cols, int count, bool allowRepeats)
    {
        int rank = rng.NextInt(1, Math.Min(3, Math.Min(rows, cols)));
        var teacher = rng.GaussianMatrix(rows, rank) * rng.GaussianMatrix(rank, cols);
        var all = Enumerable.Range(0, rows * cols).ToList();
        var picked = new List<(int, int)>();
        for (int i = 0; i < count; i++)
        {
            int idx = allowRepeats ? all[rng.NextInt(0, all.Count - 1)] : PopAt(all, rng.NextInt(0, all.Count - 1));
            picked.Add((idx / cols, idx % cols));
        }
        return new MatrixCompletion(teacher, picked);
    }

    private static int PopAt(List<int> list, int i)
    {
        int v = list[i];
        list.RemoveAt(i);
        return v;
    }

    /// <summary>U diag(b) Vᵀ with Haar U, V: a whitened target with prescribed singular values.</summary>
    public static Matrix<double> WithSingularValues(Rng rng, int rows, int cols, IReadOnlyList<double> values)
    {
        var u = rng.HaarOrthogonal(rows);
        var v = rng.HaarOrthogonal(cols);
        var s = Matrix<double>.Build.Dense(rows, cols);
        for (int i = 0; i < values.Count; i++)
        {
            s[i, i] = values[i];
        }
        return u * s * v.Transpose();
    }

    /// <summary>
    /// Ψ(A) of Lemma 39 included into width w and rotated by R: with compact SVD A = U S Vᵀ (rank k ≤ w),
    /// W_1 = [S^{1/L}Vᵀ; 0], W_ℓ = [[S^{1/L}, 0], [0, 0]], W_L = (U S^{1/L} 0), then Rθ. ‖θ‖² = L‖A‖_{2/L}^{2/L}.
    /// exponentDenominator = L gives the balanced factorization; other values build the p ≠ 2/L mutants.
    /// </summary>
    public static Matrix<double>[] BalancedFactorization(Matrix<double> a, int depth, int width, Rng? rotation, double threshold, double? exponentDenominator = null)
    {
        var svd = a.Svd(computeVectors: true);
        var sv = svd.S.ToArray();
        int k = sv.Count(v => v > threshold);
        if (k > width)
        {
            throw new ArgumentException($"rank {k} does not fit width {width}");
        }
        double e = 1.0 / (exponentDenominator ?? depth);
        var root = Matrix<double>.Build.Dense(width, width);
        var first = Matrix<double>.Build.Dense(width, a.ColumnCount);
        var last = Matrix<double>.Build.Dense(a.RowCount, width);
        for (int i = 0; i < k; i++)
        {
            double r = Math.Pow(sv[i], e);
            root[i, i] = r;
            first.SetRow(i, r * svd.VT.Row(i));
            last.SetColumn(i, r * svd.U.Column(i));
        }
        var layers = new Matrix<double>[depth];
        if (depth == 1)
        {
            return [a.Clone()];
        }
        layers[0] = first;
        for (int l = 1; l < depth - 1; l++)
        {
            layers[l] = root.Clone();
        }
        layers[depth - 1] = last;
        if (rotation is null)
        {
            return layers;
        }
        var o = Enumerable.Range(0, depth - 1).Select(_ => rotation.HaarOrthogonal(width)).ToArray();
        return NetworkSymmetries.Rotate(layers, o);
    }

    /// <summary>Result of the Morse–Bott local-minimum test at a critical point (catalog §0).</summary>
    public sealed record MorseBott(double GradientNorm, double MinEigenvalue, int KernelDimension, int OrbitDimension, double KernelThreshold)
    {
        /// <summary>Positive definite on the normal space of the rotation orbit: the kernel is exactly the orbit's tangent space.</summary>
        public bool KernelIsOrbit => KernelDimension == OrbitDimension;
    }

    /// <summary>
    /// Dense Hessian eigenvalues at θ; the kernel threshold is γ_P·P·‖H‖ (symmetric eigensolver backward error, Higham)
    /// unless given. d_orb = (L−1)[w(w−1)/2 − (w−k)(w−k−1)/2] for hidden rank k, the dimension of the rotation orbit.
    /// </summary>
    public static MorseBott MorseBottTest(DeepLinearCost net, Vector<double> theta, int hiddenRank, int width, double? kernelThreshold = null)
    {
        var h = net.Hessian(theta);
        var eig = h.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).ToArray();
        double norm = eig.Max(Math.Abs);
        double tol = kernelThreshold ?? Math.Max(1e-7 * norm, Tolerance.Gamma(h.RowCount) * h.RowCount * norm);
        int kernel = eig.Count(v => Math.Abs(v) <= tol);
        int orbit = (net.Depth - 1) * (width * (width - 1) / 2 - (width - hiddenRank) * (width - hiddenRank - 1) / 2);
        return new MorseBott(net.Gradient(theta).L2Norm(), eig.Min(), kernel, orbit, tol);
    }

    /// <summary>Ordinary least squares y ≈ slope·x + intercept with R².</summary>
    public static (double Slope, double Intercept, double RSquared) Fit(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        int n = xs.Count;
        double mx = xs.Average(), my = ys.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            sxy += (xs[i] - mx) * (ys[i] - my);
            sxx += (xs[i] - mx) * (xs[i] - mx);
            syy += (ys[i] - my) * (ys[i] - my);
        }
        double slope = sxy / sxx;
        double r2 = syy == 0 ? 1 : sxy * sxy / (sxx * syy);
        return (slope, my - slope * mx, r2);
    }

    /// <summary>OLS slope of ys against xs with its standard error √(RSS/(n−2)/Sxx) (n ≥ 3), intercept and R².</summary>
    public static (double Slope, double StandardError, double Intercept, double RSquared) FitWithError(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        var (slope, intercept, r2) = Fit(xs, ys);
        double mean = xs.Average(), sxx = xs.Sum(v => (v - mean) * (v - mean));
        double rss = xs.Select((v, i) => ys[i] - (intercept + slope * v)).Sum(e => e * e);
        double se = xs.Count > 2 ? Math.Sqrt(rss / (xs.Count - 2) / sxx) : double.NaN;
        return (slope, se, intercept, r2);
    }

    /// <summary>A margin with a rounding tolerance γ_ops·scale (scale = the size of the quantities compared).</summary>
    public static Margin Rounding(string name, double value, int operations, double scale, string what) =>
        Margin.Bound(name, value, scale, Tolerance.FromRounding(operations, scale, what));

    /// <summary>An identity checked to a rounding tolerance: value = −deviation (≤ 0), scale the size of the sides.</summary>
    public static Margin RoundingDeviation(string name, double value, int operations, double scale, string what) =>
        Margin.Deviation(name, Math.Abs(value), scale, Tolerance.FromRounding(operations, scale, what));

    /// <summary>
    /// A mutant switch as a variant rule: the paper has no such constant, so it is not among the statement's named constants (no
    /// --set, no tighten, no obligation); the variant's conclusion alone sees it (with value <paramref name="value"/>, default 1).
    /// </summary>
    public static Statement WithSwitch(this Statement s, string name, Rational? value = null)
    {
        var conclusion = s.Conclusion;
        var v = value ?? Rational.One;
        return s.WithConclusion((x, k, p) => conclusion(x, ConstantValues.Defaults(
            k.Where(kv => kv.Key != name).Select(kv => new NamedConstant(kv.Key, kv.Value, "")).Append(new NamedConstant(name, v, "variant switch"))), p));
    }

    /// <summary>The value of a variant switch (0 when the statement itself, not a variant, is evaluated).</summary>
    public static double Switch(this ConstantValues k, string name) => k.TryGetValue(name, out var v) ? v.ToDouble() : 0;

    /// <summary>Shorthand for a constant's value.</summary>
    public static double D(this ConstantValues k, string name) => k.Double(name);

    public static Rational R(long n, long d = 1) => Rational.Of(n, d);
}
