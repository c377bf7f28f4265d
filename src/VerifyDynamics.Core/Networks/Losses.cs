using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// A per-sample loss ℓ(ŷ, y), convex and C² in ŷ (EC21 Eq. 9). Batched: the columns of Ŷ and Y are samples.
/// Gradients and Hessian products are per sample (not divided by the number of samples).
/// </summary>
public interface ISampleLoss
{
    string Name { get; }

    /// <summary>(1/m) Σ_i ℓ(ŷ_i, y_i).</summary>
    double Mean(Matrix<double> yhat, Matrix<double> y);

    /// <summary>Column i = ∇ℓ(ŷ_i, y_i).</summary>
    Matrix<double> Gradient(Matrix<double> yhat, Matrix<double> y);

    /// <summary>Column i = ∇²ℓ(ŷ_i, y_i)·v_i.</summary>
    Matrix<double> HessianApply(Matrix<double> yhat, Matrix<double> y, Matrix<double> v);

    /// <summary>ℓ(ŷ_i, y_i) for one sample (column i).</summary>
    double Value(Matrix<double> yhat, Matrix<double> y, int i);

    /// <summary>vᵀ∇²ℓ(ŷ_i, y_i)v for one sample (column i).</summary>
    double HessianForm(Matrix<double> yhat, Matrix<double> y, int i, Vector<double> v);

    /// <summary>sup over ŷ of ‖∇²ℓ(ŷ, y)‖₂ (the L of the exact-Hessian rounding bounds; +∞ when unbounded).</summary>
    double CurvatureBound { get; }
}

/// <summary>The losses of the EC21 generator G0.</summary>
public static class Losses
{
    /// <summary>ℓ(ŷ, y) = ½‖ŷ − y‖².</summary>
    public static ISampleLoss Square { get; } = new SquareLoss();

    /// <summary>Binary logistic ℓ(ŷ, y) = ln(1 + e^{−yŷ}), d_n = 1, y ∈ {±1}.</summary>
    public static ISampleLoss Logistic { get; } = new LogisticLoss();

    /// <summary>ℓ(ŷ, y) = e^{−yŷ}, d_n = 1, y ∈ {±1}.</summary>
    public static ISampleLoss Exponential { get; } = new ExponentialLoss();

    /// <summary>Softmax cross-entropy ℓ(ŷ, y) = logΣ_k e^{ŷ_k} − yᵀŷ for y a probability vector (one-hot labels).</summary>
    public static ISampleLoss CrossEntropy { get; } = new SoftmaxCrossEntropy();

    /// <summary>ln(1 + e^x) without overflow.</summary>
    public static double Softplus(double x) => x > 0 ? x + Math.Log(1 + Math.Exp(-x)) : Math.Log(1 + Math.Exp(x));

    /// <summary>1/(1 + e^{−x}) without overflow.</summary>
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    private sealed class SquareLoss : ISampleLoss
    {
        public string Name => "square";

        public double Mean(Matrix<double> yhat, Matrix<double> y)
        {
            double f = (yhat - y).FrobeniusNorm();
            return 0.5 * f * f / yhat.ColumnCount;
        }

        public Matrix<double> Gradient(Matrix<double> yhat, Matrix<double> y) => yhat - y;

        public Matrix<double> HessianApply(Matrix<double> yhat, Matrix<double> y, Matrix<double> v) => v.Clone();

        public double Value(Matrix<double> yhat, Matrix<double> y, int i)
        {
            var r = yhat.Column(i) - y.Column(i);
            return 0.5 * r.DotProduct(r);
        }

        public double HessianForm(Matrix<double> yhat, Matrix<double> y, int i, Vector<double> v) => v.DotProduct(v);

        public double CurvatureBound => 1;
    }

    private sealed class LogisticLoss : ISampleLoss
    {
        public string Name => "logistic";

