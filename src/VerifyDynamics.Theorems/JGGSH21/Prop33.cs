using VerifyDynamics.Theorems.Model;
using static VerifyDynamics.Theorems.JGGSH21.Jggsh21Fixtures;

namespace VerifyDynamics.Theorems.JGGSH21;

/// <summary>
/// JGGSH21 Proposition 33 (App C.4.1, L883–901): for a (2, m)-approximately homogeneous cost C = H + e and β &gt; |s*|, let
/// F_C[β/(m−1)] (resp. F_H[β/(m−1)]) be the gradient-flow paths of C (resp. H) with ‖x(t)‖ = O(e^{(β/(m−1))t}) as t → −∞.
/// There is a unique bijection Ψ: F_C[β/(m−1)] → F_H[β/(m−1)] with ‖x(t) − Ψ(x)(t)‖ = O(e^{βt}).
/// Formalisation note: existence of the bijection (a fixed point of the contraction of Lemma 32) is not computable; its
/// checkable consequence is checked on C = C^NN of a shallow (L = 2) network with a non-whitened MSE (k = 2, m = 4): the
/// escape path x of C along ρ* has ‖x‖ ≍ e^{|s*|t}, so x ∈ F_C[β/3] for every β ≤ 3|s*|, and the claim at the extreme
/// β = (m−1)|s*| is ‖x(t) − Ψ(x)(t)‖ = O(‖x(t)‖³) with Ψ(x) the H-path on the ray (<see cref="EscapePathDeviation"/>):
/// margin q − β/|s*| ≥ −tol for the fitted deviation exponent q (derived q = 3: sharp). Uniqueness is not checked.
/// </summary>
public static class Prop33
{
    public static Statement Statement { get; } = new()
    {
        Id = new StatementId(Papers.JGGSH21, "Prop33"),
        Source = new SourceRef(Papers.JGGSH21, "Proposition 33 (App C.4.1)", "L883–901"),
        Kind = StatementKind.Proposition,
        Title = "shallow: bijection of fast escape paths",
        Text = "For a (2, m)-approximately homogeneous cost C = H + e and β > |s*|, there is a unique bijection Ψ between the gradient-flow paths of C and those of H with ‖x(t)‖ = O(e^{(β/(m−1))t}) as t → −∞, such that ‖x(t) − Ψ(x)(t)‖ = O(e^{βt}).",
        FormalisationNote = "L = 2, n_0, n_L, w ∈ {2, 3}, MSE with 8 samples (teacher + noise), δ = r_min/100. Exponent q fitted over radii r ∈ [r_hi/8, r_hi] (e/H ≤ 5%).",
        Checkability = Checkability.Trend,
        NotCheckableReason = "The bijection and its uniqueness are not computable; only the deviation rate of the optimal escape path from its homogeneous counterpart is checked, as a fitted exponent (asymptotic t → −∞).",
        Constants = [new NamedConstant("betaOverSpeed", R(3), "the checked β = betaOverSpeed·|s*| (paper allows up to (m−1) = 3 for this path)")],
        Fidelity = Fidelity.Restricted("L = 2, sizes ≤ 3; the deviation exponent fitted over radii r ∈ [r_hi/8, r_hi]"),
        Hypotheses = new Hypotheses("shallow DLN, non-whitened MSE, optimal escape direction with random hidden vector", ctx => EscapePathDeviation.Generate(ctx, 2), (x, k) => EscapePathDeviation.Validate(x)),
        Conclusion = Conclude,
        DefaultTrials = 4,
        Variants = [Variant.ConstantChanged(VariantRole.Mutant, "DeviationFiveSpeed", "deviation O(e^{5|s*|t}) for this path: refuted (measured exponent 3)", new NamedConstant("betaOverSpeed", R(3), ""), R(5), trials: 2)],
    };

    private static MarginSet Conclude(Instance x, ConstantValues k, Precision precision)
    {
        var r = EscapePathDeviation.Run(x, precision);
        if (r is null)
        {
            return MarginSet.Of(Margin.Uncomputable("flow integration"));
        }
        double claimed = k.D("betaOverSpeed");
        return MarginSet.Of(Margin.Bound($"q − β/|s*| (deviation ‖x − Ψ(x)‖ ≍ ‖x‖^q, β = {claimed}|s*|)", r.Exponent - claimed, claimed, r.Tolerance))
            .WithObservation("fitted exponent q", r.Exponent).WithObservation("s*", r.OptimalSpeed)
            .WithObservation("deviation at r_min", r.Deviations[0]).WithObservation("r_min", r.Radii[0]);
    }
}
