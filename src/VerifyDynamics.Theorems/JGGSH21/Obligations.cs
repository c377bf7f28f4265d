using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// The scalar inequalities of JGGSH21 (catalog §10 table, and the "SMT:" lines of the entries), each
/// attached to its statement with a wrong variant that must be refuted.
/// <para>
/// Encoding notes. A side condition Π a_ℓ = t^L is substituted, t = (Π a_ℓ)^(1/L), as an exact power
/// node, so the interval prover never has to meet an equality. Families in the depth L are
/// instantiated for L = 2..<see cref="MaxDepth"/> (each obligation says which L); symbolic L is not
/// proven. Statements whose printed proof step is false (Cor 21) carry that step as an obligation
/// expected to fail, next to the corrected step expected to hold. Not encoded: the ∀τ converse of the
/// Prop 7 construction (quantifier alternation), and the rate substitutions of Prop 2/11 beyond y² ≤ y.
/// </para>
/// </summary>
public sealed class Jggsh21Obligations : IObligationBank
{
    /// <summary>Largest depth L for which the L-families are instantiated (the catalog verified 2..5).</summary>
    public const int MaxDepth = 5;

    /// <summary>Every obligation of the paper, whether or not its statement is registered yet (the tests prove all of them).</summary>
    public static IReadOnlyList<(string StatementId, ObligationSpec Obligation)> All { get; } = Build();

    /// <summary>The obligations whose statement is registered; the others are held back so the Catalog never meets an unknown id.</summary>
    public IEnumerable<(string StatementId, ObligationSpec Obligation)> Obligations => RegisteredStatements.Registered(All);

    private static string Family(int l, int from = 2) => $"instance L = {l} of a family checked for L = {from}..{MaxDepth} (symbolic L not proven)";

