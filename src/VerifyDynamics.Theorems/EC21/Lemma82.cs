using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 82 (App. I.14, L2090–2101): (i) k_{z̄_c} = k_1 + ⌈ln(z̄_c/θ̄_{k_1})/ln(1 + aη)⌉; (ii) θ̄_k = θ̄_{k_1}(1 + aη)^{k − k_1}
/// for all k ∈ {k_1, k_1 + 1, …, k_{z̄_c}} (k_1, k_{z̄_c} of Definitions 76, 81).
/// Formalisation note: literal GD iteration (<see cref="Prop20Proof.IterateGd"/>); k_1 and k_{z̄_c} as the first iterates with
/// θ̄_k ≥ 1 and ≥ z̄_c. (i) exact integers against the ceiling with its argument known to ±γ_16(|x| + ln z̄_c/ln(1+aη)); (ii) max
/// relative deviation over k_1 ≤ k ≤ k_{z̄_c}, tolerance γ_{6n + 4⌈nL⌉ + 16} (n = k − k_1; the iteration's ≈ 5 roundings per step incl.
/// the offset conversion z = z_0 + δ̄, and n·ln(1 + aη)).
/// </summary>
public static class Lemma82
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma82"),
        Source = Ec21.Source("Lemma 82 (App. I.14)", "L2090–2101"),
        Kind = StatementKind.Lemma,
        Title = "isotropic GD closed form",
        Text = "(i) k_{z̄_c} = k_1 + ⌈ln(z̄_c/θ̄_{k_1})/ln(1 + aη)⌉; and (ii) θ̄_k = θ̄_{k_1}(1 + aη)^{k − k_1} for all k ∈ {k_1, k_1 + 1, …, k_{z̄_c}}.",
        FormalisationNote = "Literal GD; k_1, k_{z̄_c} from the iteration; (i) as exact integers with a rounding interval for the ceiling's argument; (ii) closed form vs iteration at every k in [k_1, k_{z̄_c}]. Paper typo (harmless): the proof's recursion writes η·dθ̄/dz(θ̄_{k−1}) for η·dφ̄/dz(θ̄_{k−1}).",
        Fidelity = Fidelity.Full("(i) at the instance; (ii) at every k in [k_1, k_{z̄_c}]; the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Conclude(x, 1),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("HalfRate", "(1 + aη) → (1 + aη/2) (the anisotropic rate) in (i) and (ii)", s => s.WithConclusion((x, k, p) => Conclude(x, 0.5)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, double rate)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta");
        var idx = Prop20Proof.IterateGd(x, null);
        if (idx.KOne < 0 || idx.KZbarC < 0)
        {
            return MarginSet.Of(Margin.Uncomputable("GD reaches z̄_c within the iteration budget"));
        }
        double l = AccurateFunctions.Log1p(rate * a * eta), barK1 = ab.Z0 + idx.DeltaAtKOne;
        double maxRel = 0;
        Prop20Proof.IterateGd(x, (k, _, delta) =>
        {
            if (k >= idx.KOne)
            {
                double closed = barK1 * Math.Exp((k - idx.KOne) * l);
                maxRel = Math.Max(maxRel, Math.Abs(ab.Z0 + delta - closed) / closed);
            }
        }, maxSteps: idx.KZbarC);
        long n = idx.KZbarC - idx.KOne;
        double xArg = Math.Log(ab.ZbarC / barK1) / l;
        int ops = (int)Math.Min(int.MaxValue / 2, 6 * n + 4 * (long)Math.Ceiling(n * l) + 16);
        return MarginSet.Of(
                Prop20Proof.CeilingEquals("(i) k_{z̄_c} − k_1 (iteration) = ⌈ln(z̄_c/θ̄_{k_1})/ln(1+aη)⌉", n, xArg, Tolerance.Gamma(16) * (Math.Abs(xArg) + Math.Log(ab.ZbarC) / l)),
                Margin.Deviation("(ii) max_{k_1 ≤ k ≤ k_{z̄_c}} |θ̄_k − θ̄_{k_1}(1+aη)^{k−k_1}| / θ̄_{k_1}(1+aη)^{k−k_1}", maxRel, 1,
                    Tolerance.FromRounding(ops, 1, "relative (≈ 5 roundings per GD step; n·ln(1+aη))")))
            .WithObservation("k_1", idx.KOne).WithObservation("k_zbar_c", idx.KZbarC);
    }
}
