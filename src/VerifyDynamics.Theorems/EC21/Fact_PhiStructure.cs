using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// EC21 Appendix B structure of φ and φ̄ (Eqs. 25–26, L495–525; catalog EC21.Fact.PhiStructure): both are C² — values,
/// first and second derivatives agree at every join (φ at z_c and z_c + 1; φ̄ at 1 − ρ̄, 1, z̄_c, z̄_c + 1, and φ̄′(z_0) = 0
/// at the reflection point) — φ is even, on [z_c, z_c + 1] φ″/a + 1 = s(4 − 3s + 6z_c(1 − s)) and φ′/a = −(1 − s)²(z_c(1 + 2s) + s)
/// (s = z − z_c), and on [1 − ρ̄, 1] φ̄″ ∈ [−a, −a/2].
/// Formalisation note: checked EXACTLY in rational arithmetic: every piece is a polynomial with rational coefficients in z
/// (a, b, ρ̄ rational; z_c = b·E + 1 with E a rational value of e^{30} — the join identities are polynomial identities in
/// z_c, so they are checked at the rounded value and at a random rational z_c), one-sided limits are polynomial values.
/// Margins are −|difference| with the exact tolerance 0.
/// </summary>
public static class Fact_PhiStructure
{
    public static Statement Statement { get; } = new()
    {
        Id = Ec21.Id("Fact.PhiStructure"),
        Source = Ec21.Source("Appendix B, Eqs. 25–27", "L495–525"),
        Kind = StatementKind.Unnumbered,
        Title = "φ, φ̄ are C² with the claimed curvature structure",
        Text = "φ and φ̄ of Eqs. (25)–(26) are twice continuously differentiable at every join, with φ″ ≥ −a, φ′ ≤ 0 on [z_c, z_c+1] and φ̄″ ∈ [−a, −a/2] on [1−ρ̄, 1].",
        FormalisationNote = "Exact rational polynomial arithmetic at random rational a, b, ρ̄, z_c, s; margins −|difference| with tolerance 0.",
        Fidelity = Fidelity.Full("exact rational arithmetic at every join"),
        Hypotheses = new Hypotheses("a ∈ (0, 4], b ≥ 3, ρ̄ ∈ (0, e^{−12}/2], z_c = b·E + 1 (even trials: E ≈ e^{30}; odd: random rational), s ∈ [0, 1] — all rationals", Generate,
            (x, k) => HypothesesCheck.All((x.Scalar("a") > 0, "a > 0"), (x.Scalar("b") >= 3, "b ≥ 3"), (x.Scalar("rho") > 0 && x.Scalar("rho") <= 0.5, "0 < ρ̄ ≤ 1/2"))),
        Conclusion = (x, k, p) => Conclude(x, Rational.Of(1, 2), Rational.Of(1, 12)),
        DefaultTrials = 16,
        Variants =
        [
            Variant.Mutant("QuarticCoefficient", "φ's quartic coefficient a(1/4 + z_c/2) → a(1/4 + z_c/4): the join at z_c + 1 is no longer C⁰", s => s.WithConclusion((x, k, p) => Conclude(x, Rational.Of(1, 4), Rational.Of(1, 12)))),
            Variant.Mutant("TransitionCoefficient", "φ̄'s cubic (1/12)aρ̄^{−1} → (1/6)aρ̄^{−1}: the join at 1 − ρ̄ is no longer C¹", s => s.WithConclusion((x, k, p) => Conclude(x, Rational.Of(1, 2), Rational.Of(1, 6)))),
        ],
    };

    private static Instance Generate(TrialContext ctx)
    {
        var r = ctx.Rng;
        double e30 = ctx.Index % 2 == 0 ? Math.Exp(30) : r.Uniform(1, 1e6);
        return Instance.OfScalars("rational", ("a", r.Uniform(0.1, 4)), ("b", r.Uniform(3, 1e6)), ("rho", r.Uniform(1e-9, Math.Exp(-12) / 2)), ("E", e30), ("s", r.NextDouble()));
    }

    /// <summary>Polynomials with rational coefficients (coefficient i multiplies z^i).</summary>
    private sealed record Poly(Rational[] C)
    {
        public static Poly Const(Rational c) => new([c]);
        public static Poly X => new([Rational.Zero, Rational.One]);
        public static Poly operator +(Poly p, Poly q) => new([.. Enumerable.Range(0, Math.Max(p.C.Length, q.C.Length)).Select(i => (i < p.C.Length ? p.C[i] : Rational.Zero) + (i < q.C.Length ? q.C[i] : Rational.Zero))]);
        public static Poly operator *(Rational s, Poly p) => new([.. p.C.Select(c => s * c)]);
        public static Poly operator -(Poly p, Poly q) => p + (Rational.Of(-1) * q);
        public static Poly operator *(Poly p, Poly q)
        {
            var r = Enumerable.Repeat(Rational.Zero, p.C.Length + q.C.Length - 1).ToArray();
            for (int i = 0; i < p.C.Length; i++)
            {
                for (int j = 0; j < q.C.Length; j++)
                {
                    r[i + j] += p.C[i] * q.C[j];
                }
            }
            return new Poly(r);
        }
        public Poly Pow(int k) => k == 0 ? Const(Rational.One) : this * Pow(k - 1);
        public Poly D() => C.Length <= 1 ? Const(Rational.Zero) : new Poly([.. Enumerable.Range(1, C.Length - 1).Select(i => Rational.Of(i) * C[i])]);
        public Rational At(Rational z)
        {
            var v = Rational.Zero;
            for (int i = C.Length - 1; i >= 0; i--)
            {
                v = v * z + C[i];
            }
            return v;
        }
    }

