using MathNet.Numerics;
using VerifyDynamics.Core.Numbers;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>A computed probability with an absolute error bound and where that bound comes from.</summary>
public readonly record struct ExactProbability(double Value, double Error, string ErrorSource)
{
    /// <summary>An a-posteriori estimate (|fine − coarse| quadrature difference + truncated mass + rounding), not a proven bound.</summary>
    public Tolerance Tolerance => Tolerance.ValidatedEstimate(Error, ErrorSource);
}

/// <summary>
/// Exact (1-D) probabilities for ACGH19 App. D.3–D.5: spherical caps through the regularized incomplete beta
/// function, the deficiency-margin event of a vector of fixed norm (Lemma 15, Fig. 1), and its average over a
/// radial law (Gaussian: chi-square radius, as in Lemma 8 / Thm 2; uniform radius) by composite Gauss–Legendre.
/// Vectors are 1×d matrices, so σ_min(Φ) = ‖Φ‖ (catalog §12.2).
/// </summary>
public static class SphereProbabilities
{
    /// <summary>
    /// Rounding of one regularized incomplete beta evaluation plus the few operations around it: MathNet's
    /// continued fraction stops at relative change below machine epsilon, so 64 unit roundoffs cover the
    /// accumulated rounding of its terms and of forming the cap (absolute, probabilities are ≤ 1).
    /// </summary>
    public static double CapRoundingError { get; } = Tolerance.Gamma(64);

