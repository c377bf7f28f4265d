using MathNet.Numerics.Integration;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 31 (App C.4.1, L838–855): for the weight w(t) = e^{−2βt}, β &gt; 0, and ⟨x, y⟩_w = ∫_{−∞}^{∞} e^{−2βt}x(t)·y(t) dt,
/// for differentiable paths of finite norm: (1) ⟨x, ẏ⟩_w = 2β⟨x, y⟩_w − ⟨ẋ, y⟩_w; (2) ⟨x, ẋ⟩_w = β‖x‖_w²; (3) ‖x‖_w ≤ (1/β)‖ẋ‖_w.
/// Formalisation note: paths x(t) = Σ_j c_j/(e^{−a_j t} + e^{b_j t}) in R^d with a_j &gt; β, b_j &gt; −β (so the weighted
/// integrands decay at both ends and the boundary terms vanish); the integrals are composite 16-point Gauss–Legendre
/// quadratures on [−T_1, T_2], with the error estimated by halving the panel width (|I_h − I_{h/2}|) plus the explicit
/// exponential tail bounds outside [−T_1, T_2]. The printed (1) lacks the minus sign (extraction glitch, catalog §13).
/// Even trials put one term at a = 1.1β (close to the sharp constant 1/β of (3), which is approached as a → β⁺).
/// </summary>
public static class Lemma31
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma31"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 31 (App C.4.1)", "L838–855"),
        Kind = StatementKind.Lemma,
        Title = "exponentially weighted path norm",
        Text = "For β > 0 and ‖y‖_w² = ∫_{−∞}^{∞} e^{−2βt}‖y(t)‖² dt, any differentiable paths x, y of finite norm satisfy ⟨x, ẏ⟩_w = 2β⟨x, y⟩_w − ⟨ẋ, y⟩_w, ⟨x, ẋ⟩_w = β‖x‖_w², and ‖x‖_w ≤ (1/β)‖ẋ‖_w.",
        FormalisationNote = "d ∈ 1..3, 1..3 terms per path, β ∈ [0.2, 2], a_j ∈ β·[1.1, 3], b_j ∈ β·[−0.9, 2]. Tolerance = quadrature error estimate + tail bounds + γ_n rounding of the sums.",
        Constants =
        [
            new NamedConstant("hardyConstant", R(1), "(3) reads ‖x‖_w ≤ (hardyConstant/β)‖ẋ‖_w (paper: 1)"),
            new NamedConstant("crossSign", R(-1), "(1) reads ⟨x, ẏ⟩_w = 2β⟨x, y⟩_w + crossSign·⟨ẋ, y⟩_w (paper: −1)") { Domain = ConstantDomain.Any },
        ],
        Fidelity = Fidelity.Restricted("paths that are finite sums of exponentials (d ≤ 3, ≤ 3 terms); the lemma is for every path with finite weighted norms"),
        Hypotheses = new Hypotheses("β, exponents a_j > β and b_j > −β, Gaussian coefficient vectors", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 8,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "HardyHalfConstant", "‖x‖_w ≤ (1/(2β))‖ẋ‖_w: refuted near a = β", new NamedConstant("hardyConstant", R(1), ""), R(1, 2), trials: 3),
            Variant.ConstantChanged(VariantRole.Mutant, "CrossTermPlus", "⟨x, ẏ⟩_w = 2β⟨x, y⟩_w + ⟨ẋ, y⟩_w (the extracted text without the minus): refuted", new NamedConstant("crossSign", R(-1), ""), R(1), trials: 3),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(1, 3);
        double beta = rng.LogUniform(0.2, 2);
        var x = Instance.OfScalars(ctx.Index % 2 == 0 ? "near-sharp" : "random", ("beta", beta), ("d", d));
        foreach (var name in new[] { "x", "y" })
        {
            int terms = rng.NextInt(1, 3);
            var p = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(terms, d + 2);
            for (int j = 0; j < terms; j++)
            {
                p[j, 0] = beta * (ctx.Index % 2 == 0 && j == 0 ? 1.1 : rng.Uniform(1.1, 3));
                p[j, 1] = beta * rng.Uniform(-0.9, 2);
                for (int i = 0; i < d; i++)
                {
                    p[j, 2 + i] = rng.NextGaussian();
                }
            }
            x = x.WithMatrix(name, p);
        }
        return x;
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        double beta = x.Scalar("beta");
        bool Finite(string n) => Enumerable.Range(0, x.Matrix(n).RowCount).All(j => x.Matrix(n)[j, 0] > beta && x.Matrix(n)[j, 1] > -beta);
        return HypothesesCheck.All((beta > 0, "β > 0"), (Finite("x") && Finite("y"), "finite weighted norms (a_j > β, b_j > −β)"));
    }

    /// <summary>
    /// e^{−βt}·x(t) (derivative = false) or e^{−βt}·ẋ(t), x = Σ_j c_j/(e^{−a t} + e^{b t}), in log-sum-exp form: the weight
    /// e^{−2βt} = e^{−βt}·e^{−βt} is split between the two factors so that nothing overflows at |t| ≈ 10³.
    /// ẋ_j = c_j (a p − b(1 − p))/(e^{−at} + e^{bt}) with p = e^{−at}/(e^{−at} + e^{bt}) = 1/(1 + e^{(a+b)t}).
    /// </summary>
    private static double[] Path(MathNet.Numerics.LinearAlgebra.Matrix<double> p, double t, bool derivative, double beta)
    {
        int d = p.ColumnCount - 2;
        var v = new double[d];
        for (int j = 0; j < p.RowCount; j++)
        {
            double a = p[j, 0], b = p[j, 1];
            double u1 = -a * t, u2 = b * t, hi = Math.Max(u1, u2);
            double lse = hi + Math.Log(1 + Math.Exp(-Math.Abs(u1 - u2)));
            double f = Math.Exp(-beta * t - lse);
            if (derivative)
            {
                double share = 1 / (1 + Math.Exp((a + b) * t));
                f *= a * share - b * (1 - share);
            }
            for (int i = 0; i < d; i++)
            {
                v[i] += p[j, 2 + i] * f;
            }
        }
        return v;
    }

    /// <summary>∫ e^{−2βt} u(t)·v(t) dt with an error bound: composite Gauss–Legendre at widths h and h/2, plus tails.</summary>
    private static (double Value, double Error) Weighted(MathNet.Numerics.LinearAlgebra.Matrix<double> pu, bool du, MathNet.Numerics.LinearAlgebra.Matrix<double> pv, bool dv, double beta)
    {
        // Tails: |u_j(t)| ≤ |c_j|·max(1, a, |b|)·e^{a t} (t ≤ 0) and ·e^{−b t} (t ≥ 0), so the weighted product decays like
        // e^{(a+a'−2β)t} on the left and e^{−(b+b'+2β)t} on the right; T is chosen where the slowest one is e^{−40}.
        double left = double.MaxValue, right = double.MaxValue, size = 0, rate = beta;
        foreach (var p in new[] { pu, pv })
        {
            for (int j = 0; j < p.RowCount; j++)
            {
                rate = Math.Max(rate, Math.Max(p[j, 0], Math.Abs(p[j, 1])));
            }
        }
        for (int i = 0; i < pu.RowCount; i++)
        {
            for (int j = 0; j < pv.RowCount; j++)
            {
                left = Math.Min(left, pu[i, 0] + pv[j, 0] - 2 * beta);
                right = Math.Min(right, pu[i, 1] + pv[j, 1] + 2 * beta);
            }
        }
        double t1 = 40 / left, t2 = 40 / right;
        double Coef(MathNet.Numerics.LinearAlgebra.Matrix<double> p, bool d) => Enumerable.Range(0, p.RowCount)
            .Sum(j => Math.Sqrt(Enumerable.Range(2, p.ColumnCount - 2).Sum(i => p[j, i] * p[j, i])) * (d ? Math.Max(1, Math.Max(p[j, 0], Math.Abs(p[j, 1]))) : 1));
        size = Coef(pu, du) * Coef(pv, dv);
        double tails = size * (Math.Exp(-40) / left + Math.Exp(-40) / right);
        double F(double t)
        {
            var a = Path(pu, t, du, beta);
            var b = Path(pv, t, dv, beta);
            double s = 0;
            for (int i = 0; i < a.Length; i++)
            {
                s += a[i] * b[i];
            }
            return s;
        }
        double Composite(int panels)
        {
            double h = (t1 + t2) / panels, sum = 0;
            for (int q = 0; q < panels; q++)
            {
                sum += GaussLegendreRule.Integrate(F, -t1 + q * h, -t1 + (q + 1) * h, 16);
            }
            return sum;
        }
        // Panels of width 2/rate (the fastest exponential scale): 16-point Gauss–Legendre per panel, then halved for the error.
        int n = (int)Math.Ceiling((t1 + t2) * rate / 2);
        double coarse = Composite(n), fine = Composite(2 * n);
        return (fine, Math.Abs(fine - coarse) + tails + Tolerance.Gamma(32 * 2 * n) * Math.Abs(fine));
    }

    private static MarginSet Conclude(Instance inst, ConstantValues k, Precision precision)
    {
        double beta = inst.Scalar("beta");
        var x = inst.Matrix("x");
        var y = inst.Matrix("y");
        var xdy = Weighted(x, false, y, true, beta);
        var xy = Weighted(x, false, y, false, beta);
        var dxy = Weighted(x, true, y, false, beta);
        var xdx = Weighted(x, false, x, true, beta);
        var xx = Weighted(x, false, x, false, beta);
        var dxdx = Weighted(x, true, x, true, beta);
        double sign = k.D("crossSign");
        double rhs1 = 2 * beta * xy.Value + sign * dxy.Value;
        var tol1 = Tolerance.ValidatedEstimate(xdy.Error + 2 * beta * xy.Error + dxy.Error, "quadrature (h vs h/2) + tails + rounding");
        var tol2 = Tolerance.ValidatedEstimate(xdx.Error + beta * xx.Error, "quadrature (h vs h/2) + tails + rounding");
        double normX = Math.Sqrt(xx.Value), normDx = Math.Sqrt(dxdx.Value);
        // ‖·‖ = √I: an error δ on I moves √I by at most δ/(2√I).
        var tol3 = Tolerance.ValidatedEstimate(xx.Error / (2 * normX) + k.D("hardyConstant") / beta * dxdx.Error / (2 * normDx), "quadrature error through √·");
        return MarginSet.Of(
            EscapeNumerics.Equal("⟨x, ẏ⟩_w = 2β⟨x, y⟩_w − ⟨ẋ, y⟩_w", xdy.Value, rhs1, tol1),
            EscapeNumerics.Equal("⟨x, ẋ⟩_w = β‖x‖_w²", xdx.Value, beta * xx.Value, tol2),
            Margin.Bound("(1/β)‖ẋ‖_w − ‖x‖_w", k.D("hardyConstant") / beta * normDx - normX, normX, tol3))
            .WithObservation("‖ẋ‖_w/‖x‖_w over β", normDx / normX / beta);
    }
}
