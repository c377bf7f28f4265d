using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Sec. 4.1.2 (Eqs. 8–9, 15–16), paper-local until the engine's homogeneous networks land: a fully connected
/// net h_θ(x) = W_nσ(W_{n−1}σ(⋯σ(W_1x))) with σ(z) = α·max{z,0} − ᾱ·max{−z,0}, no biases, square or binary logistic
/// loss (losses and their derivatives reuse <see cref="LinearNetProblem"/>). Exact gradients by backpropagation;
/// inside a region of fixed activation pattern f is smooth, so Hessians come from central differences of the exact
/// gradient with steps well below the smallest pre-activation (callers check <see cref="MinPreActivation"/>).
/// </summary>
public sealed class HomogeneousNet(LinearNetProblem data, double alpha, double alphaBar)
{
    public LinearNetProblem Data { get; } = data;
    public double Alpha { get; } = alpha;
    public double AlphaBar { get; } = alphaBar;

    public static HomogeneousNet From(Instance x) => new(LinearNetProblem.From(x), x.Scalar("alpha"), x.Scalar("alphaBar"));

    public Instance Store(Instance x) => Data.Store(x).WithScalar("alpha", Alpha).WithScalar("alphaBar", AlphaBar);

    public double Sigma(double z) => z > 0 ? Alpha * z : AlphaBar * z;

    public double SigmaPrime(double z) => z > 0 ? Alpha : AlphaBar;

    /// <summary>Pre-activations Z_1..Z_{n−1} and the output, for the whole batch.</summary>
    public (Matrix<double>[] Pre, Matrix<double>[] Post, Matrix<double> Output) Forward(IReadOnlyList<Matrix<double>> ws)
    {
        int n = ws.Count;
        var pre = new Matrix<double>[n - 1];
        var post = new Matrix<double>[n];
        post[0] = Data.X;
        for (int j = 1; j < n; j++)
        {
            pre[j - 1] = ws[j - 1] * post[j - 1];
            post[j] = pre[j - 1].Map(Sigma);
        }
        return (pre, post, ws[n - 1] * post[n - 1]);
    }

    /// <summary>min |pre-activation| over all layers and samples (∞ for n = 1): the distance to a region boundary.</summary>
    public double MinPreActivation(IReadOnlyList<Matrix<double>> ws)
    {
        var (pre, _, _) = Forward(ws);
        return pre.Length == 0 ? double.PositiveInfinity : pre.Min(z => z.Enumerate().Min(Math.Abs));
    }

    public double Loss(IReadOnlyList<Matrix<double>> ws) => Data.LossOfOutputs(Forward(ws).Output);

    public Matrix<double>[] Gradients(IReadOnlyList<Matrix<double>> ws)
    {
        int n = ws.Count;
        var (pre, post, output) = Forward(ws);
        var grads = new Matrix<double>[n];
        var g = Data.LossGradients(output) / Data.N;
        for (int j = n; j >= 1; j--)
        {
            grads[j - 1] = g * post[j - 1].Transpose();
            if (j > 1)
            {
                g = (ws[j - 1].Transpose() * g).PointwiseMultiply(pre[j - 2].Map(SigmaPrime));
            }
        }
        return grads;
    }

    public double[] Grad(double[] theta, int[] dims) => Ec21.Flatten(Gradients(Ec21.Unflatten(theta, dims)));

    /// <summary>λ_min(∇²f(θ)) by a dense FD Hessian with step h (must be ≪ the region margin); error = Richardson + eigensolver.</summary>
    public (double Value, double Error) MinEigen(double[] theta, int[] dims, double h)
    {
        var (hm, err) = Ec21.FdHessian(t => Grad(t, dims), theta, h);
        var (v, e) = Ec21.MinEigen(hm);
        return (v, err + e);
    }

    /// <summary>The same network as Core's <see cref="HomogeneousNetwork"/> (same θ layout: layer by layer, column-major).</summary>
    public HomogeneousNetwork Core(int[] dims) =>
        HomogeneousNetwork.FullyConnected(dims, new Activation(Alpha, AlphaBar, "paper-local σ"), Data.Logistic ? Losses.Logistic : Losses.Square, Data.X, Data.Y);

