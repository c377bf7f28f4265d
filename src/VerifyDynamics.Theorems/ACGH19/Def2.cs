using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Definition 2 (Sec. 3.1, Eq. 6, footnote 2; L97–111): given Φ ∈ R^{d_N×d_0} and c &gt; 0, W has
/// deficiency margin c w.r.t. Φ iff ‖W − Φ‖_F ≤ σ_min(Φ) − c; footnote 2: this forces σ_min(Φ) &gt; 0.
/// Formalisation note: checked through the consequences the paper uses later (catalog, Def2 Check): monotone in c
/// (margin c ⇒ margin c′ for 0 &lt; c′ ≤ c), c ≤ σ_min(Φ) ≤ ‖Φ‖_σ ≤ ‖Φ‖_F, L(W) ≤ ½σ_min(Φ)² ≤ ½‖Φ‖_F²,
/// σ_min(Φ) &gt; 0, and σ_min(W) ≥ c (Claim 1 with W′ = W). σ_min follows footnote 1 (min{d_0, d_N}-th singular value).
/// Tolerance: γ_n·‖Φ‖_F (SVD backward error), squared quantities γ_n·‖Φ‖_F².
/// </summary>
public static class Def2
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Def2"),
        Source = new SourceRef(Papers.ACGH19, "Definition 2, Eq. (6), footnote 2 (Sec. 3.1)", "L97–111"),
        Kind = StatementKind.Definition,
        Title = "deficiency margin",
        Text = "W has deficiency margin c > 0 w.r.t. Φ iff ‖W − Φ‖_F ≤ σ_min(Φ) − c (which implies σ_min(Φ) > 0).",
        FormalisationNote = "Checked via its consequences: monotonicity in c, c ≤ σ_min(Φ) ≤ ‖Φ‖_σ ≤ ‖Φ‖_F, L(W) ≤ ½σ_min(Φ)² ≤ ½‖Φ‖_F², "
            + "σ_min(Φ) > 0 and σ_min(W) ≥ c. c is a random fraction (0.05..1] of the tightest margin σ_min(Φ) − ‖W − Φ‖_F; every "
            + "third trial uses an ill-conditioned Φ (condition number up to 10³) so the σ_max mutant is exposed.",
        Fidelity = Fidelity.Substitute("a definition asserts nothing: its consequences are checked instead (monotonicity in c, c ≤ σ_min(Φ) ≤ ‖Φ‖_σ ≤ ‖Φ‖_F, L(W) ≤ ½σ_min(Φ)², σ_min(W) ≥ c)"),
        Hypotheses = new Hypotheses(
            "Φ d_N×d_0 (1..5 each; Gaussian, or prescribed singular values with condition up to 10³ every third trial); W = Φ + ρσ_min(Φ)E/‖E‖_F, ρ ∈ (0.05, 0.95); c = f·margin(W), c′ = g·c",
            ctx => Build(ctx, useSigmaMax: false),
            (x, k) => ValidateWith(x, useSigmaMax: false)),
        Conclusion = Conclusion,
        DefaultTrials = 120,
        Variants =
        [
            Variant.Mutant("SigmaMaxOfTarget", "Def. 2 with σ_max(Φ) in place of σ_min(Φ): c can exceed σ_min(Φ) and σ_min(W)",
                s => s.WithHypotheses("as the statement, but W and c built from σ_max(Φ)", ctx => Build(ctx, useSigmaMax: true), (x, k) => ValidateWith(x, useSigmaMax: true)),
                trials: 40),
            Variant.Mutant("LossBelowHalfMarginSquared", "L(W) ≤ ½c² (c in place of σ_min(Φ)): false once W is far from Φ relative to c",
                s => s.WithConclusion((x, k, p) => MarginSet.Of(Margin.AtMost("L(W) ≤ ½c²", Loss(x), 0.5 * x.Scalar("c") * x.Scalar("c")))),
                trials: 40),
        ],
    };

    private static Instance Build(TrialContext ctx, bool useSigmaMax)
    {
        var rng = ctx.Rng;
        int rows = rng.NextInt(1, 5), cols = rng.NextInt(1, 5);
        Matrix<double> phi;
        if (ctx.Index % 3 == 0 && Math.Min(rows, cols) > 1)
        {
            int m = Math.Min(rows, cols);
            double cond = rng.LogUniform(10, 1000);
            var s = Matrix<double>.Build.DenseDiagonal(m, m, i => Math.Pow(cond, -i / (double)(m - 1)));
            phi = rng.LogUniform(0.1, 10) * rng.Stiefel(rows, m) * s * rng.Stiefel(cols, m).Transpose();
        }
        else
        {
            phi = rng.LogUniform(0.1, 10) * rng.GaussianMatrix(rows, cols);
        }
        double sigma = useSigmaMax ? MatrixMeasures.Spectral(phi) : MatrixMeasures.SigmaMin(phi);
        var e = rng.GaussianMatrix(rows, cols);
        var w = phi + rng.Uniform(0.05, 0.95) * sigma * e / e.FrobeniusNorm();
        double margin = sigma - (w - phi).FrobeniusNorm();
        double c = rng.Uniform(0.05, 1) * margin;
        return new Instance { Family = ctx.Index % 3 == 0 ? "ill-conditioned" : "gaussian", Target = phi }
            .WithMatrix("W", w)
            .WithScalar("c", c)
            .WithScalar("cPrime", rng.Uniform(0.01, 1) * c);
    }

    private static HypothesesCheck ValidateWith(Instance x, bool useSigmaMax)
    {
        var phi = x.RequireTarget;
        var w = x.Matrix("W");
        double c = x.Scalar("c");
        double sigma = useSigmaMax ? MatrixMeasures.Spectral(phi) : MatrixMeasures.SigmaMin(phi);
        return HypothesesCheck.All(
            (w.RowCount == phi.RowCount && w.ColumnCount == phi.ColumnCount, "W and Φ have the same size"),
            (c > 0, "c > 0"),
            ((w - phi).FrobeniusNorm() <= sigma - c, useSigmaMax ? "‖W − Φ‖_F ≤ σ_max(Φ) − c (mutated Def. 2)" : "‖W − Φ‖_F ≤ σ_min(Φ) − c (Def. 2)"),
            (x.Scalar("cPrime") > 0 && x.Scalar("cPrime") <= c, "0 < c′ ≤ c"));
    }

    private static double Loss(Instance x)
    {
        double f = (x.Matrix("W") - x.RequireTarget).FrobeniusNorm();
        return 0.5 * f * f;
    }

    private static MarginSet Conclusion(Instance x, ConstantValues k, Precision p)
    {
        var phi = x.RequireTarget;
        var w = x.Matrix("W");
        double c = x.Scalar("c"), cPrime = x.Scalar("cPrime");
        double sMin = MatrixMeasures.SigmaMin(phi), sMax = MatrixMeasures.Spectral(phi), frob = phi.FrobeniusNorm();
        int ops = 8 * Math.Max(phi.RowCount, phi.ColumnCount) + 16;
        var tol = Tolerance.FromRounding(ops, frob, "‖Φ‖_F (SVD backward error)");
        var tol2 = Tolerance.FromRounding(ops, frob * frob, "‖Φ‖_F² (squared quantities)");
        return MarginSet.Of(
            Margin.AtMost("monotone: σ_min(Φ) − c′ − ‖W − Φ‖_F", cPrime + (w - phi).FrobeniusNorm(), sMin, tol),
            Margin.AtLeast("footnote 2: σ_min(Φ) > 0 (as σ_min(Φ) − c ≥ 0 with c > 0)", sMin, c, tol),
            Margin.AtLeast("σ_max(Φ) − σ_min(Φ)", sMax, sMin, tol),
            Margin.AtLeast("‖Φ‖_F − σ_max(Φ)", frob, sMax, tol),
            Margin.AtMost("½σ_min(Φ)² − L(W)", Loss(x), 0.5 * sMin * sMin, tol2),
            Margin.AtLeast("½‖Φ‖_F² − ½σ_min(Φ)²", 0.5 * frob * frob, 0.5 * sMin * sMin, tol2),
            Margin.AtLeast("Claim 1 with W′ = W: σ_min(W) − c", MatrixMeasures.SigmaMin(w), c, tol));
    }
}
