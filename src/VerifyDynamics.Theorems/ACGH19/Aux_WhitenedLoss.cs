using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Eq. (1) and App. A (unnumbered; L59–63, L300–314): for X ∈ R^{d_x×m}, Y ∈ R^{d_y×m} with
/// Λ_xx = XXᵀ/m = I, every W satisfies (1/2m)‖WX − Y‖_F² = ½‖W − Λ_yx‖_F² + c₀ with
/// c₀ = −½Tr(Λ_yxΛ_yxᵀ) + ½Tr(Λ_yy) (the paper calls the constant c, clashing with the deficiency margin).
/// Formalisation note: X is whitened by Core's <see cref="WhitenedRegression.FromRaw"/>; the validator checks Λ_xx = I up to
/// rounding. Both sides are evaluated independently (data loss on the samples vs the reduced form), two-sided margin with
/// tolerance γ_n·(‖W‖_F²·‖X‖_F²/m + ‖Y‖_F²/m) (n = 4(d_x + d_y + m) + 16: products, norms, traces).
/// </summary>
public static class Aux_WhitenedLoss
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Aux.WhitenedLoss"),
        Source = new SourceRef(Papers.ACGH19, "Sec. 2, Eq. (1); App. A (unnumbered)", "L59–63, L300–314"),
        Kind = StatementKind.Unnumbered,
        Title = "ℓ2 loss over whitened data",
        Text = "If XXᵀ/m = I then (1/2m)‖WX − Y‖_F² = ½‖W − Λ_yx‖_F² + c₀ with c₀ = −½Tr(Λ_yxΛ_yxᵀ) + ½Tr(Λ_yy).",
        FormalisationNote = "d_x, d_y in 1..5, m in d_x..d_x+10, X whitened by (XXᵀ/m)^{−1/2}; Y, W Gaussian (log-uniform scale).",
        Fidelity = Fidelity.Full("the identity on whitened data (d_x, d_y ≤ 5, m ≤ d_x + 10), up to the whitening allowance"),
        Hypotheses = new Hypotheses(
            "X Gaussian d_x×m whitened to Λ_xx = I; Y d_y×m and W d_y×d_x Gaussian with log-uniform scales in [0.1, 10]",
            ctx => Build(ctx, whiten: true),
            (x, k) => ValidateWith(x, requireWhitened: true)),
        Conclusion = (x, k, p) => Conclude(x, traceSign: -1),
        DefaultTrials = 60,
        Variants =
        [
            Variant.Mutant("NotWhitened", "the identity without Λ_xx = I (raw Gaussian X): refuted immediately",
                s => s.WithHypotheses("X Gaussian, not whitened", ctx => Build(ctx, whiten: false), (x, k) => ValidateWith(x, requireWhitened: false)), trials: 10),
            Variant.Mutant("TraceSignFlipped", "c₀ = +½Tr(Λ_yxΛ_yxᵀ) + ½Tr(Λ_yy): refuted whenever Λ_yx ≠ 0",
                s => s.WithConclusion((x, k, p) => Conclude(x, traceSign: +1)), trials: 10),
        ],
    };

    private static Instance Build(TrialContext ctx, bool whiten)
    {
        var rng = ctx.Rng;
        int dx = rng.NextInt(1, 5), dy = rng.NextInt(1, 5), m = rng.NextInt(dx, dx + 10);
        var rawX = rng.LogUniform(0.1, 10) * rng.GaussianMatrix(dx, m);
        var y = rng.LogUniform(0.1, 10) * rng.GaussianMatrix(dy, m);
        var x = whiten ? WhitenedRegression.FromRaw(rawX, y).Inputs : rawX;
        var rawCovariance = rawX.TransposeAndMultiply(rawX) / m;
        var eig = rawCovariance.Evd(Symmetricity.Symmetric).EigenValues.Select(z => Math.Abs(z.Real)).ToArray();
        return new Instance { Family = whiten ? "whitened" : "raw" }
            .WithScalar("rawCondition", eig.Max() / Math.Max(eig.Min(), double.Epsilon))
            .WithMatrix("X", x).WithMatrix("Y", y).WithMatrix("W", rng.LogUniform(0.1, 10) * rng.GaussianMatrix(dy, dx));
    }

    private static HypothesesCheck ValidateWith(Instance inst, bool requireWhitened)
    {
        var x = inst.Matrix("X");
        var y = inst.Matrix("Y");
        var w = inst.Matrix("W");
        var reg = new WhitenedRegression(x, y);
        double deviation = (reg.InputCovariance - Matrix<double>.Build.DenseIdentity(x.RowCount)).FrobeniusNorm();
        return HypothesesCheck.All(
            (x.ColumnCount == y.ColumnCount, "X and Y have the same number of samples m"),
            (w.RowCount == y.RowCount && w.ColumnCount == x.RowCount, "W is d_y×d_x"),
            (!requireWhitened || deviation <= WhiteningAllowance(inst), "Λ_xx = XXᵀ/m = I (up to the rounding of whitening)"));
    }

    /// <summary>
    /// Whitening by an eigen-decomposition leaves Λ_xx = I only up to γ_n·κ·√d_x in Frobenius norm, κ the condition number
    /// of the raw covariance (recorded by the generator as provenance of the whitened X): the validator accepts that much.
    /// </summary>
    private static double WhiteningAllowance(Instance inst)
    {
        var x = inst.Matrix("X");
        return Tolerance.Gamma(8 * (x.RowCount + x.ColumnCount) + 16) * inst.Scalars.GetValueOrDefault("rawCondition", 1) * Math.Sqrt(x.RowCount);
    }

    private static MarginSet Conclude(Instance inst, int traceSign)
    {
        var x = inst.Matrix("X");
        var y = inst.Matrix("Y");
        var w = inst.Matrix("W");
        int m = x.ColumnCount;
        double residual = (w * x - y).FrobeniusNorm();
        double lhs = residual * residual / (2.0 * m);
        var lyx = y.TransposeAndMultiply(x) / m;
        var lyy = y.TransposeAndMultiply(y) / m;
        double diff = (w - lyx).FrobeniusNorm();
        double c0 = traceSign * 0.5 * lyx.TransposeAndMultiply(lyx).Trace() + 0.5 * lyy.Trace();
        double rhs = 0.5 * diff * diff + c0;
        double wf = w.FrobeniusNorm(), xf = x.FrobeniusNorm(), yf = y.FrobeniusNorm();
        double scale = (wf * wf * xf * xf + yf * yf) / m;
        // Two error sources. Rounding of the two sides: γ_n·(‖W‖_F²‖X‖_F² + ‖Y‖_F²)/m. And the hypothesis itself holds only up
        // to the whitening allowance δ ≥ ‖Λ_xx − I‖_F: exactly, lhs − rhs = ½Tr(W(Λ_xx − I)Wᵀ), so |lhs − rhs| ≤ ½‖W‖_F²δ.
        // (Without the second term 10 of 2,400 trials were "refuted" at relative size 6e−13.)
        var tol = Tolerance.FromRounding(4 * (x.RowCount + y.RowCount + m) + 16, scale, "(‖W‖_F²‖X‖_F² + ‖Y‖_F²)/m")
            .Plus(Tolerance.Bound(0.5 * wf * wf * WhiteningAllowance(inst), "½‖W‖_F²·(whitening allowance on ‖Λ_xx − I‖_F)"));
        return MarginSet.Of(Margin.Deviation("−|(1/2m)‖WX − Y‖_F² − (½‖W − Λ_yx‖_F² + c₀)|", Math.Abs(lhs - rhs), scale, tol));
    }
}
