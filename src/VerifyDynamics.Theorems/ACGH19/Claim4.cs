using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Claim 4 (App. C, L344–346; proof App. D.6, Eqs. (50), (51), Lemma 17, L1013–1073): for even N and
/// d_0 = … = d_N = d, for any η &gt; 0 there is a target Φ (Φ = I_d) such that for every 0 &lt; c &lt; σ_min(Φ) some
/// initialization with deficiency margin c makes GD never go beneath a positive constant: ℓ(t) ≥ (2^N − 1)²/2 for t ≥ 1.
/// Formalisation note: a construction (verdict "construction reproduced" when every instance shows the failure).
/// Exact rationals: c = r^N (r = k/1000, c ≥ 3/4 as the proof's WLOG), A the smallest integer ≥ (50), init (51).
/// The loss bound is checked exactly for t = 1, …, t*, where t* is the first step at which Lemma 17's invariant holds
/// with the best constants B = min_j|W_j(t*)|, C = max_j|W_j(t*)|: all signs equal, B ≥ 2, ηB^{2N−1} ≥ 20C. From there
/// the proof's (valid) induction step (catalog Z-C4.e, f) gives |W_j(t)| ≥ 2 and ℓ(t) ≥ (2^N − 1)²/2 for all t ≥ t*.
/// This sidesteps the gap in Lemma 17's base case (c near 1), which the Lemma17 statement reports.
/// </summary>
public static class Claim4
{
    /// <summary>Most steps simulated while looking for the invariant (the bit budget usually binds first).</summary>
    public const int MaxSteps = 8;

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Claim4"),
        Source = new SourceRef(Papers.ACGH19, "Claim 4 (App. C), footnote 10; proof App. D.6, Eqs. (50), (51), Lemma 17", "L344–346, L1013–1073"),
        Kind = StatementKind.Claim,
        Title = "without balancedness, no learning rate guarantees convergence",
        Text = "For even N and any η > 0, with Φ = I_d, every 0 < c < 1 admits an initialization with deficiency margin c from which "
            + "ℓ(t) ≥ (2^N − 1)²/2 for every t ≥ 1.",
        FormalisationNote = "Exact BigInteger rationals. N ∈ {2, 4, 6, 8}, η = m·10^k (m ∈ 1..9, k ∈ −3..2), c = r^N with r = k/1000 and "
            + "c ≥ 3/4 (an init with margin c_eff = max(c, 3/4) has margin c for every smaller c), A = ⌈max of (50)⌉ (each term verified "
            + "exactly), W(0) by (51). Margins: W_{1:N}(0) has margin exactly c (exact 0); the init is far from δ*(c)-balanced; "
            + "ℓ(t) ≥ (2^N − 1)²/2 for t = 1..t* (exact, reported as log ratios); at t* Lemma 17's invariant with the best B, C "
            + "(same sign, B ≥ 2, ηB^{2N−1} ≥ 20C), after which the proof's induction step carries the bound to every t. d only "
            + "enters ‖Φ‖_F = √d in δ*(c): the other diagonal entries stay exactly 1 and contribute 0 to the loss.",
        Checkability = Checkability.Construction,
        Constants = [TheoremOneSetting.DeltaDenominator],
        Fidelity = Fidelity.Full("the construction run in exact rational arithmetic for N ∈ {2, 4, 6, 8} until Lemma 17's invariant holds, after which the proof's induction carries ℓ(t) ≥ (2^N − 1)²/2 to every t"),
        Hypotheses = new Hypotheses(
            "N ∈ {2,4,6,8}, η = m·10^k, r = k/1000 with r^N ∈ [3/4, 1), d ∈ {1,2,3}",
            Generate,
            Validate),
        Conclusion = (x, k, p) => Conclude(x, k, includeInitial: false),
        DefaultTrials = 12,
        Variants =
        [
            Variant.Mutant("IncludesInitialStep", "the bound also claimed at t = 0: ℓ(0) = (1 − c)²/2 < (2^N − 1)²/2",
                s => s.WithConclusion((x, k, p) => Conclude(x, k, includeInitial: true)), trials: 2),
        ],
        Errata =
        [
            "D.6 (L1037): 'Thus W_j(1) ≤ A for N/2 < j ≤ N' should read 1 ≤ j ≤ N/2.",
            "The proof's base case (Lemma 17, (3/16)ηA ≤ W_j(1) for j > N/2) needs (1 − c)c^{(N−1)/N} ≥ 3/16, false for c near 1; "
                + "the claim itself still holds on every instance here, certified through the invariant at a later step t*.",
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var rng = ctx.Rng;
        int n = rng.Pick([2, 4, 6, 8]);
        const long den = 1000;
        long lo = ClaimFourConstruction.SmallestAdmissibleNumerator(n, den);
        // Every third trial sits near c = 1, where Lemma 17's base case fails but the claim must still hold.
        long num = ctx.Index % 3 == 0 ? rng.NextInt(995, 999) : rng.NextInt((int)lo, 999);
        return ClaimFourConstruction.Make("claim4", n, rng.NextInt(1, 9), rng.NextInt(-3, 2), num, den, rng.NextInt(1, 3));
    }

