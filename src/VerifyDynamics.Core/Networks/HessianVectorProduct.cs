using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// Hessian-vector products. <see cref="DeepLinear"/> is the exact directional derivative of the layer
/// gradients ∇_{W_k} f = W_{n:k+1}ᵀ ∇φ(W_{n:1}) W_{k−1:1}ᵀ along V = (V_1..V_n) (forward-over-reverse by
/// hand, O(n) matrix products); it is the Riesz representative of EC21 Lemma 5's quadratic form. The
/// homogeneous-network HVP lives in <see cref="HomogeneousNetwork.HessianVectorProduct"/>.
/// <see cref="FiniteDifference"/> is the central-difference check, error O(h²·‖∇³f‖) + O(u‖∇f‖/h).
/// </summary>
public static class HessianVectorProduct
{
    /// <summary>
    /// (∇²f(θ)V)_k = Ṡ_kᵀ G P_{k−1}ᵀ + S_kᵀ Ġ P_{k−1}ᵀ + S_kᵀ G Ṗ_{k−1}ᵀ with P_j = W_{j:1}, S_j = W_{n:j+1},
    /// G = ∇φ(P_n), Ġ = ∇²φ(P_n)[Ṗ_n], and the tangents Ṗ_j = V_j P_{j−1} + W_j Ṗ_{j−1}, Ṡ_{j−1} = Ṡ_j W_j + S_j V_j.
    /// </summary>
    public static Matrix<double>[] DeepLinear(DeepLinearNetwork network, IEndToEndLoss phi, IReadOnlyList<Matrix<double>> v)
    {
        int n = network.Depth;
        var dims = network.Dims;
        var m = Matrix<double>.Build;
        var p = new Matrix<double>[n + 1];
        var pd = new Matrix<double>[n + 1];
        p[0] = m.DenseIdentity(dims[0]);
        pd[0] = m.Dense(dims[0], dims[0]);
        for (int j = 1; j <= n; j++)
        {
            p[j] = network[j] * p[j - 1];
            pd[j] = v[j - 1] * p[j - 1] + network[j] * pd[j - 1];
        }
        var s = new Matrix<double>[n + 1];
        var sd = new Matrix<double>[n + 1];
        s[n] = m.DenseIdentity(dims[n]);
        sd[n] = m.Dense(dims[n], dims[n]);
        for (int j = n; j >= 1; j--)
        {
            s[j - 1] = s[j] * network[j];
            sd[j - 1] = sd[j] * network[j] + s[j] * v[j - 1];
        }
        var g = phi.Gradient(p[n]);
        var gd = phi.HessianApply(p[n], pd[n]);
        var result = new Matrix<double>[n];
        for (int k = 1; k <= n; k++)
        {
            result[k - 1] = sd[k].TransposeThisAndMultiply(g).TransposeAndMultiply(p[k - 1])
                + s[k].TransposeThisAndMultiply(gd).TransposeAndMultiply(p[k - 1])
                + s[k].TransposeThisAndMultiply(g).TransposeAndMultiply(pd[k - 1]);
        }
        return result;
    }

    /// <summary>(∇f(θ + h v) − ∇f(θ − h v)) / (2h): a check, not an engine.</summary>
    public static double[] FiniteDifference(IDifferentiableObjective f, double[] theta, double[] v, double h = 1e-5)
    {
        var plus = f.Gradient(LinearAlgebra.VectorOps.AddScaled(theta, h, v));
        var minus = f.Gradient(LinearAlgebra.VectorOps.AddScaled(theta, -h, v));
        var r = new double[plus.Length];
        for (int i = 0; i < r.Length; i++)
        {
            r[i] = (plus[i] - minus[i]) / (2 * h);
        }
        return r;
    }

    /// <summary>The linear operator v ↦ ∇²f(θ)v (for Lanczos).</summary>
    public static Func<double[], double[]> Operator(IDifferentiableObjective f, double[] theta) =>
        f is DeepLinearObjective deep ? deep.HessianOperator(theta) : v => f.HessianVectorProduct(theta, v);
}