        public double Mean(Matrix<double> yhat, Matrix<double> y)
        {
            double s = 0;
            for (int i = 0; i < yhat.ColumnCount; i++)
            {
                s += Softplus(-y[0, i] * yhat[0, i]);
            }
            return s / yhat.ColumnCount;
        }

        // d/dŷ ln(1+e^{−yŷ}) = −y·σ(−yŷ);  d²/dŷ² = y²·σ(−yŷ)(1 − σ(−yŷ)).
        public Matrix<double> Gradient(Matrix<double> yhat, Matrix<double> y) =>
            Matrix<double>.Build.Dense(1, yhat.ColumnCount, (_, i) => -y[0, i] * Sigmoid(-y[0, i] * yhat[0, i]));

        public Matrix<double> HessianApply(Matrix<double> yhat, Matrix<double> y, Matrix<double> v) =>
            Matrix<double>.Build.Dense(1, yhat.ColumnCount, (_, i) =>
            {
                double p = Sigmoid(-y[0, i] * yhat[0, i]);
                return y[0, i] * y[0, i] * p * (1 - p) * v[0, i];
            });

        // m = yŷ: ln(1 + e^{−m}) = softplus(−m).
        public double Value(Matrix<double> yhat, Matrix<double> y, int i)
        {
            double m = y[0, i] * yhat[0, i];
            return m > 0 ? Math.Log(1 + Math.Exp(-m)) : -m + Math.Log(1 + Math.Exp(m));
        }

        // vᵀ∇²ℓv = p(1 − p)v², p = σ(yŷ) (y² = 1).
        public double HessianForm(Matrix<double> yhat, Matrix<double> y, int i, Vector<double> v)
        {
            double p = Sigmoid(y[0, i] * yhat[0, i]);
            return p * (1 - p) * v[0] * v[0];
        }

        public double CurvatureBound => 0.25;
    }

    private sealed class ExponentialLoss : ISampleLoss
    {
        public string Name => "exponential";

        public double Mean(Matrix<double> yhat, Matrix<double> y)
        {
            double s = 0;
            for (int i = 0; i < yhat.ColumnCount; i++)
            {
                s += Math.Exp(-y[0, i] * yhat[0, i]);
            }
            return s / yhat.ColumnCount;
        }

        public Matrix<double> Gradient(Matrix<double> yhat, Matrix<double> y) =>
            Matrix<double>.Build.Dense(1, yhat.ColumnCount, (_, i) => -y[0, i] * Math.Exp(-y[0, i] * yhat[0, i]));

        public Matrix<double> HessianApply(Matrix<double> yhat, Matrix<double> y, Matrix<double> v) =>
            Matrix<double>.Build.Dense(1, yhat.ColumnCount, (_, i) => y[0, i] * y[0, i] * Math.Exp(-y[0, i] * yhat[0, i]) * v[0, i]);

        public double Value(Matrix<double> yhat, Matrix<double> y, int i) => Math.Exp(-y[0, i] * yhat[0, i]);

        public double HessianForm(Matrix<double> yhat, Matrix<double> y, int i, Vector<double> v) =>
            y[0, i] * y[0, i] * Math.Exp(-y[0, i] * yhat[0, i]) * v[0] * v[0];

        public double CurvatureBound => double.PositiveInfinity;
    }

    private sealed class SoftmaxCrossEntropy : ISampleLoss
    {
        public string Name => "cross-entropy";

        private static Matrix<double> Softmax(Matrix<double> yhat)
        {
            var p = yhat.Clone();
            for (int i = 0; i < p.ColumnCount; i++)
            {
                double max = double.NegativeInfinity;
                for (int k = 0; k < p.RowCount; k++)
                {
                    max = Math.Max(max, p[k, i]);
                }
                double sum = 0;
                for (int k = 0; k < p.RowCount; k++)
                {
                    p[k, i] = Math.Exp(p[k, i] - max);
                    sum += p[k, i];
                }
                for (int k = 0; k < p.RowCount; k++)
                {
                    p[k, i] /= sum;
                }
            }
            return p;
        }

