using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 85 (App. I.14, L2120–2131): ‖θ_k − θ(t̃)‖ &gt; ε for all k ∈ {0, 1, …, k_1 − 1} (GD iterates before the second
/// coordinate reaches 1 are far from GF at t̃). Proof: θ̄(t̃) ≥ θ̄(t_1 + a^{−1}ln 2) = 2 and θ̄_k ≤ θ̄_{k_1−1} ≤ 1, so the distance is ≥ 1 &gt; ε.
/// Formalisation note: literal GD on coordinates 1–3 for every k &lt; k_1 (k_1 from the iteration), full Euclidean distance to
/// GF(t̃) in closed form (<see cref="Prop20Proof.FlowAt"/>); min over k against ε, with tolerance γ_{4k_1 + ⌈at̃⌉ + 32} × the
/// magnitudes involved. Also the proof's steps θ̄(t̃) ≥ 2 and the second-coordinate bound min_k |θ̄_k − θ̄(t̃)| ≥ 1. Adversarial
/// t̃: even trials put t̃ at the window's lower end (θ̄(t̃) closest to 2), odd trials uniform.
/// </summary>
public static class Lemma85
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma85"),
        Source = Ec21.Source("Lemma 85 (App. I.14)", "L2120–2131"),
        Kind = StatementKind.Lemma,
        Title = "early iterates are far",
        Text = "‖θ_k − θ(t̃)‖ > ε for all k ∈ {0, 1, …, k_1 − 1}, where k_1 is given by Definition 76.",
        FormalisationNote = "Literal GD (coordinates 1–3) at every k < k_1 vs closed-form GF at t̃; min distance > ε; the proof's θ̄(t̃) ≥ 2 and second-coordinate gap ≥ 1. t̃ at the window's lower end in even trials (adversarial).",
        Fidelity = Fidelity.Full("the Prop. 20 setting sampled at a ∈ [0.5, 2], b ∈ {1e3, 1e4, 1e6}, aη ∈ [1e−4, 1/6] (smaller steps exceed the GD budget; the closed forms do not depend on the size of aη), θ_{s,2} + 1 ∈ e^{−12}·[0.55, 0.95]"),
        Hypotheses = new Hypotheses("the Prop. 20 setting with η ≤ 1/(6a) (see Lemma 68); t̃ at the window's lower end (even trials) or uniform (odd)",
            ctx => Prop20Proof.Generate(ctx.Rng, Prop20Proof.Standard, ctx.Index % 2 == 0 ? Prop20Proof.TChoice.WindowLow : Prop20Proof.TChoice.Uniform),
            (x, k) => Prop20Proof.Validate(x, false)),
        Conclusion = (x, k, p) => Prop20Far.Check(x, early: true),
        DefaultTrials = 8,
        Variants =
        [
            Variant.Mutant("WindowWithoutLnTwo", "the window's lower end without its a^{−1}ln 2 (t̃ = t_{1−ρ̄} + a^{−1}ln(1/(1−ρ̄)) ≥ t_1, ε shrunk to keep the threshold): the proof's θ̄(t̃) ≥ 2 and second-coordinate gap ≥ 1 fail (the full distance stays large through the first coordinate)",
                s => s.WithHypotheses("as the statement, t̃ moved a^{−1}ln 2 below the window's lower end, ε/2.5",
                    ctx =>
                    {
                        var x = Prop20Proof.Generate(ctx.Rng, Prop20Proof.Standard, Prop20Proof.TChoice.WindowLow);
                        return x.WithScalar("ttilde", x.Scalar("ttilde") - Math.Log(2) / x.Scalar("a")).WithScalar("epsilon", x.Scalar("epsilon") / 2.5);
                    },
                    (x, k) => Prop20Proof.Validate(x, false, -Math.Log(2), 0)), trials: 2),
        ],
    };
}