    internal static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var (n, eta, r, d) = ClaimFourConstruction.Read(x);
        var c = r.Pow(n);
        return HypothesesCheck.All(
            (n >= 2 && n % 2 == 0, "N is even"),
            (d >= 1, "d ≥ 1"),
            (eta.Sign > 0, "η > 0"),
            (r.Sign > 0 && c >= Rational.Of(3, 4) && c < Rational.One, "3/4 ≤ c = r^N < 1 (the proof's WLOG; smaller c inherit the init)"));
    }

    internal static MarginSet Conclude(Instance x, ConstantValues k, bool includeInitial)
    {
        var (n, eta, r, d) = ClaimFourConstruction.Read(x);
        var c = r.Pow(n);
        var a = ClaimFourConstruction.Amplitude(n, eta, r);
        var state = ClaimFourConstruction.Initial(a, r);
        var bound = Rational.Of((1L << n) - 1).Pow(2) / Rational.Of(2);
        var margins = new List<Margin>();
        // Def. 2 with Φ = I: σ_min(I) − ‖W_{1:N}(0) − I‖_F − c, exactly 0 by construction (slack 0).
        var end0 = ClaimFourConstruction.EndToEnd(state, n);
        var dist = end0 >= Rational.One ? end0 - Rational.One : Rational.One - end0;
        // Exact rational arithmetic; the double conversion keeps the sign (and 0 exactly).
        margins.Add(Margin.Bound("deficiency margin of W_{1:N}(0) minus c (exact)", (Rational.One - dist - c).ToDouble(), c.ToDouble(), Tolerance.Exact));
        // Outside Theorem 1: imb_{N/2}(0) = |q² − p²| versus δ*(c) = c²/(256 N³ d^{(N−1)/N}).
        var imbalance = state.P * state.P - state.Q * state.Q;
        double deltaStar = TheoremOneSetting.DeltaStar(c.ToDouble(), n, Math.Sqrt(d), k);
        margins.Add(Margin.AtLeast("imb(W(0)) − δ*(c) > 0 (the init is not balanced)", imbalance.ToDouble(), deltaStar, Tolerance.FromRounding(4, imbalance.ToDouble(), "imb(W(0))")));
        if (includeInitial)
        {
            margins.Add(ClaimFourConstruction.LogAtMost("ℓ(0) ≥ (2^N − 1)²/2", bound, ClaimFourConstruction.Loss(state, n)));
        }
        Margin? worstLoss = null;
        int entry = -1;
        Rational bestB = Rational.Zero, bestC = Rational.Zero;
        for (int t = 1; t <= MaxSteps; t++)
        {
            if (!ClaimFourConstruction.CanStep(state, n))
            {
                break;
            }
            state = ClaimFourConstruction.Step(state, n, eta);
            var m = ClaimFourConstruction.LogAtMost($"ℓ(t) ≥ (2^N − 1)²/2 for t = 1..t*", bound, ClaimFourConstruction.Loss(state, n));
            if (worstLoss is null || m.Value < worstLoss.Value)
            {
                worstLoss = m;
            }
            var absP = state.P.Sign < 0 ? -state.P : state.P;
            var absQ = state.Q.Sign < 0 ? -state.Q : state.Q;
            bestB = absP < absQ ? absP : absQ;
            bestC = absP < absQ ? absQ : absP;
            bool sameSign = state.P.Sign == state.Q.Sign && state.P.Sign != 0;
            if (sameSign && bestB >= Rational.Of(2) && eta * bestB.Pow(2 * n - 1) >= Rational.Of(20) * bestC)
            {
                entry = t;
                break;
            }
        }
        margins.Add(worstLoss ?? Margin.Uncomputable("ℓ(t) ≥ (2^N − 1)²/2 for t = 1..t*"));
        if (entry < 0)
        {
            margins.Add(Margin.Uncomputable($"Lemma 17 invariant reached within {MaxSteps} steps / {ClaimFourConstruction.BitBudget} bits"));
        }
        else
        {
            margins.Add(ClaimFourConstruction.LogAtMost("invariant at t*: B = min|W_j(t*)| ≥ 2", Rational.Of(2), bestB));
            margins.Add(ClaimFourConstruction.LogAtMost("invariant at t*: ηB^{2N−1} ≥ 20C", Rational.Of(20) * bestC, eta * bestB.Pow(2 * n - 1)));
        }
        var set = new MarginSet(margins).WithObservation("A", (double)a).WithObservation("c", c.ToDouble()).WithObservation("t*", entry);
        return entry > 0 ? set.WithObservation("log ℓ(t*)", ClaimFourConstruction.Log(ClaimFourConstruction.Loss(state, n))) : set;
    }
}
