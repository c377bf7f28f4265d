using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 10 (App. B.1, L351–361): a β-strongly convex C is β-PL.
/// Formalisation note: C(x) = ½xᵀQx + bᵀx, Q ≻ 0, β = λ_min(Q), C_min = −½bᵀQ⁻¹b; even trials put x − x* along the λ_min
/// eigenvector, where PL holds with equality (sharp). The excess C(x) − C_min = ½(x − x*)ᵀQ(x − x*) is formed
/// cancellation-free. The converse mutant ("PL ⇒ strongly convex") is refuted by the MC loss in Fact.McPL.
/// </summary>
public static class Prop10
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop10"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 10 (App. B.1)", "L351–361"),
        Kind = StatementKind.Proposition,
        Title = "strong convexity implies PL",
        Text = "If C is β-strongly convex then C satisfies β-PL.",
        FormalisationNote = "Quadratics of dimension 1..8 with eigenvalues log-uniform in [10^{−2}, 10^{2}]; tolerance γ_n·‖Q‖‖dx‖(‖∇C‖ + β‖dx‖) (rounding relative to the operands, since ‖Q‖/β reaches 10^4).",
        Constants = [new NamedConstant("betaFactor", R(1), "PL constant = betaFactor·λ_min(Q) (paper: 1)")],
        Fidelity = Fidelity.Restricted("quadratic functions (dimension ≤ 8) — other β-strongly convex functions are not generated"),
        Hypotheses = new Hypotheses("Q = O diag(q) Oᵀ ≻ 0, b Gaussian, x random or on the sharp direction", Generate, (x, k) => HypothesesCheck.All((x.Matrix("Q").Evd(Symmetricity.Symmetric).EigenValues.All(e => e.Real > 0), "Q ≻ 0"))),
        Conclusion = Conclude,
        DefaultTrials = 40,
        Variants = [Variant.ConstantChanged(VariantRole.Mutant, "BetaDoubled", "2β-PL: refuted along the λ_min eigenvector", new NamedConstant("betaFactor", R(1), ""), R(2))],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.NextInt(1, 8);
        var o = rng.HaarOrthogonal(n);
        var q = Enumerable.Range(0, n).Select(_ => rng.LogUniform(1e-2, 1e2)).ToArray();
        var qm = o * Matrix<double>.Build.DenseOfDiagonalArray(q) * o.Transpose();
        qm = 0.5 * (qm + qm.Transpose());
        var b = rng.GaussianMatrix(n, 1);
        var xStar = -qm.Solve(b);
        int imin = Array.IndexOf(q, q.Min());
        var dx = ctx.Index % 2 == 0 ? o.SubMatrix(0, n, imin, 1) * rng.LogUniform(1e-2, 1e2) : rng.GaussianMatrix(n, 1) * rng.LogUniform(1e-2, 1e2);
        return new Instance { Family = ctx.Index % 2 == 0 ? "sharp" : "random" }.WithMatrix("Q", qm).WithMatrix("b", b).WithMatrix("x", xStar + dx).WithMatrix("dx", dx);
    }

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision p)
    {
        var q = x.Matrix("Q");
        var dx = x.Matrix("dx");
        double beta = k.D("betaFactor") * q.Evd(Symmetricity.Symmetric).EigenValues.Min(e => e.Real);
        // ∇C(x) = Q(x − x*) = Q·dx; C − C_min = ½dxᵀQdx (x* is the generator's solve; dx is stored to avoid cancellation).
        var g = q * dx;
        double half = 0.5 * g.FrobeniusNorm() * g.FrobeniusNorm();
        double excess = 0.5 * (dx.TransposeThisAndMultiply(g))[0, 0];
        // Rounding is relative to the operands, not the result: Q·dx and the eigenvalue β each carry an error of
        // γ_n·‖Q‖ (backward-stable products and symmetric eigensolver), and ‖Q‖ = λ_max can exceed β = λ_min by 10^4.
        // Both sides are ≤ ‖Q‖‖dx‖·(‖∇C‖ + β‖dx‖) in size once those errors are propagated.
        double normQ = q.L2Norm();
        double dxNorm = dx.FrobeniusNorm();
        double scale = normQ * dxNorm * (g.FrobeniusNorm() + beta * dxNorm);
        return MarginSet.Of(Rounding("½‖∇C‖² − β(C − C_min)", half - beta * excess, 32 * q.RowCount + 32, scale, "‖Q‖‖dx‖(‖∇C‖ + β‖dx‖)"))
            .WithObservation("beta", beta);
    }
}
