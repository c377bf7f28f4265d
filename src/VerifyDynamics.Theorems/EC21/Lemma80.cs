using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 80 (App. I.14, L2071–2085): (i) t_{z̄_c} = t_1 + a^{−1}ln(z̄_c); (ii) θ̄(t) = e^{a(t − t_1)} for all t ∈ [t_1, t_{z̄_c}]
/// (t_1, t_{z̄_c} of Definitions 74, 79: first times θ̄ reaches 1 and z̄_c).
/// Formalisation note: one validated DOP853 run of the second GF coordinate from θ̄(0) (offset form, through the anisotropic and
/// transition regions), t_1 and t_{z̄_c} as crossings of its reference solution — nothing taken from a closed form. (i): tolerance =
/// the crossings' errors (relative ODE deviation × level / slope; slopes a at θ̄ = 1 and a z̄_c at z̄_c) + bisection width.
/// (ii) at t = t_1 + f(t_{z̄_c} − t_1), f ∈ {1/4, 1/2, 3/4, 1}: tolerance 1.1 × relative deviation × θ̄ + a·θ̄·(error of t_1) + rounding.
/// </summary>
public static class Lemma80
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma80"),
        Source = Ec21.Source("Lemma 80 (App. I.14)", "L2071–2085"),
        Kind = StatementKind.Lemma,
        Title = "isotropic GF closed form",
        Text = "(i) t_{z̄_c} = t_1 + a^{−1}ln(z̄_c); and (ii) θ̄(t) = e^{a(t − t_1)} for all t ∈ [t_1, t_{z̄_c}].",
        FormalisationNote = "One validated DOP853 run from θ̄(0) (offset form); t_1 and t_{z̄_c} as crossings of 1 and z̄_c; (i) and (ii) against them with crossing and ODE errors as tolerance.",
        Fidelity = Fidelity.Full("(i) at the instance; (ii) at four times of [t_1, t_{z̄_c}] (1/4, 1/2, 3/4, 1); the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Conclude(x, p, false),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("LogB", "t_{z̄_c} = t_1 + a^{−1}ln(b) (z̄_c = b + 1 replaced by b, the window's upper end): off by a^{−1}ln(1 + 1/b) ≥ 1e−6/a", s => s.WithConclusion((x, k, p) => Conclude(x, p, true)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, Precision p, bool logB)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, delta0 = x.Scalar("u") - ab.RhoBar / 2;
        double d1 = Prop20Proof.OffsetOne(ab), dZ = ab.ZbarC - ab.Z0;
        double tEnd = ab.TimeOne(delta0) + (Math.Log(ab.ZbarC) + 1) / a;
        var gf = Prop20Proof.SolveSecond(x, tEnd, p);
        double rel = Prop20Proof.RelativeDeviation(gf);
        double t1 = gf.Succeeded ? Prop20Proof.Crossing(gf.Reference, d1, 0, tEnd) : double.NaN;
        double tZ = gf.Succeeded ? Prop20Proof.Crossing(gf.Reference, dZ, 0, tEnd) : double.NaN;
        if (double.IsNaN(t1) || double.IsNaN(tZ))
        {
            return MarginSet.Of(Margin.Uncomputable("GF: DOP853 run reaching z̄_c"));
        }
        double bis = 4 * tEnd * Math.Pow(2, -60);
        double err1 = 1.1 * rel * d1 / a + bis, errZ = 1.1 * rel * dZ / (a * ab.ZbarC) + bis;
        double predicted = (logB ? Math.Log(ab.B) : Math.Log(ab.ZbarC)) / a;
        var margins = new List<Margin>
        {
            Margin.Deviation("(i) |t_{z̄_c} − t_1 − a^{−1}ln(z̄_c)| (crossings of the ODE solution)", Math.Abs(tZ - t1 - predicted), tZ - t1,
                Tolerance.ValidatedEstimate(err1 + errZ, "crossing errors: relative ODE deviation × level / slope + bisection width").Plus(Tolerance.FromRounding(16, tZ, "t"))),
        };
        foreach (double frac in new[] { 0.25, 0.5, 0.75, 1.0 })
        {
            double t = t1 + frac * (tZ - t1);
            double bar = ab.Z0 + gf.Reference.Evaluate(t)[0], closed = Math.Exp(a * (t - t1));
            var tol = Tolerance.ValidatedEstimate(1.1 * rel * (bar - ab.Z0) + a * closed * err1, $"DOP853 relative deviation {rel:G2} + a·θ̄·(error of t_1)")
                .Plus(Tolerance.FromRounding(16 + (int)Math.Ceiling(a * t), closed, "e^{a(t − t_1)} with t ≈ t_1 large"));
            margins.Add(Margin.Deviation($"(ii) |θ̄_ODE(t) − e^{{a(t − t_1)}}| at t = t_1 + {frac}(t_{{z̄_c}} − t_1)", Math.Abs(bar - closed), closed, tol));
        }
        return new MarginSet(margins).WithObservation("t_1", t1).WithObservation("t_zbar_c", tZ).WithObservation("gf_relative_deviation", rel);
    }
}
