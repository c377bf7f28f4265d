using VerifyDynamics.Core.Dynamics;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// Shared check of EC21.Fact.Balance / Fact.NormBalance: the objective's quadratic invariants (Core
/// <see cref="IDifferentiableObjective.Invariants"/>) stay constant along the gradient flow. The flow is Core's DOP853
/// (<see cref="GradientFlow.Solve"/>) at rtol and rtol/100; an optional observer stops it when it leaves the starting
/// activation region (homogeneous nets: ∇f jumps across region boundaries, where the error control means nothing).
/// Margin at each t: drift(t) = max_k|I_k(θ̃(t)) − I_k(θ_0)| ≤ 0 for the loose run θ̃, with tolerance the perturbation of a
/// quadratic invariant by the loose run's error δ (estimated as 1.1·‖θ̃ − θ_ref‖, the reference being ~100× more
/// accurate): per invariant entry ≤ 2(2Mδ + δ²), M the largest layer norm, plus rounding γ_{4d}·M².
/// </summary>
internal static class Conservation
{
    public static MarginSet AlongFlow(IDifferentiableObjective f, double[] theta0, Func<double[], double> maxLayerNorm, Precision precision,
        Func<double, double[], bool>? stayInRegion = null)
    {
        double rtol = precision == Precision.Confirm ? 1e-11 : 1e-9;
        GradientFlowSolution Run(double r) => GradientFlow.Solve(f, theta0, 4, new OdeSettings(Rtol: r, Atol: r * 1e-3, MaxSteps: 20_000), stayInRegion);
        var loose = Run(rtol);
        var reference = Run(rtol / 100);
        double horizon = Math.Min(loose.Ode.HorizonBeforeStop, reference.Ode.HorizonBeforeStop);
        if (double.IsNaN(horizon))
        {
            return MarginSet.Of(Margin.Uncomputable("invariant drift along GF"));
        }
        var inv0 = f.Invariants(theta0);
        var margins = new List<Margin>();
        foreach (double t in new[] { 1.0, 2, 3, 4 }.Where(t => t <= horizon).Append(horizon).Where(t => t > 0).Distinct())
        {
            var th = loose.Theta(t);
            double delta = 1.1 * VectorOps.Distance(th, reference.Theta(t));
            double m = Math.Max(maxLayerNorm(th), maxLayerNorm(theta0));
            var inv = f.Invariants(th);
            double drift = inv.Select((v, k) => Math.Abs(v - inv0[k])).DefaultIfEmpty(0).Max();
            var tol = Tolerance.ValidatedEstimate(2 * (2 * m * delta + delta * delta), $"invariant perturbation by the DOP853 error (deviation rtol {rtol:G2} vs {rtol / 100:G2})")
                .Plus(Tolerance.FromRounding(4 * theta0.Length, m * m, "M²"));
            margins.Add(Ec21.AtMost($"invariant drift at t = {t:G4} ≤ 0", drift, 0, tol));
        }
        return new MarginSet(margins);
    }

    /// <summary>The same drift after gradient descent with step η over time 4 (a mutant: GD drifts by O(η²) per step).</summary>
    public static MarginSet AlongDescent(IDifferentiableObjective f, double[] theta0, Func<double[], double> maxLayerNorm, double eta)
    {
        int steps = (int)Math.Round(4 / eta);
        var (th, _, diverged) = ObjectiveGradientDescent.Run(f, theta0, eta, steps);
        if (diverged)
        {
            return MarginSet.Of(Margin.Uncomputable("invariant drift after GD"));
        }
        var inv0 = f.Invariants(theta0);
        double drift = f.Invariants(th).Select((v, k) => Math.Abs(v - inv0[k])).DefaultIfEmpty(0).Max();
        double m = Math.Max(maxLayerNorm(th), maxLayerNorm(theta0));
        return MarginSet.Of(Ec21.AtMost($"invariant drift after {steps} GD steps ≤ 0", drift, 0, Tolerance.FromRounding(8 * steps * theta0.Length, m * m, "M² per step")));
    }

}
