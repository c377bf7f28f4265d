using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Lemma 34 (App C.4.2, L911–925): for the weight (−t)^β on (−∞, 0] and ⟨x, y⟩ = ∫_{−∞}^0 (−t)^β x(t)·y(t) dt, any
/// differentiable paths of finite norm satisfy (1) ⟨x, −tẏ⟩ = (β+1)⟨x, y⟩ − ⟨−tẋ, y⟩; (2) (2/(β+1))⟨x, −tẋ⟩ = ‖x‖²;
/// (3) ‖x‖ ≤ (2/(β+1))‖−tẋ‖.
/// Formalisation note: paths x(t) = Σ_j c_j(1 − t)^{−a_j} with a_j &gt; (β+1)/2 (finite norm at −∞, regular at 0); with
/// s = −t every inner product is a sum of Beta integrals ∫_0^∞ s^{p−1}(1+s)^{−(p+q)} ds = B(p, q), e.g.
/// ⟨x, y⟩ = Σ c_i·d_j B(β+1, a_i + a'_j − β − 1), ⟨x, −tẏ⟩ = Σ c_i·d_j a'_j B(β+2, ·), ‖−tẋ‖² = Σ c_i·c_j a_ia_j B(β+3, ·),
/// evaluated in closed form (no quadrature; the identities themselves are not used to compute anything). The constant
/// 2/(β+1) of (3) is sharp as a ↓ (β+1)/2; even trials put a term at a = 1.01·(β+1)/2. The paper's remark (L924) that
/// (−t)^{−a} has finite norm iff a &gt; (β+1)/2 concerns the tail at −∞ only (the integral also diverges at 0⁻ when
/// 2a ≥ β + 1): the test paths are regular at 0.
/// </summary>
public static class Lemma34
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Lemma34"),
        Source = new SourceRef(Papers.JGGSH21, "Lemma 34 (App C.4.2)", "L911–925"),
        Kind = StatementKind.Lemma,
        Title = "polynomially weighted path norm",
        Text = "For β > 0 and ‖x‖² = ∫_{−∞}^0 (−t)^β‖x(t)‖² dt, differentiable paths x, y of finite norm satisfy ⟨x, −tẏ⟩ = (β+1)⟨x, y⟩ − ⟨−tẋ, y⟩, (2/(β+1))⟨x, −tẋ⟩ = ‖x‖², and ‖x‖ ≤ (2/(β+1))‖−tẋ‖.",
        FormalisationNote = "β ∈ {1.5, 3, 6} ∪ [0.5, 6], d ∈ 1..3, 1..3 terms, a_j ∈ (β+1)/2·[1.01, 3]. Tolerance: per-term error of exp(BetaLn) (lnΓ accurate to 1e−14·(1 + |lnΓ|)) summed.",
        Constants = [new NamedConstant("hardyNumerator", R(2), "(3) reads ‖x‖ ≤ (hardyNumerator/(β+1))‖−tẋ‖ (paper: 2)")],
        Fidelity = Fidelity.Restricted("paths that are finite sums of powers (−t)^{a_j} (d ≤ 3, ≤ 3 terms); the lemma is for every path with finite weighted norms"),
        Hypotheses = new Hypotheses("β, exponents a_j > (β+1)/2, Gaussian coefficient vectors", Generate, Validate),
        Conclusion = Conclude,
        DefaultTrials = 24,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "HardyConstantOneOverBetaPlusOne", "‖x‖ ≤ (1/(β+1))‖−tẋ‖: refuted", new NamedConstant("hardyNumerator", R(2), ""), R(1), trials: 4),
            Variant.Mutant("CrossTermPlus", "⟨x, −tẏ⟩ = (β+1)⟨x, y⟩ + ⟨−tẋ, y⟩: refuted", s => s.WithConclusion((x, k, p) => Conclude(x, k, p, crossSign: 1)), trials: 4),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int d = rng.NextInt(1, 3);
        double[] betas = [1.5, 3, 6];
        double beta = ctx.Index % 3 == 2 ? rng.Uniform(0.5, 6) : rng.Pick(betas);
        var x = Instance.OfScalars(ctx.Index % 2 == 0 ? "near-sharp" : "random", ("beta", beta), ("d", d));
        foreach (var name in new[] { "x", "y" })
        {
            int terms = rng.NextInt(1, 3);
            var p = Matrix<double>.Build.Dense(terms, d + 1);
            for (int j = 0; j < terms; j++)
            {
                p[j, 0] = (beta + 1) / 2 * (ctx.Index % 2 == 0 && j == 0 ? 1.01 : rng.Uniform(1.01, 3));
                for (int i = 0; i < d; i++)
                {
                    p[j, 1 + i] = rng.NextGaussian();
                }
            }
            x = x.WithMatrix(name, p);
        }
        return x;
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        double beta = x.Scalar("beta");
        bool Finite(string n) => Enumerable.Range(0, x.Matrix(n).RowCount).All(j => x.Matrix(n)[j, 0] > (beta + 1) / 2);
        return HypothesesCheck.All((beta > 0, "β > 0"), (Finite("x") && Finite("y"), "finite norms (a_j > (β+1)/2)"));
    }

    /// <summary>
    /// Σ_{i,j} (c_i·d_j)·f_i·g_j·B(β + 1 + shift, a_i + a'_j − β − 1) and its absolute error bound;
    /// f = a when the path is differentiated (−tẋ = s Σ c_j a_j (1+s)^{−a_j−1}), else 1; shift = number of derivatives.
    /// </summary>
    private static (double Value, double Abs) Pairing(Matrix<double> pu, bool du, Matrix<double> pv, bool dv, double beta)
    {
        double value = 0, abs = 0;
        int shift = (du ? 1 : 0) + (dv ? 1 : 0);
        for (int i = 0; i < pu.RowCount; i++)
        {
            for (int j = 0; j < pv.RowCount; j++)
            {
                double dot = 0;
                for (int c = 1; c < pu.ColumnCount; c++)
                {
                    dot += pu[i, c] * pv[j, c];
                }
                double bp = beta + 1 + shift, bq = pu[i, 0] + pv[j, 0] - beta - 1;
                double term = dot * (du ? pu[i, 0] : 1) * (dv ? pv[j, 0] : 1) * Math.Exp(MathNet.Numerics.SpecialFunctions.BetaLn(bp, bq));
                value += term;
                // ln B = lnΓ(p) + lnΓ(q) − lnΓ(p+q): each lnΓ carries an absolute error ≲ 1e−14·(1 + |lnΓ|) (Lanczos, MathNet),
                // which exp turns into the same relative error of the term; γ_16 for the products and the sum.
                double lnErr = 1e-14 * (3 + Math.Abs(MathNet.Numerics.SpecialFunctions.GammaLn(bp)) + Math.Abs(MathNet.Numerics.SpecialFunctions.GammaLn(bq)) + Math.Abs(MathNet.Numerics.SpecialFunctions.GammaLn(bp + bq)));
                abs += Math.Abs(term) * (lnErr + Tolerance.Gamma(16));
            }
        }
        return (value, abs);
    }

    private static MarginSet Conclude(Instance inst, ConstantValues k, Precision precision) => Conclude(inst, k, precision, crossSign: -1);

    private static MarginSet Conclude(Instance inst, ConstantValues k, Precision precision, int crossSign)
    {
        double beta = inst.Scalar("beta");
        var x = inst.Matrix("x");
        var y = inst.Matrix("y");
        var xdy = Pairing(x, false, y, true, beta);
        var xy = Pairing(x, false, y, false, beta);
        var dxy = Pairing(x, true, y, false, beta);
        var xdx = Pairing(x, false, x, true, beta);
        var xx = Pairing(x, false, x, false, beta);
        var dxdx = Pairing(x, true, x, true, beta);
        const string What = "Σ per-term error (lnΓ accuracy 1e−14·(1 + |lnΓ|) through exp, γ_16 products)";
        var tol1 = Tolerance.Heuristic(xdy.Abs + (beta + 1) * xy.Abs + dxy.Abs, What);
        var tol2 = Tolerance.Heuristic(2 / (beta + 1) * xdx.Abs + xx.Abs, What);
        double normX = Math.Sqrt(xx.Value), normDx = Math.Sqrt(dxdx.Value), c = k.D("hardyNumerator") / (beta + 1);
        // An error δ on I moves √I by at most δ/(2√I).
        var tol3 = Tolerance.Heuristic(xx.Abs / (2 * normX) + c * dxdx.Abs / (2 * normDx), What + " through √·");
        return MarginSet.Of(
            EscapeNumerics.Equal("⟨x, −tẏ⟩ = (β+1)⟨x, y⟩ − ⟨−tẋ, y⟩", xdy.Value, (beta + 1) * xy.Value + crossSign * dxy.Value, tol1),
            EscapeNumerics.Equal("(2/(β+1))⟨x, −tẋ⟩ = ‖x‖²", 2 / (beta + 1) * xdx.Value, xx.Value, tol2),
            Margin.Bound("(2/(β+1))‖−tẋ‖ − ‖x‖", c * normDx - normX, normX, tol3))
            .WithObservation("‖−tẋ‖/‖x‖ over (β+1)/2", normDx / normX / ((beta + 1) / 2));
    }
}
