using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// The end-to-end dynamics of EC21 Prop. 14 / Lemma 35 (Arora et al. 2018, Thm 1) for d_n = 1: under balanced
/// initialization, d/dt W_{n:1} = −∇φ(W_{n:1})(‖W_{n:1}‖^{2−2/n}I + (n−1)[W_{n:1}ᵀW_{n:1}]^{1−1/n}). With d_n = 1,
/// W_{n:1}ᵀW_{n:1} = ‖W‖²uuᵀ (u = W_{n:1}ᵀ/‖W‖) is rank one, so its power c &gt; 0 is ‖W‖^{2c}uuᵀ exactly (0 at W = 0).
/// Instances: Core <see cref="DeepLinearObjective"/> with data loss (square or logistic), balanced starts from Core's
/// <see cref="BalancedInitialization"/> (ACGH19 Procedure 1) of a random end-to-end row vector.
/// </summary>
internal static class EndToEndDynamics
{
    public static Instance Random(TrialContext ctx, bool balanced)
    {
        var r = ctx.Rng;
        int n = r.NextInt(2, 4), d0 = r.NextInt(2, 3);
        var dims = new int[n + 1];
        dims[0] = d0;
        for (int j = 1; j < n; j++)
        {
            dims[j] = r.NextInt(1, 3);
        }
        dims[n] = 1;
        bool logistic = ctx.Index % 2 == 1;
        var net = balanced
            ? BalancedInitialization.Create(dims, r.GaussianMatrix(1, d0) * r.Uniform(0.3, 1.5))
            : new DeepLinearNetwork(Enumerable.Range(1, n).Select(j => r.GaussianMatrix(dims[j], dims[j - 1]) * 0.8));
        var data = LinearNetProblem.Random(r, d0, 1, r.NextInt(1, 4), logistic);
        return data.Store(new Instance { Family = $"{(balanced ? "balanced" : "Gaussian")}, {(logistic ? "logistic" : "square")}, n = {n}" }.WithNetwork(net));
    }

    public static DeepLinearObjective Objective(Instance x)
    {
        var data = LinearNetProblem.From(x);
        return new DeepLinearObjective(x.Network.Dims, new DataLoss(data.Logistic ? Losses.Logistic : Losses.Square, data.X, data.Y));
    }

    /// <summary>d/dt W_{n:1} under GF by the chain rule: Σ_j W_{n:j+1}(−∇_{W_j}f)W_{j−1:1}.</summary>
    public static Matrix<double> Velocity(DeepLinearObjective f, double[] theta)
    {
        var net = f.Network(theta);
        var g = f.Unflatten(f.Gradient(theta));
        int n = f.Depth;
        var v = Matrix<double>.Build.Dense(f.Dims[n], f.Dims[0]);
        for (int j = 1; j <= n; j++)
        {
            v -= net.Product(j + 1, n) * g[j - 1] * net.Product(1, j - 1);
        }
        return v;
    }

    /// <summary>−∇φ(W)(‖W‖^{2−2/n}I + coefficient·[WᵀW]^{1−1/n}) for a row vector W (coefficient n − 1 in the paper).</summary>
    public static Matrix<double> Formula(IEndToEndLoss phi, Matrix<double> w, int n, double coefficient)
    {
        var g = phi.Gradient(w);
        double norm = w.FrobeniusNorm();
        if (norm == 0)
        {
            return Matrix<double>.Build.Dense(w.RowCount, w.ColumnCount);
        }
        double s = Math.Pow(norm, 2 - 2.0 / n);
        var u = w / norm;
        return -s * (g + coefficient * (g * u.Transpose()) * u);
    }

    /// <summary>Balanced up to the rounding of Procedure 1: max_j‖W_{j+1}ᵀW_{j+1} − W_jW_jᵀ‖_F ≤ γ_{16D}·max_j‖W_j‖_F².</summary>
    public static bool IsBalanced(DeepLinearNetwork net)
    {
        double gap = Enumerable.Range(1, net.Depth - 1).Select(j => net.GramDifference(j).FrobeniusNorm()).DefaultIfEmpty(0).Max();
        double scale = net.Weights.Max(w => w.FrobeniusNorm());
        return gap <= Tolerance.Gamma(16 * net.Dims.Max()) * scale * scale;
    }

    /// <summary>max_j ‖W_j‖_F at θ.</summary>
    public static double MaxNorm(DeepLinearObjective f, double[] theta) => f.Network(theta).Weights.Max(w => w.FrobeniusNorm());

    /// <summary>Rounding scale of both sides: n·‖∇f‖·M^{n−1} (velocity) + n‖∇φ‖‖W‖^{2−2/n} (formula).</summary>
    public static Tolerance Rounding(DeepLinearObjective f, double[] theta)
    {
        int n = f.Depth;
        var w = f.Network(theta).EndToEnd();
        double m = MaxNorm(f, theta);
        double scale = n * VectorOps.Norm(f.Gradient(theta)) * Math.Pow(Math.Max(m, 1), n - 1) + n * f.Phi.Gradient(w).FrobeniusNorm() * Math.Pow(w.FrobeniusNorm(), 2 - 2.0 / n);
        return Tolerance.FromRounding(16 * n * f.Dims.Max() + 32, scale, "velocity and formula");
    }

    public static OdeSettings Settings(Precision p) => new(Rtol: p == Precision.Confirm ? 1e-11 : 1e-9, Atol: 1e-12, MaxSteps: 20_000);
}
