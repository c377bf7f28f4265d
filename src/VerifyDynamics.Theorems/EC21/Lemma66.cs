using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 66 (App. I.14, L1881–1894): if η &gt; 1/(6a) then ‖θ_k − θ(t̃)‖ &gt; ε for all k ∈ ℕ ∪ {0}. Proof: the third coordinate
/// obeys |θ̂_{k+1}| = |θ̂_k||1 − 12aη| &gt; |θ̂_k| while θ̂(t) = θ̂(0)e^{−12at} and t̃ ≥ ln 2/(12a), so |θ̂_k − θ̂(t̃)| ≥ θ̂(0)/2 &gt; 1 &gt; ε.
/// Formalisation note: the large-step family (aη ∈ (1.05/6, 2]) of the Prop. 20 setting. Lower bound on min_k ‖θ_k − θ(t̃)‖: at k = 0
/// the full distance from the closed forms (θ_s vs GF(t̃)); for 1 ≤ k ≤ K the third-coordinate gap |θ̂_k − θ̂(t̃)| with θ̂_k by the
/// literal iteration θ̂_{k+1} = θ̂_k − 12aηθ̂_k (K ≥ 64, until |θ̂_K| &gt; 4θ̂(0) or &lt; ε/8); for k &gt; K the gap |θ̂_K| − |θ̂(t̃)|, valid
/// because |1 − 12aη| &gt; 1 makes |θ̂_k| increasing (if |1 − 12aη| ≤ 1 no tail bound is claimed: 0). Tolerance γ_{4K + 16} × the
/// magnitudes. Plus the proof's t̃ ≥ ln 2/(12a).
/// </summary>
public static class Lemma66
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma66"),
        Source = Ec21.Source("Lemma 66 (App. I.14)", "L1881–1894"),
        Kind = StatementKind.Lemma,
        Title = "large steps diverge in the third coordinate",
        Text = "Assume η > 1/(6a). Then ‖θ_k − θ(t̃)‖ > ε for all k ∈ ℕ ∪ {0}.",
        FormalisationNote = "Large-step family (η > 1/(6a)); lower bound on min_k ‖θ_k − θ(t̃)‖: full distance at k = 0, third-coordinate gap by literal iteration for 1 ≤ k ≤ K, monotone tail beyond; plus t̃ ≥ ln 2/(12a).",
        Fidelity = Fidelity.Restricted("aη ∈ (1.05/6, 2] of the hypothesis η > 1/(6a) (the Prop. 20 instance family)"),
        Hypotheses = new Hypotheses("the Prop. 20 setting with aη ∈ (1.05/6, 2] (η > 1/(6a)); otherwise as Lemma 68's instances",
            ctx => Prop20Proof.Generate(ctx.Rng, Prop20Proof.LargeStep), (x, k) => Prop20Proof.Validate(x, true)),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("AnyTime", "t̃ unrestricted (window and threshold dropped; t̃ ≪ ln 2/(12a)): at k = 0 GD is within ε of GF(t̃) — a genuine counterexample to the relaxed statement",
                s => s.WithHypotheses("large-step family with t̃ := f·ε/(4a(θ_{s,1} + 1 + 12θ_{s,3})), f ∈ [0.1, 0.9]",
                    ctx =>
                    {
                        var x = Prop20Proof.Generate(ctx.Rng, Prop20Proof.LargeStep);
                        double t = ctx.Rng.Uniform(0.1, 0.9) * x.Scalar("epsilon") / (4 * x.Scalar("a") * (x.Scalar("theta1") + 1 + 12 * x.Scalar("theta3")));
                        return x.WithScalar("ttilde", t);
                    },
                    (x, k) => HypothesesCheck.All(
                        (x.Scalar("a") > 0 && x.Scalar("b") >= 3 && x.Scalar("epsilon") is > 0 and < 1, "a > 0, b ≥ 3, ε ∈ (0, 1)"),
                        (x.Scalar("theta1") is > 0.5 and < 1 && x.Scalar("u") > Math.Exp(-12) / 2 && x.Scalar("u") < Math.Exp(-12) && x.Scalar("theta3") > 2, "θ_s as in Prop. 20"),
                        (x.Scalar("eta") > 1 / (6 * x.Scalar("a")), "η > 1/(6a)"),
                        (x.Scalar("ttilde") > 0, "t̃ > 0"))), trials: 2),
            Variant.Mutant("StepBoundDropped", "the third-coordinate argument without η > 1/(6a) (η ≤ 1/(6a)): θ̂_k → 0 and the third-coordinate gap falls below ε (refutes the lemma's mechanism; for such η the distance is Lemmas 85–87's business)",
                s => s.WithHypotheses("the standard family (η ≤ 1/(6a))", ctx => Prop20Proof.Generate(ctx.Rng, Prop20Proof.Standard), (x, k) => Prop20Proof.Validate(x, false)), trials: 2),
        ],
    };

    private static MarginSet Conclude(Instance x)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), t = x.Scalar("ttilde"), th0 = x.Scalar("theta1"), th3 = x.Scalar("theta3"), eps = ab.Epsilon;
        double delta0 = x.Scalar("u") - ab.RhoBar / 2;
        // k = 0: full distance from closed forms (expm1: no cancellation for small t̃).
        double g1 = th0 * AccurateFunctions.Expm1(a * t);
        double g2 = t <= ab.TimeOneMinusRho(delta0) ? delta0 * AccurateFunctions.Expm1(a * t / 2) : Prop20Proof.FlowBar(ab, delta0, t) - (ab.Z0 + delta0);
        double g3 = -th3 * AccurateFunctions.Expm1(-12 * a * t);
        double hatT = th3 * Math.Exp(-12 * a * t);
        double lb0 = Math.Sqrt(g1 * g1 + g2 * g2 + g3 * g3), lb = double.PositiveInfinity;
        double hat = th3, hatAtMin = th3;
        long k = 0;
        while (k < 2_000_000 && (k < 64 || (Math.Abs(hat) <= 4 * th3 && Math.Abs(hat) >= eps / 8)))
        {
            hat -= eta * 12 * a * hat;
            k++;
            double gap = Math.Abs(hat - hatT);
            if (gap < lb)
            {
                lb = gap;
                hatAtMin = Math.Abs(hat);
            }
        }
        double growth = Math.Abs(1 - 12 * a * eta);
        double tail = growth > 1 ? Math.Abs(hat) - hatT : 0;
        if (tail < lb)
        {
            lb = tail;
            hatAtMin = Math.Abs(hat);
        }
        // The tolerance of whichever term attains the minimum: k = 0 is a few correctly rounded operations on its own magnitude;
        // k ≥ 1 carries the iteration's rounding (≈ 3 per step) relative to the third coordinate's magnitude.
        var tol = lb0 <= lb
            ? Tolerance.FromRounding(32, lb0, "closed forms at k = 0")
            : Tolerance.FromRounding((int)Math.Min(int.MaxValue / 2, 4 * k + 16), hatAtMin + th3, "the literal third-coordinate iteration (magnitudes at the minimising k)");
        return MarginSet.Of(
                Margin.AtLeast("lower bound on min_k ‖θ_k − θ(t̃)‖ > ε", Math.Min(lb0, lb), eps, tol),
                Margin.AtLeast("proof: t̃ ≥ ln 2/(12a)", t, Math.Log(2) / (12 * a), Tolerance.FromRounding(8, t, "t̃")))
            .WithObservation("growth_factor", growth).WithObservation("iterations", k);
    }
}
