using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Proposition 20 (App. B, L526; proof App. I.14, Lemmas 66–87): for the Appendix-B objective (Eq. 27) and
/// θ_s with θ_{s,1} ∈ (0.5, 1), θ_{s,2} ∈ (e^{−12}/2 − 1, e^{−12} − 1), θ_{s,3} &gt; 2, for every t̃ in the window
/// [(2/a)ln((2 − 3ρ̄/2)/(θ_{s,2} − ρ̄/2 + 1)) + a^{−1}ln(2/(1−ρ̄)), … + a^{−1}ln((1+ρ̄/4)/(1−3ρ̄/4)) + a^{−1}ln b],
/// η ≥ (10^{14}/a)e^{−at̃}ε implies ‖θ_k − θ(t̃)‖ &gt; ε for all k ≥ 0: GD needs an exponentially small step.
/// Formalisation note: numerically safe reformulation (catalog §7): θ_{s,2} is stored as its offset u = θ_{s,2} + 1;
/// GF and GD are in (semi-)closed form (<see cref="AppendixB"/>). min over all k is bracketed rigorously through the
/// first coordinate, which is exponential in k on the whole window: every k outside {⌊at̃/L⌋, ⌈at̃/L⌉}
/// (L = ln(1 + aη)) has |Δ_1| ≥ its value at the nearer neighbour of the bracket, so
/// D ≥ min(D(k_−), D(k_+), |Δ_1(k_− − 1)|, |Δ_1(k_+ + 1)|). Outside the isotropic range the second coordinate is
/// bounded as in Lemmas 85/87 (θ̄_k ≤ 1 before k_1, θ̄_k ≥ z̄_c from k_{z̄_c}). Two families: "random" (t̃ uniform
/// in the window, η ≥ threshold log-uniformly up to 2/(6a), covering the Lemma 66 regime), and "adversarial"
/// (catalog's sharper observable: t̃ := kL/a for a GD index k in the isotropic range, so the first coordinates
/// coincide exactly, and ε := 0.999·aη e^{at̃_low}/C puts η at the threshold). The constant C = 10^{14} is a named
/// constant; the mutant C = 10^{10} is refuted by the adversarial family.
/// </summary>
public static class Prop20
{
    public static readonly NamedConstant C = new("C", Rational.PowerOfTen(14), "the 10^{14} of the step-size threshold (10^{14}/a)e^{−at̃}ε");

    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Prop20"),
        Source = Ec21.Source("Proposition 20 (App. B); proof App. I.14", "L526–545, L1870–2200"),
        Kind = StatementKind.Proposition,
        Title = "worst case: GD needs an exponentially small step to track GF",
        Text = "On the Appendix-B objective, for every t̃ in the window and η ≥ (10^{14}/a)e^{−at̃}ε, ‖θ_k − θ(t̃)‖ > ε for every k ≥ 0.",
        FormalisationNote = "Semi-closed-form GF/GD in offset coordinates; rigorous bracket of min_k through the exponential first coordinate; random and adversarial (t̃ = kL/a) families.",
        Constants = [C],
        Fidelity = Fidelity.Full("the Appendix-B objective with random and adversarial (t̃ = kL/a) t̃, ε and η ≥ the threshold"),
        Hypotheses = new Hypotheses(
            "a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, θ_{s,1} ∈ (0.5, 1), θ_{s,2} + 1 ∈ (e^{−12}/2, e^{−12}), θ_{s,3} ∈ (2, 4); random: ε ∈ [1e−3, 0.5], t̃ in window, η ≥ threshold; adversarial: aη ∈ [1e−6, 1e−4], b = 1e6, t̃ = kL/a, ε at the threshold",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, k),
        DefaultTrials = 64,
        Variants =
        [
            Variant.ConstantChanged(VariantRole.Mutant, "ConstantTenToTheTen", "10^{14} → 10^{10}: at the adversarial t̃ GD comes within ≈0.3ε of GF (catalog's extrapolation, reproduced)", C, Rational.PowerOfTen(10), trials: 12),
        ],
    };

    private static Instance Generate(TrialContext ctx) => Generate(ctx.Rng, ctx.Index, ctx.Constants.Double("C"));

    internal static Instance Generate(Core.Randomness.Rng r, int index, double cConst)
    {
        double theta1 = r.Uniform(0.5, 1), u = Math.Exp(-12) * r.Uniform(0.55, 0.95), theta3 = r.Uniform(2, 4);
        if (index % 2 == 0)
        {
            double a = r.Uniform(0.5, 2), b = r.Pick([1e3, 1e4, 1e6]), eps = r.LogUniform(1e-3, 0.5);
            var ab = new AppendixB(a, b, eps);
            var (lo, hi) = ab.Window(u - ab.RhoBar / 2);
            double ttilde = r.Uniform(lo, hi);
            double threshold = cConst / a * Math.Exp(-a * ttilde) * eps;
            double eta = Math.Exp(r.Uniform(Math.Log(threshold), Math.Log(Math.Max(threshold * 1.0001, 2 / (6 * a)))));
            return Instance.OfScalars("random", ("a", a), ("b", b), ("epsilon", eps), ("theta1", theta1), ("u", u), ("theta3", theta3), ("ttilde", ttilde), ("eta", eta));
        }
        else
        {
            double a = 1, b = 1e6, aeta = r.LogUniform(1e-6, 1e-4), eta = aeta / a;
            // ρ̄ depends on ε only through min{e^{−12}/2, ε/(2b)}; the window moves by O(ρ̄). Two fixed-point passes.
            double eps = 1e-6;
            for (int pass = 0; pass < 3; pass++)
            {
                var ab0 = new AppendixB(a, b, eps);
                eps = Math.Min(0.5, 0.999 * aeta * Math.Exp(a * ab0.Window(u - ab0.RhoBar / 2).Low) / cConst);
            }
            var ab = new AppendixB(a, b, eps);
            var (lo, _) = ab.Window(u - ab.RhoBar / 2);
            double l = AccurateFunctions.Log1p(a * eta);
            double k = Math.Ceiling(a * lo / l) + r.NextInt(0, 3);
            return Instance.OfScalars("adversarial", ("a", a), ("b", b), ("epsilon", eps), ("theta1", theta1), ("u", u), ("theta3", theta3), ("kmatch", k), ("eta", eta));
        }
    }

    /// <summary>t̃ of the instance: explicit, or kL/a for the adversarial family.</summary>
    internal static double TTilde(Instance x) => x.Family == "adversarial"
        ? x.Scalar("kmatch") * AccurateFunctions.Log1p(x.Scalar("a") * x.Scalar("eta")) / x.Scalar("a")
        : x.Scalar("ttilde");

    internal static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var ab = AppendixB.From(x);
        double u = x.Scalar("u"), delta0 = u - ab.RhoBar / 2, t = TTilde(x), a = ab.A, eta = x.Scalar("eta"), eps = ab.Epsilon;
        var (lo, hi) = ab.Window(delta0);
        // η ≥ (C/a)e^{−at̃}ε, compared in logs (e^{−at̃} underflows nothing here, but logs keep full relative precision).
        double logThreshold = Math.Log(k.Double("C") / a) - a * t + Math.Log(eps);
        return HypothesesCheck.All(
            (a > 0 && ab.B >= 3 && eps > 0 && eps < 1, "a > 0, b ≥ 3, ε ∈ (0, 1)"),
            (x.Scalar("theta1") > 0.5 && x.Scalar("theta1") < 1, "θ_{s,1} ∈ (0.5, 1)"),
            (u > Math.Exp(-12) / 2 && u < Math.Exp(-12), "θ_{s,2} ∈ (e^{−12}/2 − 1, e^{−12} − 1)"),
            (x.Scalar("theta3") > 2, "θ_{s,3} > 2"),
            (t >= lo && t <= hi, "t̃ in the window"),
            (Math.Log(eta) >= logThreshold, "η ≥ (10^{14}/a)e^{−at̃}ε"));
    }

    /// <summary>Lower bound on min_k ‖θ_k − θ(t̃)‖ with the matched-index distance (for Lemma 86) and a tolerance.</summary>
    internal static (double Bound, double AtMatch, double Scale, int Operations) MinDistance(Instance x)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), th1 = x.Scalar("theta1"), th3 = x.Scalar("theta3");
        double delta0 = x.Scalar("u") - ab.RhoBar / 2, t = TTilde(x);
        bool matched = x.Family == "adversarial";
        double l = AccurateFunctions.Log1p(a * eta);
        double at = a * t;
        double t1 = ab.TimeOne(delta0);
        double barGf = Math.Exp(a * (t - t1));
        var passage = a * eta <= 2 ? ab.Passage(delta0, eta) : null;
        double third = th3 * Math.Exp(-12 * a * t);
        double lnThirdStep = Math.Log(Math.Abs(1 - 12 * a * eta));
        long kLow = matched ? (long)x.Scalar("kmatch") : (long)Math.Floor(at / l);
        double Delta1(long k) => matched && k == (long)x.Scalar("kmatch") ? 0 : th1 * Math.Exp(at) * Math.Abs(AccurateFunctions.Expm1(k * l - at));
        double Full(long k)
        {
            double d1 = Delta1(k);
            double d2;
            if (passage is null || k < passage.KOne)
            {
                // Lemma 85: θ̄_k ≤ 1 before k_1 (Lemma 67: non-decreasing), θ̄(t̃) ≥ 2 on the window.
                d2 = Math.Max(0, barGf - 1);
            }
            else
            {
                double logBar = Math.Log(passage.BarAtKOne) + (k - passage.KOne) * l;
                if (logBar >= Math.Log(ab.ZbarC))
                {
                    // Lemma 87: from k_{z̄_c} on, θ̄_k ≥ z̄_c = b + 1 > θ̄(t̃).
                    d2 = Math.Max(0, ab.ZbarC - barGf);
                }
                else if (matched && k == (long)x.Scalar("kmatch"))
                {
                    // e^{kL} = e^{at̃} exactly by construction: Δ_2 = e^{at̃}(θ̄_{k_1}e^{−k_1L} − e^{−at_1}).
                    d2 = Math.Exp(at) * Math.Abs(passage.BarAtKOne * Math.Exp(-passage.KOne * l) - Math.Exp(-a * t1));
                }
                else
                {
                    d2 = Math.Abs(Math.Exp(logBar) - barGf);
                }
            }
            double g3 = Math.Exp(Math.Min(700, Math.Log(th3) + k * lnThirdStep));
            double d3 = Math.Abs((1 - 12 * a * eta < 0 && k % 2 == 1 ? -g3 : g3) - third);
            return Math.Sqrt(d1 * d1 + d2 * d2 + d3 * d3);
        }
        double atMatch = Full(kLow);
        double best = Math.Min(atMatch, Full(kLow + 1));
        if (!matched)
        {
            best = Math.Min(best, Delta1(kLow + 2));
            if (kLow >= 1)
            {
                best = Math.Min(best, Delta1(kLow - 1));
            }
        }
        else
        {
            best = Math.Min(best, Delta1(kLow - 1));
        }
        return (best, atMatch, Math.Exp(at) * Math.Exp(-a * t1), 64 + 16 * (int)Math.Ceiling(at));
    }

    private static MarginSet Conclude(Instance x, ConstantValues k)
    {
        var (bound, atMatch, scale, ops) = MinDistance(x);
        double eps = x.Scalar("epsilon");
        var tol = Tolerance.FromRounding(ops, scale, "e^{a(t̃ − t_1)} (exponents of size at̃ carry relative error ~at̃·u)");
        return MarginSet.Of(Ec21.AtLeast("min_k ‖θ_k − θ(t̃)‖ > ε", bound, eps, tol))
            .WithObservation("distance_over_epsilon", bound / eps)
            .WithObservation("matched_distance", atMatch);
    }
}
