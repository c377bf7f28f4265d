using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// Paper-local numerics for JGGSH21 App B.3–D (second half of the paper): the homogeneous cost
/// H(θ) = Tr[GᵀA_θ] at the saddle 0, exact Hessian-vector products of matrix costs through the
/// product θ ↦ A_θ (Core's exact deep-linear HVP), a flat parameter vector, the gradient-flow fields and their two-tolerance
/// solve (Core's Dormand–Prince 5(4)), and Clopper–Pearson bounds (Core's).
/// Layers are stored W_1 first (as <see cref="Core.Networks.DeepLinearNetwork"/>); the paper's θ = (W_L, …, W_1)
/// order only matters for printing. Names differ from the shared Costs/ helpers of the first half on purpose.
/// </summary>
public static class EscapeNumerics
{
    private static readonly MatrixBuilder<double> M = Matrix<double>.Build;

    /// <summary>A_θ = W_L ⋯ W_1.</summary>
    public static Matrix<double> EndToEnd(IReadOnlyList<Matrix<double>> layers)
    {
        var p = layers[0];
        for (int l = 1; l < layers.Count; l++)
        {
            p = layers[l] * p;
        }
        return p;
    }

    /// <summary>⟨X, Y⟩ = Tr[XᵀY].</summary>
    public static double Inner(Matrix<double> x, Matrix<double> y) => x.PointwiseMultiply(y).Enumerate().Sum();

    /// <summary>H(θ) = Tr[GᵀA_θ] (the L-homogeneous part of C(A_θ) at the origin, G = ∇C(0)).</summary>
    public static double H(Matrix<double> g, IReadOnlyList<Matrix<double>> layers) => Inner(g, EndToEnd(layers));

    /// <summary>Layer gradients of θ ↦ C(A_θ) for an end-to-end gradient ∇C(A_θ): block ℓ = W_{L:ℓ+1}ᵀ∇C W_{ℓ−1:1}ᵀ.</summary>
    public static Matrix<double>[] ChainGradient(IReadOnlyList<Matrix<double>> layers, Matrix<double> endToEndGradient) =>
        new Core.Networks.DeepLinearNetwork(layers).GradientsOfEndToEnd(endToEndGradient);

    /// <summary>∇H(θ): the chain gradient with the constant end-to-end gradient G.</summary>
    public static Matrix<double>[] HGradient(Matrix<double> g, IReadOnlyList<Matrix<double>> layers) => ChainGradient(layers, g);

    /// <summary>Hessian-vector product of H(θ) = Tr[GᵀA_θ] (Core's exact deep-linear HVP with the linear end-to-end loss ⟨G, ·⟩).</summary>
    public static Matrix<double>[] HHessianVector(Matrix<double> g, IReadOnlyList<Matrix<double>> layers, IReadOnlyList<Matrix<double>> direction) =>
        Core.Networks.HessianVectorProduct.DeepLinear(new Core.Networks.DeepLinearNetwork(layers), new Core.Networks.LinearEndToEndLoss(g), direction);

    /// <summary>The dense Hessian of H(θ) = Tr[GᵀA_θ] (P×P, symmetrized), assembled by Core from P exact Hessian-vector products; keep P small.</summary>
    public static Matrix<double> HHessian(Matrix<double> g, IReadOnlyList<Matrix<double>> layers) =>
        Core.Networks.ExactHessian.FromHessianVectorProducts(Count(layers), e => Flatten(HHessianVector(g, layers, Unflatten(e, layers))));

