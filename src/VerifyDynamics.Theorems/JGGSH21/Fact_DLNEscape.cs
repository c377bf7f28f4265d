using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.DLNEscape (App C.1.1, L662–668, unnumbered): for H(θ) = Tr[GᵀA_θ] with G = USVᵀ, the vectors
/// ρ = (1/√L)(±u_i w_{L−1}ᵀ, w_{L−1}w_{L−2}ᵀ, …, w_1v_iᵀ) (w_ℓ ∈ S^{w−1} arbitrary) are escape directions,
/// ∇H(ρ) = sρ, with speed s = ±s_iL^{−(L−2)/2}; the optimal speed is s* = −s_1L^{−(L−2)/2}, i.e. min_{S}H = −s_1L^{−L/2}.
/// Formalisation note: checked exactly (no ODE) on random G with distinct singular values, L ∈ 2..5, n_0, n_L, w ∈ 1..4:
/// the eigen-equation at the constructed ρ, the optimal value H(ρ*) = s*/L, and the global bound
/// |H(θ)| ≤ s_1L^{−L/2}‖θ‖^L (Frobenius–AM-GM, so the minimum over the sphere is attained at ρ*) at a random θ.
/// The completeness claim ("are of the form") is not checked. Tolerance: γ_n of the L-fold products times s_1.
/// </summary>
public static class Fact_DLNEscape
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.DLNEscape"),
        Source = new SourceRef(Papers.JGGSH21, "App C.1.1 (unnumbered)", "L662–668"),
        Kind = StatementKind.Unnumbered,
        Title = "escape directions of Tr[GᵀA_θ]",
        Text = "ρ = (1/√L)(±u_iw_{L−1}ᵀ, w_{L−1}w_{L−2}ᵀ, …, w_1v_iᵀ) satisfies ∇H(ρ) = ±s_iL^{−(L−2)/2}ρ; the optimal speed is −s_1L^{−(L−2)/2}.",
        FormalisationNote = "Exact gradient ∇H via the chain rule; random θ from N(0, I) for the sphere bound. Printed 'w_{L−}' read as w_{L−1}.",
        Fidelity = Fidelity.Full("the DLN escape directions and speeds as printed, random G with distinct singular values, L ≤ 5, widths ≤ 4"),
        Hypotheses = new Hypotheses("random G (distinct singular values), L ∈ 2..5, widths 1..4, random i, sign and hidden unit vectors", ctx => WithProbe(ctx, EscapeDirections.Random(ctx, "escape")), Validate),
        Conclusion = (x, k, p) => Conclude(x, 0, -1),
        DefaultTrials = 60,
        Variants =
        [
            Variant.Mutant("SpeedExponentMinusOneHalf", "speed ±s_iL^{−(L−1)/2}: refuted by the eigen-equation", s => s.WithConclusion((x, k, p) => Conclude(x, 1, -1))),
            Variant.Mutant("OptimalSignPlus", "the optimal direction has +u_1 in W_L: it has positive speed, refuted", s => s.WithConclusion((x, k, p) => Conclude(x, 0, +1))),
        ],
    };

    /// <summary>
    /// The probe θ for the sphere bounds: Gaussian on even trials; on odd trials a scaled ±-escape direction along (u_1, v_1) plus 2% noise,
    /// where the lower bound H(θ) ≥ −s_1L^{−L/2}‖θ‖^L (sign −1, ρ*) or the upper bound (sign +1) is nearly attained.
    /// </summary>
    private static Instance WithProbe(TrialContext ctx, Instance x)
    {
        var probe = x.Weights.Select(w => ctx.Rng.GaussianMatrix(w.RowCount, w.ColumnCount)).ToArray();
        if (ctx.Index % 2 == 1)
        {
            // index ≡ 1 (mod 4): near the minimizer ρ* (sign −1, lower bound); index ≡ 3: near the maximizer (sign +1, upper bound).
            int sign = ctx.Index % 4 == 1 ? -1 : +1;
            var star = EscapeDirections.Direction(x.Matrix("G"), EscapeDirections.Depth(x), 1, sign, x.Matrix("hidden"));
            double scale = ctx.Rng.Uniform(0.5, 2);
            probe = [.. star.Zip(probe).Select(p => scale * p.First + 0.02 * scale * p.Second)];
        }
        return x with { MatrixLists = x.MatrixLists.SetItem("theta", [.. probe]) };
    }

    internal static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var g = x.Matrix("G");
        var (_, s, _) = EscapeDirections.Svd(g);
        int i = (int)x.Scalar("index");
        var h = x.Matrix("hidden");
        bool unit = Enumerable.Range(0, h.ColumnCount).All(c => Math.Abs(h.Column(c).L2Norm() - 1) < 1e-12);
        return HypothesesCheck.All(
            (EscapeDirections.Depth(x) >= 2, "L ≥ 2"),
            (i >= 1 && i <= s.Length && s[i - 1] > 0, "1 ≤ i ≤ rank G"),
            (s.Zip(s.Skip(1)).All(p => p.First - p.Second > 1e-6 * s[0]), "distinct singular values of G"),
            (unit, "hidden vectors w_ℓ on the unit sphere"));
    }

    private static MarginSet Conclude(Instance x, double exponentShift, int optimalSign)
    {
        var g = x.Matrix("G");
        int depth = EscapeDirections.Depth(x);
        var (_, s, _) = EscapeDirections.Svd(g);
        int i = (int)x.Scalar("index"), sign = (int)x.Scalar("sign");
        var rho = x.Weights;
        double speed = EscapeDirections.Speed(s[i - 1], depth, sign, exponentShift);
        var grad = EscapeNumerics.HGradient(g, rho);
        double residual = Math.Sqrt(grad.Zip(rho).Sum(p => Math.Pow((p.First - speed * p.Second).FrobeniusNorm(), 2)));
        var tol = EscapeDirections.ProductRounding(x, s[0], "s_1 (L-fold products)");
        var star = EscapeDirections.Direction(g, depth, 1, optimalSign, x.Matrix("hidden"));
        double sStar = EscapeDirections.Speed(s[0], depth, -1, exponentShift);
        var starGrad = EscapeNumerics.HGradient(g, star);
        double starResidual = Math.Sqrt(starGrad.Zip(star).Sum(p => Math.Pow((p.First - sStar * p.Second).FrobeniusNorm(), 2)));
        var theta = x.MatrixLists["theta"];
        double norm = Math.Sqrt(EscapeNumerics.NormSquared(theta));
        double bound = s[0] * Math.Pow(depth, -depth / 2.0) * Math.Pow(norm, depth);
        double hTheta = EscapeNumerics.H(g, theta);
        var probeTol = EscapeDirections.ProductRounding(x, bound, "s_1L^{−L/2}‖θ‖^L");
        return MarginSet.Of(
            Margin.Deviation("‖∇H(ρ) − sρ‖", residual, s[0], tol),
            Margin.Deviation("‖∇H(ρ*) − s*ρ*‖", starResidual, s[0], tol),
            EscapeNumerics.Equal("H(ρ*) = s*/L", EscapeNumerics.H(g, star), sStar / depth, tol),
            Margin.AtLeast("H(θ) ≥ −s_1L^{−L/2}‖θ‖^L (min over the sphere)", hTheta, -bound) with { Tolerance = probeTol },
            Margin.AtMost("H(θ) ≤ s_1L^{−L/2}‖θ‖^L", hTheta, bound) with { Tolerance = probeTol })
            .WithObservation("speed", speed);
    }

    internal static Matrix<double>[] Rho(Instance x) => [.. x.Weights];
}