/// <summary>Shared computation of Lemmas 85 (k &lt; k_1) and 87 (k ≥ k_{z̄_c}).</summary>
internal static class Prop20Far
{
    public static MarginSet Check(Instance x, bool early)
    {
        var ab = AppendixB.From(x);
        double a = ab.A, eta = x.Scalar("eta"), eps = ab.Epsilon, t = x.Scalar("ttilde");
        var (th, bar, hat) = Prop20Proof.FlowAt(x, t);
        double d1 = Prop20Proof.OffsetOne(ab), dZ = ab.ZbarC - ab.Z0, l = AccurateFunctions.Log1p(a * eta);
        double minFull = double.PositiveInfinity, minSecond = double.PositiveInfinity, hatK = x.Scalar("theta3");
        double lastBelowOne = double.NaN;
        bool reached = false;
        long extra = early ? 0 : (long)Math.Ceiling(3 / l) + 16;
        var idx = Prop20Proof.IterateGd(x, (k, theta, delta) =>
        {
            reached |= early ? delta >= d1 : delta >= dZ;
            bool inRange = early ? !reached : reached;
            if (inRange)
            {
                double bk = ab.Z0 + delta;
                double e1 = theta - th, e2 = bk - bar, e3 = hatK - hat;
                minFull = Math.Min(minFull, Math.Sqrt(e1 * e1 + e2 * e2 + e3 * e3));
                minSecond = Math.Min(minSecond, Math.Abs(e2));
                if (early)
                {
                    lastBelowOne = bk;
                }
            }
            hatK -= eta * 12 * a * hatK;
        }, extraAfterKZbarC: extra);
        if (idx.KOne < 0 || idx.KZbarC < 0)
        {
            return MarginSet.Of(Margin.Uncomputable("GD reaches z̄_c within the iteration budget"));
        }
        int ops = (int)Math.Min(int.MaxValue / 2, 4 * idx.Steps + 32 + (long)Math.Ceiling(a * t));
        var tol = Tolerance.FromRounding(ops, th + bar + x.Scalar("theta3"), "GD iterates and GF closed forms (θ(t̃) + θ̄(t̃) + θ̂(0))");
        var barTol = Tolerance.FromRounding(32 + (int)Math.Ceiling(a * t), bar, "e^{a(t̃ − t_1)}");
        // Second-coordinate gaps carry only the second coordinate's rounding (its magnitude ≤ z̄_c + 1 = b + 2).
        var tol2 = Tolerance.FromRounding(ops, bar + ab.B + 2, "second coordinate (GD iterates and e^{a(t̃ − t_1)})");
        if (early)
        {
            return MarginSet.Of(
                    Margin.AtLeast("min_{k < k_1} ‖θ_k − θ(t̃)‖ > ε", minFull, eps, tol),
                    Margin.AtLeast("proof: θ̄(t̃) ≥ 2", bar, 2, barTol),
                    Margin.AtMost("proof: θ̄_{k_1 − 1} ≤ 1", idx.KOne == 0 ? double.NegativeInfinity : lastBelowOne, 1, Tolerance.FromRounding(4 * (int)Math.Min(idx.KOne, int.MaxValue / 8) + 16, 1, "the literal iteration")),
                    Margin.AtLeast("proof: min_{k < k_1} |θ̄_k − θ̄(t̃)| ≥ 1", minSecond, 1, tol2))
                .WithObservation("k_1", idx.KOne).WithObservation("distance_over_epsilon", minFull / eps);
        }
        // Beyond the simulated steps: θ̄_k ≥ θ̄_{k_{z̄_c}} (Lemma 67), so |θ̄_k − θ̄(t̃)| ≥ θ̄_{k_{z̄_c}} − θ̄(t̃).
        double barKz = ab.Z0 + idx.DeltaAtKZbarC;
        double tail = barKz - bar;
        return MarginSet.Of(
                Margin.AtLeast("min_{k ≥ k_{z̄_c}} ‖θ_k − θ(t̃)‖ > ε (simulated k ≤ k_{z̄_c} + ⌈3/ln(1+aη)⌉ + 16; beyond: θ̄_{k_{z̄_c}} − θ̄(t̃))", Math.Min(minFull, tail), eps, tail < minFull ? tol2 : tol),
                Margin.AtMost("proof: θ̄(t̃) ≤ b", bar, ab.B, barTol),
                Margin.AtLeast("proof: θ̄_{k_{z̄_c}} ≥ b + 1", barKz, ab.B + 1, Tolerance.FromRounding(4 * (int)Math.Min(idx.KZbarC, int.MaxValue / 8) + 16, barKz, "the literal iteration")),
                Margin.AtLeast("proof: θ̄_{k_{z̄_c}} − θ̄(t̃) ≥ 1", tail, 1, tol2))
            .WithObservation("k_zbar_c", idx.KZbarC).WithObservation("distance_over_epsilon", Math.Min(minFull, tail) / eps);
    }
}
