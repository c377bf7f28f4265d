using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Sec. 4.1.1 setting (Eqs. 9–11): the data (X, Y) and the choice of ℓ (square ½‖ŷ − y‖² or binary logistic
/// ln(1 + e^{−yŷ}), d_n = 1, y = ±1) of f(θ) = φ(W_{n:1}), φ(W) = (1/|S|)Σ_i ℓ(Wx_i, y_i); the numerics are Core's
/// (<see cref="DataLoss"/>, <see cref="DeepLinearObjective"/>, <see cref="ExactHessian"/>). Paper-specific here: the
/// instance generator and Eq. (12) written out literally.
/// </summary>
public sealed class LinearNetProblem(Matrix<double> x, Matrix<double> y, bool logistic)
{
    public Matrix<double> X { get; } = x;
    public Matrix<double> Y { get; } = y;
    public bool Logistic { get; } = logistic;
    public int N => X.ColumnCount;

    public static LinearNetProblem From(Instance inst) => new(inst.Matrix("X"), inst.Matrix("Y"), inst.Scalars.GetValueOrDefault("logistic") == 1);

    public Instance Store(Instance inst) => inst.WithMatrix("X", X).WithMatrix("Y", Y).WithScalar("logistic", Logistic ? 1 : 0);

    /// <summary>Random data: |S| samples x_i ~ N(0, I); square-loss targets N(0, I) or logistic labels ±1.</summary>
    public static LinearNetProblem Random(Rng rng, int d0, int dn, int samples, bool logistic)
    {
        var xs = rng.GaussianMatrix(d0, samples);
        var ys = logistic
            ? SequentialBuild.Matrix(1, samples, (_, _) => rng.NextBool() ? 1.0 : -1.0)
            : rng.GaussianMatrix(dn, samples);
        return new LinearNetProblem(xs, ys, logistic);
    }

    /// <summary>φ as Core's data loss: ℓ square or binary logistic on (X, Y).</summary>
    public DataLoss Loss => new(Logistic ? Losses.Logistic : Losses.Square, X, Y);

    /// <summary>φ(W) = (1/|S|)Σ_iℓ(Wx_i, y_i).</summary>
    public double Phi(Matrix<double> w) => Loss.Value(w);

    /// <summary>∇ℓ_i at the outputs, as columns (d_n × |S|).</summary>
    public Matrix<double> LossGradients(Matrix<double> outputs) => Loss.Loss.Gradient(outputs, Y);

    /// <summary>∇φ(W) = (1/|S|)Σ∇ℓ_i x_iᵀ.</summary>
    public Matrix<double> GradPhi(Matrix<double> w) => Loss.Gradient(w);

    /// <summary>vᵀ∇²ℓ_i v at output ŷ_i.</summary>
    public double LossHessianForm(Matrix<double> outputs, int i, Vector<double> v) => Loss.Loss.HessianForm(outputs, Y, i, v);

    /// <summary>f(θ) = φ(W_{n:1}) as a Core objective (θ in Core's <see cref="ParameterLayout"/>).</summary>
    public DeepLinearObjective Objective(int[] dims) => new(dims, Loss);

    public double F(double[] theta, int[] dims) => Objective(dims).ReferenceValue(theta);

    public double[] Grad(double[] theta, int[] dims) => Objective(dims).ReferenceGradient(theta);

    /// <summary>Δᵀ∇²f(θ)Δ by central differences of the gradient (Core <see cref="RichardsonDifferences"/>).</summary>
    public (double Value, double Error) DirectionalSecond(double[] theta, double[] delta, int[] dims, double h) =>
        RichardsonDifferences.DirectionalSecond(t => Grad(t, dims), theta, delta, h);

    /// <summary>
    /// λ_min(∇²f(θ)) from Core's exact dense Hessian (Lemma 5's form) with a rigorous error: eigensolver backward error plus
    /// the rounding bound of <see cref="HessianRoundingBound"/> (small dense matrices only, d ≤ ~60).
    /// </summary>
    public (double Value, double Error) MinEigen(double[] theta, int[] dims) => ExactHessian.CertifiedMinEigenvalue(Objective(dims), theta);

    /// <summary>A rigorous rounding bound for a computed Δᵀ∇²f(θ)Δ (Eq. 12, Core's HVP, or the assembled Hessian).</summary>
    public double QuadraticFormRounding(double[] theta, int[] dims, IReadOnlyList<Matrix<double>> delta) =>
        Objective(dims).QuadraticFormRoundingBound(theta, delta);

    /// <summary>The tolerance of <see cref="MinEigen"/>'s error: a rigorous rounding bound (standard model, generous count).</summary>
    public static Tolerance MinEigenTolerance(double error) =>
        Tolerance.Bound(error, "exact Hessian (Lemma 5's form) rounding γ_K·C (|fl(AB) − AB| ≤ γ_k|A||B|, Frobenius magnitudes) + eigensolver γ_{8d+8}‖H‖_F");

    /// <summary>Eq. (12): ∇²φ(W_{n:1})[Σ_j W_{n:j+1}ΔW_jW_{j−1:1}] + crossFactor·Tr(∇φᵀ Σ_{j&lt;j'} W_{n:j'+1}ΔW_{j'}W_{j'−1:j+1}ΔW_jW_{j−1:1}).</summary>
    public double Eq12(DeepLinearNetwork net, IReadOnlyList<Matrix<double>> dw, double crossFactor = 2)
    {
        int n = net.Depth;
        Matrix<double> P(int i, int k) => net.Product(i, k);
        var first = Matrix<double>.Build.Dense(net.Dims[n], net.Dims[0]);
        for (int j = 1; j <= n; j++)
        {
            first += P(j + 1, n) * dw[j - 1] * P(1, j - 1);
        }
        var e2e = net.EndToEnd();
        double cross = 0;
        var g = GradPhi(e2e);
        for (int j = 1; j <= n; j++)
        {
            for (int jp = j + 1; jp <= n; jp++)
            {
                var term = P(jp + 1, n) * dw[jp - 1] * P(j + 1, jp - 1) * dw[j - 1] * P(1, j - 1);
                cross += g.PointwiseMultiply(term).Enumerate().Sum();
            }
        }
        return Loss.HessianForm(e2e, first) + crossFactor * cross;
    }

    /// <summary>max over |J| = n − 2 of ∏_{j∈J} norms = product of all but the two smallest (1 for n = 2).</summary>
    public static double MaxProductOmittingTwo(IEnumerable<double> norms)
    {
        var sorted = norms.OrderBy(v => v).ToArray();
        double p = 1;
        for (int i = 2; i < sorted.Length; i++)
        {
            p *= sorted[i];
        }
        return p;
    }

    /// <summary>max over |J| = n − 1 (product of all but the smallest).</summary>
    public static double MaxProductOmittingOne(IEnumerable<double> norms)
    {
        var sorted = norms.OrderBy(v => v).ToArray();
        double p = 1;
        for (int i = 1; i < sorted.Length; i++)
        {
            p *= sorted[i];
        }
        return p;
    }
}
