using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Fact.EscapeBasics (App C.1, L627–635, unnumbered): for a k-homogeneous H, (i) the gradient flow from
/// d_0ρ with ∇H(ρ) = sρ stays on the ray, θ(t) = d(t)ρ with d(t) = [d_0^{−(k−2)} + (k−2)st]^{−1/(k−2)} (k &gt; 2),
/// d_0e^{−st} (k = 2); (iii) Euler ∇H(θ)ᵀθ = kH(θ), so the optimal escape direction has H(ρ*) = s*/k;
/// (iv) (derived, Prop 29(3) with ε = 0) ‖γ_H(t,θ_0)‖ ≤ [‖θ_0‖^{−(k−2)} + (k−2)s*t]^{−1/(k−2)} (k &gt; 2), ‖θ_0‖e^{−s*t} (k = 2).
/// Formalisation note: H = Tr[GᵀA_θ] (k = L ∈ 2..4) with the Fact.DLNEscape directions; the printed ray formula
/// ρ((k−2)s(−t))^{−1/(k−2)} has a sign slip (catalog §13 item 8) and the general solution above is checked.
/// Times stay ≤ ½ of the blow-up time. Tolerance: the two-tolerance ODE error bound plus γ_n rounding.
/// Item (ii) (quadratic H: escape directions = Hessian eigenvectors) is not checked separately.
/// </summary>
public static class Fact_EscapeBasics
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Fact.EscapeBasics"),
        Source = new SourceRef(Papers.JGGSH21, "App C.1 (unnumbered)", "L627–635"),
        Kind = StatementKind.Unnumbered,
        Title = "ray solutions and the optimal escape value",
        Text = "Gradient flows of a k-homogeneous H started on an escape direction stay on the ray with an explicit radius; H(ρ*) = s*/k; the optimal speed bounds the growth of every flow.",
        FormalisationNote = "Ray radius in the sign-corrected form; (iv) is the catalog's derived ε = 0 case of Prop 29(3).",
        Fidelity = Fidelity.Restricted("the DLN homogeneous part H(θ) = Tr[GᵀA_θ], L ≤ 4 (the fact is stated for any k-homogeneous H), flows on a finite horizon"),
        Hypotheses = new Hypotheses("Fact.DLNEscape instance with L ∈ 2..4, d_0 ∈ [0.3, 1], random θ_0 of norm in [0.3, 1]", Generate, (x, k) => Fact_DLNEscape.Validate(x, k)),
        Conclusion = (x, k, p) => Conclude(x, p, 0, false),
        DefaultTrials = 8,
        Errata = ["The printed ray solution ρ((k−2)s(−t))^{−1/(k−2)} has a sign slip for s < 0 (catalog §13 item 8); the general solution d(t) = [d_0^{−(k−2)} + (k−2)st]^{−1/(k−2)} is checked."],
        Variants =
        [
            Variant.Mutant("RayExponentOverKMinusOne", "ray radius with exponent −1/(k−1): refuted for k > 2", s => s.WithConclusion((x, k, p) => Conclude(x, p, 1, false))
                .WithGenerator("as the statement, L ∈ 3..4", ctx => Generate(ctx, minDepth: 3)), trials: 4),
            Variant.Mutant("OptimalValueWithoutOverK", "H(ρ*) = s* (no /k): refuted by Euler's identity", s => s.WithConclusion((x, k, p) => Conclude(x, p, 0, true)), trials: 4),
        ],
    };

    private static Instance Generate(TrialContext ctx) => Generate(ctx, 2);

    private static Instance Generate(TrialContext ctx, int minDepth)
    {
        Instance x;
        do
        {
            x = EscapeDirections.Random(ctx, "ray", maxDepth: 4);
        }
        while (EscapeDirections.Depth(x) < minDepth);
        double scale = ctx.Rng.Uniform(0.3, 1);
        var theta = x.Weights.Select(w => ctx.Rng.GaussianMatrix(w.RowCount, w.ColumnCount)).ToArray();
        double norm = Math.Sqrt(EscapeNumerics.NormSquared(theta));
        var scaled = theta.Select(w => scale / norm * w).ToArray();
        return (x with { MatrixLists = x.MatrixLists.SetItem("theta0", [.. scaled]) })
            .WithScalar("d0", ctx.Rng.Uniform(0.3, 1));
    }

    /// <summary>A time horizon of half the blow-up time from radius r under speed s (k &gt; 2), or 1/|s| (k = 2).</summary>
    internal static double Horizon(int k, double s, double r) =>
        k == 2 || s > 0 ? 1 / Math.Abs(s) / Math.Max(1, Math.Pow(r, k - 2)) : 0.5 * Math.Pow(r, -(k - 2)) / ((k - 2) * Math.Abs(s));

    private static MarginSet Conclude(Instance x, Precision precision, int exponentShift, bool dropOverK)
    {
        var g = x.Matrix("G");
        int k = EscapeDirections.Depth(x);
        var (_, sv, _) = EscapeDirections.Svd(g);
        int i = (int)x.Scalar("index"), sign = (int)x.Scalar("sign");
        double s = EscapeDirections.Speed(sv[i - 1], k, sign);
        double sStar = EscapeDirections.Speed(sv[0], k, -1);
        var rho = x.Weights;
        double d0 = x.Scalar("d0");
        var margins = new List<Margin>();
        var flow = EscapeNumerics.HFlow(g, rho);

        // (i) ray solution.
        double tEnd = Horizon(k, s, d0);
        double[] times = [tEnd / 4, tEnd / 2, tEnd];
        var start = EscapeNumerics.Flatten(rho).Select(z => d0 * z).ToArray();
        var ray = EscapeNumerics.SolveFlow(flow, start, times, precision);
        var unit = EscapeNumerics.Flatten(rho);
        for (int j = 0; j < times.Length; j++)
        {
            double t = times[j];
            double d = k == 2 ? d0 * Math.Exp(-s * t) : Math.Pow(Math.Pow(d0, -(k - 2)) + (k - 2) * s * t, -1.0 / (k - 2 + exponentShift));
            double dev = ray is null ? double.NaN : EscapeNumerics.Distance(ray.States[j], unit.Select(z => d * z).ToArray());
            var tol = Tolerance.ValidatedEstimate(ray?.ErrorBounds[j] ?? 0, "ODE two-tolerance error").Plus(Tolerance.FromRounding(64, d, "d(t)"));
            margins.Add(Margin.Deviation($"‖θ(t) − d(t)ρ‖ at t = {j + 1}/4·T", dev, d, tol));
        }

        // (iii) Euler identity at θ_0 and the optimal value.
        var theta0 = x.MatrixLists["theta0"];
        double h0 = EscapeNumerics.H(g, theta0);
        double euler = EscapeNumerics.Flatten(EscapeNumerics.HGradient(g, theta0)).Zip(EscapeNumerics.Flatten(theta0)).Sum(p => p.First * p.Second);
        var roundTol = EscapeDirections.ProductRounding(x, sv[0], "s_1 (L-fold products)");
        margins.Add(EscapeNumerics.Equal("∇H(θ_0)ᵀθ_0 = kH(θ_0)", euler, k * h0, roundTol));
        var star = EscapeDirections.Direction(g, k, 1, -1, x.Matrix("hidden"));
        margins.Add(EscapeNumerics.Equal(dropOverK ? "H(ρ*) = s*" : "H(ρ*) = s*/k", EscapeNumerics.H(g, star), dropOverK ? sStar : sStar / k, roundTol));

        // (iv) growth bound along the flow from θ_0.
        double a = Math.Sqrt(EscapeNumerics.NormSquared(theta0));
        double tb = Horizon(k, sStar, a);
        double[] t4 = [tb / 3, 2 * tb / 3, tb];
        var traj = EscapeNumerics.SolveFlow(flow, EscapeNumerics.Flatten(theta0), t4, precision);
        for (int j = 0; j < t4.Length; j++)
        {
            double t = t4[j];
            double bound = k == 2 ? a * Math.Exp(-sStar * t) : Math.Pow(Math.Pow(a, -(k - 2)) + (k - 2) * sStar * t, -1.0 / (k - 2));
            double norm = traj is null ? double.NaN : EscapeNumerics.Norm(traj.States[j]);
            var tol = Tolerance.ValidatedEstimate(traj?.ErrorBounds[j] ?? 0, "ODE two-tolerance error").Plus(Tolerance.FromRounding(64, bound, "bound"));
            margins.Add(Margin.Bound($"‖γ_H(t,θ_0)‖ ≤ optimal-speed bound at t = {j + 1}/3·T", bound - norm, bound, tol));
        }
        return new MarginSet(margins).WithObservation("s", s).WithObservation("s*", sStar);
    }
}
