using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 56 (App. I.12.7, L1496–1498): ½‖u(t_a + t_c + t_ε̄) − λ_yx‖² ≤ ε̄, with t_ε̄ := (3(n+1)/(2n))ln(6/(5√(2ε̄))) (Def. 55).
/// Formalisation note: along the validated DOP853 u-trajectory at T = t_a + t_c + t_ε̄ (t_c from the numerical u_min; T is within the
/// horizon by construction of the generator — otherwise NaN). Tolerance: ‖u − λ‖·δ_u + |d(½‖u − λ‖²)/dt|·δT (slope ≤ n‖u − λ‖²), δT = (3/(2n))·2δ_u/u_min.
/// </summary>
public static class Lemma56
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma56"),
        Source = Ec21.Source("Lemma 56 (App. I.12.7)", "L1494–1498"),
        Kind = StatementKind.Lemma,
        Title = "ε̄-optimality of u at t_a + t_c + t_ε̄",
        Text = "½‖u(t_a + t_c + t_ε̄) − λ_yx‖² ≤ ε̄, where t_ε̄ := (3(n+1)/(2n))·ln(6/(5√(2ε̄))).",
        FormalisationNote = "Validated DOP853 u-trajectory evaluated at T = t_a + t_c + t_ε̄; ε̄ log-uniform in [1e−6, 1/2].",
        Fidelity = Fidelity.Full(),
        Hypotheses = UFlowChecks.Hypotheses,
        Conclusion = (x, k, p) => Conclude(x, p, 3),
        DefaultTrials = 16,
        Variants =
        [
            Variant.Mutant("TEpsFactorOne", "t_ε̄ with 3(n+1)/(2n) → (n+1)/(2n): refuted for small ε̄ (the true rate is ≈ 1 < 3·2n/(3(n+1)))",
                s => s.WithGenerator("n = 5, r = 0.2, ν(0) = −0.5, ε̄ = 1e−6", ctx => UFlowChecks.Make(5, 2, 0.2, -0.5, 1e-6)).WithConclusion((x, k, p) => Conclude(x, p, 1)), trials: 1),
        ],
    };

    internal static double Time(Instance x, UFlowChecks.Trajectory tr, double three) =>
        UFlowChecks.TA(x.Scalar("nu")) + UFlowChecks.TC(tr.N, tr.UMin) + UFlowChecks.TEps(tr.N, x.Scalar("epsBar"), three);

    private static MarginSet Conclude(Instance x, Precision p, double three)
    {
        var tr = UFlowChecks.Solve(x, p);
        if (tr is null)
        {
            return UFlowChecks.Unsolved();
        }
        double epsBar = x.Scalar("epsBar"), t = Time(x, tr, three);
        if (t > tr.Horizon)
        {
            return UFlowChecks.Unsolved("t_a + t_c + t_ε̄ within the horizon");
        }
        double dist = tr.DistanceToLambda(t);
        double dT = tr.DeltaTC;
        // |d(½‖λ − u‖²)/dt| = ‖λ − u‖·|d‖λ − u‖/dt| ≤ n‖λ − u‖²: by Lemma 54's identity and ‖λ − u‖² = (‖u‖ − ν)² + 1 − ν² ≥ (‖u‖ − ν)².
        var tol = Tolerance.ValidatedEstimate(dist * tr.DeltaU + tr.DeltaU * tr.DeltaU, "‖u − λ‖δ_u + δ_u²").Plus(Tolerance.ValidatedEstimate(tr.N * dist * dist * dT, "slope ≤ n‖λ − u‖² times δT"));
        return MarginSet.Of(Margin.AtMost("½‖u(t_a + t_c + t_ε̄) − λ‖² ≤ ε̄", 0.5 * dist * dist, epsBar, tol.Plus(Tolerance.FromRounding(16, epsBar, "ε̄"))))
            .WithObservation("T = t_a + t_c + t_ε̄", t).WithObservation("u_min", tr.UMin);
    }
}