        public double Mean(Matrix<double> yhat, Matrix<double> y)
        {
            double s = 0;
            for (int i = 0; i < yhat.ColumnCount; i++)
            {
                double max = double.NegativeInfinity;
                for (int k = 0; k < yhat.RowCount; k++)
                {
                    max = Math.Max(max, yhat[k, i]);
                }
                double sum = 0, ydot = 0, ymass = 0;
                for (int k = 0; k < yhat.RowCount; k++)
                {
                    sum += Math.Exp(yhat[k, i] - max);
                    ydot += y[k, i] * yhat[k, i];
                    ymass += y[k, i];
                }
                s += ymass * (max + Math.Log(sum)) - ydot;
            }
            return s / yhat.ColumnCount;
        }

        // ∇ℓ = (Σ_k y_k)·p − y;  ∇²ℓ·v = (Σ_k y_k)·(p∘v − p(pᵀv)).
        public Matrix<double> Gradient(Matrix<double> yhat, Matrix<double> y)
        {
            var p = Softmax(yhat);
            var mass = y.ColumnSums();
            for (int i = 0; i < p.ColumnCount; i++)
            {
                for (int k = 0; k < p.RowCount; k++)
                {
                    p[k, i] = mass[i] * p[k, i] - y[k, i];
                }
            }
            return p;
        }

        public double Value(Matrix<double> yhat, Matrix<double> y, int i) =>
            Mean(yhat.SubMatrix(0, yhat.RowCount, i, 1), y.SubMatrix(0, y.RowCount, i, 1));

        public double HessianForm(Matrix<double> yhat, Matrix<double> y, int i, Vector<double> v) =>
            v.DotProduct(HessianApply(yhat.SubMatrix(0, yhat.RowCount, i, 1), y.SubMatrix(0, y.RowCount, i, 1), v.ToColumnMatrix()).Column(0));

        // ∇²ℓ = (Σ_k y_k)(diag p − ppᵀ) has norm ≤ ½ for probability vectors y.
        public double CurvatureBound => 0.5;

        public Matrix<double> HessianApply(Matrix<double> yhat, Matrix<double> y, Matrix<double> v)
        {
            var p = Softmax(yhat);
            var mass = y.ColumnSums();
            var r = Matrix<double>.Build.Dense(p.RowCount, p.ColumnCount);
            for (int i = 0; i < p.ColumnCount; i++)
            {
                double pv = 0;
                for (int k = 0; k < p.RowCount; k++)
                {
                    pv += p[k, i] * v[k, i];
                }
                for (int k = 0; k < p.RowCount; k++)
                {
                    r[k, i] = mass[i] * p[k, i] * (v[k, i] - pv);
                }
            }
            return r;
        }
    }
}

/// <summary>
/// A loss φ(W) of the end-to-end matrix of a linear network (EC21 Eq. 11), with its gradient and the
/// action of its Hessian ∇²φ(W)[ΔW] (as a matrix, i.e. the gradient of ½∇²φ(W)[ΔW, ΔW] in ΔW).
/// </summary>
public interface IEndToEndLoss
{
    double Value(Matrix<double> w);
    Matrix<double> Gradient(Matrix<double> w);
    Matrix<double> HessianApply(Matrix<double> w, Matrix<double> dw);
}

/// <summary>
/// An end-to-end loss that <see cref="DeepLinearKernel"/> can evaluate in place on the column-major entries of W, without
/// building MathNet matrices at every gradient evaluation. Each implementation computes the same floating-point
/// operations in the same order as its <see cref="IEndToEndLoss.Value"/> and <see cref="IEndToEndLoss.Gradient"/>, so
/// the kernel's results do not depend on which path it takes (a test compares the two bit for bit).
/// </summary>
public interface IInPlaceEndToEndLoss : IEndToEndLoss
{
    /// <summary>φ(W) for W given column-major (n_L×n_0); when <paramref name="gradient"/> is not empty, ∇φ(W) is written
    /// into it, column-major.</summary>
    double ValueAndGradient(ReadOnlySpan<double> w, Span<double> gradient);
}