    /// <summary>Sorted eigenvalues of a symmetric matrix.</summary>
    public static double[] Eigenvalues(Matrix<double> symmetric)
    {
        var ev = symmetric.Evd(Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray();
        Array.Sort(ev);
        return ev;
    }

    public static int Count(IReadOnlyList<Matrix<double>> layers) => layers.Sum(w => w.RowCount * w.ColumnCount);

    /// <summary>θ as one vector: layers W_1, …, W_L, each column-major.</summary>
    public static double[] Flatten(IReadOnlyList<Matrix<double>> layers)
    {
        var v = new double[Count(layers)];
        int k = 0;
        foreach (var w in layers)
        {
            foreach (var x in w.Enumerate())
            {
                v[k++] = x;
            }
        }
        return v;
    }

    /// <summary>The inverse of <see cref="Flatten"/> with the shapes of <paramref name="shapes"/>.</summary>
    public static Matrix<double>[] Unflatten(IReadOnlyList<double> v, IReadOnlyList<Matrix<double>> shapes)
    {
        var result = new Matrix<double>[shapes.Count];
        int k = 0;
        for (int l = 0; l < shapes.Count; l++)
        {
            var m = M.Dense(shapes[l].RowCount, shapes[l].ColumnCount);
            for (int j = 0; j < m.ColumnCount; j++)
            {
                for (int i = 0; i < m.RowCount; i++)
                {
                    m[i, j] = v[k++];
                }
            }
            result[l] = m;
        }
        return result;
    }

    public static double Norm(IReadOnlyList<double> v) => Math.Sqrt(v.Sum(x => x * x));

    public static double NormSquared(IReadOnlyList<Matrix<double>> layers) => layers.Sum(w => { double f = w.FrobeniusNorm(); return f * f; });

    public static double Dot(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Count; i++)
        {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double Distance(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double s = 0;
        for (int i = 0; i < a.Count; i++)
        {
            s += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.Sqrt(s);
    }

    /// <summary>Random layers with i.i.d. N(0, std²) entries, widths n_0, w, …, w, n_L.</summary>
    public static Matrix<double>[] GaussianLayers(Rng rng, int n0, int width, int nL, int depth, double std = 1)
    {
        var layers = new Matrix<double>[depth];
        for (int l = 1; l <= depth; l++)
        {
            int rows = l == depth ? nL : width;
            int cols = l == 1 ? n0 : width;
            layers[l - 1] = rng.GaussianMatrix(rows, cols, std);
        }
        return layers;
    }

    /// <summary>Random unit vector in Rⁿ.</summary>
    public static Vector<double> UnitVector(Rng rng, int n)
    {
        var v = SequentialBuild.Vector(n, _ => rng.NextGaussian());
        return v / v.L2Norm();
    }

    /// <summary>
    /// One-sided Clopper–Pearson bounds for k successes in n Bernoulli trials at level <paramref name="level"/> (the catalog's
    /// 1e−3): Core's exact binomial bounds (<see cref="Core.Statistics.ClopperPearson"/>, Beta quantiles bisected to adjacent
    /// doubles); the vacuous (0, 1) when there are no trials.
    /// </summary>
    public static (double Lower, double Upper) ClopperPearson(int k, int n, double level) =>
        n == 0 ? (0, 1) : (Core.Statistics.ClopperPearson.Lower(k, n, level), Core.Statistics.ClopperPearson.Upper(k, n, level));

    /// <summary>
    /// A strict inequality lhs &gt; rhs: it holds when lhs − rhs exceeds the tolerance, is violated below −tol, and is
    /// undecided (the trial inconclusive, never a counterexample) when lhs − rhs is within rounding of 0 (audit 2026-12-07: the
    /// old form lhs − rhs − 2·tol counted an equality as a confirmed violation).
    /// </summary>
    public static Margin Strictly(string name, double lhs, double rhs, Tolerance tol) =>
        Margin.Bound(name + " (strict)", lhs - rhs, Math.Max(Math.Max(Math.Abs(lhs), Math.Abs(rhs)), double.Epsilon), tol).Strict();

    /// <summary>|lhs − rhs| ≤ tol as a margin (value −|lhs − rhs|).</summary>
    public static Margin Equal(string name, double lhs, double rhs, Tolerance tol) =>
        Margin.Equality(name, lhs, rhs, tol);

    /// <summary>The catalog's Monte-Carlo level (§0 "Probabilistic claims"): one-sided 1e−3.</summary>
    public static Rational ConfidenceLevel { get; } = Rational.Of(1, 1000);

    /// <summary>Two-sided normal quantile z with P(|Z| &gt; z) = level, for CLT intervals on sample means.</summary>
    public static double NormalQuantile(double level) => MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - level / 2);

    /// <summary>
    /// The gradient flows of App C/D, integrated by Core's Dormand–Prince 5(4) (<see cref="EmbeddedRungeKutta.SolveWithErrorEstimate"/>)
    /// at rtol 1e−8 (1e−10 on confirmation) and at rtol/1000: the tighter run's states, the distance between the runs as error
    /// estimate; null when either run fails (blow-up, step collapse).
    /// </summary>
    public static EmbeddedRungeKutta.Solution? SolveFlow(Func<double, double[], double[]> rhs, double[] x0, IReadOnlyList<double> times, Precision precision) =>
        EmbeddedRungeKutta.SolveWithErrorEstimate(rhs, x0, times, precision == Precision.Confirm ? 1e-10 : 1e-8);

    /// <summary>The gradient-flow vector field −∇H on the flat parameter vector.</summary>
    public static Func<double, double[], double[]> HFlow(Matrix<double> g, IReadOnlyList<Matrix<double>> shapes) =>
        (t, x) => Flatten(HGradient(g, Unflatten(x, shapes))).Select(z => -z).ToArray();

    /// <summary>
    /// The gradient-flow vector field of C^NN_{L,λ}(θ) = C(A_θ) + λ‖θ‖² for a matrix cost with gradient ∇C.
    /// </summary>
    public static Func<double, double[], double[]> CostFlow(Func<Matrix<double>, Matrix<double>> endToEndGradient, double lambda, IReadOnlyList<Matrix<double>> shapes) =>
        (t, x) =>
        {
            var layers = Unflatten(x, shapes);
            var grad = ChainGradient(layers, endToEndGradient(EndToEnd(layers)));
            var flat = Flatten(grad);
            for (int i = 0; i < flat.Length; i++)
            {
                flat[i] = -flat[i] - 2 * lambda * x[i];
            }
            return flat;
        };
}
