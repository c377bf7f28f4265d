using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;
using VerifyDynamics.Core.Networks;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 57 (App. I.12.7, L1502–1504): ½‖w_{n:1}(ξ(t_a + t_c + t_ε̄)) − λ_yx‖² ≤ ε̄ (Lemmas 43 and 56).
/// Formalisation note: on S5 balanced Procedure-13 instances (random unit λ, ε̄ log-uniform in [1e−4, 1/2]): the u-IVP + ξ (validated
/// DOP853) gives u_min, T = t_a + t_c + t_ε̄ and ξ(T); the full GF of all layers (validated DOP853) is read at ξ(T). Tolerance:
/// ‖w − λ‖δ_w + ‖w − λ‖‖h(w)‖ (the slope of ½‖w − λ‖² along w′ = −h(w)) × (δ_ξ + ξ′(T)·δT), δT = (3/(2n))·2δ_u/u_min.
/// </summary>
public static class Lemma57
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma57"),
        Source = Ec21.Source("Lemma 57 (App. I.12.7)", "L1500–1504"),
        Kind = StatementKind.Lemma,
        Title = "ε̄-optimality of w_{n:1} at ξ(t_a + t_c + t_ε̄)",
        Text = "½‖w_{n:1}(ξ(t_a + t_c + t_ε̄)) − λ_yx‖² ≤ ε̄.",
        FormalisationNote = "Validated DOP853 u-IVP + ξ for T and ξ(T); the full GF of all layers read at ξ(T).",
        Fidelity = Fidelity.Full("S5 balanced Procedure-13 instances n ∈ 2..4, ε̄ ∈ [1e−4, 1/2]"),
        Hypotheses = new Hypotheses("as Prop. 14 (S5, balanced Procedure-13 init), n ∈ 2..4, r ∈ {0.2, 0.1}, ν ∈ {0.5, 0, −0.5, −0.9}; ε̄ log-uniform in [1e−4, 1/2]",
            ctx => Prop14.Generate(ctx).WithScalar("epsBar", ctx.Rng.LogUniform(1e-4, 0.5)),
            (x, k) => x.Scalar("epsBar") is > 0 and <= 0.5 ? Prop14.Validate(x, k) : HypothesesCheck.Fail("ε̄ ∈ (0, 1/2]")),
        Conclusion = (x, k, p) => Conclude(x, p, 3),
        DefaultTrials = 4,
        Variants =
        [
            Variant.Mutant("TEpsFactorOne", "t_ε̄ with 3(n+1)/(2n) → (n+1)/(2n): refuted for small ε̄",
                s => s.WithGenerator("n = 4, r = 0.2, ν = −0.5, ε̄ = 1e−6", ctx => S5.Generate(ctx.Rng, 4, 0.2, -0.5).WithScalar("epsBar", 1e-6)).WithConclusion((x, k, p) => Conclude(x, p, 1)), trials: 1),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, double three)
    {
        int n = x.Network.Depth;
        double r = x.Scalar("r"), nu = x.Scalar("nu"), epsBar = x.Scalar("epsBar");
        double horizon = UFlowChecks.Horizon(n, r, nu, epsBar);
        var lambda = x.RequireTarget.Row(0).ToArray();
        var uSolved = UFlowChecks.SolveU(n, S5.EndToEnd(x, ParameterLayout.Flatten(x.Weights)), lambda, horizon, UFlowChecks.RtolFor(p), 1 - 2.0 / n);
        if (!uSolved.Succeeded || !double.IsFinite(uSolved.MaxDeviation))
        {
            return UFlowChecks.Unsolved();
        }
        var tr = new UFlowChecks.Trajectory(uSolved, n, lambda);
        double t = UFlowChecks.TA(nu) + UFlowChecks.TC(n, tr.UMin) + UFlowChecks.TEps(n, epsBar, three);
        if (t > tr.Horizon)
        {
            return UFlowChecks.Unsolved("t_a + t_c + t_ε̄ within the horizon");
        }
        double s = tr.Xi(t);
        var gf = S5.Flow(x, s * (1 + 1e-9) + 1e-9, p == Precision.Confirm ? 1e-11 : 1e-9);
        if (!gf.Succeeded || !double.IsFinite(gf.MaxDeviation))
        {
            return MarginSet.Of(Margin.Uncomputable("GF solved"));
        }
        var (w, dW) = Lemma43.EndToEndAt(x, gf, s);
        double dist = VectorOps.Distance(w, lambda), nw = VectorOps.Norm(w);
        double hNorm = n * Math.Pow(nw + dW, 2 - 2.0 / n) * (dist + dW);
        double dT = tr.DeltaTC;
        var tol = Tolerance.ValidatedEstimate((dist + dW) * dW, "‖w − λ‖δ_w + δ_w²")
            .Plus(Tolerance.ValidatedEstimate((dist + dW) * hNorm * (tr.DeltaXi + Math.Pow(tr.UMin, -(1 - 2.0 / n)) * dT), "‖w − λ‖‖h(w)‖(δ_ξ + ξ′δT)"))
            .Plus(Tolerance.FromRounding(16, epsBar, "ε̄"));
        return MarginSet.Of(Margin.AtMost("½‖w_{n:1}(ξ(t_a + t_c + t_ε̄)) − λ‖² ≤ ε̄", 0.5 * dist * dist, epsBar, tol))
            .WithObservation("T", t).WithObservation("ξ(T)", s).WithObservation("u_min", tr.UMin);
    }
}