    /// <summary>
    /// P[⟨u, e⟩ ≥ τ] for u uniform on S^{d−1} ⊂ R^d (d ≥ 2): ½ I_{1−τ²}((d−1)/2, ½) for τ ≥ 0 (Chudnov's cap area,
    /// the form of Lemma 14), evaluated through the complementary I_{τ²}(½, (d−1)/2) when τ² &lt; ½ so that a tiny τ
    /// is not lost in 1 − τ².
    /// </summary>
    public static double UpperCap(int d, double tau)
    {
        if (d < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(d), d, "the sphere S^{d−1} needs d ≥ 2");
        }
        if (tau >= 1)
        {
            return 0;
        }
        if (tau <= -1)
        {
            return 1;
        }
        double a = (d - 1) / 2.0;
        double t2 = tau * tau;
        // outer = P[|⟨u, e⟩| ≥ |τ|]; inner = 1 − outer.
        double half = t2 < 0.5
            ? 0.5 - SpecialFunctions.BetaRegularized(0.5, a, t2) / 2
            : SpecialFunctions.BetaRegularized(a, 0.5, 1 - t2) / 2;
        return tau >= 0 ? half : 1 - half;
    }

    /// <summary>
    /// The cosine threshold of the margin event for ‖V‖ = r: ‖V − Φ‖ ≤ ‖Φ‖ − c ⟺ ⟨V/r, Φ/‖Φ‖⟩ ≥ (r² + c(2‖Φ‖ − c))/(2r‖Φ‖)
    /// (expand ‖V − Φ‖² and compare with (‖Φ‖ − c)², valid for 0 ≤ c ≤ ‖Φ‖).
    /// </summary>
    public static double MarginThreshold(double r, double phiNorm, double c) => (r * r + c * (2 * phiNorm - c)) / (2 * r * phiNorm);

    /// <summary>P[V has deficiency margin c w.r.t. Φ] for V uniform on the sphere of radius r in R^d.</summary>
    public static double MarginProbabilityAtRadius(int d, double r, double phiNorm, double c) =>
        c > phiNorm ? 0 : UpperCap(d, MarginThreshold(r, phiNorm, c));

    /// <summary>
    /// The margin event in cancellation-free form: ‖V − Φ‖ ≤ ‖Φ‖ − c ⟺ 2⟨V, Φ⟩ − ‖V‖² ≥ c(2‖Φ‖ − c) (0 ≤ c ≤ ‖Φ‖).
    /// Used by the Monte-Carlo samplers: c may be far below the rounding unit of ‖Φ‖ (Claim 3).
    /// </summary>
    public static bool HasMargin(ReadOnlySpan<double> v, ReadOnlySpan<double> phi, double phiNorm, double c)
    {
        double dot = 0, norm2 = 0;
        for (int i = 0; i < v.Length; i++)
        {
            dot += v[i] * phi[i];
            norm2 += v[i] * v[i];
        }
        return c <= phiNorm && 2 * dot - norm2 >= c * (2 * phiNorm - c);
    }

    /// <summary>
    /// P[V has deficiency margin c] for V ~ N(0, s² I_d): the cap probability at radius s√q averaged over q ~ χ²_d.
    /// The integral runs over q ∈ [d − 40√(2d), d + 40√(2d) + 200] ∩ [0, ∞); the χ² mass outside is added to the error
    /// together with the Gauss–Legendre error estimate and the cap rounding.
    /// </summary>
    public static ExactProbability GaussianMarginProbability(int d, double s, double phiNorm, double c)
    {
        double k = d / 2.0;
        double spread = 40 * Math.Sqrt(2.0 * d);
        double lo = Math.Max(0, d - spread), hi = d + spread + 200;
        double logNorm = k * Math.Log(2) + SpecialFunctions.GammaLn(k);
        double Density(double q) => q <= 0 ? 0 : Math.Exp((k - 1) * Math.Log(q) - q / 2 - logNorm);
        var (value, quadratureError) = PanelGaussLegendre(
            q => q <= 0 ? 0 : Density(q) * MarginProbabilityAtRadius(d, s * Math.Sqrt(q), phiNorm, c), lo, hi);
        double truncated = SpecialFunctions.GammaLowerRegularized(k, lo / 2) + SpecialFunctions.GammaUpperRegularized(k, hi / 2);
        return new ExactProbability(value, quadratureError + truncated + CapRoundingError,
            "Gauss–Legendre error estimate |I_64 − I_32| + χ² mass outside the integration range + γ_64 (incomplete beta)");
    }

    /// <summary>P[V has deficiency margin c] for ‖V‖ uniform on [rLo, rHi] and a uniform direction (Lemma 8, radial family).</summary>
    public static ExactProbability UniformRadiusMarginProbability(int d, double rLo, double rHi, double phiNorm, double c)
    {
        if (rHi <= rLo)
        {
            return new ExactProbability(MarginProbabilityAtRadius(d, rHi, phiNorm, c), CapRoundingError, "γ_64 (incomplete beta)");
        }
        var (integral, quadratureError) = PanelGaussLegendre(r => MarginProbabilityAtRadius(d, r, phiNorm, c), rLo, rHi);
        return new ExactProbability(integral / (rHi - rLo), quadratureError / (rHi - rLo) + CapRoundingError,
            "Gauss–Legendre error estimate |I_64 − I_32| + γ_64 (incomplete beta)");
    }

    /// <summary>
    /// Composite Gauss–Legendre on 32 equal panels with orders 32 and 64; the error estimate is |I_64 − I_32| (the error of
    /// the lower order, a conservative bound for the returned higher-order value on smooth integrands). Fixed cost (3072
    /// evaluations), unlike adaptive Gauss–Kronrod, which recurses to its maximum depth when the integral is ≈ 0 and only a
    /// relative target is given.
    /// </summary>
    public static (double Value, double Error) PanelGaussLegendre(Func<double, double> f, double a, double b, int panels = 32)
    {
        double coarse = 0, fine = 0, width = (b - a) / panels;
        for (int i = 0; i < panels; i++)
        {
            double lo = a + i * width, hi = i == panels - 1 ? b : a + (i + 1) * width;
            coarse += Integrate.GaussLegendre(f, lo, hi, 32);
            fine += Integrate.GaussLegendre(f, lo, hi, 64);
        }
        return (fine, Math.Abs(fine - coarse) + Tolerance.Gamma(4 * panels) * Math.Abs(fine));
    }

    /// <summary>P[a ≤ ‖V‖² ≤ b] for V ~ N(0, s² I_d), from the regularized lower incomplete gamma function.</summary>
    public static double GaussianNormWindow(int d, double s, double a, double b) =>
        SpecialFunctions.GammaLowerRegularized(d / 2.0, b / (2 * s * s)) - SpecialFunctions.GammaLowerRegularized(d / 2.0, a / (2 * s * s));
}
