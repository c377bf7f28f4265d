using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 14 (Sec. 5, Eqs. 21–22, L307; proof App. I.12, Defs/Lemmas 34–65): in setting S5 with balanced θ_s,
/// ‖W_{n:1,s}‖ ∈ (0, 0.2], ν ≠ −1: GF is global; t̄ of Eq. (21) has f(θ(t̄)) − min f ≤ ε̄; and for every t, ε ∈ (0, 1/(2n)],
/// Theorem 3 holds on the ε-tube with β = 16n, γ = 6√n and a non-negative m with ∫_0^t m ≤ Eq. (22).
/// Formalisation note: (a) the hitting time T* of ε̄ (bisection on the validated DOP853 dense output) is ≤ t̄
/// (product reading of max{1, (3/2)ρ}, catalog §18-T1); (c) ∫_0^{T*} m of the witness Eq. (71) (trapezoid, 2048 cells;
/// Richardson against 1024 cells as tolerance) ≤ Eq. (22) for ε = 1/(2n); (b) EMP: at 4 times along the flow, at the
/// radial point θ(t)(1 + ε/‖θ(t)‖) and 2 random points of the ε-ball, ‖∇f‖ ≤ 6√n, ‖∇²f‖_s ≤ 16n and
/// −λ_min(∇²f) ≤ m(t) (Lemma 64), with dense FD Hessians. ε̄ = 0.01; horizon 60.
/// </summary>
public static class Prop14
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop14"),
        Source = Ec21.Source("Proposition 14 (Sec. 5, Eqs. 21–22); proof App. I.12", "L307–323, L1226–1880"),
        Kind = StatementKind.Proposition,
        Title = "GF analysis for deep linear scalar regression",
        Text = "From balanced θ_s with ‖W_{n:1,s}‖ ≤ 0.2 and ν ≠ −1, f(θ(t̄)) − min f ≤ ε̄ for t̄ of (21); on the ε-tube β = 16n, γ = 6√n and ∫m ≤ (22).",
        FormalisationNote = "Validated DOP853 GF; hitting time vs t̄; ∫ of the Eq. (71) witness vs (22); EMP tube sampling for β, γ and Lemma 64.",
        Fidelity = Fidelity.Restricted("β, γ and Lemma 64's m(t) checked at sampled points of the ε-tube (4 times, radial + 2 random points), not the suprema over the tube; n ≤ 4, r ∈ {0.2, 0.1}"),
        Hypotheses = new Hypotheses("n ∈ 2..4, d_0 ∈ {2, 3}, hidden widths 1..3, r ∈ {0.2, 0.1}, ν ∈ {0.5, 0, −0.5, −0.9}, Procedure-13 init", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, p, 16, true),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Mutant("BetaEqualsN", "β_{t,ε} = n instead of 16n: the radial point of the ε-ball near convergence has ‖∇²f‖_s > n",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, 1, true)), trials: 4),
            Variant.Mutant("DropLogTerm", "the ln(…) term of (22) dropped: refuted with ε = 1e−6/(2n) (the first term vanishes, ∫m does not)",
                s => s.WithConclusion((x, k, p) => Conclude(x, p, 16, false)), trials: 4),
        ],
    };

    internal static Instance Generate(TrialContext ctx) =>
        S5.Generate(ctx.Rng, ctx.Rng.NextInt(2, 4), ctx.Rng.Pick([0.2, 0.1]), ctx.Rng.Pick([0.5, 0.0, -0.5, -0.9]))
            .WithScalar("tubeSeed", ctx.Rng.NextInt(1, 1_000_000_000));

    internal static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        double r = net.EndToEnd().FrobeniusNorm();
        double unbalanced = net.Depth == 1 ? 0 : Enumerable.Range(1, net.Depth - 1).Max(j => net.GramDifference(j).FrobeniusNorm());
        double nu = net.EndToEnd().Row(0).DotProduct(x.RequireTarget.Row(0)) / r;
        return HypothesesCheck.All(
            (x.Dims[^1] == 1, "d_n = 1"),
            (Math.Abs(x.RequireTarget.FrobeniusNorm() - 1) < 1e-12, "‖Λ_yx‖ = 1"),
            (unbalanced <= Tolerance.Gamma(64) * (1 + r), "balanced θ_s (Eq. 19)"),
            (r > 0 && r <= 0.2 * (1 + 1e-12), "‖W_{n:1,s}‖ ∈ (0, 0.2]"),
            (nu > -1, "ν ≠ −1"));
    }

    internal static MarginSet Conclude(Instance x, Precision p, double betaFactor, bool withLog)
    {
        int n = x.Network.Depth;
        double r = x.Scalar("r"), nu = x.Scalar("nu"), epsBar = 0.01;
        var lambda = x.RequireTarget.Row(0).ToArray();
        var solved = S5.Flow(x, 60, p == Precision.Confirm ? 1e-11 : 1e-9);
        if (!solved.Succeeded)
        {
            return MarginSet.Of(Margin.Uncomputable("GF solved"));
        }
        var sol = solved.Reference;
        double tStar = S5.HittingTime(x, sol, epsBar);
        double tBar = S5.TBar(n, r, nu, epsBar);
        var margins = new List<Margin> { Ec21.AtMost("hitting time of ε̄ ≤ t̄ (21)", tStar, tBar, Tolerance.Heuristic(1e-6 * tStar, "bisection to 2^{−60}·T plus DOP853 deviation (loss is monotone; a 1e−6 relative allowance, not derived)")) };
        double eps = withLog ? 1.0 / (2 * n) : 1e-6 / (2 * n);
        double Integral(int cells)
        {
            double h = tStar / cells, s = 0;
            for (int i = 0; i <= cells; i++)
            {
                double w = i == 0 || i == cells ? 0.5 : 1;
                s += w * S5.M71(n, S5.EndToEnd(x, sol.Evaluate(i * h)), lambda, eps);
            }
            return s * h;
        }
        double fine = Integral(2048), coarse = Integral(1024);
        margins.Add(Ec21.AtMost("∫_0^{T*} m (71) ≤ (22)", fine, S5.Rhs22(n, r, nu, tStar, eps, withLog), Tolerance.Heuristic(Math.Abs(fine - coarse) * 4 / 3, "trapezoid Richardson estimate (1024 vs 2048 cells)")));
        // (b) tube sampling at 4 times (EMP): radial point and two random points of the ε-ball.
        var dims = x.Network.Dims;
        // The tube samples come from a seed drawn at generation time and stored in the instance (replayable).
        var rng = new Core.Randomness.Rng(new Core.Randomness.Seed((ulong)x.Scalar("tubeSeed")));
        double eps2 = 1.0 / (2 * n);
        double maxHess = 0, maxGrad = 0, worstLemma64 = double.PositiveInfinity, lemma64Err = 0, lemma64Scale = 1;
        foreach (double frac in new[] { 0.0, 0.33, 0.66, 1.0 })
        {
            var theta = sol.Evaluate(frac * tStar);
            double mt = S5.M71(n, S5.EndToEnd(x, theta), lambda, eps2);
            var points = new List<double[]> { VectorOps.AddScaled(theta, eps2 / VectorOps.Norm(theta), theta) };
            for (int s = 0; s < 2; s++)
            {
                var g = Enumerable.Range(0, theta.Length).Select(_ => rng.NextGaussian()).ToArray();
                points.Add(VectorOps.AddScaled(theta, eps2 * Math.Pow(rng.NextDouble(), 1.0 / theta.Length) / VectorOps.Norm(g), g));
            }
            foreach (var q in points)
            {
                var net = new DeepLinearNetwork(ParameterLayout.Unflatten(q, dims));
                maxGrad = Math.Max(maxGrad, VectorOps.Norm(ParameterLayout.Flatten(net.Gradients(x.RequireTarget))));
                var (hm, err) = RichardsonDifferences.Hessian(t => ParameterLayout.Flatten(new DeepLinearNetwork(ParameterLayout.Unflatten(t, dims)).Gradients(x.RequireTarget)), q, 2e-5);
                var ev = hm.Evd(MathNet.Numerics.LinearAlgebra.Symmetricity.Symmetric).EigenValues.Select(z => z.Real).ToArray();
                maxHess = Math.Max(maxHess, ev.Max(Math.Abs) - err);
                double m64 = mt - (-ev.Min());
                if (m64 < worstLemma64)
                {
                    worstLemma64 = m64;
                    lemma64Err = err;
                    lemma64Scale = Math.Max(Math.Abs(mt), Math.Abs(ev.Min()));
                }
            }
        }
        margins.Add(Ec21.AtMost($"sup_tube ‖∇²f‖_s ≤ {betaFactor}n (sampled)", maxHess, betaFactor * n, Tolerance.FromRounding(64, betaFactor * n, "βn")));
        margins.Add(Ec21.AtMost("sup_tube ‖∇f‖ ≤ 6√n (sampled)", maxGrad, 6 * Math.Sqrt(n), Tolerance.FromRounding(64, 6 * Math.Sqrt(n), "6√n")));
        margins.Add(Margin.Bound("Lemma 64: m(t) + λ_min(∇²f(q)) ≥ 0 (sampled)", worstLemma64, lemma64Scale, Tolerance.Heuristic(lemma64Err, "FD Hessian Richardson estimate")));
        return new MarginSet(margins).WithObservation("hitting_time", tStar).WithObservation("t_bar", tBar).WithObservation("integral_m", fine)
            .WithObservation("max_hessian_norm", maxHess).WithObservation("max_gradient_norm", maxGrad);
    }
}