    /// <summary>
    /// λ_min(∇²f(θ)) from Core's exact Hessian with the masks frozen at θ (<see cref="ExactHessian.Homogeneous"/>; valid inside θ's
    /// region, which callers check), with a rigorous rounding bound: as <see cref="LinearNetProblem.MinEigen"/> with the mask
    /// entries |D′| ≤ s := max{1, |α|, |ᾱ|} in every product, C = s^{2(n−1)}L‖X‖_F²/|S|·Σ_jd_jd_{j−1}P_j² + 2s^{n−1}Ḡ·Σ_{j&lt;j'}∏_{k≠j,j'}‖W_k‖_F
    /// (Ḡ = ‖ℓ′‖_F‖X‖_F/|S| at the network's outputs), γ_K with K = 8(n + Σd + |S|) + 64, plus the eigensolver's γ_{8d+8}‖H‖_F.
    /// </summary>
    public (double Value, double Error) MinEigenExact(double[] theta, int[] dims)
    {
        var hm = ExactHessian.Homogeneous(Core(dims), theta);
        var (v, e) = Ec21.MinEigen(0.5 * (hm + hm.Transpose()));
        var (n, a, sMask, xf, gBar) = RoundingScales(theta, dims);
        double Prod(Func<int, bool> keep) => Ec21.ProductWhere(a, keep);
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
        double c = Math.Pow(sMask, 2 * (n - 1)) * (Data.Logistic ? 0.25 : 1) * xf * xf / Data.N * first + 2 * Math.Pow(sMask, n - 1) * gBar * cross;
        return (v, e + Tolerance.Gamma(8 * (n + dims.Sum() + Data.N) + 64) * c);
    }

    /// <summary>The sizes the rounding bounds are made of: depth n, layer norms ‖W_k‖_F, mask size s, ‖X‖_F and the loss-gradient size Ḡ.</summary>
    private (int N, double[] Norms, double SMask, double XF, double GBar) RoundingScales(double[] theta, int[] dims)
    {
        var ws = Ec21.Unflatten(theta, dims);
        var a = ws.Select(w => w.FrobeniusNorm()).ToArray();
        double sMask = Math.Max(1, Math.Max(Math.Abs(Alpha), Math.Abs(AlphaBar)));
        double xf = Data.X.FrobeniusNorm();
        double gBar = Data.LossGradients(Forward(ws).Output).FrobeniusNorm() * xf / Data.N;
        return (ws.Length, a, sMask, xf, gBar);
    }

    /// <summary>
    /// A rigorous rounding bound for a computed Δθᵀ∇²f(θ)Δθ (by Eq. 16 or by Core's frozen-mask HVP): γ_K·C_Δ with
    /// C_Δ = s^{2(n−1)}L‖X‖_F²/|S|·(Σ_jP_j‖Δ_j‖_F)² + 2s^{n−1}Ḡ·Σ_{j&lt;j'}∏_{k≠j,j'}‖W_k‖_F‖Δ_j‖_F‖Δ_{j'}‖_F, notation as in <see cref="MinEigenExact"/>.
    /// </summary>
    public double QuadraticFormRounding(double[] theta, int[] dims, IReadOnlyList<Matrix<double>> delta)
    {
        var (n, a, sMask, xf, gBar) = RoundingScales(theta, dims);
        var b = delta.Select(w => w.FrobeniusNorm()).ToArray();
        double Prod(Func<int, bool> keep) => Ec21.ProductWhere(a, keep);
        double first = 0, cross = 0;
        for (int j = 0; j < n; j++)
        {
            first += Prod(k => k != j) * b[j];
            for (int jp = j + 1; jp < n; jp++)
            {
                cross += Prod(k => k != j && k != jp) * b[j] * b[jp];
            }
        }
        double c = Math.Pow(sMask, 2 * (n - 1)) * (Data.Logistic ? 0.25 : 1) * xf * xf / Data.N * first * first + 2 * Math.Pow(sMask, n - 1) * gBar * cross;
        return Tolerance.Gamma(8 * (n + dims.Sum() + Data.N) + 64) * c;
    }

