using MathNet.Numerics.LinearAlgebra;
using VerifyDynamics.Core.Networks;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 1 (Sec. 3.2.2, Eq. (9), L137–139; full proof App. D.2 as condition B(t+1) of Lemma 2):
/// under the conditions of Theorem 1, for every t ≥ 0,
/// ℓ(t+1) ≤ ℓ(t) − (η/2)·σ_min(W_{1:N}(t))^{2(N−1)/N}·‖dL¹/dW(W_{1:N}(t))‖_F².
/// Formalisation note: checked on every step of a bounded horizon (the theorem's T(ε) is ~1e8 steps for
/// matrix instances) from Theorem 1 initializations, including the TIGHT instance where the margin is
/// ~1e-8 and "drop the ½" fails by ~1e-12. ℓ(t+1) − ℓ(t) is the telescoped, cancellation-free difference.
/// </summary>
public static class Lemma1
{
    /// <summary>Steps per trial: enough to leave the initial state, small enough for the 2 s test budget.</summary>
    public const int Horizon = 40;

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma1"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 1 (Sec. 3.2.2), Eq. (9), footnote 3; App. D.2", "L137–139, L404–406"),
        Kind = StatementKind.Lemma,
        Title = "per-step descent",
        Text = "Under the conditions of Theorem 1, for every t: ℓ(t+1) ≤ ℓ(t) − (η/2)·σ_min(W_{1:N}(t))^{2(N−1)/N}·‖W_{1:N}(t) − Φ‖_F².",
        FormalisationNote = "Theorem 1 initializations (scalar, tight, Procedure 1, Procedure 1 + imbalance up to δ*(c)); every step t < "
            + $"{Horizon} is checked (a bounded horizon: T(ε) of Theorem 1 is ~1e8 steps for matrix instances). ℓ(t+1) − ℓ(t) = ⟨G, ΔW⟩ + ½‖ΔW‖² "
            + "with ΔW telescoped layer by layer (no cancellation); the tolerance is the rounding bound of that formula plus the rounding of "
            + "the stored next state (u per weight), ~1e-16 on the tight instance where the ½-less bound fails by ~1e-12. The stored "
            + "trajectory is the floating-point one; each checked step starts from the stored state. The margin reported is the worst step.",
        Constants = TheoremOneSetting.Constants,
        Fidelity = Fidelity.Restricted("steps t < 40 of Theorem 1 trajectories (the lemma is for every t; T(ε) is 1e5–1e8 steps), matrix instances with N ≤ 4, widths ≤ 3"),
        Hypotheses = new Hypotheses(
            "Theorem 1 generator cycling scalar / tight (d_0 = 2, d_N = 1, Φ = a(1,0), w = a cos θ(cos θ, sin θ)) / Procedure 1 / Procedure 1 + imbalance",
            ctx => TheoremOneSetting.Generate(ctx, Horizon).WithScalar("steps", Horizon),
            (x, k) => TheoremOneSetting.Validate(x, k)),
        Conclusion = (x, k, p) => Conclude(x),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("DropOneHalf", "(9) without the ½: refuted only by the tight instance (margin ≈ −1e-12, tolerance ≈ 1e-16)",
                s => s.WithGenerator("tight instance", ctx => Tight(ctx)).WithConclusion((x, k, p) => Conclude(x, factor: 1)), trials: 3),
            Variant.Mutant("SigmaMaxInsteadOfSigmaMin", "σ_max in place of σ_min: refuted by Φ = diag(1, 0.2), W(0) = diag(1, 0.1), N = 2 (weak-direction error)",
                s => s.WithGenerator("Φ = diag(1, 0.2), W(0) = diag(1, 0.1), N = 2, balanced", WeakDirection).WithConclusion((x, k, p) => Conclude(x, sigmaMax: true)), trials: 2),
            Variant.Mutant("ExponentHalved", "exponent (N−1)/N instead of 2(N−1)/N: refuted by the tight instance scaled to ‖Φ‖ = 0.05 (dimensionally inconsistent)",
                s => s.WithGenerator("tight instance with a = 0.05", ctx => TheoremOneSetting.Tight(ctx.Rng, ctx.Constants, Horizon, 0.05, ctx.Rng.NextInt(2, 4)).WithScalar("steps", Horizon))
                    .WithConclusion((x, k, p) => Conclude(x, exponentOf: n => (n - 1.0) / n)), trials: 3),
        ],
    };

    private static Instance Tight(TrialContext ctx) =>
        TheoremOneSetting.Tight(ctx.Rng, ctx.Constants, Horizon, ctx.Rng.LogUniform(0.05, 3), ctx.Rng.NextInt(2, 4)).WithScalar("steps", Horizon);

    /// <summary>Catalog Lemma 1 Mut (iii): square Φ = diag(1, 0.2), W(0) = diag(1, 0.1) (margin 0.1), N = 2, Procedure 1 layers.</summary>
    internal static Instance WeakDirection(TrialContext ctx)
    {
        var phi = Matrix<double>.Build.DenseOfDiagonalArray([1.0, 0.2]);
        var w = Matrix<double>.Build.DenseOfDiagonalArray([1.0, 0.1]);
        var net = BalancedInitialization.Create([2, 2, 2], w);
        double c = 0.1;
        double eta = TheoremOneSetting.EtaStar(c, 2, phi.FrobeniusNorm(), ctx.Constants);
        return Instance.ForNetwork("weak-direction", net, phi, eta).WithScalar("c", c).WithScalar("steps", 5);
    }

    internal static MarginSet Conclude(Instance x, double factor = 0.5, bool sigmaMax = false, Func<int, double>? exponentOf = null)
    {
        var phi = x.RequireTarget;
        double eta = x.RequireEta;
        int steps = (int)x.Scalar("steps");
        var net = x.Network;
        int n = net.Depth;
        Margin? worst = null;
        int worstStep = -1;
        for (int t = 0; t < steps; t++)
        {
            var next = net.GradientStep(phi, eta);
            if (!next.IsFinite())
            {
                return MarginSet.Of(Margin.Uncomputable($"(9) at step {t}")).WithObservation("diverged at step", t);
            }
            var change = TheoremOneSetting.Step(net, next, phi);
            var m = TheoremOneSetting.DescentMargin($"(9): ℓ(t) − (η/2)σ^(2(N−1)/N)‖G‖² − ℓ(t+1), worst step", change, eta, n, factor, sigmaMax, exponentOf?.Invoke(n));
            if (worst is null || m.Normalized < worst.Normalized)
            {
                worst = m;
                worstStep = t;
            }
            net = next;
        }
        return MarginSet.Of(worst!).WithObservation("worst step", worstStep).WithObservation("normalized margin (per η·ℓ(t))", worst!.Normalized);
    }
}
