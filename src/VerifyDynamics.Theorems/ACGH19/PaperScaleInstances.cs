using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// Theorem 1 instances at widths and depths beyond the default generator's (for <c>vd experiment acgh19-thm1</c>): scalar
/// regression (d_N = 1, the setting of Theorem 2 and Procedure 1), a column target (d_0 = 1), and the linear residual network
/// of Sec. 3.2.1 (d_0 = … = d_N = d, W_j(0) = I, ‖Φ − I‖_F &lt; ½). η = η*(c) (the largest step (7) allows), ε = ratio·ℓ(0).
/// For a row or column target κ = η c^{2(N−1)/N} = (c/‖Φ‖_F)^{(6N−4)/N}/(6144N³) does not depend on d or the scale, so T(ε)
/// grows with N only; for the residual network it carries the factor (σ_min(Φ)/‖Φ‖_F)^{(6N−4)/N} ≈ d^{−(3N−2)/N}.
/// </summary>
public static class PaperScaleInstances
{
    /// <summary>
    /// Φ a random unit-direction row (d_N = 1) or column (d_0 = 1) of Frobenius norm <paramref name="scale"/>,
    /// W_{1:N}(0) = Φ + ρ‖Φ‖_F·E/‖E‖_F, layers by Procedure 1 with hidden widths <paramref name="hidden"/>,
    /// c = <paramref name="marginFraction"/>·margin.
    /// </summary>
    public static Instance Vector(Rng rng, ConstantValues k, bool column, int d, int hidden, int n, double scale, double rho, double marginFraction, double epsRatio)
    {
        int[] dims = column ? [1, .. Enumerable.Repeat(hidden, n - 1), d] : [d, .. Enumerable.Repeat(hidden, n - 1), 1];
        var target = column ? rng.GaussianMatrix(d, 1) : rng.GaussianMatrix(1, d);
        target *= scale / target.FrobeniusNorm();
        var e = column ? rng.GaussianMatrix(d, 1) : rng.GaussianMatrix(1, d);
        var w0 = target + rho * scale * e / e.FrobeniusNorm();
        var net = BalancedInitialization.Create(dims, w0);
        double c = DeficiencyMargin.Of(net.EndToEnd(), target) * marginFraction;
        var x = Instance.ForNetwork(column ? "column" : "row", net, target, TheoremOneSetting.EtaStar(c, n, target.FrobeniusNorm(), k)).WithScalar("c", c);
        return TheoremOneSetting.WithEpsilonRatio(x, epsRatio);
    }

    /// <summary>
    /// The linear residual network of Sec. 3.2.1: d_0 = … = d_N = d, W_j(0) = I (0-balanced), Φ = I + r·E/‖E‖_F with r &lt; ½,
    /// so W_{1:N}(0) = I has deficiency margin σ_min(Φ) − r ≥ 1 − 2r &gt; 0; c = <paramref name="marginFraction"/>·margin.
    /// </summary>
    public static Instance Residual(Rng rng, ConstantValues k, int d, int n, double r, double marginFraction, double epsRatio)
    {
        var e = rng.GaussianMatrix(d, d);
        var target = Matrix<double>.Build.DenseIdentity(d) + r * e / e.FrobeniusNorm();
        var net = new DeepLinearNetwork(Enumerable.Range(0, n).Select(_ => Matrix<double>.Build.DenseIdentity(d)));
        double c = DeficiencyMargin.Of(net.EndToEnd(), target) * marginFraction;
        var x = Instance.ForNetwork("residual", net, target, TheoremOneSetting.EtaStar(c, n, target.FrobeniusNorm(), k)).WithScalar("c", c);
        return TheoremOneSetting.WithEpsilonRatio(x, epsRatio);
    }
}
