using MathNet.Numerics.LinearAlgebra;

namespace VerifyDynamics.Core.Costs;

/// <summary>
/// JGGSH21 Sec. 2.1 MSE: C(A) = (1/N)‖AX − Y‖_F², X ∈ R^{n_0×N}, Y ∈ R^{n_L×N}; ∇C(A) = (2/N)(AX − Y)Xᵀ.
/// Evaluated through the sufficient statistics Σ_xx = XXᵀ/N, Σ_yx = YXᵀ/N and ‖Y‖²/N so the cost per
/// evaluation does not grow with N.
/// </summary>
public sealed class MeanSquaredError : IMatrixCost
{
    public MeanSquaredError(Matrix<double> x, Matrix<double> y)
    {
        if (x.ColumnCount != y.ColumnCount)
        {
            throw new ArgumentException($"X has {x.ColumnCount} samples but Y has {y.ColumnCount}");
        }
        X = x;
        Y = y;
        double n = x.ColumnCount;
        SigmaXX = x.TransposeAndMultiply(x) / n;
        SigmaYX = y.TransposeAndMultiply(x) / n;
        double fy = y.FrobeniusNorm();
        YSquared = fy * fy / n;
        LeastSquares = y * x.PseudoInverse();
        var residual = LeastSquares * x - y;
        double fr = residual.FrobeniusNorm();
        Minimum = fr * fr / n;
    }

    public Matrix<double> X { get; }
    public Matrix<double> Y { get; }
    public int SampleCount => X.ColumnCount;
    public int Rows => Y.RowCount;
    public int Columns => X.RowCount;

    /// <summary>Σ_xx = XXᵀ/N.</summary>
    public Matrix<double> SigmaXX { get; }

    /// <summary>Σ_yx = YXᵀ/N.</summary>
    public Matrix<double> SigmaYX { get; }

    /// <summary>‖Y‖_F²/N.</summary>
    public double YSquared { get; }

    /// <summary>A_LS = YX⁺, the minimum-norm minimizer; every minimizer is A_LS + D with DX = 0.</summary>
    public Matrix<double> LeastSquares { get; }

    /// <summary>C_min = (1/N)‖Y(I − X⁺X)‖_F².</summary>
    public double Minimum { get; }

    /// <summary>Direct evaluation (1/N)‖AX − Y‖² — cancellation-free near the minimum, unlike the statistics form.</summary>
    public double Value(Matrix<double> w)
    {
        double f = (w * X - Y).FrobeniusNorm();
        return f * f / SampleCount;
    }

    /// <summary>C(A) − C_min = (1/N)‖(A − A_LS)X‖², computed without cancellation.</summary>
    public double Excess(Matrix<double> a)
    {
        double f = ((a - LeastSquares) * X).FrobeniusNorm();
        return f * f / SampleCount;
    }

    public Matrix<double> Gradient(Matrix<double> w) => 2.0 * (w * SigmaXX - SigmaYX);

    public Matrix<double> HessianVectorProduct(Matrix<double> a, Matrix<double> direction) => 2.0 * (direction * SigmaXX);

    /// <summary>s_0: the smallest NON-ZERO singular value of X (catalog's intended reading when Rank X &lt; n_0), relative threshold γ.</summary>
    public double SmallestNonzeroSingularValue()
    {
        var s = X.Svd(computeVectors: false).S.ToArray();
        double threshold = s.Length == 0 ? 0 : s.Max() * Math.Max(X.RowCount, X.ColumnCount) * 2.220446049250313e-16;
        return s.Where(v => v > threshold).DefaultIfEmpty(0).Min();
    }

    /// <summary>The PL constant β = 2s_0²/N of Fact.MsePL.</summary>
    public double PolyakLojasiewiczConstant()
    {
        double s0 = SmallestNonzeroSingularValue();
        return 2 * s0 * s0 / SampleCount;
    }
}
