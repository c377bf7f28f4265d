using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Sec. 4.1.1 setting (Eqs. 9–11), paper-local: a deep linear network f(θ) = φ(W_{n:1}) with
/// φ(W) = (1/|S|)Σ_i ℓ(Wx_i, y_i), ℓ the square loss ½‖ŷ − y‖² or the binary logistic loss ln(1 + e^{−yŷ})
/// (d_n = 1, y = ±1). Exact gradients (Fact.GradLinear via <see cref="DeepLinearNetwork.GradientsOfEndToEnd"/>)
/// and the Hessian quadratic form of φ; λ_min of ∇²f is taken from the exact dense Hessian (Core ExactHessian.DeepLinear) with a
/// rigorous rounding bound — small dense matrices only (d ≤ ~60).
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

    private static double Sigmoid(double z) => z >= 0 ? 1 / (1 + Math.Exp(-z)) : Math.Exp(z) / (1 + Math.Exp(z));

    public double Phi(Matrix<double> w) => LossOfOutputs(w * X);

    /// <summary>(1/|S|)Σ_i ℓ(ŷ_i, y_i) for outputs ŷ_i given as columns.</summary>
    public double LossOfOutputs(Matrix<double> out_)
    {
        double s = 0;
        for (int i = 0; i < N; i++)
        {
            if (Logistic)
            {
                double m = Y[0, i] * out_[0, i];
                s += m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m));
            }
            else
            {
                var r = out_.Column(i) - Y.Column(i);
                s += 0.5 * r.DotProduct(r);
            }
        }
        return s / N;
    }

    /// <summary>∇ℓ_i at the outputs, as columns (d_n × |S|).</summary>
    public Matrix<double> LossGradients(Matrix<double> outputs)
    {
        if (!Logistic)
        {
            return outputs - Y;
        }
        return Matrix<double>.Build.Dense(1, N, (_, i) => -Y[0, i] * Sigmoid(-Y[0, i] * outputs[0, i]));
    }

    /// <summary>∇φ(W) = (1/|S|)Σ∇ℓ_i x_iᵀ.</summary>
    public Matrix<double> GradPhi(Matrix<double> w) => LossGradients(w * X) * X.Transpose() / N;

    /// <summary>vᵀ∇²ℓ_i v at output ŷ_i (square: ‖v‖²; logistic: p(1 − p)v², p = sigmoid(y_iŷ_i)).</summary>
    public double LossHessianForm(Matrix<double> outputs, int i, Vector<double> v)
    {
        if (!Logistic)
        {
            return v.DotProduct(v);
        }
        double p = Sigmoid(Y[0, i] * outputs[0, i]);
        return p * (1 - p) * v[0] * v[0];
    }

    /// <summary>∇²φ(W)[V] = (1/|S|)Σ (Vx_i)ᵀ∇²ℓ_i(Vx_i).</summary>
    public double HessPhiForm(Matrix<double> w, Matrix<double> v)
    {
        var outs = w * X;
        var vx = v * X;
        double s = 0;
        for (int i = 0; i < N; i++)
        {
            if (Logistic)
            {
                double p = Sigmoid(Y[0, i] * outs[0, i]);
                s += p * (1 - p) * vx[0, i] * vx[0, i];
            }
            else
            {
                s += vx.Column(i).DotProduct(vx.Column(i));
            }
        }
        return s / N;
    }

    public double F(double[] theta, int[] dims) => Phi(new DeepLinearNetwork(Ec21.Unflatten(theta, dims)).EndToEnd());

    public double[] Grad(double[] theta, int[] dims)
    {
        var net = new DeepLinearNetwork(Ec21.Unflatten(theta, dims));
        return Ec21.Flatten(net.GradientsOfEndToEnd(GradPhi(net.EndToEnd())));
    }

    /// <summary>Second directional derivative Δᵀ∇²f(θ)Δ by central differences of the gradient, with a Richardson error estimate.</summary>
    public (double Value, double Error) DirectionalSecond(double[] theta, double[] delta, int[] dims, double h) =>
        Ec21.DirectionalSecond(t => Grad(t, dims), theta, delta, h);

    /// <summary>f as a Core objective (same θ layout as <see cref="Ec21.Flatten"/>: layer by layer, column-major).</summary>
    public DeepLinearObjective Objective(int[] dims) => new(dims, new DataLoss(Logistic ? Losses.Logistic : Losses.Square, X, Y));

    /// <summary>
    /// λ_min(∇²f(θ)) from the exact dense Hessian (Core <see cref="ExactHessian.DeepLinear"/>: Lemma 5's form, itself checked
    /// against central differences by EC21.Lemma5 and Core's HVP cross-checks), with a rigorous rounding bound: the Hessian's
    /// entries are sums of products of the weights, the data and ℓ′, ℓ″; with the standard model |fl(AB) − AB| ≤ γ_k|A||B| and
    /// ‖|A|‖_F = ‖A‖_F, ‖fl(H) − H‖_2 ≤ γ_K·C, C = L‖X‖_F²/|S|·Σ_j d_jd_{j−1}P_j² + 2Ḡ·Σ_{j&lt;j'}∏_{k≠j,j'}‖W_k‖_F
    /// (P_j = ∏_{k≠j}‖W_k‖_F, L = 1 square / ¼ logistic, Ḡ = ‖ℓ′‖_F‖X‖_F/|S| bounds |∇φ|), K = 8(n + Σd + |S|) + 64
    /// (a generous operation count), plus the symmetric eigensolver's backward error γ_{8d+8}‖H‖_F.
    /// </summary>
    public (double Value, double Error) MinEigen(double[] theta, int[] dims)
    {
        var objective = Objective(dims);
        var hm = ExactHessian.DeepLinear(objective, theta);
        var (v, e) = Ec21.MinEigen(0.5 * (hm + hm.Transpose()));
        return (v, e + HessianRounding(theta, dims));
    }

    /// <summary>The rounding bound γ_K·C of <see cref="MinEigen"/> (without the eigensolver part).</summary>
    public double HessianRounding(double[] theta, int[] dims)
    {
        var ws = Ec21.Unflatten(theta, dims);
        int n = ws.Length;
        var a = ws.Select(w => w.FrobeniusNorm()).ToArray();
        double Prod(Func<int, bool> keep) => Ec21.ProductWhere(a, keep);
        double xf = X.FrobeniusNorm();
        var net = new DeepLinearNetwork(ws);
        double gBar = LossGradients(net.EndToEnd() * X).FrobeniusNorm() * xf / N;
        double first = 0, cross = 0;
        for (int j = 0; j < n; j++)
        {
            double pj = Prod(k => k != j);
            first += dims[j + 1] * dims[j] * pj * pj;
            for (int jp = j + 1; jp < n; jp++)
            {
                cross += Prod(k => k != j && k != jp);
            }
        }
        double c = (Logistic ? 0.25 : 1) * xf * xf / N * first + 2 * gBar * cross;
        int ops = 8 * (n + dims.Sum() + N) + 64;
        return Tolerance.Gamma(ops) * c;
    }

    /// <summary>
    /// A rigorous rounding bound for a computed value of the quadratic form Δᵀ∇²f(θ)Δ (by Eq. 12, by Core's forward-over-reverse HVP,
    /// or by the assembled Hessian): γ_K·C_Δ with C_Δ = L‖X‖_F²/|S|·(Σ_jP_j‖Δ_j‖_F)² + 2Ḡ·Σ_{j&lt;j'}∏_{k≠j,j'}‖W_k‖_F·‖Δ_j‖_F‖Δ_{j'}‖_F,
    /// the magnitude every term of those computations is bounded by (standard model |fl(AB) − AB| ≤ γ_k|A||B|, ‖|A|‖_F = ‖A‖_F);
    /// notation and the generous count K as in <see cref="MinEigen"/>.
    /// </summary>
    public double QuadraticFormRounding(double[] theta, int[] dims, IReadOnlyList<Matrix<double>> delta)
    {
        var ws = Ec21.Unflatten(theta, dims);
        int n = ws.Length;
        var a = ws.Select(w => w.FrobeniusNorm()).ToArray();
        var b = delta.Select(w => w.FrobeniusNorm()).ToArray();
        double Prod(Func<int, bool> keep) => Ec21.ProductWhere(a, keep);
        double xf = X.FrobeniusNorm();
        double gBar = LossGradients(new DeepLinearNetwork(ws).EndToEnd() * X).FrobeniusNorm() * xf / N;
        double first = 0, cross = 0;
        for (int j = 0; j < n; j++)
        {
            first += Prod(k => k != j) * b[j];
            for (int jp = j + 1; jp < n; jp++)
            {
                cross += Prod(k => k != j && k != jp) * b[j] * b[jp];
            }
        }
        double c = (Logistic ? 0.25 : 1) * xf * xf / N * first * first + 2 * gBar * cross;
        return Tolerance.Gamma(8 * (n + dims.Sum() + N) + 64) * c;
    }

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
        return HessPhiForm(e2e, first) + crossFactor * cross;
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
