using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 72 (App. I.14, L1946–1966): (i) k_{1−ρ̄} = ⌈(ln(2 − 3ρ̄/2) − ln(θ̄_0 + 1 − ρ̄/2))/ln(1 + aη/2)⌉; (ii) θ̄_k =
/// (θ̄_0 − (ρ̄/2 − 1))(1 + aη/2)^k + (ρ̄/2 − 1) for all k ∈ {0, 1, …, k_{1−ρ̄}} (k_{1−ρ̄} of Definition 71).
/// Formalisation note: literal GD iteration on the offset δ̄_k = θ̄_k − z_0 (<see cref="Prop20Proof.IterateGd"/>, the paper's own
/// subtraction of z_0); k_{1−ρ̄} is the first iterate with θ̄_k ≥ 1 − ρ̄. (i) compared as an exact integer with the ceiling, whose
/// argument is known to ±(γ_16|x| + γ_8(|ln(2 − 3ρ̄/2)| + |ln δ̄_0|)/ln(1 + aη/2)) (either admissible ceiling accepted). (ii) max
/// relative deviation of δ̄_k from δ̄_0·exp(k·ln(1 + aη/2)) over k ≤ k_{1−ρ̄}; tolerance γ_{3k + 4⌈kL⌉ + 16}.
/// </summary>
public static class Lemma72
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma72"),
        Source = Ec21.Source("Lemma 72 (App. I.14)", "L1946–1966"),
        Kind = StatementKind.Lemma,
        Title = "anisotropic GD closed form",
        Text = "(i) k_{1−ρ̄} = ⌈(ln(2 − 3ρ̄/2) − ln(θ̄_0 + 1 − ρ̄/2))/ln(1 + aη/2)⌉; and (ii) θ̄_k = (θ̄_0 − (ρ̄/2 − 1))(1 + aη/2)^k + (ρ̄/2 − 1) for all k ∈ {0, 1, …, k_{1−ρ̄}}.",
        FormalisationNote = "Literal GD on the offset θ̄_k − z_0; k_{1−ρ̄} from the iteration vs the ceiling formula (exact integers, ceiling argument with a rounding interval); closed form vs iteration at every k ≤ k_{1−ρ̄}.",
        Fidelity = Fidelity.Full("(i) at the instance; (ii) at every k ≤ k_{1−ρ̄}; the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = Prop20Proof.StandardHypotheses(),
        Conclusion = (x, k, p) => Conclude(x, 0.5),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("FullRate", "(1 + aη/2) → (1 + aη) in both (i) and (ii)", s => s.WithConclusion((x, k, p) => Conclude(x, 1)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x, double rate)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), delta0 = x.Scalar("u") - ab.RhoBar / 2, level = Prop20Proof.OffsetOneMinusRho(ab);
        double l = AccurateFunctions.Log1p(rate * a * eta);
        double maxRel = 0;
        bool reached = false;
        double before = double.NaN, at = double.NaN, previous = double.NaN;
        var gd = Prop20Proof.IterateGd(x, (k, _, delta) =>
        {
            if (reached)
            {
                return;
            }
            double closed = delta0 * Math.Exp(k * l);
            maxRel = Math.Max(maxRel, Math.Abs(delta - closed) / closed);
            reached = delta >= level;
            if (reached)
            {
                before = previous;
                at = delta;
            }
            previous = delta;
        }, maxSteps: 5_000_000);
        if (gd.KOneMinusRho < 0)
        {
            return MarginSet.Of(Margin.Uncomputable("GD reaches 1 − ρ̄ within the iteration budget"));
        }
        double xArg = (Math.Log(level) - Math.Log(delta0)) / l;
        double err = Tolerance.Gamma(16) * Math.Abs(xArg) + Tolerance.Gamma(8) * (Math.Abs(Math.Log(level)) + Math.Abs(Math.Log(delta0))) / l;
        long kA = gd.KOneMinusRho;
        int ops = (int)Math.Min(int.MaxValue / 2, 3 * kA + 4 * (long)Math.Ceiling(kA * l) + 16);
        // The index read off the floating-point iteration is the exact sequence's index when the iterates on both sides of the
        // crossing are farther from the level than their rounding: below 1 − ρ̄ the step is δ̄ ← δ̄ + η(a/2)δ̄ (3 roundings, a
        // positive linear map: relative errors add), so δ̄_k carries relative error ≤ γ_{3k + 64} (64 for δ̄_0 = u − ρ̄/2 and ρ̄),
        // and the level 2 − 3ρ̄/2 relative error ≤ γ_64.
        double gK = Tolerance.Gamma((int)Math.Min(int.MaxValue / 2, 3 * kA + 64)), gL = Tolerance.Gamma(64);
        // … and the ceiling's rounding interval holds a single integer (otherwise both admissible values are accepted: not a proof).
        bool certified = (kA == 0 || before * (1 + gK) < level * (1 - gL)) && at * (1 - gK) >= level * (1 + gL)
            && Math.Ceiling(xArg - err) == Math.Ceiling(xArg + err);
        var ceiling = Prop20Proof.CeilingEquals("(i) k_{1−ρ̄} (iteration) = ⌈(ln(2−3ρ̄/2) − ln(θ̄_0+1−ρ̄/2))/ln(1+aη/2)⌉", kA, xArg, err);
        if (certified)
        {
            ceiling = ceiling with
            {
                Shape = MarginShape.Equality,
                Tolerance = Tolerance.Bound(0, ceiling.Tolerance.Source + $"; the index certified: δ̄_{{k−1}}, δ̄_k lie outside the level's rounding band (relative γ_{{3k+64}} = {gK:G2})"),
            };
        }
        return MarginSet.Of(
                ceiling,
                Margin.Deviation("(ii) max_{k ≤ k_{1−ρ̄}} |θ̄_k − z_0 − (θ̄_0 − z_0)(1+aη/2)^k| / (θ̄_0 − z_0)(1+aη/2)^k", maxRel, 1,
                    Tolerance.FromRounding(ops, 1, "relative (3 roundings per GD step; k·ln(1+aη/2) with log1p to 4u)")))
            .WithObservation("k_one_minus_rho", kA);
    }
}