    private static MarginSet Conclude(Instance x, Rational quarticZcFactor, Rational transitionCubic)
    {
        var a = Rational.FromDouble(x.Scalar("a"));
        var b = Rational.FromDouble(x.Scalar("b"));
        var rho = Rational.FromDouble(x.Scalar("rho"));
        var zc = b * Rational.FromDouble(x.Scalar("E")) + 1;
        var zbc = b + 1;
        var s = Rational.FromDouble(x.Scalar("s"));
        var half = Rational.Of(1, 2);
        var X = Poly.X;
        Poly Shift(Rational c) => X - Poly.Const(c);
        // φ (Eq. 25)
        var phi0 = half * a * (zc + 1) * (zc + 1) - Rational.Of(5, 12) * a - half * a * zc;
        var p1 = Poly.Const(phi0) - (half * a) * X.Pow(2);
        var p2 = p1 + ((a * (Rational.Of(2, 3) + zc)) * Shift(zc).Pow(3)) - ((a * (Rational.Of(1, 4) + quarticZcFactor * zc)) * Shift(zc).Pow(4));
        // φ̄ (Eq. 26)
        var z0 = half * rho - 1;
        var kk = a * (half * rho - Rational.Of(7, 48) * rho * rho);
        var cc = half * a * (zbc + 1) * (zbc + 1) + Rational.Of(1, 12) * a - half * a * zbc - kk;
        var q1 = Poly.Const(cc) - (Rational.Of(1, 4) * a) * Shift(z0).Pow(2);
        var q3 = Poly.Const(cc - half * a + kk) - (half * a) * X.Pow(2);
        var q2 = q3 - ((transitionCubic * a / rho) * Shift(Rational.One).Pow(3));
        var q4 = q3 + ((a * (Rational.Of(2, 3) + zbc)) * Shift(zbc).Pow(3)) - ((a * (Rational.Of(1, 4) + half * zbc)) * Shift(zbc).Pow(4));
        var zero = Poly.Const(Rational.Zero);
        var margins = new List<Margin>();
        void Join(string name, Poly left, Poly right, Rational at)
        {
            var l = left;
            var r = right;
            for (int d = 0; d <= 2; d++)
            {
                var diff = l.At(at) - r.At(at);
                double v = Math.Abs(diff.ToDouble());
                margins.Add(Margin.Deviation($"{name}: derivative {d} continuous", diff.Sign == 0 ? 0 : Math.Max(v, double.Epsilon), 1, Tolerance.Exact));
                l = l.D();
                r = r.D();
            }
        }
        Join("φ at z_c", p1, p2, zc);
        Join("φ at z_c + 1", p2, zero, zc + 1);
        Join("φ̄ at 1 − ρ̄", q1, q2, 1 - rho);
        Join("φ̄ at 1", q2, q3, Rational.One);
        Join("φ̄ at z̄_c", q3, q4, zbc);
        Join("φ̄ at z̄_c + 1", q4, zero, zbc + 1);
        margins.Add(Margin.Deviation("φ′(0) = 0 (even extension is C¹)", p1.D().At(Rational.Zero).Sign == 0 ? 0 : 1, 1, Tolerance.Exact));
        margins.Add(Margin.Deviation("φ̄′(z_0) = 0 (reflection is C¹)", q1.D().At(z0).Sign == 0 ? 0 : 1, 1, Tolerance.Exact));
        // Curvature identities on [z_c, z_c + 1] at z = z_c + s.
        var z = zc + s;
        var id1 = p2.D().D().At(z) / a + 1 - s * (4 - 3 * s + 6 * zc * (1 - s));
        var id2 = p2.D().At(z) / a + (1 - s) * (1 - s) * (zc * (1 + 2 * s) + s);
        margins.Add(Margin.Deviation("φ″/a + 1 = s(4 − 3s + 6z_c(1 − s))", id1.Sign == 0 ? 0 : Math.Abs(id1.ToDouble()), 1, Tolerance.Exact));
        margins.Add(Margin.Deviation("φ′/a = −(1 − s)²(z_c(1 + 2s) + s)", id2.Sign == 0 ? 0 : Math.Abs(id2.ToDouble()), 1, Tolerance.Exact));
        // φ̄″ on [1 − ρ̄, 1] is linear: its end values −a/2 and −a bound it.
        var lo = q2.D().D().At(1 - rho);
        var hi = q2.D().D().At(Rational.One);
        margins.Add(Margin.Deviation("φ̄″(1 − ρ̄) = −a/2", (lo + half * a).Sign == 0 ? 0 : 1, 1, Tolerance.Exact));
        margins.Add(Margin.Deviation("φ̄″(1) = −a", (hi + a).Sign == 0 ? 0 : 1, 1, Tolerance.Exact));
        return new MarginSet(margins);
    }
}