/// <summary>φ(W) = ½‖W − Φ‖_F² (ACGH19 / EC21 Section 5 with whitened data).</summary>
public sealed class FrobeniusTargetLoss(Matrix<double> target) : IEndToEndLoss
{
    public Matrix<double> Target { get; } = target;

    public double Value(Matrix<double> w)
    {
        double f = (w - Target).FrobeniusNorm();
        return 0.5 * f * f;
    }

    public Matrix<double> Gradient(Matrix<double> w) => w - Target;

    public Matrix<double> HessianApply(Matrix<double> w, Matrix<double> dw) => dw.Clone();
}

/// <summary>
/// φ(W) = ⟨G, W⟩ = Tr[GᵀW], linear in W: gradient G, Hessian 0. Pulled back through a deep linear network it is JGGSH21's
/// L-homogeneous part H(θ) = Tr[GᵀA_θ] of a matrix cost at the saddle θ = 0 (G = ∇C(0)).
/// </summary>
public sealed class LinearEndToEndLoss(Matrix<double> g) : IEndToEndLoss
{
    public Matrix<double> G { get; } = g;

    public double Value(Matrix<double> w) => G.PointwiseMultiply(w).Enumerate().Sum();

    public Matrix<double> Gradient(Matrix<double> w) => G;

    public Matrix<double> HessianApply(Matrix<double> w, Matrix<double> dw) => Matrix<double>.Build.Dense(G.RowCount, G.ColumnCount);
}

/// <summary>φ(W) = (1/m) Σ_i ℓ(W x_i, y_i) on data X ∈ R^{d_0×m}, Y ∈ R^{d_n×m} (EC21 Eq. 11).</summary>
public sealed class DataLoss : IEndToEndLoss
{
    public DataLoss(ISampleLoss loss, Matrix<double> x, Matrix<double> y)
    {
        if (x.ColumnCount != y.ColumnCount)
        {
            throw new ArgumentException($"X has {x.ColumnCount} samples but Y has {y.ColumnCount}");
        }
        Loss = loss;
        X = x;
        Y = y;
    }

    public ISampleLoss Loss { get; }
    public Matrix<double> X { get; }
    public Matrix<double> Y { get; }
    public int Samples => X.ColumnCount;

    public double Value(Matrix<double> w) => ValueOfOutputs(w * X);

    /// <summary>(1/m) Σ_i ℓ(ŷ_i, y_i) for outputs ŷ_i given as columns, summed sample by sample.</summary>
    public double ValueOfOutputs(Matrix<double> outputs)
    {
        double s = 0;
        for (int i = 0; i < Samples; i++)
        {
            s += Loss.Value(outputs, Y, i);
        }
        return s / Samples;
    }

    /// <summary>∇φ(W) = (1/m) Σ_i ∇ℓ_i x_iᵀ.</summary>
    public Matrix<double> Gradient(Matrix<double> w) => Loss.Gradient(w * X, Y).TransposeAndMultiply(X) / Samples;

    /// <summary>∇²φ(W)[V, V] = (1/m) Σ_i (Vx_i)ᵀ∇²ℓ_i(Vx_i).</summary>
    public double HessianForm(Matrix<double> w, Matrix<double> v)
    {
        var outputs = w * X;
        var vx = v * X;
        double s = 0;
        for (int i = 0; i < Samples; i++)
        {
            s += Loss.HessianForm(outputs, Y, i, vx.Column(i));
        }
        return s / Samples;
    }

    public Matrix<double> HessianApply(Matrix<double> w, Matrix<double> dw) =>
        Loss.HessianApply(w * X, Y, dw * X).TransposeAndMultiply(X) / Samples;
}
