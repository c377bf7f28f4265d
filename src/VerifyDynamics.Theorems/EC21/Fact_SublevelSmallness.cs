using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 text after Props. 8/12 (L230): f is non-increasing along GF (d/dt f(θ(t)) = −‖∇f‖² ≤ 0); in the S5 setting,
/// where f = ½‖w_{n:1} − λ‖² + min f, this is ‖w(t) − λ‖ ≤ ‖w(0) − λ‖.
/// Formalisation note: S5 instances (balanced Procedure-13 starts, n ∈ 2..4, r ∈ {0.1, 0.2, 0.5}, ν ∈ {1, 0.5, 0, −0.5}) and
/// the validated DOP853 GF of <see cref="S5.Flow"/> (rtol 1e−9 vs 1e−11; Confirm 1e−11 vs 1e−13) on [0, 4]; margins
/// f(t_k) − f(t_{k+1}) ≥ 0 on t = 0, 0.5, …, 4 and ‖w(t) − λ‖ ≤ ‖w(0) − λ‖ at t = 1..4. Tolerance: the loose run's
/// deviation δ through f (‖∇f‖δ + n²max(1, M)^{2n}δ², M = max_j‖W_j‖_F) resp. through w_{n:1} (n·max(1, M)^{n−1}δ).
/// Mutant: the weights, not the loss, stay small (‖θ(t)‖ ≤ ‖θ(0)‖): refuted, small inits grow towards ‖w_{n:1}‖ = 1.
/// </summary>
public static class Fact_SublevelSmallness
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.SublevelSmallness"),
        Source = Ec21.Source("text after Props 8/12", "L230"),
        Kind = StatementKind.Unnumbered,
        Title = "GF stays in the initial sublevel set",
        Text = "f is non-increasing along GF; in S5, ‖w(t) − λ‖ ≤ ‖w(0) − λ‖.",
        FormalisationNote = "S5 validated GF on [0, 4]: f non-increasing on a grid of step 0.5 and ‖w(t) − λ‖ ≤ ‖w(0) − λ‖, ODE-error tolerances.",
        Fidelity = Fidelity.Restricted("horizon t ≤ 4 (validated GF, checked every 0.5)"),
        Hypotheses = new Hypotheses("S5: n ∈ 2..4, d_0 ∈ 2..3, r ∈ {0.1, 0.2, 0.5}, ν ∈ {1, 0.5, 0, −0.5}, Procedure-13 balanced start",
            ctx => S5.Generate(ctx.Rng, ctx.Rng.NextInt(2, 4), ctx.Rng.Pick([0.1, 0.2, 0.5]), ctx.Rng.Pick([1.0, 0.5, 0.0, -0.5])),
            (x, k) => HypothesesCheck.All((x.Network.Dims[^1] == 1, "d_n = 1"), (Math.Abs(x.RequireTarget.FrobeniusNorm() - 1) <= Tolerance.Gamma(8), "‖λ‖ = 1"))),
        Conclusion = (x, k, p) => Conclude(x, p, false),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("WeightsStaySmall", "‖θ(t)‖ ≤ ‖θ(0)‖ instead of the loss: small inits grow", s => s.WithConclusion((x, k, p) => Conclude(x, p, true)), trials: 4),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, bool weights)
    {
        double rtol = p == Precision.Confirm ? 1e-11 : 1e-9;
        var solved = S5.Flow(x, 4, rtol);
        if (!solved.Succeeded)
        {
            return MarginSet.Of(Margin.Uncomputable("f non-increasing along GF"));
        }
        int n = x.Network.Depth;
        var dims = x.Network.Dims;
        var lambda = x.RequireTarget;
        double[] At(double t) => t == 0 ? ParameterLayout.Flatten(x.Weights) : solved.Reference.Evaluate(t);
        double Delta(double t) => t == 0 ? 0 : 1.1 * VectorOps.Distance(solved.Reference.Evaluate(t), solved.Solution.Evaluate(t));
        double M(double[] th) => Math.Max(1, ParameterLayout.Unflatten(th, dims).Max(w => w.FrobeniusNorm()));
        var margins = new List<Margin>();
        var theta0 = At(0);
        if (weights)
        {
            foreach (double t in new[] { 1.0, 2, 3, 4 })
            {
                double lhs = VectorOps.Norm(At(t)), rhs = VectorOps.Norm(theta0);
                margins.Add(Ec21.AtMost($"‖θ(t)‖ ≤ ‖θ(0)‖ at t = {t}", lhs, rhs, Tolerance.ValidatedEstimate(Delta(t), "DOP853 deviation from the 100× tighter run").Plus(Tolerance.FromRounding(2 * theta0.Length, Math.Max(lhs, rhs), "norms"))));
            }
            return new MarginSet(margins);
        }
        double FTol(double t)
        {
            var th = At(t);
            var g = ParameterLayout.Flatten(new Core.Networks.DeepLinearNetwork(ParameterLayout.Unflatten(th, dims)).Gradients(lambda));
            double d = Delta(t), m = M(th);
            return VectorOps.Norm(g) * d + n * n * Math.Pow(m, 2 * n) * d * d + Tolerance.Gamma(8 * n * dims.Max()) * (S5.LossAt(x, th) + 1);
        }
        for (int k = 0; k < 8; k++)
        {
            double t0 = 0.5 * k, t1 = t0 + 0.5;
            double f0 = S5.LossAt(x, At(t0)), f1 = S5.LossAt(x, At(t1));
            margins.Add(Ec21.AtMost($"f(θ({t1})) ≤ f(θ({t0}))", f1, f0, Tolerance.ValidatedEstimate(FTol(t0) + FTol(t1), "DOP853 deviation (100× tighter run) through f + rounding")));
        }
        var w0 = x.Network.EndToEnd() - lambda;
        foreach (double t in new[] { 1.0, 2, 3, 4 })
        {
            var th = At(t);
            double lhs = (new Core.Networks.DeepLinearNetwork(ParameterLayout.Unflatten(th, dims)).EndToEnd() - lambda).FrobeniusNorm();
            double tol = n * Math.Pow(M(th), n - 1) * Delta(t) + Tolerance.Gamma(8 * n * dims.Max()) * (lhs + 1);
            margins.Add(Ec21.AtMost($"‖w(t) − λ‖ ≤ ‖w(0) − λ‖ at t = {t}", lhs, w0.FrobeniusNorm(), Tolerance.ValidatedEstimate(tol, "DOP853 deviation (100× tighter run) through w_{n:1} + rounding")));
        }
        return new MarginSet(margins);
    }
}
