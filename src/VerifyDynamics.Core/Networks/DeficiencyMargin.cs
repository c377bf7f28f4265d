using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Core.Networks;

/// <summary>
/// ACGH19 Definition 2: W has deficiency margin c &gt; 0 w.r.t. Φ iff ‖W − Φ‖_F ≤ σ_min(Φ) − c.
/// </summary>
public static class DeficiencyMargin
{
    /// <summary>The largest c for which W has deficiency margin c: σ_min(Φ) − ‖W − Φ‖_F (may be ≤ 0).</summary>
    public static double Of(Matrix<double> endToEnd, Matrix<double> target) =>
        MatrixMeasures.SigmaMin(target) - (endToEnd - target).FrobeniusNorm();

    public static bool Has(Matrix<double> endToEnd, Matrix<double> target, double c) =>
        c > 0 && Of(endToEnd, target) >= c;
}