    private static List<(string, ObligationSpec)> Build()
    {
        var list = new List<(string, ObligationSpec)>();
        void Add(string statement, string id, string location, string claim, ObligationExpectation expect = ObligationExpectation.Holds, string? note = null) =>
            list.Add(($"JGGSH21.{statement}", new ObligationSpec(id, location, claim, expect, note)));
        const ObligationExpectation Fails = ObligationExpectation.Fails;

        for (int l = 2; l <= MaxDepth; l++)
        {
            var a = Enumerable.Range(1, l).Select(i => $"a{i}").ToList();
            string decl = string.Join(", ", a) + " in [0, inf)";
            string product = string.Join("*", a);
            string squares = string.Join(" + ", a.Select(x => $"{x}^2"));
            Add("Prop5", $"AM-GM[L={l}]", "JGGSH21 Prop 5 / Lemma 39, ||theta||^2 >= L ||A||_{2/L}^{2/L}", $"forall {decl}: {squares} >= {l}*({product})^(2/{l})", note: Family(l) + "; t = (prod a)^(1/L) substitutes the side condition prod a = t^L");
            Add("Prop5", $"AM-GM[L={l}].wrong-exponent-p=1/L", "JGGSH21 Prop 5 mutant p = 1/L", $"forall {decl}: {squares} >= {l}*({product})^(1/{l})", Fails, Family(l));
            Add("Lemma39", $"AM-GM-sum[L={l}]", "JGGSH21 Lemma 39", $"forall {decl}: ({string.Join(" + ", a)})^{l} >= {l}^{l}*{product}", note: Family(l));
            Add("Lemma39", $"AM-GM-sum[L={l}].wrong-constant", "JGGSH21 Lemma 39", $"forall {decl}: ({string.Join(" + ", a)})^{l} >= {l + 1}^{l}*{product}", Fails, Family(l));
            var x = Enumerable.Range(1, l).Select(i => $"x{i}").ToList();
            string xdecl = string.Join(", ", x) + " in [1, inf)";
            if (l <= 3)
            {
                // Each factor x + t <= (1 + t) x for x >= 1; nlsat needs minutes for the product at L >= 4, so the
                // corrected step is checked for L = 2, 3 (the catalog verified L = 3).
                Add("Cor21", $"step-corrected[L={l}]", "JGGSH21 Cor 21 proof, corrected step", $"forall {xdecl}, t in [0, inf): {string.Join("*", x.Select(v => $"({v} + t)"))} <= (1 + t)^{l}*{string.Join("*", x)}", note: $"instance L = {l} of a family checked for L = 2..3 (symbolic L not proven)");
            }
            if (l <= 4)
            {
                // At L = 5 Z3 4.8's nlsat searches for minutes before finding the model and does not poll its
                // rlimit there, so the printed step is refuted for L = 2..4 only (L = 2 already shows it is false).
                Add("Cor21", $"step-as-printed[L={l}]", "JGGSH21 Cor 21 proof step as printed (catalog: FALSE, z3 model x = (2, 2), t = 1)", $"forall {xdecl}, t in [0, inf): {string.Join("*", x.Select(v => $"({v} + t)"))} <= (1 + t)*{string.Join("*", x)}", Fails, $"instance L = {l} of a family checked for L = 2..4 (capped: Z3 needs minutes at L = 5; symbolic L not proven)");
            }
            Add("Cor21", $"bernoulli[L={l}]", "JGGSH21 Cor 21", $"forall q in [0, 1/2]: (1 - 2*q)^{l} >= 1 - 2*{l}*q", note: Family(l));
            Add("Cor21", $"bernoulli[L={l}].wrong-constant", "JGGSH21 Cor 21", $"forall q in [0, 1/2]: (1 - 2*q)^{l} >= 1 - {l}*q", Fails, Family(l));
            long p = 1;
            for (int i = 0; i < l - 2; i++)
            {
                p *= 4;
            }
            long c1 = 4L * l * p, c2 = (long)l * (l - 1) * p;
            Add("Lemma15", $"constants[L={l}]", "JGGSH21 Lemma 15, c_1 = 4LP, c_2 = L(L-1)P, c_3 = L/(32 c_1 c_2), P = 4^(L-2)", $"{l}/(32*{c1}*{c2}) <= 1 && 3/4*{l} - 2*{c1}*{c2}*({l}/(32*{c1}*{c2})) >= {l}/2", note: Family(l));
            Add("Lemma15", $"constants[L={l}].wrong-constant", "JGGSH21 Lemma 15 with c_3 = L/(2 c_1 c_2)", $"3/4*{l} - 2*{c1}*{c2}*({l}/(2*{c1}*{c2})) >= {l}/2", Fails, Family(l));
            if (l >= 3)
            {
                Add("Lemma35", $"telescoping[k={l + 1}]", "JGGSH21 Lemma 35", $"forall x in R, y in R: x^{l} - y^{l} = (x - y)*({string.Join(" + ", Enumerable.Range(0, l).Select(i => $"x^{i}*y^{l - 1 - i}"))})", note: $"k = {l + 1}, family k = 4..{MaxDepth + 1}");
                Add("Lemma35", $"telescoping[k={l + 1}].wrong-exponent", "JGGSH21 Lemma 35", $"forall x in R, y in R: x^{l} - y^{l} = (x - y)*({string.Join(" + ", Enumerable.Range(0, l - 1).Select(i => $"x^{i}*y^{l - 1 - i}"))})", Fails);
                Add("Lemma24", $"margin[L={l}]", "JGGSH21 Lemma 24", $"forall s1 in (0, inf), si in [0, s1): 2*(s1 - si)*{l}^(-({l} - 2)/2) > 0 && 2*(s1 + si)*{l}^(-({l} - 2)/2) > 0", note: Family(l, 3));
                Add("Lemma24", $"margin[L={l}].wrong-constant", "JGGSH21 Lemma 24 with s_i <= s_1", $"forall s1 in (0, inf), si in [0, s1]: 2*(s1 - si)*{l}^(-({l} - 2)/2) > 0", Fails, Family(l, 3));
            }
        }
        Add("Prop10", "square", "JGGSH21 Prop 10, strongly convex => PL (1-D core)", "forall beta in (0, inf), g in R, d in R: 2*beta*g*d + beta^2*d^2 + g^2 >= 0");
        Add("Prop10", "square.wrong-constant", "JGGSH21 Prop 10", "forall beta in (0, inf), g in R, d in R: 3*beta*g*d + beta^2*d^2 + g^2 >= 0", Fails);
        Add("Cor12", "gradient-bound", "JGGSH21 Cor 12", "forall beta in (0, inf), g in [0, inf), d in [0, inf), D in [0, inf): beta*D <= g^2/2 && D >= beta/2*d^2 -> g >= beta*d");
        Add("Cor12", "gradient-bound.wrong-constant", "JGGSH21 Cor 12 (doubled constant)", "forall beta in (0, inf), g in [0, inf), d in [0, inf), D in [0, inf): beta*D <= g^2/2 && D >= beta/2*d^2 -> g >= 2*beta*d", Fails);
        Add("Prop2", "width", "JGGSH21 Prop 2 / 16, width condition => r^2 <= R^2 (L = 3, S = sigma^(2/L), V = w^(1/L))", "forall V in (0, inf), c3 in (0, inf), beta in (0, inf), S in (0, inf), C1 in (0, inf): V^3*c3^2*beta*S^3 >= 4*C1 -> 2*C1 <= c3^2*S*V*(beta/2)*3*S^2*V^2");
        Add("Prop2", "width.wrong-constant", "JGGSH21 Prop 2 / 16", "forall V in (0, inf), c3 in (0, inf), beta in (0, inf), S in (0, inf), C1 in (0, inf): V^3*c3^2*beta*S^3 >= 4*C1 -> 8*C1 <= c3^2*S*V*(beta/2)*3*S^2*V^2", Fails);
        Add("Prop2", "rate", "JGGSH21 Prop 2, e^(-2 beta' t) <= e^(-beta' t) with y = e^(-beta' t)", "forall y in (0, 1]: y^2 <= y");
        Add("Prop2", "rate.exp", "JGGSH21 Prop 2, the rate comparison itself", "forall b in (0, 10], t in [0, 10]: exp(-2*b*t) <= exp(-b*t)");
        Add("Prop2", "rate.wrong-exponent", "JGGSH21 Prop 2", "forall b in (0, 10], t in [0, 10]: exp(-b*t) <= exp(-2*b*t)", Fails);
        Add("Prop36", "exponents", "JGGSH21 Prop 36, finiteness of the exponents", "forall k in (2, inf), m in R, beta in (1, inf): m >= 2*k - 2 && beta*(k - 2) < 2*m - 3*k + 4 -> 2*(m + 1 - k) > (beta + 1)*(k - 2)");
        Add("Prop36", "exponents.wrong-constant", "JGGSH21 Prop 36", "forall k in (2, inf), m in R, beta in (1, inf): m >= 2*k - 2 && beta*(k - 2) < 2*m - 3*k + 4 -> 2*(m + 1 - k) > (beta + 2)*(k - 2)", Fails);
        Add("Prop7", "construction", "JGGSH21 Prop 7 construction (L = 3)", "forall tau in (0, inf), b in R, lam in R: tau^4 - b*tau + lam = 0 -> 256*lam^3 <= 27*b^4");
        Add("Prop7", "construction.wrong-constant", "JGGSH21 Prop 7 construction", "forall tau in (0, inf), b in R, lam in R: tau^4 - b*tau + lam = 0 -> 512*lam^3 <= 27*b^4", Fails);
        Add("Fact.Schatten", "nonconvexity", "JGGSH21 Fact.Schatten, y^3 = 1/2 => 2y^2 > 1", "2*(1/2)^(2/3) > 1");
        Add("Fact.Schatten", "nonconvexity.wrong-constant", "JGGSH21 Fact.Schatten", "2*(1/2)^(2/3) > 2", Fails);
        Add("Fact.DiagonalEscapeTime", "conversion", "JGGSH21 Fact.DiagonalEscapeTime, q^2 = L (L = 3)", "forall a in (0, inf): (sqrt(3)*a)^(-1)*sqrt(3)^1 = a^(-1)");
        Add("Fact.DiagonalEscapeTime", "conversion[L=4]", "JGGSH21 Fact.DiagonalEscapeTime, q^2 = L (L = 4)", "forall a in (0, inf): (sqrt(4)*a)^(-2)*sqrt(4)^2 = a^(-2)", note: "instance L = 4 of a family checked for L = 3..4 (symbolic L not proven)");
        Add("Fact.DiagonalEscapeTime", "conversion.wrong-exponent", "JGGSH21 Fact.DiagonalEscapeTime", "forall a in (0, inf): (sqrt(3)*a)^(-1)*sqrt(3)^2 = a^(-1)", Fails);
        Add("Fact.MsePL", "diagonal-core", "JGGSH21 Fact.MsePL (two terms)", "forall d1 in R, d2 in R, s0 in [0, inf), x1 in [s0, inf), x2 in [s0, inf): d1^2*x1^4 + d2^2*x2^4 - s0^2*(d1^2*x1^2 + d2^2*x2^2) >= 0");
        Add("Fact.MsePL", "diagonal-core.wrong-constant", "JGGSH21 Fact.MsePL", "forall d1 in R, d2 in R, s0 in [0, inf), x1 in [s0, inf), x2 in [s0, inf): d1^2*x1^4 + d2^2*x2^4 - 2*s0^2*(d1^2*x1^2 + d2^2*x2^2) >= 0", Fails);
        Add("Fact.McPL", "core", "JGGSH21 Fact.McPL", "forall c in [1, inf), d in R: c^2*d^2 >= c*d^2");
        Add("Fact.McPL", "core.wrong-constant", "JGGSH21 Fact.McPL", "forall c in [1/2, inf), d in R: c^2*d^2 >= c*d^2", Fails);
        Add("Prop6", "soft-threshold", "JGGSH21 Prop 6", "forall x in R, lam in R: x > 2*lam -> -2*x + 4*lam < 0");
        Add("Prop6", "soft-threshold.wrong-constant", "JGGSH21 Prop 6 with lambda instead of 2 lambda", "forall x in R, lam in [0, inf): x > lam -> -2*x + 4*lam < 0", Fails);
        Add("Lemma38", "comparison", "JGGSH21 Lemma 38 (alpha = 2): y = 1/(1/x0 - c t) solves y' = c y^2", "forall x0 in (0, inf), c in (0, inf), t in [0, inf): 1/x0 - c*t > 0 -> c/(1/x0 - c*t)^2 = c*(1/(1/x0 - c*t))^2");
        Add("Lemma38", "comparison.wrong-exponent", "JGGSH21 Lemma 38", "forall x0 in (0, inf), c in (0, inf), t in [0, inf): 1/x0 - c*t > 0 -> c/(1/x0 - c*t) = c*(1/(1/x0 - c*t))^2", Fails);
        return list;
    }
}