    /// <summary>The tolerance kind of <see cref="MinEigenExact"/>'s error.</summary>
    public static Tolerance MinEigenExactTolerance(double error) =>
        Tolerance.Bound(error, "exact frozen-mask Hessian rounding γ_K·C (|fl(AB) − AB| ≤ γ_k|A||B|, Frobenius magnitudes, |D′| ≤ max{1,|α|,|ᾱ|}) + eigensolver γ_{8d+8}‖H‖_F");

    /// <summary>Δθᵀ∇²f(θ)Δθ by central differences (step h along Δθ), with a Richardson error estimate.</summary>
    public (double Value, double Error) DirectionalSecond(double[] theta, double[] delta, int[] dims, double h) =>
        Ec21.DirectionalSecond(t => Grad(t, dims), theta, delta, h);

    /// <summary>
    /// Eq. (16): (1/|S|)Σ_i ∇²ℓ_i[Σ_j (D′W)_{n:j+1}D′_{i,j}ΔW_j(D′W)_{j−1:1}x_i]
    /// + crossFactor·(1/|S|)Σ_i ∇ℓ_iᵀ Σ_{j&lt;j'} (D′W)_{n:j'+1}D′_{i,j'}ΔW_{j'}(D′W)_{j'−1:j+1}D′_{i,j}ΔW_j(D′W)_{j−1:1}x_i,
    /// with D′_{i,n} = I; <paramref name="withMaskNextToDelta"/> = false drops D′_{i,j} next to ΔW_j (a mutant).
    /// </summary>
    public double Eq16(IReadOnlyList<Matrix<double>> ws, IReadOnlyList<Matrix<double>> dw, double crossFactor = 2, bool withMaskNextToDelta = true)
    {
        int n = ws.Count;
        var (pre, _, output) = Forward(ws);
        var lg = Data.LossGradients(output);
        double total = 0;
        for (int i = 0; i < Data.N; i++)
        {
            // D_j (j = 1..n): activation derivative at sample i (identity at j = n).
            Matrix<double> D(int j) => j == n
                ? Matrix<double>.Build.DenseIdentity(ws[n - 1].RowCount)
                : Matrix<double>.Build.DenseOfDiagonalArray([.. pre[j - 1].Column(i).Select(SigmaPrime)]);
            Matrix<double> Dd(int j) => withMaskNextToDelta ? D(j) : Matrix<double>.Build.DenseIdentity(ws[j - 1].RowCount);
            Matrix<double> Chain(int from, int to)
            {
                // (D′W)_{to:from} = D_to W_to ⋯ D_from W_from; identity if from > to.
                var p = Matrix<double>.Build.DenseIdentity(from >= 2 ? ws[from - 2].RowCount : ws[0].ColumnCount);
                for (int j = from; j <= to; j++)
                {
                    p = D(j) * ws[j - 1] * p;
                }
                return p;
            }
            var xi = Data.X.Column(i).ToColumnMatrix();
            var first = Matrix<double>.Build.Dense(ws[n - 1].RowCount, 1);
            for (int j = 1; j <= n; j++)
            {
                first += Chain(j + 1, n) * Dd(j) * dw[j - 1] * Chain(1, j - 1) * xi;
            }
            double cross = 0;
            for (int j = 1; j <= n; j++)
            {
                for (int jp = j + 1; jp <= n; jp++)
                {
                    var term = Chain(jp + 1, n) * Dd(jp) * dw[jp - 1] * Chain(j + 1, jp - 1) * Dd(j) * dw[j - 1] * Chain(1, j - 1) * xi;
                    cross += lg.Column(i).DotProduct(term.Column(0));
                }
            }
            total += Data.LossHessianForm(output, i, first.Column(0)) + crossFactor * cross;
        }
        return total / Data.N;
    }

    /// <summary>A random activation: linear, ReLU, leaky ReLU ᾱ ∈ {0.01, 0.1, 0.5}, or general (α, ᾱ) ∈ [−3, 3]².</summary>
    public static (double Alpha, double AlphaBar) RandomActivation(Rng r, int index) => (index % 4) switch
    {
        0 => (1, 0),
        1 => (1, r.Pick([0.01, 0.1, 0.5])),
        2 => (r.Uniform(-3, 3), r.Uniform(-3, 3)),
        _ => (1, 1),
    };
}
