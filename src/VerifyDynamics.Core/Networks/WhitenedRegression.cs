using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// ACGH19 App. A: with Λ_xx = XXᵀ/m = I, the ℓ2 loss (1/2m)‖WX − Y‖_F² equals ½‖W − Λ_yx‖_F² + c₀,
/// c₀ = −½Tr(Λ_yxΛ_yxᵀ) + ½Tr(Λ_yy). This type whitens raw data and exposes Φ = Λ_yx and c₀.
/// </summary>
public sealed record WhitenedRegression(Matrix<double> Inputs, Matrix<double> Outputs)
{
    public int SampleCount => Inputs.ColumnCount;

    /// <summary>Replaces X by (XXᵀ/m)^{−1/2} X so that Λ_xx = I (requires XXᵀ invertible).</summary>
    public static WhitenedRegression FromRaw(Matrix<double> x, Matrix<double> y)
    {
        if (x.ColumnCount != y.ColumnCount)
        {
            throw new ArgumentException($"X has {x.ColumnCount} samples but Y has {y.ColumnCount}.", nameof(y));
        }
        var lxx = x.TransposeAndMultiply(x) / x.ColumnCount;
        return new WhitenedRegression(MatrixMeasures.InverseSquareRoot(lxx) * x, y);
    }

    public Matrix<double> InputCovariance => Inputs.TransposeAndMultiply(Inputs) / SampleCount;

    /// <summary>Φ = Λ_yx = YXᵀ/m, the target of the reduced problem.</summary>
    public Matrix<double> Target => Outputs.TransposeAndMultiply(Inputs) / SampleCount;

    /// <summary>c₀ = −½Tr(Λ_yxΛ_yxᵀ) + ½Tr(Λ_yy).</summary>
    public double Constant
    {
        get
        {
            var lyx = Target;
            var lyy = Outputs.TransposeAndMultiply(Outputs) / SampleCount;
            return -0.5 * lyx.TransposeAndMultiply(lyx).Trace() + 0.5 * lyy.Trace();
        }
    }

    /// <summary>(1/2m)‖WX − Y‖_F² evaluated directly on the data.</summary>
    public double DataLoss(Matrix<double> w)
    {
        double f = (w * Inputs - Outputs).FrobeniusNorm();
        return f * f / (2.0 * SampleCount);
    }
}
