using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// ACGH19 Lemma 17 (App. D.6, L1043; base case L1033–1053, induction L1055–1067): in Claim 4's construction
/// (d = 1, N even, Φ = 1, 3/4 ≤ c &lt; 1, A from (50), init (51), any η &gt; 0), for each t ≥ 1 the W_j(t) share a sign
/// that alternates with t, and there are reals 2 ≤ B(t) &lt; C(t) with B(t) ≤ |W_j(t)| ≤ C(t) and ηB(t)^{2N−1} ≥ 20C(t);
/// the proof takes B(1) = min{η,1}A/10, C(1) = max{η,1}A, B(t+1) = 9C(t), C(t+1) = ηC(t)^{2N−1}.
/// Formalisation note: AS PRINTED THE LEMMA IS FALSE for c near 1 (catalog gap; e.g. (N, η, c) = (2, 1, 0.999²)):
/// W_j(1) for j &gt; N/2 is c^{1/N}/A + η(1 − c)c^{(N−1)/N}A ≈ 2, below any admissible B(1). The main check encodes the
/// corrected form — the additional hypothesis (1 − c)c^{(N−1)/N} ≥ 3/16, which is exactly what the base-case fact
/// (3/16)ηA ≤ W_j(1) uses — and the printed form is the erratum variant <c>AsPrinted</c>, refuted with a replayable instance.
/// </summary>
public static class Lemma17
{
    /// <summary>Steps checked (exact rationals; the recursion C(t+1) = ηC(t)^{2N−1} grows as fast as the weights).</summary>
    public const int Steps = 3;

    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.ACGH19, "Lemma17"),
        Source = new SourceRef(Papers.ACGH19, "Lemma 17 (App. D.6, inside the proof of Claim 4)", "L1033–1069"),
        Kind = StatementKind.Lemma,
        Title = "sign alternation and growth in the Claim 4 construction (corrected: (1 − c)c^{(N−1)/N} ≥ 3/16)",
        Text = "In Claim 4's construction, for t ≥ 1 all W_j(t) share a sign alternating in t, and 2 ≤ B(t) ≤ |W_j(t)| ≤ C(t) with "
            + "ηB(t)^{2N−1} ≥ 20C(t), B(1) = min{η,1}A/10, C(1) = max{η,1}A, B(t+1) = 9C(t), C(t+1) = ηC(t)^{2N−1}.",
        FormalisationNote = "Checked as corrected: c = r^N restricted to (1 − c)r^{N−1} ≥ 3/16 (c ∈ [3/4, ≈0.79]); the printed range "
            + "3/4 ≤ c < 1 is the erratum variant. Exact rationals, t = 1.." + Steps + " (fewer for large N when the bit budget binds). "
            + "Margins per t: same sign, alternation, the proof's B(t) ≤ min|W_j(t)|, max|W_j(t)| ≤ C(t), B(t) ≥ 2, B(t) < C(t), "
            + "ηB(t)^{2N−1} ≥ 20C(t), and the lemma's existential form with the best constants (min|W_j| ≥ 2 and η min^{2N−1} ≥ 20 max), "
            + "plus the consequence ℓ(t) ≥ (2^N − 1)²/2. Sizes are reported as exact-sign log ratios.",
        Constants = [],
        Fidelity = Fidelity.Restricted("the corrected range (1 − c)c^{(N−1)/N} ≥ 3/16 (the printed 3/4 ≤ c < 1 is refuted by the erratum variant) and t = 1..3 in exact arithmetic (the lemma is for every t ≥ 1)"),
        Hypotheses = new Hypotheses(
            "N ∈ {2,4,6,8}, η = m·10^k, r = k/1000 with r^N ≥ 3/4 and (1 − r^N) r^{N−1} ≥ 3/16",
            ctx => Generate(ctx, corrected: true),
            (x, k) => Validate(x, corrected: true)),
        Conclusion = (x, k, p) => Conclude(x, fromStep: 1),
        DefaultTrials = 6,
        Variants =
        [
            Variant.Erratum("AsPrinted", "the lemma for every 3/4 ≤ c < 1 as printed: the base case fails near c = 1 (e.g. N = 2, η = 1, c = 0.999²)",
                s => s.WithHypotheses("N ∈ {2,4}, η = m·10^k (k ∈ −2..0), c = r^N with r ∈ [0.995, 0.999]", ctx => Generate(ctx, corrected: false), (x, k) => Validate(x, corrected: false)), trials: 3),
            Variant.Mutant("IncludesInitialStep", "the invariant also claimed at t = 0: |W_j(0)| = c^{1/N}/A < 2 for j > N/2",
                s => s.WithConclusion((x, k, p) => Conclude(x, fromStep: 0)), trials: 2),
        ],
        Errata =
        [
            "Base case (L1033–1041): (3/16)ηA ≤ W_j(1) for j > N/2 uses 1 − c ≥ 1/4, i.e. effectively c = 3/4, but the proof reduced only "
                + "to c ≥ 3/4. For c near 1 the lemma fails at t = 1 (N = 2, η = 1, c = 0.999: A = 2001.0005, W_2(1) = 2.0005 < B(1) = 200.1, "
                + "and no admissible (B(1), C(1)) exists). Holds when (1 − c)c^{(N−1)/N} ≥ 3/16. Claim 4's conclusion is unaffected (see Claim4).",
            "L1037: 'W_j(1) ≤ A for N/2 < j ≤ N' should read 1 ≤ j ≤ N/2.",
        ],
    };

    private static Instance Generate(TrialContext ctx, bool corrected)
    {
        var rng = ctx.Rng;
        const long den = 1000;
        if (!corrected)
        {
            int nn = rng.Pick([2, 4]);
            return ClaimFourConstruction.Make("lemma17-near-1", nn, rng.NextInt(1, 9), rng.NextInt(-2, 0), rng.NextInt(995, 999), den, 1);
        }
        int n = rng.Pick([2, 4, 6, 8]);
        long lo = ClaimFourConstruction.SmallestAdmissibleNumerator(n, den);
        long hi = lo;
        while (hi + 1 < den && Corrected(n, Rational.Of(hi + 1, den)))
        {
            hi++;
        }
        return ClaimFourConstruction.Make("lemma17", n, rng.NextInt(1, 9), rng.NextInt(-3, 2), rng.NextInt((int)lo, (int)hi), den, 1);
    }

    /// <summary>The corrected hypothesis (1 − c)c^{(N−1)/N} ≥ 3/16 with c = r^N.</summary>
    private static bool Corrected(int n, Rational r) => (Rational.One - r.Pow(n)) * r.Pow(n - 1) >= Rational.Of(3, 16);

    private static HypothesesCheck Validate(Instance x, bool corrected)
    {
        var (n, eta, r, d) = ClaimFourConstruction.Read(x);
        var c = r.Pow(n);
        return HypothesesCheck.All(
            (n >= 2 && n % 2 == 0, "N is even"),
            (d == 1, "d = 1"),
            (eta.Sign > 0, "η > 0"),
            (r.Sign > 0 && c >= Rational.Of(3, 4) && c < Rational.One, "3/4 ≤ c < 1"),
            (!corrected || Corrected(n, r), "(1 − c)c^{(N−1)/N} ≥ 3/16 (corrected base case)"));
    }

    private static MarginSet Conclude(Instance x, int fromStep)
    {
        var (n, eta, r, _) = ClaimFourConstruction.Read(x);
        var a = ClaimFourConstruction.Amplitude(n, eta, r);
        var state = ClaimFourConstruction.Initial(a, r);
        var one = Rational.One;
        var big = Rational.Of(a, 1);
        var b = (eta < one ? eta : one) * big / Rational.Of(10);
        var cc = (eta > one ? eta : one) * big;
        var two = Rational.Of(2);
        var lossBound = Rational.Of((1L << n) - 1).Pow(2) / two;
        var margins = new List<Margin>();
        int previousSign = 0;
        for (int t = 0; t <= Steps; t++)
        {
            if (t > 0)
            {
                if (!ClaimFourConstruction.CanStep(state, n))
                {
                    break;
                }
                state = ClaimFourConstruction.Step(state, n, eta);
                if (t > 1)
                {
                    // B(t) = 9C(t−1), C(t) = ηC(t−1)^{2N−1}.
                    b = Rational.Of(9) * cc;
                    cc = eta * cc.Pow(2 * n - 1);
                }
            }
            if (t < fromStep)
            {
                continue;
            }
            var absP = state.P.Sign < 0 ? -state.P : state.P;
            var absQ = state.Q.Sign < 0 ? -state.Q : state.Q;
            var min = absP < absQ ? absP : absQ;
            var max = absP < absQ ? absQ : absP;
            int sign = state.P.Sign;
            bool same = state.P.Sign == state.Q.Sign && sign != 0;
            // Exact rational signs: a yes/no condition (deviation 0 or 1), no bound to approach.
            margins.Add(Margin.Deviation($"t={t}: all W_j(t) share a sign", same ? 0 : 1, 1, Tolerance.Exact));
            if (t >= 2)
            {
                margins.Add(Margin.Deviation($"t={t}: sign alternates", sign == -previousSign ? 0 : 1, 1, Tolerance.Exact));
            }
            previousSign = sign;
            // The lemma's existential form with the best constants B = min|W_j|, C = max|W_j|.
            margins.Add(ClaimFourConstruction.LogAtMost($"t={t}: min_j|W_j(t)| ≥ 2", two, min));
            margins.Add(ClaimFourConstruction.LogAtMost($"t={t}: η(min_j|W_j|)^(2N−1) ≥ 20·max_j|W_j|", Rational.Of(20) * max, eta * min.Pow(2 * n - 1)));
            if (t >= 1)
            {
                // The proof's constants.
                margins.Add(ClaimFourConstruction.LogAtMost($"t={t}: proof's B(t) ≤ min_j|W_j(t)|", b, min));
                margins.Add(ClaimFourConstruction.LogAtMost($"t={t}: max_j|W_j(t)| ≤ proof's C(t)", max, cc));
                margins.Add(ClaimFourConstruction.LogAtMost($"t={t}: proof's B(t) ≥ 2", two, b));
                margins.Add(Margin.Deviation($"t={t}: proof's B(t) < C(t)", b < cc ? 0 : 1, 1, Tolerance.Exact));
                margins.Add(ClaimFourConstruction.LogAtMost($"t={t}: ηB(t)^(2N−1) ≥ 20C(t)", Rational.Of(20) * cc, eta * b.Pow(2 * n - 1)));
                margins.Add(ClaimFourConstruction.LogAtMost($"t={t}: ℓ(t) ≥ (2^N − 1)²/2", lossBound, ClaimFourConstruction.Loss(state, n)));
            }
        }
        return new MarginSet(margins).WithObservation("A", (double)a).WithObservation("c", r.Pow(n).ToDouble());
    }
}
