using System.Globalization;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Evaluation;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// The scalar inequalities of EC21 (catalog §15, items S1–S23), each attached to the statement
/// whose proof uses it, with a wrong variant that must be refuted.
/// <para>
/// Encoding notes. Items are per depth n (instantiated for n = 2..<see cref="MaxDepth"/>, each
/// obligation says which n) unless the claim is polynomial in a real n, which is then left symbolic.
/// The log-linear chains (S8, S9, S7b) follow the catalog's reformulation (ii): logarithms of
/// numeric constants become variables ranging over rational enclosures [lo, hi] with six decimals,
/// so Z3 decides them as linear arithmetic; every enclosure used is itself an obligation
/// (<c>lo &lt;= ln(c) &amp;&amp; ln(c) &lt;= hi</c>) decided by the interval prover. The S24 rational-function
/// identities of Appendix B are not encoded (see the report of issue 3).
/// </para>
/// </summary>
public sealed class Ec21Obligations : IObligationBank
{
    /// <summary>Largest depth n for which the n-families are instantiated.</summary>
    public const int MaxDepth = 4;

    /// <summary>
    /// Largest n for S2b (Cauchy–Schwarz over R^n). From n = 4 on, Z3 4.8's nlsat runs for minutes on it
    /// and does not poll its resource limit inside that search, so the deterministic rlimit cannot stop
    /// it; the family stops here. This is a budget, not a finding.
    /// </summary>
    public const int MaxDepthCauchySchwarz = 3;

    /// <summary>Every obligation of the paper, whether or not its statement is registered yet (the tests prove all of them).</summary>
    public static IReadOnlyList<(string StatementId, ObligationSpec Obligation)> All { get; } = Build();

    /// <summary>The obligations whose statement is registered; the others are held back so the Catalog never meets an unknown id.</summary>
    public IEnumerable<(string StatementId, ObligationSpec Obligation)> Obligations => RegisteredStatements.Registered(All);

    private static string Family(int n, int from = 2, int to = MaxDepth) => $"instance n = {n} of a family checked for n = {from}..{to} (symbolic n not proven)";

    /// <summary>Outward six-decimal enclosure of ln(c), from the project's guaranteed interval logarithm.</summary>
    private static (string Lo, string Hi) LnEnclosure(Rational c)
    {
        var ln = IntervalEvaluator.Evaluate(new Symbolic.Expressions.Call(Symbolic.Expressions.ScalarFunction.Ln, new Symbolic.Expressions.Const(c)), new Dictionary<string, Interval>());
        var scale = Rational.PowerOfTen(6);
        var lo = Floor(Rational.FromDouble(ln.Lo) * scale);
        var hi = Ceiling(Rational.FromDouble(ln.Hi) * scale);
        return (Decimal(lo), Decimal(hi));
    }

    private static System.Numerics.BigInteger Floor(Rational r) =>
        System.Numerics.BigInteger.Divide(r.Numerator - (r.Sign < 0 ? r.Denominator - 1 : 0), r.Denominator);

    private static System.Numerics.BigInteger Ceiling(Rational r) => -Floor(-r);

    private static string Decimal(System.Numerics.BigInteger micro)
    {
        var sign = micro.Sign < 0 ? "-" : "";
        var abs = System.Numerics.BigInteger.Abs(micro);
        var whole = abs / 1_000_000;
        var frac = (abs % 1_000_000).ToString(CultureInfo.InvariantCulture).PadLeft(6, '0');
        return $"{sign}{whole.ToString(CultureInfo.InvariantCulture)}.{frac}";
    }

