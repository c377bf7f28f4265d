using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 19 (App. A, L475): if f is C² and β-smooth then GF from any θ_s exists on [0, ∞). The proof's
/// quantitative step: if θ(t) ≠ 0 on [t_0, t'] then ‖θ(t')‖ ≤ β^{−1}((‖∇f(0)‖ + β‖θ(t_0)‖)e^{β(t'−t_0)} − ‖∇f(0)‖).
/// Formalisation note: the existence claim is checked through this growth bound (which excludes finite-time
/// blow-up) on the extremal family f(q) = −(β/2)‖q‖² + bᵀq (β-smooth, exact GF θ(t) = b/β + (θ_s − b/β)e^{βt}),
/// for random t_0 &lt; t' on a 64-point grid; tolerance γ_32 of the closed forms.
/// </summary>
public static class Lemma19
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma19"),
        Source = Ec21.Source("Lemma 19 (App. A)", "L475–490"),
        Kind = StatementKind.Lemma,
        Title = "β-smooth objectives have global gradient flows",
        Text = "For C², β-smooth f, GF exists on [0, ∞); along it ‖θ(t')‖ ≤ β^{−1}((‖∇f(0)‖ + β‖θ(t_0)‖)e^{β(t'−t_0)} − ‖∇f(0)‖) while θ ≠ 0.",
        FormalisationNote = "f = −(β/2)‖q‖² + bᵀq (the growth is exactly e^{βt}, so the bound is nearly tight), d ∈ 1..4, β ∈ [0.1, 3], horizon ≤ 4/β; closed-form GF.",
        Fidelity = Fidelity.Restricted("the extremal family f = −(β/2)‖q‖² + bᵀq (growth exactly e^{βt}), d ≤ 4, horizon 4/β"),
        Hypotheses = new Hypotheses("β ∈ [0.1, 3], b, θ_s Gaussian in R^d (d ≤ 4), t_0 ∈ [0, 1/β], horizon 4/β", Generate, Validate),
        Conclusion = (x, k, p) => Conclude(x, 1),
        DefaultTrials = 32,
        Variants =
        [
            Variant.Mutant("HalfRate", "e^{β(t'−t_0)} → e^{β(t'−t_0)/2}: refuted by the exact e^{βt} growth of the concave quadratic",
                s => s.WithConclusion((x, k, p) => Conclude(x, 0.5))),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        int d = r.NextInt(1, 4);
        double beta = r.LogUniform(0.1, 3);
        return new Instance { Family = "concave-quadratic" }
            .WithMatrix("b", r.GaussianMatrix(d, 1))
            .WithMatrix("thetaS", r.GaussianMatrix(d, 1))
            .WithScalar("beta", beta)
            .WithScalar("t0", r.Uniform(0, 1 / beta));
    }

    private static Vector<double> Flow(Instance x, double t)
    {
        double beta = x.Scalar("beta");
        var b = x.Matrix("b").Column(0);
        var s = x.Matrix("thetaS").Column(0);
        return b / beta + (s - b / beta) * Math.Exp(beta * t);
    }

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        double beta = x.Scalar("beta"), t0 = x.Scalar("t0");
        double minNorm = Enumerable.Range(0, 65).Min(i => Flow(x, t0 + i * 4 / beta / 64).L2Norm());
        return HypothesesCheck.All((beta > 0, "β > 0"), (minNorm > 0, "θ(t) ≠ 0 on [t_0, t'] (checked on the grid)"));
    }

    private static MarginSet Conclude(Instance x, double rateFactor)
    {
        double beta = x.Scalar("beta"), t0 = x.Scalar("t0");
        double g0 = x.Matrix("b").Column(0).L2Norm();
        double n0 = Flow(x, t0).L2Norm();
        var margins = new List<Margin>();
        for (int i = 1; i <= 64; i++)
        {
            double dt = i * 4 / beta / 64;
            double lhs = Flow(x, t0 + dt).L2Norm();
            double rhs = ((g0 + beta * n0) * Math.Exp(rateFactor * beta * dt) - g0) / beta;
            margins.Add(Ec21.AtMost($"‖θ(t_0 + {dt:G4})‖ ≤ growth bound", lhs, rhs, Tolerance.FromRounding(32, Math.Max(lhs, rhs), "max(lhs, rhs) (closed forms)")));
        }
        return new MarginSet(margins);
    }
}
