using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Sec. 4.1.2 (Eqs. 8–9, 15–16) setting: data and loss (<see cref="LinearNetProblem"/>) and the activation
/// σ(z) = α·max{z,0} − ᾱ·max{−z,0} of a fully connected net h_θ(x) = W_nσ(W_{n−1}σ(⋯σ(W_1x))) without biases. The network
/// itself is Core's <see cref="HomogeneousNetwork"/> (forward pass, backprop gradient, frozen-mask HVP and exact Hessian, rounding
/// bounds); paper-specific here: the instance binding, the random activations, and Eq. (16) written out literally.
/// </summary>
public sealed class HomogeneousNet(LinearNetProblem data, double alpha, double alphaBar)
{
    public LinearNetProblem Data { get; } = data;
    public double Alpha { get; } = alpha;
    public double AlphaBar { get; } = alphaBar;

    public static HomogeneousNet From(Instance x) => new(LinearNetProblem.From(x), x.Scalar("alpha"), x.Scalar("alphaBar"));

    public Instance Store(Instance x) => Data.Store(x).WithScalar("alpha", Alpha).WithScalar("alphaBar", AlphaBar);

    public double SigmaPrime(double z) => z > 0 ? Alpha : AlphaBar;

    /// <summary>The network as Core's <see cref="HomogeneousNetwork"/> (θ in Core's <see cref="ParameterLayout"/>).</summary>
    public HomogeneousNetwork Core(int[] dims) =>
        HomogeneousNetwork.FullyConnected(dims, new Activation(Alpha, AlphaBar, "paper-local σ"), Data.Logistic ? Losses.Logistic : Losses.Square, Data.X, Data.Y);

    private static int[] DimsOf(IReadOnlyList<Matrix<double>> ws) => [ws[0].ColumnCount, .. ws.Select(w => w.RowCount)];

    /// <summary>Core's forward pass at the weights W_1..W_n.</summary>
    public HomogeneousNetwork.ForwardPass Forward(IReadOnlyList<Matrix<double>> ws) => Core(DimsOf(ws)).Forward(ParameterLayout.Flatten(ws));

    /// <summary>min |pre-activation| over all hidden layers and samples (∞ for n = 1): the distance to a region boundary.</summary>
    public double MinPreActivation(IReadOnlyList<Matrix<double>> ws)
    {
        var fp = Forward(ws);
        return ws.Count == 1 ? double.PositiveInfinity : fp.Z[1..^1].Min(z => z.Enumerate().Min(Math.Abs));
    }

    public double[] Grad(double[] theta, int[] dims) => Core(dims).Gradient(theta);

    /// <summary>λ_min(∇²f(θ)) from Core's exact frozen-mask Hessian with its rigorous error (valid inside θ's region, which callers check).</summary>
    public (double Value, double Error) MinEigenExact(double[] theta, int[] dims) => ExactHessian.CertifiedMinEigenvalue(Core(dims), theta);

    /// <summary>A rigorous rounding bound for a computed Δθᵀ∇²f(θ)Δθ (by Eq. 16 or by Core's frozen-mask HVP).</summary>
    public double QuadraticFormRounding(double[] theta, int[] dims, IReadOnlyList<Matrix<double>> delta) =>
        Core(dims).QuadraticFormRoundingBound(theta, delta);

    /// <summary>The tolerance kind of <see cref="MinEigenExact"/>'s error.</summary>
    public static Tolerance MinEigenExactTolerance(double error) =>
        Tolerance.Bound(error, "exact frozen-mask Hessian rounding γ_K·C (|fl(AB) − AB| ≤ γ_k|A||B|, Frobenius magnitudes, |D′| ≤ max{1,|α|,|ᾱ|}) + eigensolver γ_{8d+8}‖H‖_F");

    /// <summary>Δθᵀ∇²f(θ)Δθ by central differences (step h along Δθ), with a Richardson error estimate.</summary>
    public (double Value, double Error) DirectionalSecond(double[] theta, double[] delta, int[] dims, double h) =>
        RichardsonDifferences.DirectionalSecond(t => Grad(t, dims), theta, delta, h);

    /// <summary>
    /// Eq. (16): (1/|S|)Σ_i ∇²ℓ_i[Σ_j (D′W)_{n:j+1}D′_{i,j}ΔW_j(D′W)_{j−1:1}x_i]
    /// + crossFactor·(1/|S|)Σ_i ∇ℓ_iᵀ Σ_{j&lt;j'} (D′W)_{n:j'+1}D′_{i,j'}ΔW_{j'}(D′W)_{j'−1:j+1}D′_{i,j}ΔW_j(D′W)_{j−1:1}x_i,
    /// with D′_{i,n} = I; <paramref name="withMaskNextToDelta"/> = false drops D′_{i,j} next to ΔW_j (a mutant).
    /// </summary>
    public double Eq16(IReadOnlyList<Matrix<double>> ws, IReadOnlyList<Matrix<double>> dw, double crossFactor = 2, bool withMaskNextToDelta = true)
    {
        int n = ws.Count;
        var fp = Forward(ws);
        var pre = fp.Z[1..^1];
        var output = fp.Output;
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
