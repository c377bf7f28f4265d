using VerifyDynamics.Core.Networks;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;
using VerifyDynamics.Core.LinearAlgebra;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Lemma 88 (App. I.20, L2348–2356; proof I.20.1, L2439–2537): under Thm 32's hypotheses, with θ̂_0 the balanced point of Lemma 31
/// (‖θ_0 − θ̂_0‖ ≤ √(n³ε̂)) and ν̂ the cosine of Ŵ_{n:1,0} with Λ_yx:
/// (88) ‖W_{n:1,0} − Ŵ_{n:1,0}‖_F ≤ ‖W_{n:1,0}‖_F/3; (89) ν̂ ≥ min{−1/2, sign(ν)(|ν|+1)/2}; (90) ‖Ŵ_{n:1,0}‖_F^{−1} ≤ (3/2)‖W_{n:1,0}‖_F^{−1};
/// (91) max{1, (1−ν̂)/(1+ν̂)} ≤ max{3, (3−ν)/(1+ν)}. Proof intermediates: (100) ‖W − Ŵ‖ ≤ max{1, ‖Ŵ‖}·x/(1−x), x := √(n⁵ε̂);
/// ‖Ŵ‖ ≤ 1; (101) ‖W − Ŵ‖ ≤ ‖Ŵ‖·x/(1−x).
/// Formalisation note (catalog check (a)): the proof uses of ε̂ only ‖θ_0 − θ̂_0‖ ≤ √(n³ε̂) and the three smallness conditions that
/// Eq. (34) implies — x/(1−x) ≤ ‖W_{n:1,0}‖/3 (with ‖W‖, not ‖Ŵ‖: catalog §18-T13), x ≤ (1+ν)/16, x ≤ 1/2 — plus r ≤ 0.1 and ν ≠ −1 (and, see the erratum below, x/(1−x) ≤ ‖W‖(1+ν)/6).
/// So the check generates pairs directly: θ̂_0 balanced (Procedure 13, d_0 = ⋯ = d_{n−1}, d_n = 1) and θ_0 = θ̂_0 + δ, with δ Gaussian,
/// along ±∇_θ⟨λ, W_{n:1}⟩ (rotates W towards/away from λ), or radial; ε̂ := ‖δ‖²/n³ (the smallest value consistent with Lemma 31), the
/// step shrunk until the smallness conditions hold for the perturbed (r, ν). This is a weaker hypothesis than Thm 32's (ε̂ of (34) is
/// ≈ 1e−48), so the check is of a stronger statement. (91) is evaluated directly on ν̂ (it follows from (89), catalog S16).
/// Erratum: the proof's Eq. (101) is false as printed (variant Eq101AsPrinted); the main check verifies the proof's exact
/// intermediate (‖Ŵ‖^{1/n} + √(n³ε̂))^n − ‖Ŵ‖ instead and adds the hypothesis x/(1−x) ≤ ‖W‖(1+ν)/6 that the corrected case (ii)
/// of (89) needs (implied by (34)). Tolerance: rounding γ_{16nd} of products and norms.
/// </summary>
public static class Lemma88
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Lemma88"),
        Source = Ec21.Source("Lemma 88 (App. I.20); proof I.20.1", "L2348–2356, L2439–2537"),
        Kind = StatementKind.Lemma,
        Title = "the balanced neighbour keeps Prop. 14's hypotheses",
        Text = "‖W_{n:1,0} − Ŵ_{n:1,0}‖_F ≤ (1/3)‖W_{n:1,0}‖_F (88); ν̂ ≥ min{−1/2, sign(ν)(|ν|+1)/2} (89); ‖Ŵ_{n:1,0}‖_F^{−1} ≤ (3/2)‖W_{n:1,0}‖_F^{−1} (90); max{1, (1−ν̂)/(1+ν̂)} ≤ max{3, (3−ν)/(1+ν)} (91).",
        FormalisationNote = "Catalog check (a): balanced θ̂_0 and θ_0 within √(n³ε̂), ε̂ moderate but satisfying the smallness conditions the proof draws from (34); (88)–(91) and intermediates (100), corrected (101), ‖Ŵ‖ ≤ 1. Proof typo §18-T13 (x/(1−x) ≤ ‖Ŵ‖/3 should read ‖W‖/3) — the corrected condition is used.",
        Fidelity = Fidelity.Substitute("a generalisation is checked instead: ε̂ enters only through the smallness conditions that Eq. (34) implies (plus x/(1−x) ≤ ‖W‖(1+ν)/6, the condition the corrected Eq. (101) needs, also implied by (34)), with moderate ε̂ — at Thm 32's ε̂ ≈ 1e−48 W = Ŵ in double precision and the check would be vacuous"),
        Hypotheses = new Hypotheses("n ∈ 2..4, d_0 = ⋯ = d_{n−1} ∈ {2, 3}, d_n = 1; ‖Ŵ‖ ∈ [0.02, 0.09], ν̂_0 ∈ {1, 0.5, 0, −0.02, −0.5, −0.9}; δ Gaussian / ±∇⟨λ, W⟩ / radial", ctx => Generate(ctx, -1), Validate),
        Conclusion = (x, k, p) => Conclude(x, -0.5, 1.5, false),
        DefaultTrials = 48,
        Errata =
        [
            "Proof I.20.1, Eq. (101): \"‖W_{n:1} − Ŵ_{n:1}‖_F ≤ ‖Ŵ_{n:1}‖_F·√(n⁵ε̂)/(1 − √(n⁵ε̂))\" does not follow from (100) and ‖Ŵ_{n:1}‖ ≤ 1 (that gives the factor 1, not ‖Ŵ‖) and is false: refuted (variant Eq101AsPrinted). It is used in case (ii) of (89) (|ν̂| ≤ |ν| + 3‖Ŵ − W‖/‖W‖); with the true bound ‖Ŵ − W‖ ≤ x/(1−x) that step needs x/(1−x) ≤ ‖W‖(1+ν)/6, which Eq. (34) still implies (x ≤ r⁴·(1+ν)/2·(tiny), since Q ≥ 2/(1+ν)). Lemma 88 itself is unaffected; the check states this condition as a hypothesis.",
            "Proof I.20.1 (catalog §18-T13): \"√(n⁵ε̂)/(1 − √(n⁵ε̂)) ≤ (1/3)‖Ŵ_{n:1}‖_F\" must read ‖W_{n:1}‖_F (ε̂ of (34) is defined through ‖W_{n:1,0}‖); the rest of the argument is unchanged. The check uses the corrected condition as a hypothesis.",
        ],
        Variants =
        [
            Variant.Mutant("Eq89MinusHalfToZero", "(89) with −1/2 → 0: refuted by ν ≥ 0 with Ŵ slightly on the other side (δ along +∇⟨λ, W⟩ from ν̂_0 = −0.01)",
                s => s.WithGenerator("n = 2, d_0 = 2, ‖Ŵ‖ = 0.09, ν̂_0 = −0.01, δ along +∇⟨λ, W⟩", ctx => Generate(ctx, 1)).WithConclusion((x, k, p) => Conclude(x, 0, 1.5, false)), trials: 2),
            Variant.Mutant("Eq90ThreeHalvesToOne", "(90) with 3/2 → 1 (‖Ŵ‖ ≥ ‖W‖): refuted by a radial outward δ", s => s.WithGenerator("radial outward δ", ctx => Generate(ctx, 3)).WithConclusion((x, k, p) => Conclude(x, -0.5, 1, false)), trials: 2),
            Variant.ProofErratum("Eq101AsPrinted", "proof I.20.1, Eq. (101) as printed: ‖W − Ŵ‖ ≤ ‖Ŵ‖·√(n⁵ε̂)/(1 − √(n⁵ε̂)) — false (the j = 1 binomial term n‖Ŵ‖^{(n−1)/n}√(n³ε̂) is not O(‖Ŵ‖)); refuted by a radial outward δ, the violation certified in exact rational arithmetic on the stored instance (rational enclosures of the square roots)",
                s => s.WithGenerator("radial outward δ", ctx => Generate(ctx, 3)).WithConclusion((x, k, p) => Conclude(x, -0.5, 1.5, true)), trials: 2),
        ],
    };

    // The largest x = √(n⁵ε̂) allowed by the conditions below (y/(1+y) inverts x/(1−x) ≤ y).
    private static double XMax(double r, double nu)
    {
        double y = Math.Min(r / 3, r * (1 + nu) / 6);
        return Math.Min(Math.Min(y / (1 + y), (1 + nu) / 16), 0.5);
    }

    private static (double R, double Nu) RadiusAndCosine(DeepLinearNetwork net, MathNet.Numerics.LinearAlgebra.Matrix<double> lambda)
    {
        var w = net.EndToEnd();
        double r = w.FrobeniusNorm();
        return (r, r == 0 ? 0 : w.Row(0).DotProduct(lambda.Row(0)) / r);
    }

    /// <summary>mode: −1 = by trial index; 0 Gaussian; 1 +∇⟨λ, W⟩; 2 −∇⟨λ, W⟩; 3 radial outward. Modes 1 with the designed (n, ‖Ŵ‖, ν̂_0) when forced.</summary>
    private static Instance Generate(TrialContext ctx, int forced)
    {
        var rng = ctx.Rng;
        int mode = forced >= 0 ? forced : ctx.Index % 4;
        int n = forced == 1 ? 2 : rng.NextInt(2, 4), d0 = forced == 1 ? 2 : rng.NextInt(2, 3);
        double rHat = forced == 1 ? 0.09 : rng.Uniform(0.02, 0.09), nuHat = forced == 1 ? -0.01 : rng.Pick([1.0, 0.5, 0.0, -0.02, -0.5, -0.9]);
        var dims = Enumerable.Repeat(d0, n).Append(1).ToArray();
        var q = rng.HaarOrthogonal(d0);
        var lambda = q.Row(0).ToRowMatrix();
        var a = rHat * (nuHat * lambda + Math.Sqrt(1 - nuHat * nuHat) * q.Row(1).ToRowMatrix());
        var hat = BalancedInitialization.Create(dims, a);
        var thetaHat = ParameterLayout.Flatten(hat.Weights);
        double[] dir = mode switch
        {
            1 => ParameterLayout.Flatten(hat.GradientsOfEndToEnd(lambda)),
            2 => ParameterLayout.Flatten(hat.GradientsOfEndToEnd(-lambda)),
            3 => thetaHat,
            _ => Enumerable.Range(0, thetaHat.Length).Select(_ => rng.NextGaussian()).ToArray(),
        };
        double dn = VectorOps.Norm(dir);
        dir = dir.Select(v => v / dn).ToArray();
        double s = (forced >= 0 ? 1 : rng.Uniform(0.3, 1)) * XMax(rHat, nuHat) / n;
        DeepLinearNetwork net = hat;
        for (int k = 0; k < 60; k++)
        {
            net = new DeepLinearNetwork(ParameterLayout.Unflatten(VectorOps.AddScaled(thetaHat, s, dir), dims));
            var (r, nu) = RadiusAndCosine(net, lambda);
            if (r <= 0.1 && nu > -1 && n * s <= XMax(r, nu))
            {
                break;
            }
            s *= 0.8;
        }
        var x = Instance.ForNetwork("lemma88-pair", net, lambda).WithScalar("epsHat", s * s / Math.Pow(n, 3));
        for (int j = 1; j <= n; j++)
        {
            x = x.WithMatrix($"hat{j}", hat[j]);
        }
        return x;
    }

    private static DeepLinearNetwork Hat(Instance x) => new(Enumerable.Range(1, x.Network.Depth).Select(j => x.Matrix($"hat{j}")));

    private static HypothesesCheck Validate(Instance x, ConstantValues k)
    {
        var net = x.Network;
        var hat = Hat(x);
        int n = net.Depth;
        var (r, nu) = RadiusAndCosine(net, x.RequireTarget);
        double epsHat = x.Scalar("epsHat"), xx = Math.Sqrt(Math.Pow(n, 5) * epsHat);
        double dist = VectorOps.Distance(ParameterLayout.Flatten(net.Weights), ParameterLayout.Flatten(hat.Weights));
        double gap = n == 1 ? 0 : Enumerable.Range(1, n - 1).Max(j => hat.GramDifference(j).FrobeniusNorm());
        return HypothesesCheck.All(
            (x.Dims[^1] == 1 && x.Dims.Take(n).All(d => d == x.Dims[0]), "d_0 = ⋯ = d_{n−1}, d_n = 1"),
            (Math.Abs(x.RequireTarget.FrobeniusNorm() - 1) < 1e-12, "‖Λ_yx‖ = 1"),
            (r > 0 && r <= 0.1, "‖W_{n:1,0}‖ ∈ (0, 0.1]"),
            (nu > -1, "ν ≠ −1"),
            (gap <= Tolerance.Gamma(64), "θ̂_0 balanced"),
            (dist <= Math.Sqrt(Math.Pow(n, 3) * epsHat) * (1 + 1e-12), "‖θ_0 − θ̂_0‖ ≤ √(n³ε̂) (Lemma 31)"),
            (xx <= 0.5, "√(n⁵ε̂) ≤ 1/2 (from (34))"),
            (xx <= (1 + nu) / 16, "√(n⁵ε̂) ≤ (1+ν)/16 (from (34))"),
            (xx / (1 - xx) <= r / 3, "√(n⁵ε̂)/(1 − √(n⁵ε̂)) ≤ ‖W_{n:1,0}‖/3 (from (34); §18-T13)"),
            (xx / (1 - xx) <= r * (1 + nu) / 6, "√(n⁵ε̂)/(1 − √(n⁵ε̂)) ≤ ‖W_{n:1,0}‖(1+ν)/6 (from (34); replaces the erroneous (101) in case (ii) of (89))"));
    }

    private static MarginSet Conclude(Instance x, double eq89Constant, double eq90Constant, bool printed101)
    {
        var net = x.Network;
        var hat = Hat(x);
        int n = net.Depth;
        var lambda = x.RequireTarget;
        var (r, nu) = RadiusAndCosine(net, lambda);
        var (rHat, nuHat) = RadiusAndCosine(hat, lambda);
        double diff = (net.EndToEnd() - hat.EndToEnd()).FrobeniusNorm();
        double xx = Math.Sqrt(Math.Pow(n, 5) * x.Scalar("epsHat")), frac = xx / (1 - xx);
        var round = Tolerance.FromRounding(16 * n * x.Dims.Max(), 1, "products and norms of size ≤ 1");
        double sign = Math.Sign(nu);
        double rhs91 = Math.Max(3, (3 - nu) / (1 + nu));
        return MarginSet.Of(
            Margin.AtMost("(100) ‖W − Ŵ‖ ≤ max{1, ‖Ŵ‖}·x/(1−x)", diff, Math.Max(1, rHat) * frac, round),
            Margin.AtMost("‖Ŵ_{n:1,0}‖ ≤ 1", rHat, 1, round),
            printed101
                ? Eq101AsPrinted(x, Margin.AtMost("(101) as printed: ‖W − Ŵ‖ ≤ ‖Ŵ‖·x/(1−x)", diff, rHat * frac, round))
                : Margin.AtMost("(101) corrected (the proof's exact intermediate): ‖W − Ŵ‖ ≤ (‖Ŵ‖^{1/n} + √(n³ε̂))^n − ‖Ŵ‖", diff, Math.Pow(Math.Pow(rHat, 1.0 / n) + xx / n, n) - rHat, round),
            Margin.AtMost("(88) ‖W − Ŵ‖ ≤ ‖W‖/3", diff, r / 3, round),
            Margin.AtLeast("(89) ν̂ ≥ min{−1/2, sign(ν)(|ν|+1)/2}", nuHat, Math.Min(eq89Constant, sign * (Math.Abs(nu) + 1) / 2), round.Scaled(1 / Math.Min(r, rHat), "cosines divide by the norms")),
            Margin.AtMost("(90) ‖Ŵ‖^{−1} ≤ (3/2)‖W‖^{−1}", 1 / rHat, eq90Constant / r, round.Scaled(1 / (r * rHat), "reciprocals")),
            Margin.AtMost("(91) max{1, (1−ν̂)/(1+ν̂)} ≤ max{3, (3−ν)/(1+ν)}", Math.Max(1, (1 - nuHat) / (1 + nuHat)), rhs91, round.Scaled(rhs91 * rhs91 / Math.Min(r, rHat), "ratio sensitivity")))
            .WithObservation("epsHat", x.Scalar("epsHat")).WithObservation("nu", nu).WithObservation("nu_hat", nuHat);
    }

    /// <summary>
    /// The erratum's counterexample checked as one: the stored instance's weights (doubles, hence exact rationals) give W_{n:1} and
    /// Ŵ_{n:1} exactly; with D² = ‖W − Ŵ‖², R² = ‖Ŵ‖², X² = n⁵ε̂ (all rational), rational enclosures d ≤ √D², r ≥ √R², ξ ≥ √X²
    /// certify ‖W − Ŵ‖(1 − x) − ‖Ŵ‖x ≥ g := d(1 − ξ) − rξ &gt; 0, i.e. (101) as printed fails by ‖W − Ŵ‖ − ‖Ŵ‖x/(1 − x) ≥ g/(1 − x) ≥ g.
    /// The margin is then −g (the certified lower bound on the violation, rounded to a double) with <see cref="Tolerance.Exact"/>; if the enclosure does not certify it, the
    /// floating-point margin (rounding bound) is returned unchanged.
    /// </summary>
    private static Margin Eq101AsPrinted(Instance x, Margin floating)
    {
        int n = x.Network.Depth;
        var net = x.Network;
        var w = ExactEndToEnd(Enumerable.Range(1, n).Select(j => net[j]).ToList());
        var wHat = ExactEndToEnd(Enumerable.Range(1, n).Select(j => x.Matrix($"hat{j}")).ToList());
        var d2 = Rational.Zero;
        var r2 = Rational.Zero;
        for (int i = 0; i < w.Length; i++)
        {
            var e = w[i] - wHat[i];
            d2 += e * e;
            r2 += wHat[i] * wHat[i];
        }
        var x2 = Rational.Of(n).Pow(5) * Rational.FromDouble(x.Scalar("epsHat"));
        var d = SqrtBelow(d2);
        var r = SqrtAbove(r2);
        var xi = SqrtAbove(x2);
        if (xi >= Rational.One)
        {
            return floating;
        }
        var gap = d * (Rational.One - xi) - r * xi;
        return gap.Sign > 0
            ? floating with { Value = -gap.ToDouble(), Tolerance = Tolerance.Exact }
            : floating;
    }

    private static Rational[] ExactEndToEnd(IReadOnlyList<MathNet.Numerics.LinearAlgebra.Matrix<double>> layers)
    {
        // W_{n:1} = W_n ⋯ W_1 (d_n = 1): a row vector, accumulated from the left.
        var row = Enumerable.Range(0, layers[^1].ColumnCount).Select(c => Rational.FromDouble(layers[^1][0, c])).ToArray();
        for (int j = layers.Count - 2; j >= 0; j--)
        {
            var m = layers[j];
            var next = new Rational[m.ColumnCount];
            for (int c = 0; c < m.ColumnCount; c++)
            {
                var acc = Rational.Zero;
                for (int k = 0; k < m.RowCount; k++)
                {
                    acc += row[k] * Rational.FromDouble(m[k, c]);
                }
                next[c] = acc;
            }
            row = next;
        }
        return row;
    }

    private static Rational SqrtBelow(Rational q)
    {
        double s = Math.Sqrt(q.ToDouble());
        var lo = Rational.FromDouble(s);
        while (lo * lo > q)
        {
            s = Math.BitDecrement(s);
            lo = Rational.FromDouble(Math.Max(s, 0));
        }
        return lo;
    }

    private static Rational SqrtAbove(Rational q)
    {
        double s = Math.Sqrt(q.ToDouble());
        var hi = Rational.FromDouble(s);
        while (hi * hi < q)
        {
            s = Math.BitIncrement(s);
            hi = Rational.FromDouble(s);
        }
        return hi;
    }
}
