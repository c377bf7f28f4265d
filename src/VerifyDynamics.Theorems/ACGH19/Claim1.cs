using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Claim 1 (Sec. 3.1, L103; proof App. D.1, L378–384): if W has deficiency margin c w.r.t. Φ,
/// then every W′ of the same size with ‖W′ − Φ‖_F ≤ ‖W − Φ‖_F has σ_min(W′) ≥ c.
/// Formalisation note: c is taken as the tightest margin σ_min(Φ) − ‖W − Φ‖_F (the claim for a smaller
/// c follows). Half of the trials use the adversarial W′ = Φ − R·u_min·v_minᵀ, where the conclusion is
/// an equality (margin 0 up to rounding), so the check sits exactly on the edge.
/// </summary>
public static class Claim1
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Claim1"),
        Source = new SourceRef(Papers.ACGH19, "Claim 1 (Sec. 3.1); proof App. D.1", "L103, L378–384"),
        Kind = StatementKind.Claim,
        Title = "margin protects all closer matrices",
        Text = "If W has deficiency margin c > 0 w.r.t. Φ, every W′ with ‖W′ − Φ‖_F ≤ ‖W − Φ‖_F has σ_min(W′) ≥ c.",
        FormalisationNote = "c := σ_min(Φ) − ‖W − Φ‖_F (tightest). W′ is uniform in the Frobenius ball of radius ‖W − Φ‖_F "
            + "(odd trials) or the adversarial Φ − R u_min v_minᵀ (even trials, equality case). Also checks the proof's "
            + "rectangular Weyl step σ_min(A + B) ≥ σ_min(A) − σ_max(B). Tolerance: γ_n of the SVD (n = 8·max(d_0, d_N)) times ‖Φ‖_σ.",
        Fidelity = Fidelity.Full("c at its largest (σ_min(Φ) − ‖W − Φ‖_F), W′ uniform in the ball or at the adversarial equality point"),
        Hypotheses = new Hypotheses(
            "Φ Gaussian d_N×d_0 (1..6 each) with σ_min(Φ) > 0; W = Φ + ρσ_min(Φ)E/‖E‖_F, ρ ∈ (0.05, 0.95); W′ in the ball (odd trials) or adversarial (even)",
            Generate,
            Validate),
        Conclusion = Conclusion,
        DefaultTrials = 200,
        Variants =
        [
            Variant.Mutant("ConclusionWithSlack", "conclusion σ_min(W′) ≥ c + 0.1(σ_min(Φ) − c): refuted by the adversarial W′",
                s => s.WithConclusion((x, k, p) => Conclude(x, extraSlack: 0.1))),
            Variant.Mutant("RadiusDoubled", "hypothesis relaxed to ‖W′ − Φ‖_F ≤ 2‖W − Φ‖_F: refuted along the weak direction",
                s => s.WithHypotheses("adversarial W′ at twice the radius", ctx => Build(ctx, radiusFactor: 2, adversarial: true), (x, k) => ValidateRadius(x, 2))),
            Variant.Mutant("SigmaMaxOfTarget", "Def. 2 with σ_max(Φ) in place of σ_min(Φ): the margin c is then too large",
                s => s.WithConclusion((x, k, p) => Conclude(x, useSigmaMax: true))),
            Variant.Mutant("ConclusionAgainstW", "conclusion σ_min(W′) ≥ σ_min(W): closer to Φ does not mean better conditioned",
                s => s.WithConclusion((x, k, p) =>
                    MarginSet.Of(Margin.AtLeast("σ_min(W′) − σ_min(W)", MatrixMeasures.SigmaMin(x.Matrix("Wprime")), MatrixMeasures.SigmaMin(x.Matrix("W")), Ops(x))))),
            Variant.Control("SpectralEverywhere", "Frobenius replaced by spectral norm in Def. 2 and Claim 1: still true (must not be refuted)",
                s => s.WithHypotheses("W′ in the spectral ball; c from the spectral distance",
                    ctx => Build(ctx, radiusFactor: 1, adversarial: ctx.Index % 2 == 0, spectral: true), (x, k) => ValidateRadius(x, 1, spectral: true))),
        ],
    };

    private static Instance Generate(TrialContext ctx) => Build(ctx, radiusFactor: 1, adversarial: ctx.Index % 2 == 0);

    private static Instance Build(TrialContext ctx, double radiusFactor, bool adversarial, bool spectral = false)
    {
        var rng = ctx.Rng;
        int rows = rng.NextInt(1, 6), cols = rng.NextInt(1, 6);
        var phi = rng.GaussianMatrix(rows, cols);
        double sigmaMin = MatrixMeasures.SigmaMin(phi);
        var e = rng.GaussianMatrix(rows, cols);
        double rho = rng.Uniform(0.05, 0.95);
        double radius = rho * sigmaMin;
        var w = phi + radius * e / (spectral ? MatrixMeasures.Spectral(e) : e.FrobeniusNorm());
        Matrix<double> wPrime;
        double r = radiusFactor * radius;
        if (adversarial)
        {
            var svd = phi.Svd(computeVectors: true);
            int m = Math.Min(rows, cols) - 1;
            wPrime = phi - r * svd.U.Column(m).OuterProduct(svd.VT.Row(m));
        }
        else
        {
            var f = rng.GaussianMatrix(rows, cols);
            double scale = r * Math.Pow(rng.NextDouble(), 1.0 / (rows * cols));
            wPrime = phi + scale * f / (spectral ? MatrixMeasures.Spectral(f) : f.FrobeniusNorm());
        }
        return new Instance { Family = adversarial ? "adversarial" : "ball", Target = phi }
            .WithMatrix("W", w)
            .WithMatrix("Wprime", wPrime)
            .WithScalar("spectral", spectral ? 1 : 0);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k) => ValidateRadius(x, 1);

    private static HypothesesCheck ValidateRadius(Instance x, double factor, bool spectral = false)
    {
        var phi = x.RequireTarget;
        var w = x.Matrix("W");
        var wPrime = x.Matrix("Wprime");
        Func<Matrix<double>, double> norm = spectral ? MatrixMeasures.Spectral : MatrixMeasures.Frobenius;
        double distance = norm(w - phi);
        // The adversarial W′ sits on the sphere; allow the rounding of forming it (γ_n·‖Φ‖).
        double slack = Tolerance.Gamma(Ops(x)) * MatrixMeasures.Spectral(phi);
        return HypothesesCheck.All(
            (w.RowCount == phi.RowCount && w.ColumnCount == phi.ColumnCount && wPrime.RowCount == phi.RowCount && wPrime.ColumnCount == phi.ColumnCount, "W, W′, Φ have the same size"),
            (MatrixMeasures.SigmaMin(phi) - distance > 0, "W has a positive deficiency margin (Def. 2)"),
            (norm(wPrime - phi) <= factor * distance + slack, factor == 1 ? "‖W′ − Φ‖ ≤ ‖W − Φ‖" : $"‖W′ − Φ‖ ≤ {factor}‖W − Φ‖"));
    }

    private static MarginSet Conclusion(Instance x, ConstantValues k, Precision p) => Conclude(x);

    private static int Ops(Instance x) => 8 * Math.Max(x.RequireTarget.RowCount, x.RequireTarget.ColumnCount) + 8;

    private static MarginSet Conclude(Instance x, double extraSlack = 0, bool useSigmaMax = false)
    {
        var phi = x.RequireTarget;
        var w = x.Matrix("W");
        var wPrime = x.Matrix("Wprime");
        bool spectral = x.Scalars.GetValueOrDefault("spectral") == 1.0;
        Func<Matrix<double>, double> norm = spectral ? MatrixMeasures.Spectral : MatrixMeasures.Frobenius;
        double sigmaPhi = useSigmaMax ? MatrixMeasures.Spectral(phi) : MatrixMeasures.SigmaMin(phi);
        double c = sigmaPhi - norm(w - phi);
        double required = c + extraSlack * (sigmaPhi - c);
        double sigmaWPrime = MatrixMeasures.SigmaMin(wPrime);
        var b = wPrime - phi;
        var tol = Tolerance.FromRounding(Ops(x), MatrixMeasures.Spectral(phi), "‖Φ‖_σ (SVD backward error)");
        return MarginSet.Of(
            Margin.AtLeast("σ_min(W′) − c", sigmaWPrime, required, tol),
            Margin.AtLeast("Weyl: σ_min(Φ + B) − (σ_min(Φ) − σ_max(B))", sigmaWPrime, MatrixMeasures.SigmaMin(phi) - MatrixMeasures.Spectral(b), tol));
    }
}
