using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems.EC21;

/// <summary>
/// Scalar obligations of the Prop. 20 proof lemmas (EC21 App. I.14) not covered by <see cref="Ec21Obligations"/> (which holds S10,
/// S11, S12, S19, S20): the "can be verified by recalling the assumptions on a, z_c, ρ̄, θ(0), θ̄(0)" inequalities of Lemmas 73, 78
/// and 83 in their worst case over the hypothesis box, as checked numerically by <see cref="Prop20Regions"/>. With
/// θ̄(0) − z_0 &gt; e^{−12}/4 and ρ̄ ≤ e^{−12}/2: a·t_{1−ρ̄} &lt; 2 ln(8e^{12}); a(t_1 − t_{1−ρ̄}) ≤ −ln(1 − ρ̄) ≤ −ln(1 − e^{−12}/2);
/// a(t_{z̄_c} − t_1) = ln(b + 1) ≤ ln b + ln(4/3) (b ≥ 3); ln(z_c/θ(0)) &gt; 30 + ln b ≥ 30 + ln 3. GD forms: each ceiling adds one step
/// ln(1 + aη) ≤ ln(7/6) (aη ≤ 1/6), and ln(1 + aη) ≤ 2 ln(1 + aη/2) ⇔ (1 + x/2)² ≥ 1 + x. Each with a wrong variant (the cut point
/// z_c = b e^{30} + 1 lowered) that must be refuted.
/// </summary>
public sealed class Ec21Prop20ProofObligations : IObligationBank
{
    public IEnumerable<(string StatementId, ObligationSpec Obligation)> Obligations => RegisteredStatements.Registered(All);

    private static IReadOnlyList<(string StatementId, ObligationSpec Obligation)> All { get; } =
    [
        ("EC21.Lemma73", new ObligationSpec("P20.box.anisotropic", "EC21 Lemma 73 proof: t_{1-rho} <= ln(z_c/theta(0))/a on the hypothesis box", "2*ln(8*exp(12)) < 30 + ln(3)", ObligationExpectation.Holds, null)),
        ("EC21.Lemma73", new ObligationSpec("P20.box.anisotropic.gd", "EC21 Lemma 73 proof, GD form (one ceiling, ln(1+x) <= 2 ln(1+x/2))", "2*ln(8*exp(12)) + ln(7/6) < 30 + ln(3)", ObligationExpectation.Holds, null)),
        ("EC21.Lemma73", new ObligationSpec("P20.log-ratio", "EC21 Lemmas 73/78/83 proofs: ln(1+x) <= 2 ln(1+x/2)", "forall x in (0, 1/6]: (1 + x/2)^2 >= 1 + x", ObligationExpectation.Holds, null)),
        ("EC21.Lemma73", new ObligationSpec("P20.box.anisotropic.wrong-cut", "EC21 Lemma 73 with z_c = b e^25 + 1", "2*ln(8*exp(12)) < 25 + ln(3)", ObligationExpectation.Fails, null)),
        ("EC21.Lemma78", new ObligationSpec("P20.box.transition", "EC21 Lemma 78 proof: t_{1-rho} + ln(1/(1-rho))/a <= ln(z_c/theta(0))/a, GD form with two ceilings", "2*ln(8*exp(12)) - ln(1 - exp(-12)/2) + 2*ln(7/6) < 30 + ln(3)", ObligationExpectation.Holds, null)),
        ("EC21.Lemma78", new ObligationSpec("P20.box.transition.wrong-cut", "EC21 Lemma 78 with z_c = b e^25 + 1", "2*ln(8*exp(12)) - ln(1 - exp(-12)/2) < 25 + ln(3)", ObligationExpectation.Fails, null)),
        ("EC21.Lemma83", new ObligationSpec("P20.box.isotropic", "EC21 Lemma 83 proof: t_{zbar_c} <= ln(z_c/theta(0))/a, GD form with three ceilings (b >= 3)", "2*ln(8*exp(12)) - ln(1 - exp(-12)/2) + ln(4/3) + 3*ln(7/6) < 30", ObligationExpectation.Holds, null)),
        ("EC21.Lemma83", new ObligationSpec("P20.box.isotropic.wrong-cut", "EC21 Lemma 83 with z_c = b e^28 + 1", "2*ln(8*exp(12)) - ln(1 - exp(-12)/2) + ln(4/3) < 28", ObligationExpectation.Fails, null)),
    ];
}