    private static List<(string, ObligationSpec)> Build()
    {
        var list = new List<(string, ObligationSpec)>();
        void Add(string statement, string id, string location, string claim, ObligationExpectation expect = ObligationExpectation.Holds, string? note = null) =>
            list.Add(($"EC21.{statement}", new ObligationSpec(id, location, claim, expect, note)));
        const ObligationExpectation Fails = ObligationExpectation.Fails;
        var enclosures = new SortedDictionary<string, (string Lo, string Hi)>(StringComparer.Ordinal);
        string Ln(string name, Rational value)
        {
            enclosures[name] = LnEnclosure(value);
            return $"{name} in [{enclosures[name].Lo}, {enclosures[name].Hi}]";
        }

        for (int n = 2; n <= MaxDepth; n++)
        {
            var xs = Enumerable.Range(1, n).Select(j => $"x{j}").ToList();
            string decl = string.Join(", ", xs) + " in [0, inf)";
            string declR = string.Join(", ", xs) + " in R";
            string cross = string.Join(" + ", from j in Enumerable.Range(0, n) from k in Enumerable.Range(j + 1, n - j - 1) select $"{xs[j]}*{xs[k]}");
            string squares = string.Join(" + ", xs.Select(x => $"{x}^2"));
            Add("Lemma7", $"S1[n={n}]", "EC21 Lemma 7 proof (also Lemmas 11, 23)", $"forall {decl}: 2*({cross}) <= {n - 1}*({squares})", note: Family(n));
            Add("Lemma7", $"S1[n={n}].wrong-constant", "EC21 Lemma 7 proof", $"forall {decl}: 2*({cross}) <= {n - 2}*({squares})", Fails, Family(n));
            if (n <= MaxDepthCauchySchwarz)
            {
                string csNote = Family(n, to: MaxDepthCauchySchwarz) + "; capped: Z3's nlsat does not finish n = 4 within minutes and ignores its rlimit there";
                Add("Lemma62", $"S2b[n={n}]", "EC21 Lemma 62 (and Claims 27-29)", $"forall {declR}: ({string.Join(" + ", xs)})^2 <= {n}*({squares})", note: csNote);
                Add("Lemma62", $"S2b[n={n}].wrong-constant", "EC21 Lemma 62", $"forall {declR}: ({string.Join(" + ", xs)})^2 <= {n - 1}*({squares})", Fails, csNote);
            }
            Add("Lemma60", $"S3[n={n}]", "EC21 Lemma 60, (|w|^(1/n) + eps)^n <= |w| + 2 n eps", $"forall y in [0, 1], e in (0, 1/(2*{n})]: (y + e)^{n} <= y^{n} + 2*{n}*e", note: Family(n));
            Add("Lemma60", $"S3[n={n}].wrong-constant", "EC21 Lemma 60", $"forall y in [0, 1], e in (0, 1/(2*{n})]: (y + e)^{n} <= y^{n} + {n}*e", Fails, Family(n));
            if (n >= 3)
            {
                Add("Prop8", $"S4[n={n}]", "EC21 Prop 8, last step (p = (n-2)/n), b = 1 by homogeneity", $"forall a in [0, inf): (a^{n} + 1)^{n - 2} <= (a^{n - 2} + 1)^{n}", note: Family(n, 3));
                Add("Prop8", $"S4[n={n}].wrong-exponent", "EC21 Prop 8", $"forall a in [0, inf): (a^{n} + 1)^{n - 1} <= (a^{n - 2} + 1)^{n}", Fails, Family(n, 3));
            }
            Add("Prop8", $"S6c[n={n}]", "EC21 Prop 8, (2e)^2 <= 1/(2n)", $"forall e in (0, 1/(2*{n})]: (2*e)^2 <= 1/(2*{n})", note: Family(n));
            Add("Prop8", $"S6c[n={n}].wrong-constant", "EC21 Prop 8", $"forall e in (0, 1/(2*{n})]: (2*e)^2 <= 1/(8*{n})", Fails, Family(n));
            Add("Lemma33", $"S6a[n={n}]", "EC21 Lemma 33", $"forall D in [0, 1/(2*{n})]: {n}*D <= 2*{n}*D*(1 - {n}*D)", note: Family(n));
            Add("Lemma33", $"S6a[n={n}].wrong-constant", "EC21 Lemma 33", $"forall D in [0, 1/(2*{n})]: {n}*D <= 2*{n}*D*(1 - 2*{n}*D)", Fails, Family(n));
            for (int i = 1; i <= n; i++)
            {
                string series = string.Join(" + ", Enumerable.Range(1, i).Select(k => $"({n}*D)^{k}"));
                Add("Lemma33", $"S6b[n={n},i={i}]", "EC21 Lemma 33", $"forall A in [1, inf), D in [0, inf): (A^2 + D)^{i} - A^{2 * i} <= A^{2 * n}*({series})", note: Family(n));
            }
            // The wrong variant drops the factor n inside the series. (An earlier variant lowered the power of A
            // to A^(2n-2); that one still holds for A >= 1, and Z3 proved it, so it was not a wrong variant.)
            Add("Lemma33", $"S6b[n={n}].wrong-constant", "EC21 Lemma 33", $"forall A in [1, inf), D in [0, inf): (A^2 + D)^{n} - A^{2 * n} <= A^{2 * n}*({string.Join(" + ", Enumerable.Range(1, n).Select(k => $"D^{k}"))})", Fails, Family(n));
            Add("Lemma63", $"S18a[n={n}]", "EC21 Lemma 63, (x + 2 n e)^k <= 2^n (k = n is the largest)", $"forall x in [0, 1), e in (0, 1/(2*{n})]: (x + 2*{n}*e)^{n} <= 2^{n}", note: Family(n));
            Add("Lemma63", $"S18a[n={n}].wrong-constant", "EC21 Lemma 63", $"forall x in [0, 1), e in (0, 1/(2*{n})]: (x + 2*{n}*e)^{n} <= 2^{n - 1}", Fails, Family(n));
            Add("Lemma63", $"S18b[n={n}]", "EC21 Lemma 63", $"forall x in [0, 1), e in (0, 1/(2*{n})]: x + 1 + 2*{n}*e <= 3 && {n}*2^2 + 2*{n}*3*2 = 16*{n} && sqrt({n})*3*2 = 6*sqrt({n})", note: Family(n));
            Add("Lemma63", $"S18b[n={n}].wrong-constant", "EC21 Lemma 63", $"forall x in [0, 1), e in (0, 1/(2*{n})]: {n}*2^2 + 2*{n}*3*2 <= 14*{n}", Fails, Family(n));

            // S8 (Lemma 58 chain inside Prop 14), log-linear with enclosed constants.
            var c8 = LnEnclosure(Rational.Of(6) / Rational.Of(5));
            Add("Prop14", $"S8a[n={n}]", "EC21 Prop 14 proof, Lemma 58: t_eps <= 4s", $"forall s in [0.346573, inf), {Ln("l65", Rational.Of(6, 5))}, {Ln("l2", Rational.Of(2))}: 3*({n} + 1)/(2*{n})*(l65 - l2/2 + s) <= 4*s", note: Family(n) + "; ln(6/(5 sqrt 2)) = ln(6/5) - ln(2)/2, s >= ln sqrt 2 > 0.346573");
            Add("Prop14", $"S8a[n={n}].wrong-constant", "EC21 Prop 14 proof, Lemma 58", $"forall s in [0.346573, inf), {Ln("l65", Rational.Of(6, 5))}, {Ln("l2", Rational.Of(2))}: 3*({n} + 1)/(2*{n})*(l65 - l2/2 + s) <= s", Fails, Family(n));
            _ = c8;
            Add("Prop14", $"S8b[n={n}]", "EC21 Prop 14 proof, Lemma 58 step (62)", $"forall lR in [0, inf): 1/2*ln(5) + 1/2*lR + ln(2*{n}/3) <= ln(5*{n}) + lR", note: Family(n));
            Add("Prop14", $"S8b[n={n}].wrong-constant", "EC21 Prop 14 proof, Lemma 58", $"forall lR in [0, 1]: 1/2*ln(5) + 1/2*lR + ln(2*{n}/3) <= ln({n}) + lR/2", Fails, Family(n));
            Add("Prop14", $"S8c2[n={n}]", "EC21 Prop 14 proof, Lemma 58 (c2)", $"forall rho in (0, inf): max(1, rho)*max(1, (3/2*rho)^{n}) <= max(1, (3/2*rho)^{n + 1})", note: Family(n));
            Add("Prop14", $"S8c2[n={n}].wrong-constant", "EC21 Prop 14 proof, Lemma 58 (c2)", $"forall rho in (0, inf): max(1, rho)*max(1, (3/2*rho)^{n}) <= max(1, rho^{n + 1})", Fails, Family(n));
            Add("Prop14", $"S8c3[n={n}]", "EC21 Prop 14 proof, Lemma 58 (c3): X' <= Y^(2n)",
                $"forall s in [0.346573, inf), lr in [1.609437, inf), lrho in R, {Ln("l5n", Rational.Of(5 * n))}, {Ln("l15n", Rational.Of(15 * n))}, {Ln("l2", Rational.Of(2))}, {Ln("l15", Rational.Of(3, 2))}: l5n + 4*s + lr + ({n} + 1)*max(0, l15 + lrho) <= 2*{n}*(l15n - l2 + 2*s + lr + max(0, lrho))", note: Family(n) + "; lr = -ln|w(0)| >= ln 5 > 1.609437, lR = max(0, lrho)");
            Add("Prop14", $"S8c3[n={n}].wrong-constant", "EC21 Prop 14 proof, Lemma 58 (c3)",
                $"forall s in [0.346573, inf), lr in [1.609437, inf), lrho in R, {Ln("l5n", Rational.Of(5 * n))}, {Ln("l15n", Rational.Of(15 * n))}, {Ln("l2", Rational.Of(2))}, {Ln("l15", Rational.Of(3, 2))}: l5n + 4*s + lr + (4*{n} + 1)*max(0, l15 + lrho) <= 2*{n}*(l15n - l2 + 2*s + lr + max(0, lrho))", Fails, Family(n));

            // S9 (Theorem 15 chain), LRA per n with enclosed constants; the catalog reduces it to ln 38880 + 3n ln 1.5 < 2n + 11.
            string consts = $"{Ln("l3", Rational.Of(3))}, {Ln("l15c", Rational.Of(15))}, {Ln("l96", Rational.Of(96))}, {Ln("l15", Rational.Of(3, 2))}, {Ln($"ln{n}", Rational.Of(n))}, lam in [1.611, inf)";
            string Chain(string etaExponent, string rPower) =>
                $"forall lr in [1.609437, inf), le in [0, inf), lR in [0, inf), lM in [0, inf), kappa in R, I in R, lneta in R, {consts}: " +
                $"lM <= l15 + lR && lneta <= -{rPower}*lr - le - 17/2*ln{n} - ({etaExponent}) - ({11 * n - 5}/2)*lR - 2*lam && kappa <= l3 + ln{n} + {n}*lM + lr + lam && I <= l3 + 2*ln{n} + {5 * (n - 1)} + ({5 * (n - 1)}/2)*lR + 2*lr" +
                $" -> (l15c + 3*ln{n} + {n}*lM + kappa + lr + le) + l96 + 3/2*ln{n} + kappa + I < -lneta";
            Add("Thm15", $"S9[n={n}]", "EC21 Thm 15 proof, (T15.1)-(T15.6): eps^-1 beta gamma k eta e^I < 1/eta", Chain($"{7 * n + 6}", "5"), note: Family(n) + "; lam = ln L >= ln ln 150 > 1.611");
            Add("Thm15", $"S9[n={n}].wrong-exponent-M2", "EC21 Thm 15, e^(7n+6) -> e^(6n+6) (catalog mutation M2)", Chain($"{6 * n + 6}", "5"), Fails, Family(n));
            Add("Thm15", $"S9[n={n}].wrong-exponent-M3", "EC21 Thm 15, r^5 -> r^4 (catalog mutation M3)", Chain($"{7 * n + 6}", "4"), Fails, Family(n));
            Add("Thm15", $"S9.reduced[n={n}]", "EC21 Thm 15, reduced chain", $"ln(38880) + 3*{n}*ln(3/2) < 2*{n} + 11", note: Family(n));
            Add("Thm15", $"S22[n={n}]", "EC21 Thm 15, (T15.1) eps < 1/(2n)", $"forall r in (0, 1/5], et in (0, 1], M in [1, inf), L in [5, inf), keta in (0, inf): keta >= 2*{n}*M^{n}*L/r -> r*et/(15*{n}^3*M^{n}*keta) < 1/(2*{n})", note: Family(n) + "; L >= 5 contains L >= ln 150 = 5.0106..., a larger domain");
            Add("Thm15", $"S22[n={n}].wrong-constant", "EC21 Thm 15, (T15.1)", $"forall r in (0, 1/5], et in (0, 1], M in [1, inf), L in [5, inf), keta in (0, inf): keta >= 2*{n}*M^{n}*L/r -> r*et/(15*{n}^3*M^{n}*keta) < 1/(1000000*{n})", Fails, Family(n));
            Add("Thm32", $"S21a[n={n}]", "EC21 Thm 32, (eps-hat) chain reduced", $"ln(72900) + 8*ln(3/2) + 4*{n}*ln(3/2) <= 2*{n} + 16", note: Family(n));
            Add("Thm32", $"S21b[n={n}]", "EC21 Thm 32, (eta) chain reduced", $"ln(77760) + 5*ln(3/2) + 3*{n}*ln(3/2) <= 2*{n} + 15", note: Family(n));
            Add("Lemma65", $"S7b.73[n={n}]", "EC21 Lemma 65, step (73)", $"{n}*ln(5) + 3*ln(2*{n}/3) + 3*{n}*ln(3/2) <= 3*ln({n}) + 3*{n}", note: Family(n) + "; the 4 n lR terms on both sides cancel");
            Add("Lemma65", $"S7b.73[n={n}].wrong-constant", "EC21 Lemma 65, step (73)", $"forall lR in [0, 1]: {n}*ln(5) + 3*ln(2*{n}/3) + 3*{n}*ln(3/2) + 4*{n}*lR <= 3*ln({n}) + 2*{n} + 4*{n}*lR", Fails, Family(n));
            Add("Lemma65", $"S7b[n={n}]", "EC21 Lemma 65, final comparison", $"forall lnn in [{LnEnclosure(Rational.Of(n)).Lo}, {LnEnclosure(Rational.Of(n)).Hi}], lw in [1.609437, inf), lR in [0, inf): 3*({n} - 1)/(5*{n})*(3*lnn + 3*lw + 8*{n} + 4*{n}*lR) <= 2*lnn + 2*lw + 5*({n} - 1) + (5*({n} - 1)/2)*lR", note: Family(n) + "; ln n enclosed, lw = -ln|w(0)| >= ln 5");
            Add("Lemma65", $"S7b[n={n}].wrong-constant", "EC21 Lemma 65, final comparison", $"forall lnn in [{LnEnclosure(Rational.Of(n)).Lo}, {LnEnclosure(Rational.Of(n)).Hi}], lw in [1.609437, inf), lR in [0, inf): 3*({n} - 1)/(5*{n})*(3*lnn + 3*lw + 8*{n} + 4*{n}*lR) <= 2*lnn + 2*lw + 2*({n} - 1) + (5*({n} - 1)/2)*lR", Fails, Family(n));
        }
        Add("Thm32", "S21a.wrong-constant", "EC21 Thm 32 (n = 2)", "ln(72900) + 8*ln(3/2) + 4*2*ln(3/2) <= 2*2 + 12", Fails);
        // The next two wrong constants were 12 and 10 on an earlier branch; those variants still hold
        // (15.72 <= 16, 13.00 < 14) and the interval prover proved them, so they were not wrong variants.
        Add("Thm32", "S21b.wrong-constant", "EC21 Thm 32 (n = 2)", "ln(77760) + 5*ln(3/2) + 3*2*ln(3/2) <= 2*2 + 11", Fails);
        Add("Thm15", "S9.reduced.wrong-constant", "EC21 Thm 15 reduced chain (n = 2)", "ln(38880) + 3*2*ln(3/2) < 2*2 + 8", Fails);

        Add("Claim27", "S2a", "EC21 Claims 27-29", "forall x in R, y in R: 2*x*y <= x^2 + y^2");
        Add("Claim27", "S2a.wrong-constant", "EC21 Claims 27-29", "forall x in R, y in R: 3*x*y <= x^2 + y^2", Fails);
        Add("Prop12", "S5", "EC21 Props 12, 24", "forall m in [0, inf), e in [0, inf): m^2 + e^2 <= (m + e)^2");
        Add("Prop12", "S5.wrong-constant", "EC21 Props 12, 24", "forall m in [0, inf), e in [0, inf): m^2 + e^2 <= (m + e)^2/2", Fails);
        Add("Lemma65", "S7a", "EC21 Lemma 65", "forall n in [2, inf), u in (0, 1), e in (0, 1), t in [0, inf): 2*n^2*e*t <= 4*n^3*e*t/u && 4*n^3*e^2*t/u <= 4*n^3*e*t/u && 4*n^2*e*t/u <= 4*n^3*e*t/u && 9*(n + 1)/(5*n) <= 3", note: "symbolic n (real n >= 2)");
        Add("Lemma65", "S7a.wrong-constant", "EC21 Lemma 65", "forall n in [2, inf): 9*(n + 1)/(5*n) <= 2", Fails);
        Add("Lemma77", "S10", "EC21 Lemma 77", "forall x in (0, 1/6]: 7*x^2 - 2*x <= 0 && 9*x^2 - 9*x <= 0 && 4/(1 + 4*x) >= 12/5 && (1 - 12*x/5)*(1 + 2*x + x^2) <= 1 - x/5");
        Add("Lemma77", "S10.rho", "EC21 Lemma 77", "forall x in (0, 1/6], rho in [0, x/10]: rho*(1 - x/10) <= x/10 && (1 - x/5)/(1 - rho) <= 1 - x/10");
        Add("Lemma77", "S10.wrong-constant", "EC21 Lemma 77", "forall x in (0, 1/6]: 4/(1 + 4*x) >= 5/2", Fails);
        Add("Lemma86", "S11", "EC21 Lemma 86", "forall alpha in [1, inf), beta in (0, 1): (alpha^2 + 1)*(alpha^2*beta^2 + 1) - (alpha^2*beta + 1)^2 = alpha^2*(1 - beta)^2 && 4*alpha^4 >= alpha^4*beta^2 + alpha^2*beta^2 + alpha^2 + 1");
        Add("Lemma86", "S11.sqrt", "EC21 Lemma 86, the square-root form", "forall alpha in [1, inf), beta in (0, 1): sqrt(alpha^2*(1 - beta)^2/(alpha^4*beta^2 + alpha^2*beta^2 + alpha^2 + 1)) >= (1 - beta)/(2*alpha)");
        Add("Lemma86", "S11.wrong-constant", "EC21 Lemma 86", "forall alpha in [1, inf), beta in (0, 1): 3*alpha^4 >= alpha^4*beta^2 + alpha^2*beta^2 + alpha^2 + 1", Fails);
        Add("Lemma48", "S13", "EC21 Lemma 48 (the 0.2 of Prop 14)", "forall u in [0, 0.2]: 1 + u <= 3/2*(1 - u)");
        Add("Lemma48", "S13.wrong-constant", "EC21 Lemma 48", "forall u in [0, 0.25]: 1 + u <= 3/2*(1 - u)", Fails);
        Add("Lemma53", "S14", "EC21 Lemma 53", "forall n in [2, inf), u in (0, 0.2]: (2/3)*(n*(2/3)/u)/(n*(2/3)/u + (2/3)/u) = 2*n/(3*(n + 1))", note: "E = n (2/3)/u substituted; symbolic n");
        Add("Lemma53", "S14.wrong-constant", "EC21 Lemma 53", "forall n in [2, inf), u in (0, 0.2]: (2/3)*(n*(2/3)/u)/(n*(2/3)/u + (2/3)/u) = 2*n/(3*(n + 2))", Fails);
        Add("Lemma41", "S15", "EC21 Lemma 41", "forall n in [1, inf), z in (0, inf), nu in [-1, 1]: (z < 1 -> n*z*(nu - z) >= -2*n*z) && (z >= 1 -> n*z*(nu - z) >= -n*z*(1 + z))");
        Add("Lemma41", "S15.wrong-constant", "EC21 Lemma 41", "forall n in [1, inf), z in (0, inf), nu in [-1, 1]: z < 1 -> n*z*(nu - z) >= -n*z", Fails);
        Add("Lemma88", "S16", "EC21 Lemma 88", "forall nh in [-1/2, 1]: 1 - nh <= 3*(1 + nh)");
        Add("Lemma88", "S16.b", "EC21 Lemma 88", "forall nu in (-1, 0), nh in [(nu - 1)/2, 1]: (1 - nh)*(1 + nu) <= (3 - nu)*(1 + nh) && -nu + 4*((1 + nu)/16)/(1/2) = (1 - nu)/2");
        Add("Lemma88", "S16.wrong-constant", "EC21 Lemma 88", "forall nh in [-1/2, 1]: 1 - nh <= 2*(1 + nh)", Fails);
        Add("Lemma31", "S17", "EC21 Lemma 31", "forall n in [1, inf): (n - 1)^3 <= n^3");
        Add("Lemma31", "S17.wrong-constant", "EC21 Lemma 31", "forall n in [1, inf): (n + 1)^3 <= n^3", Fails);
        Add("Lemma66", "S19", "EC21 Lemma 66", "forall a in (0, inf), eta in (0, inf): eta > 1/(6*a) -> 12*a*eta - 1 > 1");
        Add("Lemma66", "S19.wrong-constant", "EC21 Lemma 66", "forall a in (0, inf), eta in (0, inf): eta > 1/(6*a) -> 12*a*eta - 1 > 2", Fails);
        Add("Lemma75", "S20", "EC21 Lemma 75", "forall rho in (0, 1), z in [1 - rho, 1], a in (0, inf): a*z <= a*z + (a/(4*rho))*(z - 1)^2 && a*z + (a/(4*rho))*(z - 1)^2 <= a*z + a*rho/4");
        Add("Lemma75", "S20.wrong-constant", "EC21 Lemma 75", "forall rho in (0, 1), z in [1 - rho, 1], a in (0, inf): a*z + (a/(4*rho))*(z - 1)^2 <= a*z + a*rho/8", Fails);
        Add("Cor4", "S23", "EC21 Cor 4, gamma", "forall beta in (0, inf), F in [0, inf), eps in (0, inf): beta*(sqrt(2*beta*F) + beta*eps) = sqrt(2*beta^3*F) + beta^2*eps");
        Add("Cor4", "S23.wrong-exponent", "EC21 Cor 4", "forall beta in (0, inf), F in [0, inf), eps in (0, inf): beta*(sqrt(2*beta*F) + beta*eps) = sqrt(2*beta^2*F) + beta^2*eps", Fails);
        Add("Prop20", "S12.a", "EC21 Prop 20, e^30 <= 2*10^13", "exp(30) <= 2*10^13");
        Add("Prop20", "S12.a.wrong-constant", "EC21 Prop 20", "exp(30) <= 10^13", Fails);
        Add("Prop20", "S12.b", "EC21 Prop 20, 1280 e^24 < 10^14", "1280*exp(24) < 10^14");
        Add("Prop20", "S12.b.wrong-constant", "EC21 Prop 20", "1280*exp(26) < 10^14", Fails);
        Add("Prop20", "S12.c", "EC21 Prop 20, 2 ln(8 e^12) + 1 <= 30 <=> 64 <= e^5", "64 <= exp(5) && 2*ln(8*exp(12)) + 1 <= 30");
        Add("Prop20", "S12.c.wrong-constant", "EC21 Prop 20", "2*ln(8*exp(12)) + 1 <= 29", Fails);
        Add("Prop20", "S12.d", "EC21 Prop 20, E12 = e^(-12)", "forall th in R, rb in R: th > exp(-12)/2 - 1 && 0 < rb && rb <= exp(-12)/2 -> th + 1 - rb/2 > exp(-12)/4 && (2 - 3*rb/2)/(th + 1 - rb/2) <= 8/exp(-12)");
        Add("Prop20", "S12.d.wrong-constant", "EC21 Prop 20", "forall th in R, rb in R: th > exp(-12)/2 - 1 && 0 < rb && rb <= exp(-12)/2 -> (2 - 3*rb/2)/(th + 1 - rb/2) <= 4/exp(-12)", Fails);
        Add("Prop20", "S12.e", "EC21 Prop 20, (theta0 + 1 - rho/2)/(2 - 3 rho/2) <= E12", "forall th in R, rb in R: th + 1 < exp(-12) && th > exp(-12)/2 - 1 && 0 < rb && rb <= exp(-12)/2 -> (th + 1 - rb/2)/(2 - 3*rb/2) <= exp(-12)");
        // No wrong variant for S12.e: E12 = e^-12 makes its violating region too thin for the interval prover; S12.a-d carry Prop 20's.

        foreach (var (name, (lo, hi)) in enclosures)
        {
            string value = name switch
            {
                "l65" => "6/5",
                "l2" => "2",
                "l15" => "3/2",
                "l3" => "3",
                "l15c" => "15",
                "l96" => "96",
                _ when name.StartsWith("l5n", StringComparison.Ordinal) => "",
                _ => "",
            };
            if (value.Length > 0)
            {
                Add("Thm15", $"enclosure.ln({value})", "EC21 §15 reformulation (ii): rational enclosure of a logarithm", $"{lo} <= ln({value}) && ln({value}) <= {hi}");
            }
        }
        for (int n = 2; n <= MaxDepth; n++)
        {
            foreach (var (label, v) in new[] { ($"ln{n}", n), ("l5n", 5 * n), ("l15n", 15 * n) })
            {
                var (lo, hi) = LnEnclosure(Rational.Of(v));
                Add("Thm15", $"enclosure.ln({v})[{label}]", "EC21 §15 reformulation (ii): rational enclosure of a logarithm", $"{lo} <= ln({v}) && ln({v}) <= {hi}");
            }
        }
        Add("Thm15", "enclosure.ln(3).wrong-constant", "EC21 §15", "1.0987 <= ln(3)", Fails);
        Add("Thm15", "enclosure.lnln150", "EC21 Thm 15, lam = ln ln 150 >= 1.611", "ln(ln(150)) >= 1.611");
        Add("Thm15", "enclosure.ln5", "EC21 Prop 14/Thm 15, ln 5 >= 1.609437 and ln sqrt 2 >= 0.346573", "ln(5) >= 1.609437 && ln(sqrt(2)) >= 0.346573");
        return list;
    }
}
