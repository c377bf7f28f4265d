using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Appendix F (L725): for whitened data (Λ_xx = (1/|S|)XXᵀ = I), d_n = 1 and the square loss,
/// φ(W) = ½‖W − Λ_yx‖_F² + c with Λ_yx = (1/|S|)YXᵀ and c = −½Tr(Λ_yxΛ_yxᵀ) + (1/(2|S|))Tr(YYᵀ); hence min φ = c,
/// attained at W = Λ_yx.
/// Formalisation note: X = √|S|·Qᵀ with Q ∈ R^{|S|×d_0} Haar-Stiefel (exactly whitened up to rounding, checked by the
/// validator), Y Gaussian; φ evaluated as the data loss (1/|S|)Σ½(Wx_i − y_i)² (<see cref="LinearNetProblem.Phi"/>) at a
/// random W and at W = Λ_yx. Tolerance: rounding γ_{4(d_0+|S|)} of the magnitudes involved (+ the validator's admissible whitening
/// residual γ_{8|S|+8} times d_0‖W‖²/2, since φ − RHS = ½W(Λ_xx − I)Wᵀ exactly).
/// </summary>
public static class Fact_AppF
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.AppF"),
        Source = Ec21.Source("Appendix F", "L725–746"),
        Kind = StatementKind.Unnumbered,
        Title = "whitened least squares",
        Text = "d_n = 1, Λ_xx = I, square loss ⇒ φ(W) = ½‖W − Λ_yx‖_F² + c, c = −½Tr(Λ_yxΛ_yxᵀ) + (1/(2|S|))Tr(YYᵀ).",
        FormalisationNote = "Exact identity at random W and at W = Λ_yx on exactly whitened random data; rounding tolerance.",
        Fidelity = Fidelity.Full(),
        Hypotheses = new Hypotheses("d_0 ∈ 1..4, |S| ∈ d_0..d_0 + 4, X = √|S|·(Haar-Stiefel)ᵀ, Y ~ N(0, 1), W ~ N(0, 1)", ctx => Generate(ctx, true), Validate),
        Conclusion = (x, k, p) => Conclude(x, true),
        DefaultTrials = 30,
        Variants =
        [
            Variant.Mutant("DropDataTerm", "c without (1/(2|S|))Tr(YYᵀ)", s => s.WithConclusion((x, k, p) => Conclude(x, false)), trials: 6),
            Variant.Mutant("NotWhitened", "whitening dropped: Gaussian X", s => s.WithHypotheses("Gaussian X", ctx => Generate(ctx, false),
                (x, k) => HypothesesCheck.All((x.Matrix("Y").RowCount == 1, "d_n = 1"))), trials: 6),
        ],
    };

    private static Instance Generate(TrialContext ctx, bool whitened)
    {
        var r = ctx.Rng;
        int d0 = r.NextInt(1, 4), m = r.NextInt(d0, d0 + 4);
        var x = whitened ? r.Stiefel(m, d0).Transpose() * Math.Sqrt(m) : r.GaussianMatrix(d0, m);
        return new LinearNetProblem(x, r.GaussianMatrix(1, m), false).Store(new Instance { Family = whitened ? "whitened" : "Gaussian X" })
            .WithMatrix("W", r.GaussianMatrix(1, d0));
    }

    private static double WhiteningResidual(Instance x)
    {
        var data = LinearNetProblem.From(x);
        return (data.X * data.X.Transpose() / data.N - Matrix<double>.Build.DenseIdentity(data.X.RowCount)).Enumerate().Max(Math.Abs);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var data = LinearNetProblem.From(x);
        return HypothesesCheck.All((data.Y.RowCount == 1, "d_n = 1"), (!data.Logistic, "square loss"),
            (WhiteningResidual(x) <= Tolerance.Gamma(8 * data.N + 8), "Λ_xx = I up to rounding"));
    }

    private static MarginSet Conclude(Instance x, bool withDataTerm)
    {
        var data = LinearNetProblem.From(x);
        var lambda = data.Y * data.X.Transpose() / data.N;
        double c = -0.5 * (lambda * lambda.Transpose()).Trace() + (withDataTerm ? (data.Y * data.Y.Transpose()).Trace() / (2 * data.N) : 0);
        var margins = new List<Margin>();
        foreach (var (name, w) in new[] { ("random W", x.Matrix("W")), ("W = Λ_yx", lambda) })
        {
            double lhs = data.Phi(w);
            double rhs = 0.5 * Math.Pow((w - lambda).FrobeniusNorm(), 2) + c;
            // Magnitudes summed in either side: φ's residuals and the expanded terms ‖W‖², ‖Λ‖², Tr(YYᵀ)/|S|.
            double scale = Math.Abs(lhs) + Math.Pow(w.FrobeniusNorm() + lambda.FrobeniusNorm(), 2) + (data.Y * data.Y.Transpose()).Trace() / data.N;
            var tol = Tolerance.FromRounding(4 * (data.X.RowCount + data.N), scale, "φ and its expansion")
                .Plus(Tolerance.Bound(0.5 * data.X.RowCount * Tolerance.Gamma(8 * data.N + 8) * Math.Pow(w.FrobeniusNorm(), 2), "admissible whitening residual ½W(Λ_xx − I)Wᵀ (validator bound γ_{8|S|+8})"));
            margins.Add(Ec21.AtMost($"|φ(W) − ½‖W − Λ_yx‖² − c| at {name}", Math.Abs(lhs - rhs), 0, tol));
        }
        return new MarginSet(margins);
    }
}
