using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// Scalar obligations of the Prop. 14 proof lemmas (App. I.12) and of Lemma 88's corrected proof (App. I.20.1) that the catalog's
/// §15 pack does not list: the closed-form comparison functions of Lemmas 46 and 51 solve their scalar ODEs (with E := e^{nt} resp.
/// e^{(2/3)nt}, so dE/dt = nE resp. (2/3)nE, the derivative identities are rational in E and c = 1/u_0 − 1 resp. (2/3)/u_min − 1);
/// the constants of Lemmas 54 and 56; and case (ii) of Lemma 88's (89) with the true bound on ‖Ŵ − W‖ (the printed Eq. (101) is
/// false, see EC21.Lemma88's erratum). Each has a wrong variant that must be refuted.
/// </summary>
public sealed class Ec21Prop14ProofObligations : IObligationBank
{
    public static IReadOnlyList<(string StatementId, ObligationSpec Obligation)> All { get; } =
    [
        ("EC21.Lemma46", new("P14.L46.closed-form", "EC21 Lemma 46, ν(0) = 1: z = E/(E + c) solves z' = nz(1 − z) when E' = nE",
            "forall n in [2, inf), E in (0, inf), c in [0, inf): n*E*c/(E + c)^2 = n*(E/(E + c))*(1 - E/(E + c))")),
        ("EC21.Lemma46", new("P14.L46.closed-form.wrong-rate", "EC21 Lemma 46 (rate n − 1 on one side)",
            "forall n in [2, inf), E in (0, inf), c in [1, inf): (n - 1)*E*c/(E + c)^2 = n*(E/(E + c))*(1 - E/(E + c))", ObligationExpectation.Fails)),
        ("EC21.Lemma51", new("P14.L51.comparison", "EC21 Lemma 51: ū = (2/3)E/(E + c) solves ū' = nū(2/3 − ū) when E' = (2/3)nE",
            "forall n in [2, inf), E in (0, inf), c in [0, inf): (2/3)*((2/3)*n*E)*c/(E + c)^2 = n*((2/3)*E/(E + c))*(2/3 - (2/3)*E/(E + c))")),
        ("EC21.Lemma51", new("P14.L51.comparison.wrong-cap", "EC21 Lemma 51 (cap 1 instead of 2/3 in g)",
            "forall n in [2, inf), E in (0, inf), c in [1, inf): (2/3)*((2/3)*n*E)*c/(E + c)^2 = n*((2/3)*E/(E + c))*(1 - (2/3)*E/(E + c))", ObligationExpectation.Fails)),
        ("EC21.Lemma54", new("P14.L54.six-fifths", "EC21 Lemma 54: ‖λ − u(0)‖ ≤ 1 + ‖u(0)‖ ≤ 6/5",
            "forall u in [0, 1/5]: 1 + u <= 6/5")),
        ("EC21.Lemma54", new("P14.L54.six-fifths.wrong-constant", "EC21 Lemma 54", "forall u in [0, 1/5]: 1 + u <= 11/10", ObligationExpectation.Fails)),
        ("EC21.Lemma56", new("P14.L56.rate-times-t", "EC21 Lemma 56: the rate 2n/(3(n+1)) of Lemma 54 times the factor 3(n+1)/(2n) of t_ε̄ is 1, so (6/5)e^{−κt_ε̄} = √(2ε̄)",
            "forall n in [2, inf), s in (0, 1]: (2*n/(3*(n + 1)))*(3*(n + 1)/(2*n)) = 1 && (6/5)*(5*s/6) = s")),
        ("EC21.Lemma56", new("P14.L56.rate-times-t.wrong-factor", "EC21 Lemma 56 (factor (n+1)/(2n))",
            "forall n in [2, inf): (2*n/(3*(n + 1)))*((n + 1)/(2*n)) = 1", ObligationExpectation.Fails)),
        ("EC21.Lemma88", new("L88.89ii.corrected", "EC21 Lemma 88 (89) case (ii) with ‖Ŵ − W‖ ≤ y := x/(1−x) and the condition y ≤ r(1+ν)/6 (implied by (34))",
            "forall nu in (-1, 0), r in (0, 1/10], y in [0, inf): y <= r*(1 + nu)/6 -> -nu + 3*y/r <= (1 - nu)/2")),
        ("EC21.Lemma88", new("L88.89ii.printed-condition", "EC21 Lemma 88 (89) case (ii) with the true bound on ‖Ŵ − W‖ but only the printed condition √(n⁵ε̂) ≤ (1+ν)/16: the step fails (it relied on the false Eq. (101))",
            "forall nu in (-1, 0), r in (0, 1/10], y in [0, 1]: y <= (1 + nu)/16 -> -nu + 3*y/r <= (1 - nu)/2", ObligationExpectation.Fails)),
    ];

    public IEnumerable<(string StatementId, ObligationSpec Obligation)> Obligations => RegisteredStatements.Registered(All);
}
