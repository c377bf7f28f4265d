using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Costs;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 29 (App C.3, L741–809): for C = H + e (H k-homogeneous with optimal escape speed s* &lt; 0, e as in
/// Lemma 28) and the escape cone C_ε = {θ : H(θ)/‖θ‖^k &lt; (s* + ε)/k}: for all ε small enough there is r &gt; 0 such that
/// (1) on the boundary of C_ε with ‖θ‖ &lt; r the flow points into the cone (−∇C(θ)ᵀn ≤ 0, n the outward normal);
/// (2) inside the cone with ‖θ‖ &lt; r, ‖θ‖^{k−1}(s* − ε) ≤ ∇C(θ)ᵀθ/‖θ‖ ≤ ‖θ‖^{k−1}(s* + 2ε) (printed "(s* ε)": extraction);
/// (3) from θ_0 ∈ C_ε, ‖θ_0‖ &lt; r, until the time T at which ‖γ(t)‖ = r: k = 2: ‖θ_0‖e^{−(s*+2ε)t} ≤ ‖γ(t)‖ ≤ ‖θ_0‖e^{−(s*−ε)t};
/// k &gt; 2: [‖θ_0‖^{−(k−2)} + (k−2)(s*+2ε)t]^{−1/(k−2)} ≤ ‖γ(t)‖ ≤ [‖θ_0‖^{−(k−2)} + (k−2)(s*−ε)t]^{−1/(k−2)}.
/// Formalisation note: C = C^NN(θ) = C(A_θ) of a DLN (L ∈ {2, 3}, k = L, m = 2L) with a non-whitened MSE; H = Tr[GᵀA_θ],
/// s* = −s_1L^{−(L−2)/2} (Fact.DLNEscape), ε = min(|s*|/10, half the gap (s_1 − s_2)L^{−(L−2)/2}). The existential r is found by search (the proof's r(ε) is unusable
/// as printed, catalog): halve r from the radius where e/H ≈ 1 until 64 calibration samples of (1) and (2) show no
/// violation (at most 13 halvings); then (1)–(3) are checked on FRESH samples with that r. Cone points: arcs ρ(φ) = cos φ·ρ* + sin φ·u from the
/// optimal direction ρ* to random u ⊥ ρ*; the boundary angle by bisection of g(ρ) = H(ρ) = (s* + ε)/k; norms uniform in
/// (0, r). (1) as ∇g(θ)ᵀ∇C(θ) ≥ 0 with g = H/‖θ‖^k (the outward normal is ∇g/‖∇g‖). (3) along DOP853 flows at 8 times up
/// to the time at which the upper bound reaches r (≤ T if the claim holds). Tolerances: γ_P rounding relative to
/// ‖θ‖^{k−1}·‖∇C‖-scale; ODE error for (3).
/// </summary>
public static class Prop29
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop29"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 29 (App C.3)", "L741–809"),
        Kind = StatementKind.Proposition,
        Title = "escape cone properties",
        Text = "For C = H + e with H k-homogeneous and s* < 0, for all ε small enough there is r > 0 such that: on the boundary of the escape cone C_ε within B(0, r) the gradient flow points into the cone; inside the cone, ‖θ‖^{k−1}(s* − ε) ≤ ∇C(θ)ᵀθ/‖θ‖ ≤ ‖θ‖^{k−1}(s* + 2ε); and flows started in the cone satisfy ‖θ_0‖e^{−(s*+2ε)t} ≤ ‖γ(t)‖ ≤ ‖θ_0‖e^{−(s*−ε)t} (k = 2), resp. [‖θ_0‖^{−(k−2)} + (k−2)(s*+2ε)t]^{−1/(k−2)} ≤ ‖γ(t)‖ ≤ [‖θ_0‖^{−(k−2)} + (k−2)(s*−ε)t]^{−1/(k−2)} (k > 2), until ‖γ‖ = r.",
        FormalisationNote = "L ∈ {2, 3}, n_0, n_L, w ∈ {2, 3}, MSE with 8 samples; ε = min(|s*|/10, half the gap to the second escape speed); 64 calibration + 48 test points (24 boundary, 24 interior) and 3 flows per trial.",
        Checkability = Checkability.Statistical,
        NotCheckableReason = "'For all ε small enough there is r': one ε per instance and a searched r; the universally quantified cone points are sampled, not exhausted.",
        Constants =
        [
            new NamedConstant("upperSlack", R(2), "item 2's upper bound uses s* + upperSlack·ε (paper: 2)"),
        ],
        Fidelity = Fidelity.Restricted("L ∈ {2, 3}, sizes ≤ 3, MSE with 8 samples; the cone is probed at 48 points and 3 flows per trial"),
        Hypotheses = new Hypotheses("DLN C^NN with non-whitened MSE (k = L ∈ {2,3}), random hidden vectors, sample seed", Generate, (x, k) => EscapePathDeviation.Validate(x)),
        Conclusion = Conclude,
        DefaultTrials = 4,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "UpperBoundWithoutSlack", "item 2 upper bound ‖θ‖^{k−1}s*: refuted at interior points with H/‖θ‖^k > s*/k", new NamedConstant("upperSlack", R(2), ""), R(0), trials: 2),
            new Variant("FlowBoundsSwapped", "item 3 with the lower and upper bounds swapped: refuted along flows", VariantRole.Mutant, s => s.WithSwitch("swapFlowBounds", R(1)), Trials: 2),
        ],
    };

    private static Instance Generate(TrialContext ctx) => EscapePathDeviation.Generate(ctx, ctx.Rng.NextInt(2, 3)).WithScalar("seed", ctx.Rng.NextInt(0, int.MaxValue - 1));

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var mse = (MeanSquaredError)Cost(x);
        int depth = (int)x.Scalar("L");
        var g = -2 * mse.SigmaYX;
        double s1 = EscapeDirections.Svd(g).S[0];
        var sv = EscapeDirections.Svd(g).S;
        // "ε small enough": below a tenth of |s*| and below half the gap to the next escape speed −s_2L^{−(L−2)/2}, so that the
        // cone boundary contains no other escape direction (where the inward push of H vanishes).
        double sStar = EscapeDirections.OptimalSpeed(g, depth);
        double eps = Math.Min(Math.Abs(sStar) / 10, 0.5 * (sv[0] - sv[1]) * Math.Pow(depth, -(depth - 2) / 2.0));
        var shapes = EscapeDirections.Direction(g, depth, 1, -1, x.Matrix("hidden"));
        var rhoStar = Vector<double>.Build.DenseOfArray(EscapeNumerics.Flatten(shapes));
        int dim = rhoStar.Count;
        double HAt(Vector<double> th) => EscapeNumerics.H(g, EscapeNumerics.Unflatten(th.ToArray(), shapes));
        Vector<double> GradH(Vector<double> th) => Vector<double>.Build.DenseOfArray(EscapeNumerics.Flatten(EscapeNumerics.HGradient(g, EscapeNumerics.Unflatten(th.ToArray(), shapes))));
        Vector<double> GradC(Vector<double> th)
        {
            var layers = EscapeNumerics.Unflatten(th.ToArray(), shapes);
            return Vector<double>.Build.DenseOfArray(EscapeNumerics.Flatten(EscapeNumerics.ChainGradient(layers, mse.Gradient(EscapeNumerics.EndToEnd(layers)))));
        }
        double level = (sStar + eps) / depth;
        var rng = new Rng(new Seed((ulong)x.Scalar("seed")).Split(precision.ToString()));
        // An arc from ρ* to a random u ⊥ ρ*, and its boundary angle (first crossing of H = (s* + ε)/k), or null if none.
        (Vector<double> U, double Phi)? Arc()
        {
            var u = SequentialBuild.Vector(dim, _ => rng.NextGaussian());
            u -= (u * rhoStar) * rhoStar;
            u /= u.L2Norm();
            Vector<double> At(double phi) => Math.Cos(phi) * rhoStar + Math.Sin(phi) * u;
            double prev = 0;
            for (int i = 1; i <= 200; i++)
            {
                double phi = Math.PI * i / 200;
                if (HAt(At(phi)) >= level)
                {
                    double lo = prev, hi = phi;
                    for (int it = 0; it < 80; it++)
                    {
                        double mid = 0.5 * (lo + hi);
                        if (HAt(At(mid)) >= level)
                        {
                            hi = mid;
                        }
                        else
                        {
                            lo = mid;
                        }
                    }
                    return (u, lo);
                }
                prev = phi;
            }
            return null;
        }
        Vector<double> Point(Vector<double> u, double phi, double norm) => norm * (Math.Cos(phi) * rhoStar + Math.Sin(phi) * u);
        int ops = 64 * dim;
        List<Margin> StaticMargins(double r, int count, double upperSlack)
        {
            var ms = new List<Margin>();
            for (int q = 0; q < count; q++)
            {
                if (Arc() is not (Vector<double> u, double phiB))
                {
                    continue;
                }
                double norm = r * rng.Uniform(0.05, 1);
                double nk1 = Math.Pow(norm, depth - 1);
                // (1) boundary: ∇g·∇C ≥ 0 with ∇g = ∇H/‖θ‖^k − kHθ/‖θ‖^{k+2}.
                var tb = Point(u, phiB, norm);
                var gradG = GradH(tb) / Math.Pow(norm, depth) - depth * HAt(tb) * tb / Math.Pow(norm, depth + 2);
                var gcB = GradC(tb);
                ms.Add(Rounding("∇C(θ)ᵀn ≥ 0 on ∂C_ε (flow points inward)", gcB * gradG / gradG.L2Norm(), ops, gcB.L2Norm(), "‖∇C(θ)‖"));
                // (2) interior.
                var ti = Point(u, rng.Uniform(0, phiB), norm);
                double radial = GradC(ti) * ti / norm;
                ms.Add(Rounding("∇Cᵀθ/‖θ‖ − ‖θ‖^{k−1}(s* − ε) (inside C_ε)", radial - nk1 * (sStar - eps), ops, nk1 * s1, "‖θ‖^{k−1}s_1"));
                ms.Add(Rounding("‖θ‖^{k−1}(s* + 2ε) − ∇Cᵀθ/‖θ‖ (inside C_ε)", nk1 * (sStar + upperSlack * eps) - radial, ops, nk1 * s1, "‖θ‖^{k−1}s_1"));
            }
            return ms;
        }
        // Search for r: from the radius where e ≈ H on the optimal ray, halve until the calibration samples hold.
        double r = Math.Pow(s1 * Math.Pow(depth, depth / 2.0) / mse.SigmaXX.L2Norm(), 1.0 / depth);
        // If no radius passes calibration, the test below runs at the smallest radius tried (r_0/2^13, where e/H ≈ 2^{−13L}
        // and the homogeneous part alone decides): a violation there means the claim fails at every radius searched.
        for (int halving = 0; halving < 13; halving++)
        {
            // The radius is searched with the paper's item 2 (slack 2ε) — it belongs to the statement; variants are then tested at it.
            if (StaticMargins(r, 64, 2).All(m => m.Holds))
            {
                break;
            }
            r /= 2;
        }
        var margins = StaticMargins(r, 24, k.D("upperSlack"));
        // (3) flows from interior cone points.
        bool swap = k.Switch("swapFlowBounds") == 1;
        for (int f = 0; f < 3; f++)
        {
            if (Arc() is not (Vector<double> u, double phiB))
            {
                continue;
            }
            double n0 = r * rng.Uniform(0.1, 0.5);
            var t0 = Point(u, rng.Uniform(0, phiB), n0);
            double Bound(double t, double speed) => depth == 2
                ? n0 * Math.Exp(-speed * t)
                : Math.Pow(Math.Pow(n0, -(depth - 2)) + (depth - 2) * speed * t, -1.0 / (depth - 2));
            // Time at which the upper bound (speed s* − ε, the fastest growth allowed) reaches r: a lower bound for T.
            double tUp = depth == 2 ? Math.Log(r / n0) / -(sStar - eps) : (Math.Pow(n0, -(depth - 2)) - Math.Pow(r, -(depth - 2))) / ((depth - 2) * -(sStar - eps));
            double[] times = [.. Enumerable.Range(1, 8).Select(j => j / 8.0 * tUp)];
            var sol = EscapeNumerics.SolveFlow(EscapeNumerics.CostFlow(mse.Gradient, 0, shapes), t0.ToArray(), times, precision);
            if (sol is null)
            {
                margins.Add(Margin.Uncomputable("flow integration"));
                continue;
            }
            for (int j = 0; j < times.Length; j++)
            {
                double norm = EscapeNumerics.Norm(sol.States[j]);
                double lower = Bound(times[j], sStar + 2 * eps), upper = Bound(times[j], sStar - eps);
                if (swap)
                {
                    (lower, upper) = (upper, lower);
                }
                var tol = Tolerance.ValidatedEstimate(sol.ErrorBounds[j], "ODE two-tolerance error").Plus(Tolerance.FromRounding(64, upper, "bound"));
                margins.Add(Margin.Bound($"upper flow bound − ‖γ(t)‖, flow {f + 1}, t = {j + 1}/8·t_up", upper - norm, upper, tol));
                if (norm < r)
                {
                    margins.Add(Margin.Bound($"‖γ(t)‖ − lower flow bound, flow {f + 1}, t = {j + 1}/8·t_up", norm - lower, upper, tol));
                }
            }
        }
        return new MarginSet(margins).WithObservation("r (found by search)", r).WithObservation("s*", sStar).WithObservation("ε", eps);
    }
}
