using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 84 (App. I.14, L2114–2119): (θ(t), θ̄(t)) = (θ(t_1), θ̄(t_1))·e^{a(t − t_1)} for all t ∈ [t_1, t_{z̄_c}), and
/// (θ_k, θ̄_k) = (θ_{k_1}, θ̄_{k_1})·(1 + aη)^{k − k_1} for all k ∈ {k_1, …, k_{z̄_c} − 1}: in the isotropic region both trajectories
/// move along straight rays at an exponential pace.
/// Formalisation note: GF: validated DOP853 runs of both coordinates from θ_s; t_1, t_{z̄_c} as crossings; both coordinates at
/// t = t_1 + f(t_{z̄_c} − t_1), f ∈ {1/4, 1/2, 3/4, 0.999}, against the ray through the ODE's own (θ, θ̄)(t_1); tolerance 1.1 ×
/// relative deviation × (value + ray value) + rounding. GD: literal iteration, both coordinates against the ray through
/// (θ_{k_1}, θ̄_{k_1}) at every k in range; relative tolerance γ_{6n + 4⌈nL⌉ + 16}.
/// </summary>
public static class Lemma84
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma84"),
        Source = Ec21.Source("Lemma 84 (App. I.14)", "L2114–2119"),
        Kind = StatementKind.Lemma,
        Title = "straight rays in the isotropic region",
        Text = "(θ(t), θ̄(t)) = (θ(t_1), θ̄(t_1))·e^{a(t − t_1)} for all t ∈ [t_1, t_{z̄_c}), and (θ_k, θ̄_k) = (θ_{k_1}, θ̄_{k_1})·(1 + aη)^{k − k_1} for all k ∈ {k_1, k_1 + 1, …, k_{z̄_c} − 1}.",
        FormalisationNote = "GF: both coordinates by validated DOP853, compared with the ray through their values at the crossing t_1; GD: literal iteration vs the ray through (θ_{k_1}, θ̄_{k_1}) at every k in [k_1, k_{z̄_c}).",
        Fidelity = Fidelity.Full("GF at four times of [t_1, t_{z̄_c}) (1/4, 1/2, 3/4, 0.999); GD at every k in [k_1, k_{z̄_c}); the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Conclude(x, p, false),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("GdAtFlowRate", "GD ray with the GF rate: (θ_k, θ̄_k) = (θ_{k_1}, θ̄_{k_1})e^{aη(k − k_1)} (ln(1 + aη) replaced by aη)", s => s.WithConclusion((x, k, p) => Conclude(x, p, true)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, bool flowRate)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), delta0 = x.Scalar("u") - ab.RhoBar / 2;
        double d1 = Prop20Proof.OffsetOne(ab), dZ = ab.ZbarC - ab.Z0;
        double tEnd = ab.TimeOne(delta0) + (Math.Log(ab.ZbarC) + 1) / a;
        var gf2 = Prop20Proof.SolveSecond(x, tEnd, p);
        var gf1 = Prop20Proof.SolveFirst(x, tEnd, p);
        double rel1 = Prop20Proof.RelativeDeviation(gf1), rel2 = Prop20Proof.RelativeDeviation(gf2);
        double t1 = gf2.Succeeded ? Prop20Proof.Crossing(gf2.Reference, d1, 0, tEnd) : double.NaN;
        double tZ = gf2.Succeeded ? Prop20Proof.Crossing(gf2.Reference, dZ, 0, tEnd) : double.NaN;
        var margins = new List<Margin>();
        if (!gf1.Succeeded || double.IsNaN(t1) || double.IsNaN(tZ))
        {
            margins.Add(Margin.Uncomputable("GF: DOP853 runs reaching z̄_c"));
        }
        else
        {
            double th1 = gf1.Reference.Evaluate(t1)[0], bar1 = ab.Z0 + gf2.Reference.Evaluate(t1)[0];
            foreach (double frac in new[] { 0.25, 0.5, 0.75, 0.999 })
            {
                double t = t1 + frac * (tZ - t1), e = Math.Exp(a * (t - t1));
                double th = gf1.Reference.Evaluate(t)[0], bar = ab.Z0 + gf2.Reference.Evaluate(t)[0];
                var tol1 = Tolerance.ValidatedEstimate(1.1 * rel1 * (th + th1 * e), $"DOP853 relative deviation {rel1:G2}").Plus(Tolerance.FromRounding(16 + (int)Math.Ceiling(a * t), th, "e^{a(t − t_1)}"));
                var tol2 = Tolerance.ValidatedEstimate(1.1 * rel2 * (bar + 2 + (bar1 + 2) * e), $"DOP853 relative deviation {rel2:G2} (offset form)").Plus(Tolerance.FromRounding(16 + (int)Math.Ceiling(a * t), bar, "e^{a(t − t_1)}"));
                margins.Add(Margin.Deviation($"GF: |θ(t) − θ(t_1)e^{{a(t−t_1)}}| at t = t_1 + {frac}(t_{{z̄_c}} − t_1)", Math.Abs(th - th1 * e), th1 * e, tol1));
                margins.Add(Margin.Deviation($"GF: |θ̄(t) − θ̄(t_1)e^{{a(t−t_1)}}| at t = t_1 + {frac}(t_{{z̄_c}} − t_1)", Math.Abs(bar - bar1 * e), bar1 * e, tol2));
            }
        }
        var idx = Prop20Proof.IterateGd(x, null);
        if (idx.KOne < 0 || idx.KZbarC < 0)
        {
            margins.Add(Margin.Uncomputable("GD reaches z̄_c within the iteration budget"));
            return new MarginSet(margins);
        }
        double l = flowRate ? a * eta : AccurateFunctions.Log1p(a * eta), barK1 = ab.Z0 + idx.DeltaAtKOne, thK1 = idx.ThetaAtKOne;
        double maxRel1 = 0, maxRel2 = 0;
        Prop20Proof.IterateGd(x, (k, theta, delta) =>
        {
            if (k >= idx.KOne && k < idx.KZbarC)
            {
                double g = Math.Exp((k - idx.KOne) * l);
                maxRel1 = Math.Max(maxRel1, Math.Abs(theta - thK1 * g) / (thK1 * g));
                maxRel2 = Math.Max(maxRel2, Math.Abs(ab.Z0 + delta - barK1 * g) / (barK1 * g));
            }
        }, maxSteps: idx.KZbarC);
        long n = idx.KZbarC - idx.KOne;
        var tol = Tolerance.FromRounding((int)Math.Min(int.MaxValue / 2, 6 * n + 4 * (long)Math.Ceiling(n * AccurateFunctions.Log1p(a * eta)) + 16), 1, "relative (≈ 5 roundings per GD step; n·ln(1+aη))");
        margins.Add(Margin.Deviation("GD: max_k |θ_k − θ_{k_1}(1+aη)^{k−k_1}| / θ_{k_1}(1+aη)^{k−k_1}, k_1 ≤ k < k_{z̄_c}", maxRel1, 1, tol));
        margins.Add(Margin.Deviation("GD: max_k |θ̄_k − θ̄_{k_1}(1+aη)^{k−k_1}| / θ̄_{k_1}(1+aη)^{k−k_1}, k_1 ≤ k < k_{z̄_c}", maxRel2, 1, tol));
        return new MarginSet(margins).WithObservation("k_1", idx.KOne).WithObservation("k_zbar_c", idx.KZbarC);
    }
}
