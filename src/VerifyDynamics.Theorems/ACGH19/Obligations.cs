using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.ACGH19;

/// <summary>
/// The scalar inequalities of ACGH19 (catalog §10, "Z3 bank"), each attached to the statement whose
/// proof uses it, with at least one wrong variant (a constant or exponent changed) that must be refuted.
/// <para>
/// Encoding notes. The catalog's auxiliary roots are exact power nodes: q = 4^(1/N) (q^N = 4),
/// p2 = 2^(1/N), w = (3/4)^(1/N); the provers see them as r ≥ 0 with r^N = c. Families in the depth N
/// are instantiated for N = 1..<see cref="MaxDepth"/> (each obligation says which N); symbolic N is not
/// proven. Where the catalog states a hypothesis such as eta ≤ (bound), the bound is the premise of an
/// implication, so the obligation holds for every admissible eta. Negative exponents (N = 1) are
/// avoided by multiplying through, as the catalog asks. Identities are written with '='.
/// </para>
/// </summary>
public sealed class Acgh19Obligations : IObligationBank
{
    /// <summary>
    /// Largest depth N for which the N-families are instantiated. The catalog asks for 1..8; Z3's nlsat
    /// needs minutes from N = 3 on for the step-size families in four variables of degree 6N
    /// (<see cref="MaxDepthStepSize"/>), so those stop earlier; this is a budget, not a finding.
    /// </summary>
    public const int MaxDepth = 4;

    /// <summary>Largest N for the families under the step-size premise E7 (Z-T1.1, Z-L7.27*, Z-L7.28*, Z-L2.37b, Z-T2.e, Z-T2.i).</summary>
    public const int MaxDepthStepSize = 2;

    private const string Pos = "(0, inf)";

    /// <summary>Every obligation of the paper, whether or not its statement is registered yet (the tests prove all of them).</summary>
    public static IReadOnlyList<(string StatementId, ObligationSpec Obligation)> All { get; } = Build();

    /// <summary>The obligations whose statement is registered; the others are held back so the Catalog never meets an unknown id.</summary>
    public IEnumerable<(string StatementId, ObligationSpec Obligation)> Obligations => RegisteredStatements.Registered(All);

    private static string Family(int n) => n <= MaxDepthStepSize
        ? $"instance N = {n} of a family checked for N = 1..{MaxDepth} (step-size families: 1..{MaxDepthStepSize}; symbolic N not proven)"
        : $"instance N = {n} of a family checked for N = 1..{MaxDepth} (symbolic N not proven)";

    private static List<(string, ObligationSpec)> Build()
    {
        var list = new List<(string, ObligationSpec)>();
        void Add(string statement, string id, string location, string claim, ObligationExpectation expect = ObligationExpectation.Holds, string? note = null) =>
            list.Add(($"ACGH19.{statement}", new ObligationSpec(id, location, claim, expect, note)));
        const ObligationExpectation Fails = ObligationExpectation.Fails;

        for (int n = 1; n <= MaxDepth; n++)
        {
            long n3 = (long)n * n * n;
            // E7: eta * 6144 N^3 b^(6N-4) <= u^(4N-2), the step-size premise (7) after u = c^(1/N), b = ||Phi||_F^(1/N).
            // Templated: {eta_denominator} is replaced by the value in force, so --set re-derives the family.
            string e7 = $"eta*{{eta_denominator}}*{n3}*b^{6 * n - 4} <= u^{4 * n - 2}";
            string uvb = $"forall u in {Pos}, b in [u, inf), eta in {Pos}";
            string uvbv = $"forall u in {Pos}, b in [u, inf), v in [u, inf), eta in {Pos}";
            string q(int k) => $"4^({k}/{n})";
            // td = 2 delta = u^(2N)/((delta_denominator/2) N^3 b^(2N-2)), templated.
            string td = $"u^{2 * n}/(({{delta_denominator}}/2)*{n3}*b^{2 * n - 2})";
            if (n <= MaxDepthStepSize)
            {
                Add("Thm1", $"Z-T1.1[N={n}]", "ACGH19 Thm 1 proof, (13): kappa = eta*c^(2(N-1)/N) <= 1, so 0 <= 1 - kappa <= e^(-kappa)", $"{uvb}: {e7} -> eta*u^{2 * n - 2} <= 1", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Thm1", $"Z-T1.1[N={n}].wrong-exponent", "ACGH19 Thm 1 proof, (13)", $"{uvb}: {e7} -> eta*u^{2 * n} <= 1", Fails, Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                // Theorem 1 rests on Lemma 1 (= Lemmas 2 and 7); the steps where 6144 and 256 enter, at the constants in force.
                Add("Thm1", $"Z-T1.37[N={n}]", "ACGH19 Thm 1 via Lemma 2, (37): the imbalance drift stays <= delta",
                    $"forall u in {Pos}, b in [u, inf): 16*u^{2 * n}/({{eta_denominator}}*{n3}*b^{2 * n - 2}) <= u^{2 * n}/({{delta_denominator}}*{n3}*b^{2 * n - 2})", note: Family(n));
                Add("Thm1", $"Z-T1.27c[N={n}]", "ACGH19 Thm 1 via Lemma 7, (27): second-order terms fit under the descent (9)",
                    $"{uvbv}: {e7} -> 24*eta*{n * n}*{q(4 * n - 4)}*b^{4 * n - 4} <= v^{2 * n - 2}", note: Family(n));
                Add("Thm1", $"Z-T1.28b[N={n}]", "ACGH19 Thm 1 via Lemma 7, (28): the imbalance term fits under the descent (9)",
                    $"forall u in {Pos}, b in [u, inf), v in [u, inf): {td}*6*{n * n}*{q(2 * n - 2)}*b^{2 * n - 2} <= v^{2 * n}", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.27a[N={n}]", "ACGH19 Lemma 7 / (27)", $"{uvb}: {e7} -> 2*eta*{q(n - 2)}*b^{2 * n - 2}*{n} <= 1", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.27a[N={n}].wrong-exponent", "ACGH19 Lemma 7 / (27)", $"{uvb}: {e7} -> 2*eta*{q(n - 2)}*b^{2 * n + 1}*{n} <= 1", Fails, Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.27b[N={n}]", "ACGH19 Lemma 7 / (27)", $"{uvbv}: {e7} -> 48*eta*{q(3 * n - 4)}*b^{4 * n - 4}*{n * n} <= v^{2 * n - 2}", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.27b[N={n}].wrong-exponent", "ACGH19 Lemma 7 / (27)", $"{uvbv}: {e7} -> 48*eta*{q(3 * n - 4)}*b^{4 * n - 2}*{n * n} <= v^{2 * n - 2}", Fails, Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.27c[N={n}]", "ACGH19 Lemma 7 / (27), tight constant 24*4^4 = 6144", $"{uvbv}: {e7} -> 24*eta*{n * n}*{q(4 * n - 4)}*b^{4 * n - 4} <= v^{2 * n - 2}", note: Family(n));
            }
            if (n >= 2)
            {
                if (n <= MaxDepthStepSize)
                {
                    Add("Lemma7", $"Z-L7.27c[N={n}].wrong-constant", "ACGH19 Lemma 7 / (27)", $"{uvbv}: {e7} -> 24*eta*{n * n}*{q(4 * n - 4)}*b^{4 * n - 4} <= v^{2 * n - 2}/(2*{n3}*4^2)", Fails, Family(n));
                }
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.27d[N={n}]", "ACGH19 Lemma 7 / (27)", $"{uvbv}: {e7} -> 96*eta^3*{q(6 * n - 8)}*b^{8 * n - 8}*{n * n * n * n} <= v^{2 * n - 2}", note: Family(n));
            }
            if (n >= 2)
            {
                if (n <= MaxDepthStepSize)
                {
                    Add("Lemma7", $"Z-L7.27d[N={n}].wrong-exponent", "ACGH19 Lemma 7 / (27)", $"{uvbv}: {e7} -> 96*eta*{q(6 * n - 8)}*b^{8 * n - 8}*{n * n * n * n} <= v^{2 * n - 2}", Fails, Family(n));
                }
            }
            string uvbOnly = $"forall u in {Pos}, b in [u, inf), v in [u, inf)";
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.28a[N={n}]", "ACGH19 Lemma 7 / (28)", $"{uvbOnly}: {td}*8*{n3}*{q(2 * n - 4)}*b^{2 * n - 4} <= v^{2 * n - 2}", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.28a[N={n}].wrong-exponent", "ACGH19 Lemma 7 / (28)", $"{uvbOnly}: {td}*8*{n3}*{q(2 * n - 4)}*b^{2 * n - 3} <= v^{2 * n - 2}", Fails, Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.28b[N={n}]", "ACGH19 Lemma 7 / (28)", $"{uvbOnly}: {td}*6*{n * n}*{q(2 * n - 2)}*b^{2 * n - 2} <= v^{2 * n}", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma7", $"Z-L7.28b[N={n}].wrong-constant", "ACGH19 Lemma 7 / (28)", $"{uvbOnly}: {td}*6*{n * n}*{q(2 * n - 2)}*b^{2 * n - 2} <= v^{2 * n}/(100*{n3})", Fails, Family(n));
            }
            string sum = n == 1 ? "0" : string.Join(" + ", Enumerable.Range(2, n - 1).Select(k => $"x^{k - 1}"));
            Add("Lemma7", $"Z-L7.30[N={n}]", "ACGH19 Lemma 7 / (30)", $"forall x in [0, 1/2]: {sum} <= 2*x", note: Family(n));
            if (n >= 3)
            {
                Add("Lemma7", $"Z-L7.30[N={n}].wrong-constant", "ACGH19 Lemma 7 / (30)", $"forall x in [0, 1/2]: {sum} <= 9/8*x", Fails, Family(n));
            }
            for (int k = 1; k <= n; k++)
            {
                long binom = Binomial(n, k);
                Add("Lemma7", $"Z-L7.30b[N={n},k={k}]", "ACGH19 Lemma 7 / (30), binom(N,k) <= N^k", $"{binom} <= {n}^{k}", note: Family(n));
            }
            Add("Lemma7", $"Z-L7.lam[N={n}]", "ACGH19 Lemma 7, Lambda_min >= (3/4) sigma^(2(N-1)/N)", $"forall S in (0, 10]: (3/4)^({n - 1}/{n})*S >= 3/4*S", note: Family(n) + "; linear in S, so S in (0, 10] loses nothing");
            if (n >= 2)
            {
                Add("Lemma7", $"Z-L7.lam[N={n}].wrong-constant", "ACGH19 Lemma 7", $"forall S in (0, 10]: (3/4)^({n - 1}/{n})*S >= S", Fails, Family(n));
            }
            Add("Lemma2", $"Z-L2.34[N={n}]", "ACGH19 Lemma 2, (34)", $"forall u in {Pos}, b in [u, inf): 30*u^{2 * n} < 128*{n}*b^{2 * n}", note: Family(n));
            Add("Lemma2", $"Z-L2.34[N={n}].wrong-constant", "ACGH19 Lemma 2, (34)", $"forall u in {Pos}, b in [u, inf): 30*u^{2 * n} < 1/2*{n}*b^{2 * n}", Fails, Family(n));
            Add("Lemma2", $"Z-L2.37a[N={n}]", "ACGH19 Lemma 2, (37)", $"4*2^({2 * n - 2}/{n}) <= 16", note: Family(n));
            Add("Lemma2", $"Z-L2.37a[N={n}].wrong-constant", "ACGH19 Lemma 2, (37)", $"4*2^({2 * n - 2}/{n}) <= 3", Fails, Family(n));
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma2", $"Z-L2.37b[N={n}]", "ACGH19 Lemma 2, (37): 1/384 <= 1/256", $"forall u in {Pos}, b in [u, inf): 16*u^{2 * n}/({{eta_denominator}}*{n3}*b^{2 * n - 2}) <= u^{2 * n}/({{delta_denominator}}*{n3}*b^{2 * n - 2})", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Lemma2", $"Z-L2.37b[N={n}].wrong-constant", "ACGH19 Lemma 2, (37)", $"forall u in {Pos}, b in [u, inf): 16*u^{2 * n}/(6144*{n3}*b^{2 * n - 2}) <= u^{2 * n}/(512*{n3}*b^{2 * n - 2})", Fails, Family(n));
            }
            Add("Lemma2", $"Z-L2.Aprime[N={n}]", "ACGH19 Lemma 2, A'(t)", $"2*2^({n - 1}/{n}) <= 4", note: Family(n));
            Add("Lemma2", $"Z-L2.Aprime[N={n}].wrong-constant", "ACGH19 Lemma 2, A'(t)", $"2*2^({n - 1}/{n}) <= 2", n == 1 ? ObligationExpectation.Holds : Fails, Family(n) + (n == 1 ? "; at N = 1 the factor is 2^0 = 1, so this variant still holds (control)" : ""));
            if (n >= 2)
            {
                Add("Lemma6", $"Z-L6.a[N={n}]", "ACGH19 Lemma 6 proof", $"2^(1/{n}) - (5/4)^(1/{n}) >= 1/({{thirty}}*{n})", note: Family(n));
                Add("Lemma6", $"Z-L6.a[N={n}].wrong-constant", "ACGH19 Lemma 6 proof", $"2^(1/{n}) - (5/4)^(1/{n}) >= 1/{n}", Fails, Family(n));
            }
            Add("Lemma6", $"Z-L6.b[N={n}]", "ACGH19 Lemma 6 proof, e^(1/30) <= 1.0339", $"forall s in {Pos}, nu in (0, s/({{thirty}}*{n * n})]: 3/2*nu*(s + nu*{n})^{n - 1}*{n * n} <= 1.0339/20*s^{n}", note: Family(n));
            Add("Lemma6", $"Z-L6.b[N={n}].wrong-constant", "ACGH19 Lemma 6 proof", $"forall s in {Pos}, nu in (0, s/(30*{n * n})]: 3/2*nu*(s + nu*{n})^{n - 1}*{n * n} <= 1/40*s^{n}", Fails, Family(n));
            Add("Lemma6", $"Z-L6.e[N={n}]", "ACGH19 Lemma 6, closing step", $"forall z in [0, inf), kk in (4/5, inf): z^{n}*kk < 1 -> z^{n} < 5/4", note: Family(n));
            Add("Lemma6", $"Z-L6.e[N={n}].wrong-constant", "ACGH19 Lemma 6, closing step", $"forall z in [0, inf), kk in (4/5, inf): z^{n}*kk < 1 -> z^{n} < 1", Fails, Family(n));
            // G = g^(1/N), P = phi^(1/N) > 0; p2^(4N-2) = 2^((4N-2)/N).
            if (n <= MaxDepthStepSize)
            {
                Add("Thm2", $"Z-T2.e[N={n}]", "ACGH19 Thm 2 proof, (39) => (7) at c_0", $"forall G in {Pos}, P in {Pos}: G^{4 * n - 2}/(2^4*6144*{n3}*P^{10 * n - 6}) <= G^{4 * n - 2}/(2^({4 * n - 2}/{n})*6144*{n3}*P^{10 * n - 6})", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Thm2", $"Z-T2.e[N={n}].wrong-constant", "ACGH19 Thm 2 proof", $"forall G in {Pos}, P in {Pos}: G^{4 * n - 2}/(2*6144*{n3}*P^{10 * n - 6}) <= G^{4 * n - 2}/(2^({4 * n - 2}/{n})*6144*{n3}*P^{10 * n - 6})", Fails, Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Thm2", $"Z-T2.i[N={n}]", "ACGH19 Thm 2 proof, eta satisfies (7) at c = phi/2", $"forall phi in {Pos}, a in [2, inf), d in [1, inf), g in (0, phi^2/(a*d)]: g^{4 * n - 2} <= 4*phi^{8 * n - 4}", note: Family(n));
            }
            if (n <= MaxDepthStepSize)
            {
                Add("Thm2", $"Z-T2.i[N={n}].wrong-exponent", "ACGH19 Thm 2 proof", $"forall phi in {Pos}, a in [2, inf), d in [1, inf), g in (0, phi^2/(a*d)]: g^{4 * n - 2} <= 4*phi^{8 * n - 5}", Fails, Family(n));
            }
            Add("Thm2", $"Z-T2.j[N={n}]", "ACGH19 Thm 2 proof, 2^(2-2/N) <= 4", $"2^({2 * n - 2}/{n}) <= 4", note: Family(n));
            Add("Thm2", $"Z-T2.j[N={n}].wrong-constant", "ACGH19 Thm 2 proof", $"2^({2 * n - 2}/{n}) <= 1", n == 1 ? ObligationExpectation.Holds : Fails, Family(n) + (n == 1 ? "; at N = 1 the power is 2^0 = 1, so this variant still holds (control)" : ""));
            Add("Claim4", $"Z-C4.a[N={n}]", "ACGH19 Claim 4 proof, (1-c)/(1-c^(1/N)) <= N", $"forall u in [0, 1): 1 - u^{n} <= {n}*(1 - u)", note: Family(n));
            if (n >= 2)
            {
                Add("Claim4", $"Z-C4.a[N={n}].wrong-constant", "ACGH19 Claim 4 proof", $"forall u in [0, 1): 1 - u^{n} <= {n - 1}*(1 - u)", Fails, Family(n));
            }
            Add("Lemma17", $"Z-C4.b[N={n}]", "ACGH19 Lemma 17 base case", $"forall A in {Pos}, eta in {Pos}, u in [0, 1): A^2 >= eta*{n} -> u*A + eta*(1 - u^{n})/A <= A", note: Family(n));
            Add("Lemma17", $"Z-C4.b[N={n}].wrong-constant", "ACGH19 Lemma 17 base case", $"forall A in {Pos}, eta in {Pos}, u in [0, 1): A^2 >= eta*{n}/4 -> u*A + eta*(1 - u^{n})/A <= A", Fails, Family(n));
            Add("Lemma17", $"Z-C4.b2[N={n}]", "ACGH19 Lemma 17, W_j(1) >= 3A/4", $"forall u in [0, 1): 3/4 <= u^{n} -> u >= 3/4", note: Family(n));
            if (n >= 2)
            {
                Add("Lemma17", $"Z-C4.b2[N={n}].wrong-constant", "ACGH19 Lemma 17", $"forall u in [0, 1): 3/4 <= u^{n} -> u >= 1 - 1/(10*{n})", Fails, Family(n));
                Add("Lemma17", $"Z-C4.c[N={n}]", "ACGH19 Lemma 17, (50)", $"2000^{2 * n - 2} >= 20*10^{2 * n - 1}", note: Family(n));
                Add("Lemma17", $"Z-C4.c[N={n}].wrong-constant", "ACGH19 Lemma 17, (50)", $"20^{2 * n - 2} >= 20*10^{2 * n - 1}", Fails, Family(n));
                Add("Lemma17", $"Z-C4.d[N={n}]", "ACGH19 Lemma 17, (50)", $"forall eta in (0, 1], A in {Pos}: eta^{2 * n}*A^{2 * n - 2} >= 20*10^{2 * n - 1} -> eta^{2 * n}*(A/10)^{2 * n - 1} >= 20*A", note: Family(n));
                Add("Lemma17", $"Z-C4.d[N={n}].wrong-constant", "ACGH19 Lemma 17, (50)", $"forall eta in (0, 1], A in {Pos}: eta^{2 * n}*A^{2 * n - 2} >= 20*10^{2 * n - 1} -> eta^{2 * n}*(A/10)^{2 * n - 1} >= 2000*A", Fails, Family(n));
                Add("Lemma17", $"Z-C4.d2[N={n}]", "ACGH19 Lemma 17, (50)", $"forall eta in [1, inf), A in [2000, inf): eta*(A/10)^{2 * n - 1} >= 20*eta*A", note: Family(n));
                Add("Lemma17", $"Z-C4.d2[N={n}].wrong-constant", "ACGH19 Lemma 17, (50)", $"forall eta in [1, inf), A in [20, inf): eta*(A/10)^{2 * n - 1} >= 20*eta*A", Fails, Family(n));
                Add("Lemma17", $"Z-C4.e[N={n}]", "ACGH19 Lemma 17 induction step", $"forall B in [2, inf), C in (B, inf), eta in {Pos}: eta*B^{2 * n - 1} >= 20*C -> C - eta*(B^{n} - 1)*B^{n - 1} <= -9*C", note: Family(n));
                Add("Lemma17", $"Z-C4.e[N={n}].wrong-constant", "ACGH19 Lemma 17 induction step", $"forall B in [2, inf), C in (B, inf), eta in {Pos}: eta*B^{2 * n - 1} >= 20*C -> C - eta*(B^{n} - 1)*B^{n - 1} <= -20*C", Fails, Family(n));
                Add("Lemma17", $"Z-C4.e2[N={n}]", "ACGH19 Lemma 17 induction step", $"forall C in [2, inf), eta in {Pos}: eta*(9*C)^{2 * n - 1} >= 20*eta*C^{2 * n - 1}", note: Family(n));
                Add("Lemma17", $"Z-C4.e2[N={n}].wrong-constant", "ACGH19 Lemma 17 induction step", $"forall C in [2, inf), eta in {Pos}: eta*(1*C)^{2 * n - 1} >= 20*eta*C^{2 * n - 1}", Fails, Family(n));
                Add("Claim4", $"Z-C4.f[N={n}]", "ACGH19 Claim 4, l(t) >= (2^N-1)^2/2", $"forall B in [2, inf): (B^{n} - 1)^2/2 >= (2^{n} - 1)^2/2", note: Family(n));
                Add("Claim4", $"Z-C4.f[N={n}].wrong-constant", "ACGH19 Claim 4", $"forall B in [2, inf): (B^{n} - 1)^2/2 >= (3^{n} - 1)^2/2", Fails, Family(n));
            }
            if (n % 2 == 0)
            {
                Add("Claim5", $"Z-C5.a[N={n}]", "ACGH19 Claim 5 (N even)", $"forall lambda in {Pos}, x in R: (x^{n} + lambda)^2 >= lambda^2", note: Family(n) + " (even N only)");
                Add("Claim5", $"Z-C5.a[N={n - 1}].odd-depth", "ACGH19 Claim 5 with odd N", $"forall lambda in {Pos}, x in R: (x^{n - 1} + lambda)^2 >= lambda^2", Fails, Family(n) + "; the claim needs N even, odd N = N - 1 fails (mutation 'Claim5 odd N')");
            }
        }

        // Z-T1.2: 1 - x <= e^(-x) on [0, 1] (non-polynomial).
        Add("Thm1", "Z-T1.2", "ACGH19 Thm 1 proof, (1 - kappa)^t <= e^(-kappa t)", "forall x in [0, 1]: 1 - x <= exp(-x)");
        Add("Thm1", "Z-T1.2.wrong-constant", "ACGH19 Thm 1 proof", "forall x in [0, 1]: 1 - x/2 <= exp(-x)", Fails);
        // Z-L7.27s: the paper's simplification (L604-608), cube variables u3^3 = u, b3^3 = b.
        Add("Lemma7", "Z-L7.27s.a", "ACGH19 Lemma 7, L604-608", "forall u in (0, inf), b in [u, inf), N in [1, inf): u^2/b^4 <= 1/b^2", note: "the N = 2 monomials u^(2N-2)/b^(4N-4) with exponent 2N-2 = 2");
        Add("Lemma7", "Z-L7.27s.a.wrong-exponent", "ACGH19 Lemma 7, L604-608", "forall u in (0, inf), b in [u, inf): u^2/b^4 <= 1/b^3", Fails);
        Add("Lemma7", "Z-L7.27s.b", "ACGH19 Lemma 7, L604-608", "forall u3 in (0, inf), b3 in [u3, inf): u3^6/b3^12 <= u3^2/b3^8", note: "u^(2N-2)/b^(4N-4) <= u^((2N-2)/3)/b^((8N-8)/3) at 2N-2 = 2 with u = u3^3, b = b3^3");
        Add("Lemma7", "Z-L7.27s.b.wrong-exponent", "ACGH19 Lemma 7, L604-608", "forall u3 in (0, inf), b3 in [u3, inf): u3^6/b3^12 <= u3^2/b3^9", Fails);
        Add("Lemma7", "Z-L7.27s.c", "ACGH19 Lemma 7, L604-608", "forall u in (0, inf), b in [u, inf), N in [1, inf): u^2/({eta_denominator}*N^3*b^2) <= 1/({eta_denominator}*N^2)", note: "u^(4N-2)/(6144 N^3 b^(6N-4)) <= u^(2N-2)/(6144 N^2 b^(4N-4)) divided through by u^(2N-2)/b^(4N-4); symbolic N");
        Add("Lemma7", "Z-L7.27s.c.wrong-exponent", "ACGH19 Lemma 7, L604-608", "forall u in (0, inf), b in [u, inf), N in [1, inf): u^2/(6144*N^3*b^2) <= 1/(6144*N^4)", Fails);
        Add("Lemma7", "Z-L7.sum", "ACGH19 Lemma 7, 3 delta * 2 sum k^2 <= 2 delta N^3", "forall delta in [0, inf), N in [1, inf): delta*(N - 1)*N*(2*N - 1) <= 2*delta*N^3", note: "symbolic N (real N >= 1)");
        Add("Lemma7", "Z-L7.sum.wrong-constant", "ACGH19 Lemma 7", "forall delta in [0, inf), N in [1, inf): delta*(N - 1)*N*(2*N - 1) <= delta*N^3", Fails);
        Add("Lemma7", "Z-L7.32", "ACGH19 Lemma 7, (32)", "forall s in [0, inf), a1 in (-inf, s/24], a2 in (-inf, s/8], a3 in (-inf, s/24], a4 in (-inf, s/24]: -3/4*s + a1 + a2 + a3 + a4 <= -s/2");
        Add("Lemma7", "Z-L7.32.wrong-constant", "ACGH19 Lemma 7, (32)", "forall s in [0, inf), a1 in (-inf, s/24], a2 in (-inf, s/8], a3 in (-inf, s/24], a4 in (-inf, s/24]: -3/4*s + a1 + a2 + a3 + a4 <= -2/3*s", Fails);
        Add("Lemma2", "Z-L2.C0", "ACGH19 Lemma 2, C(0)", "2*sqrt(2) < 4");
        Add("Lemma2", "Z-L2.C0.wrong-constant", "ACGH19 Lemma 2, C(0)", "2*sqrt(2) < 2", Fails);
        Add("Lemma2", "Z-L2.sum", "ACGH19 Lemma 2, A'(t) summation", "forall cpow in (0, inf), S in [0, inf), eta in [0, inf), f2 in R, P in (0, inf): 1/2*cpow*eta*S <= f2/2 -> 4*P*eta^2*S <= 4*P*eta*f2/cpow");
        Add("Lemma2", "Z-L2.sum.wrong-constant", "ACGH19 Lemma 2, A'(t) summation", "forall cpow in (0, inf), S in [0, inf), eta in [0, inf), f2 in R, P in (0, inf): 1/2*cpow*eta*S <= f2/2 -> 4*P*eta^2*S <= 2*P*eta*f2/cpow", Fails);
        Add("Lemma5", "Z-L5.a", "ACGH19 Lemma 5 proof", "forall k in [0, inf): k*(k + 1)/2 <= (k + 1)^2/2");
        Add("Lemma5", "Z-L5.a.wrong-constant", "ACGH19 Lemma 5 proof", "forall k in [0, inf): k*(k + 1)/2 <= (k + 1)^2/4", Fails);
        Add("Lemma6", "Z-L6.c", "ACGH19 Lemma 6, e <= 2.71829", "forall e in (0, 2.71829]: 1 - e/20 > 4/5");
        Add("Lemma6", "Z-L6.c.wrong-constant", "ACGH19 Lemma 6", "forall e in (0, 2.71829]: 1 - e/10 > 4/5", Fails);
        Add("Lemma6", "Z-L6.c.exp", "ACGH19 Lemma 6, e <= 2.71829 (the enclosure itself)", "exp(1) <= 2.71829");
        Add("Lemma6", "Z-L6.c.exp.wrong-constant", "ACGH19 Lemma 6", "exp(1) <= 2.71828", Fails);
        Add("Lemma6", "Z-L6.d", "ACGH19 Lemma 6 proof", "forall C2 in (0, inf), N in [1, inf), nu in (0, C2/({thirty}*N^2)], x in R, y in (1, inf): x - y >= 1/({thirty}*N) -> nu*N <= (x - y)*C2 && y*C2 > {thirty}*N^2*nu", note: "symbolic N; y = (5/4)^(1/N) > 1 strictly (with y = 1 the strict second inequality fails at nu = C2/(30 N^2))");
        Add("Lemma6", "Z-L6.d.wrong-constant", "ACGH19 Lemma 6 proof", "forall C2 in (0, inf), N in [1, inf), nu in (0, C2/(30*N^2)], x in R, y in (1, inf): x - y >= 1/(30*N) -> 2*nu*N <= (x - y)*C2", Fails);
        Add("Thm2", "Z-T2.a", "ACGH19 Thm 2 proof, 2^((4N-2)/N) <= 2^4", "2^4*6144 < 100000");
        Add("Thm2", "Z-T2.a.wrong-constant", "ACGH19 Thm 2 proof", "17*6144 < 100000", Fails);
        Add("Thm2", "Z-T2.b", "ACGH19 Thm 2 proof", "forall d in (0, inf): d + 2*(d/{k16}) + 2*sqrt((d/{k16})*d) <= 2*d && d - 2*sqrt((d/{k16})*d) >= d/2", note: "r = sqrt(k d) with k = d/16 as an exact sqrt node");
        Add("Thm2", "Z-T2.b.wrong-constant", "ACGH19 Thm 2 proof", "forall d in (0, inf): d + 2*(d/16) + 2*sqrt((d/16)*d) <= 3/2*d", Fails);
        Add("Thm2", "Z-T2.c", "ACGH19 Thm 2 proof", "forall phi in (0, inf), s in (0, inf), d in [1, inf), a in [2, inf): s^2*a*d^2 <= phi^2 -> phi^2/(2*s^2*d^2) >= a/2 && a/2 >= 1");
        Add("Thm2", "Z-T2.c.wrong-constant", "ACGH19 Thm 2 proof", "forall phi in (0, inf), s in (0, inf), d in [1, inf), a in [2, inf): s^2*a*d^2 <= phi^2 -> phi^2/(2*s^2*d^2) >= a", Fails);
        Add("Thm2", "Z-T2.d", "ACGH19 Thm 2 proof, identities with b_2 = 2 phi^2/(s^2 d^2), b_1 = b_2/4, g = s^2 d", "forall phi in (0, inf), s in (0, inf), d in (0, inf): phi/((2*phi^2/(s^2*d^2))*d) = s^2*d/(2*phi) && phi^2/((2*phi^2/(s^2*d^2))*d) = s^2*d/2 && phi^2/((phi^2/(2*s^2*d^2))*d) = 2*s^2*d", note: "b_1 = phi^2/(2 s^2 d^2) as in Thm 2's choice of the window");
        Add("Thm2", "Z-T2.d.wrong-constant", "ACGH19 Thm 2 proof", "forall phi in (0, inf), s in (0, inf), d in (0, inf): phi^2/((2*phi^2/(s^2*d^2))*d) = s^2*d", Fails);
        Add("Thm2", "Z-T2.g", "ACGH19 Thm 2 proof", "forall e in [0, inf), phi in (0, inf): e^2/2 <= phi^2/8 -> e <= phi/2");
        Add("Thm2", "Z-T2.g.wrong-constant", "ACGH19 Thm 2 proof", "forall e in [0, inf), phi in (0, inf): e^2/2 <= phi^2/8 -> e <= phi/3", Fails);
        Add("Thm2", "Z-T2.h", "ACGH19 Thm 2 proof, phi^(2/N) factors cancel", "forall s in (0, inf), a in [2, inf), d in [1, inf), phi in (0, inf), N in [1, inf): s^2*a*d^2 <= phi^2 && a^2*d^2 >= 2 -> s^4*d^2/(512*N^3*phi^4) <= 1/(1024*N^3)", note: "symbolic N");
        Add("Thm2", "Z-T2.h.wrong-constant", "ACGH19 Thm 2 proof", "forall s in (0, inf), a in [2, inf), d in [1, inf), phi in (0, inf), N in [1, inf): s^2*a*d^2 <= phi^2 && a^2*d^2 >= 2 -> s^4*d^2/(512*N^3*phi^4) <= 1/(4096*N^3)", Fails);
        Add("Thm2", "Z-T2.k", "ACGH19 Thm 2, success probability > 0.25", "forall E in [0.00193045, 0.00193046], F in [0.61135129, 0.61135130]: 0.276226 <= (1 - 2*E)*(3 - 4*F)/2 && (1 - 2*E)*(3 - 4*F)/2 <= 0.276228 && (1 - 2*E)*(3 - 4*F)/2 > 0.25", note: "F(0.28284271) is taken from the catalog's 20-digit enclosure");
        Add("Thm2", "Z-T2.k.exp", "ACGH19 Thm 2, the enclosure of e^(-6.25)", "0.00193045 <= exp(-6.25) && exp(-6.25) <= 0.00193046");
        Add("Thm2", "Z-T2.k.wrong-constant", "ACGH19 Thm 2", "forall E in [0.00193045, 0.00193046], F in [0.61135129, 0.61135130]: (1 - 2*E)*(3 - 4*F)/2 > 0.3", Fails);
        Add("Claim2", "Z-C2.a", "ACGH19 Claim 2 / Lemma 10", "forall a in (0, 1], b in (0, 1], d in (0, 1]: 2*d*(a + b)^2 + d^2*(a + b) <= {ten}", note: "both sides are homogeneous of degree 3 in (a, b, d, D): divided by D^3, with a/D, b/D, d/D in (0, 1]");
        Add("Claim2", "Z-C2.a.wrong-constant", "ACGH19 Claim 2", "forall a in (0, 1], b in (0, 1], d in (0, 1]: 2*d*(a + b)^2 + d^2*(a + b) <= 9", Fails);
        Add("Claim2", "Z-C2.b", "ACGH19 Claim 2, delta = k s^2 R with R^2 = 10 D^3", "forall k in (0, inf), s in (0, inf), D in [1, inf), N in [1, inf): N/k^2 = {ten}*N*s^4*D^3/(k*s^2*sqrt({ten}*D^3))^2");
        Add("Claim2", "Z-C2.b.wrong-exponent", "ACGH19 Claim 2", "forall k in (0, inf), s in (0, inf), D in [1, inf), N in [1, inf): N/k^2 = 10*N*s^4*D^2/(k*s^2*sqrt(10*D^3))^2", Fails);
        Add("Lemma10", "Z-L10.a", "ACGH19 Lemma 10, printed intermediate", "forall a in [0, inf), b in [0, inf): 3*(a + b) + a*(a - 1) + b*(b - 1) - a*b <= (a + b)^2 + 2*(a + b)");
        Add("Lemma10", "Z-L10.a.identity", "ACGH19 Lemma 10, second moment / s^4", "forall a in R, b in R: (a - b)^2 + 2*(a + b) = 3*(a + b) + a*(a - 1) + b*(b - 1) - 2*a*b");
        Add("Lemma10", "Z-L10.a.wrong-constant", "ACGH19 Lemma 10", "forall a in [0, inf), b in [0, inf): 3*(a + b) + a*(a - 1) + b*(b - 1) - a*b <= (a + b)^2 + (a + b)", Fails);
        Add("Lemma10", "Z-L10.b", "ACGH19 Lemma 10", "forall a in [0, inf), b in [0, inf), d in [1, inf): a + b >= 1 -> d*((a + b)^2 + 2*(a + b)) + d*(d - 1)*(a + b) <= 2*d*(a + b)^2 + d^2*(a + b)");
        Add("Lemma10", "Z-L10.b.wrong-exponent", "ACGH19 Lemma 10 (drop the d^2(a+b) term)", "forall a in [0, inf), b in [0, inf), d in [1, inf): a + b >= 1 -> d*((a + b)^2 + 2*(a + b)) + d*(d - 1)*(a + b) <= 2*d*(a + b)^2 + d*(a + b)", Fails);
        Add("Claim3", "Z-C3.a", "ACGH19 Claim 3, footnote 9 (=>)", "forall K in [1, inf), c in (0, inf), phi in (0, inf), P in [1, inf), d in [20, inf), C1 in [{C1}, inf): K*c*phi/P <= phi^2/({window}*d^3*P*C1) -> c <= phi/({window}*d^3*C1*K)");
        Add("Claim3", "Z-C3.a.converse", "ACGH19 Claim 3, footnote 9 (<=)", "forall K in [1, inf), c in (0, inf), phi in (0, inf), P in [1, inf), d in [20, inf), C1 in [{C1}, inf): c <= phi/({window}*d^3*C1*K) -> K*c*phi/P <= phi^2/({window}*d^3*P*C1)");
        Add("Claim3", "Z-C3.a.wrong-exponent", "ACGH19 Claim 3, footnote 9", "forall K in [1, inf), c in (0, inf), phi in (0, inf), P in [1, inf), d in [20, inf), C1 in [{C1}, inf): K*c*phi/P <= phi^2/({window}*d^3*P*C1) -> c <= phi/({window}*d^2*C1*K)", ObligationExpectation.Holds, "d^2 instead of d^3 only weakens the conclusion (d >= 20), so this variant still holds (control)");
        Add("Claim3", "Z-C3.a.wrong-constant", "ACGH19 Claim 3, footnote 9", "forall K in [1, inf), c in (0, inf), phi in (0, inf), P in [1, inf), d in [20, inf), C1 in [2000, inf): K*c*phi/P <= phi^2/(100000*d^3*P*C1) -> c <= phi/(200000*d^3*C1*K)", Fails);
        Add("Claim3", "Z-C3.b", "ACGH19 Claim 3, (49) identity", "forall phi in (0, inf), a in (0, inf), d in (0, inf), P in (0, inf), C1 in (0, inf), K in (0, inf): phi/(a*d^3*C1*K) = (phi^2/(a*d^3*P*C1))*P/(phi*K)");
        Add("Claim3", "Z-C3.b.wrong-exponent", "ACGH19 Claim 3, (49)", "forall phi in (0, inf), a in (0, inf), d in (0, inf), P in (0, inf), C1 in (0, inf), K in (0, inf): phi/(a*d^3*C1*K) = (phi^2/(a*d^3*P*C1))*P/(phi^2*K)", Fails);
        Add("Claim3", "Z-C3.c", "ACGH19 Claim 3", "forall S in R, K in (0, inf), c in R, phi in (0, inf), P in (0, inf): S >= K*c*phi/P -> S*P/(phi*K) >= c");
        Add("Claim3", "Z-C3.c.wrong-constant", "ACGH19 Claim 3", "forall S in R, K in (0, inf), c in R, phi in (0, inf), P in (0, inf): S >= K*c*phi/P -> S*P/(phi*K) >= 2*c", Fails);
        Add("Claim3", "Z-C3.d", "ACGH19 Claim 3, enclosure of F near 1/2", "forall x in [0, inf), F in R: x^2 <= 0.00004 && F <= 1/2 + 0.398943*x -> 0.999*(3 - 4*F)/2 >= 0.49");
        Add("Claim3", "Z-C3.d.wrong-constant", "ACGH19 Claim 3", "forall x in [0, inf), F in R: x^2 <= 0.00004 && F <= 1/2 + 0.398943*x -> 0.999*(3 - 4*F)/2 >= 0.495", Fails);
        Add("Lemma12", "Z-C3.e", "ACGH19 Lemma 12", "forall C2 in (0, 1), C0 in (0, inf), N in [1, inf): 1 - (1 - C2)/2 - C0*N*((1 - C2)/(2*C0*N)) = C2", note: "eps = (1-C2)/(2 C0 N), B1 = 2/(1-C2) substituted");
        Add("Lemma12", "Z-C3.e.b", "ACGH19 Lemma 12", "forall C2 in (0, 1), C0 in (0, inf), N in [1, inf), C1 in (0, inf): C1 >= 2*C0/(1 - C2) -> 1/(C1*N) <= (1 - C2)/(2*C0*N)");
        Add("Lemma12", "Z-C3.e.wrong-constant", "ACGH19 Lemma 12", "forall C2 in (0, 1), C0 in (0, inf), N in [1, inf), C1 in (0, inf): C1 >= C0/(1 - C2) -> 1/(C1*N) <= (1 - C2)/(2*C0*N)", Fails);
        Add("Claim3", "Z-C3.f", "ACGH19 Claim 3, Lemma 16 preconditions", "forall a in [{window}, inf), d in [20, inf), C1 in [{C1}, inf), K in [1, inf): a*d^2*C1*K > a && a >= 1");
        Add("Claim3", "Z-C3.f.wrong-constant", "ACGH19 Claim 3", "forall a in [100000, inf), d in [20, inf), C1 in [2000, inf), K in [1, inf): a*d^2*C1*K > 10^12*a", Fails);
        Add("Lemma17", "Z-C4.g", "ACGH19 Lemma 17 base case as printed (paper gap; catalog: REFUTATION TARGET)", "forall eta in (0, 1], c in [3/4, 1), A in [2000, inf): A >= 2/(eta*(1 - c)*c^(1/2)) && A >= 20/eta && A^2 >= 2*eta && A^2*eta^4 >= 20000 -> 3/16*eta*A <= c^(1/2)/A + eta*(1 - c)*c^(1/2)*A", ObligationExpectation.Fails, "N = 2, u = c^(1/2); witness eta = 1, c = 0.999, A = 2002");
        Add("Lemma17", "Z-C4.g.control", "ACGH19 Lemma 17 base case at c = 3/4 (positive control)", "forall eta in (0, 1], A in [2000, inf): A >= 2/(eta*(1/4)*(3/4)^(1/2)) && A >= 20/eta && A^2 >= 2*eta && A^2*eta^4 >= 20000 -> 3/16*eta*A <= (3/4)^(1/2)/A + eta*(1/4)*(3/4)^(1/2)*A", note: "catalog control: the negation is unsat with c = 3/4 fixed");
        Add("Claim5", "Z-C5.b", "ACGH19 Claim 5", "forall lambda in (0, inf), smin in [0, lambda], dist in [1 + lambda, inf): smin - dist <= -1");
        Add("Claim5", "Z-C5.b.wrong-constant", "ACGH19 Claim 5", "forall lambda in (0, inf), smin in [0, lambda], dist in [1 + lambda, inf): smin - dist <= -2", Fails);
        Add("Lemma14", "Z-L14.a", "ACGH19 Lemma 14 proof", "forall t in [0, 1/2]: 1 - 2*t^2 + 2*t^4 <= 1 - t^2");
        Add("Lemma14", "Z-L14.a.wrong-constant", "ACGH19 Lemma 14 proof", "forall t in [0, 1]: 1 - 2*t^2 + 2*t^4 <= 1 - t^2", Fails, "domain widened to [0, 1]");
        Add("Lemma14", "Z-L14.a.exp", "ACGH19 Lemma 14 proof, e^(-z) <= 1 - z + z^2/2", "forall z in [0, 1/2]: exp(-z) <= 1 - z + z^2/2");
        Add("Lemma14", "Z-L14.a.exp.wrong-constant", "ACGH19 Lemma 14 proof", "forall z in [0, 1/2]: exp(-z) <= 1 - z + z^2/4", Fails);
        Add("Lemma14", "Z-L14.b", "ACGH19 Lemma 14 proof, L940", "forall y in (0, 1/2): 1/(1 - y) <= 1 + 2*y");
        Add("Lemma14", "Z-L14.b.wrong-constant", "ACGH19 Lemma 14 proof, L940", "forall y in (0, 1/2): 1/(1 - y) <= 1 + y", Fails);
        Add("Lemma14", "Z-L14.c", "ACGH19 Lemma 14 proof, E = e^(-17/4)", "2*exp(-17/4) < 1/2 && (1 + 4*exp(-17/4))^2 <= 2");
        Add("Lemma14", "Z-L14.c.enclosure", "ACGH19 Lemma 14 proof, E in [0.0142642, 0.0142643]", "0.0142642 <= exp(-17/4) && exp(-17/4) <= 0.0142643");
        Add("Lemma14", "Z-L14.c.wrong-constant", "ACGH19 Lemma 14 proof", "(1 + 40*exp(-17/4))^2 <= 2", Fails);
        Add("Lemma14", "Z-L14.d", "ACGH19 Lemma 14 proof (3 - 4F with p = 2F - 1)", "forall p in [0, 1], E in [0, inf): sqrt(2)*(1 + 4*E) <= 2 -> 1 - sqrt(2)*p*(1 + 4*E) >= 1 - 2*p");
        Add("Lemma14", "Z-L14.d.wrong-constant", "ACGH19 Lemma 14 proof", "forall p in [0, 1], E in [0, inf): sqrt(2)*(1 + 4*E) <= 2 -> 1 - sqrt(2)*p*(1 + 4*E) >= 1 - p", Fails);
        Add("Lemma15", "Z-L15.a", "ACGH19 Lemma 15 proof", "forall x in (0, 1/{dmin}]: 1 - 3*x < (1 - x)^2");
        Add("Lemma15", "Z-L15.a.wrong-constant", "ACGH19 Lemma 15 proof", "forall x in (0, 1/20]: 1 - x < (1 - x)^2", Fails);
        Add("Lemma15", "Z-L15.b", "ACGH19 Lemma 15 proof, K = ((x + 1) - (1 - x)^2)/2", "forall x in (0, 1/{dmin}]: ((x + 1) - (1 - x)^2)/2 = (3*x - x^2)/2 && (3*x - x^2)/2 - x < x && (3*x - x^2)/2 <= 2*x");
        Add("Lemma15", "Z-L15.b.wrong-constant", "ACGH19 Lemma 15 proof", "forall x in (0, 1/20]: (3*x - x^2)/2 <= x", Fails);
        Add("Lemma15", "Z-L15.c", "ACGH19 Lemma 15 proof, cap height in [0, r]", "forall a in [1, inf), d in [{dmin}, inf): 4*(d - 1)/(a*d) <= 4/a && a*d >= 4");
        Add("Lemma15", "Z-L15.c.wrong-constant", "ACGH19 Lemma 15 proof", "forall a in [1, inf), d in [20, inf): 4*(d - 1)/(a*d) <= 3/a", Fails);
        Add("Aux.Residual", "Z-AR", "ACGH19 Sec. 3.2.1 / Sec. 4, residual networks", "forall r in [0, 1/2), s in R: s >= 1 - r -> s - r >= 1 - 2*r && 1 - 2*r > 0");
        Add("Aux.Residual", "Z-AR.wrong-constant", "ACGH19 residual networks, threshold 0.6", "forall r in [0, 0.6), s in R: s >= 1 - r -> s - r >= 1 - 2*r && 1 - 2*r > 0", Fails);
        return list;
    }

    private static long Binomial(int n, int k)
    {
        long result = 1;
        for (int i = 1; i <= k; i++)
        {
            result = result * (n - k + i) / i;
        }
        return result;
    }
}
