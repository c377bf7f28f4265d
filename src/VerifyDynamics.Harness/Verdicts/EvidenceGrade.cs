namespace VerifyDynamics.Harness.Verdicts;

/// <summary>
/// How strong the evidence behind a verdict is. Decided only by <see cref="VerdictRules"/>, next to the verdict,
/// from the same inputs; a grade is never raised after the fact (a certificate or report only copies it). Ordered
/// from weakest to strongest. For a refuted statement the grade describes the counterexample's evidence.
/// </summary>
public enum EvidenceGrade
{
    /// <summary>No usable evidence: inconclusive, not checkable, pending, or a grade that was never recorded.</summary>
    Unknown = 0,

    /// <summary>
    /// Evidence from sampled instances whose per-instance check is itself an estimate: a Monte Carlo probability with
    /// confidence bounds (statistical), a fitted trend, a conjecture's trials, or margins with a heuristic or unstated
    /// tolerance (the tolerance is not shown to bound the numerical error).
    /// </summary>
    Sampled = 1,

    /// <summary>
    /// Every checked instance satisfies the conclusion up to a tolerance that bounds the numerical error of its
    /// evaluation (exact arithmetic, rounding analysis γ_n, a certified bound, or a validated a-posteriori ODE error
    /// estimate against a reference solve). The universal claim still rests on the instances tried: not a proof.
    /// For a refutation: the counterexample is confirmed beyond such a bound.
    /// </summary>
    NumericalWithErrorBound = 2,

    /// <summary>
    /// As <see cref="Proven"/>, but the argument takes other results as given: the statement is an alias of another
    /// statement (shares its check), or names assumed lemmas (<c>Statement.AssumedLemmas</c>). The grade names them.
    /// </summary>
    ProvenAssuming = 3,

    /// <summary>
    /// Every scalar obligation the proof relies on was proven by a decision procedure (Z3 unsat or the interval prover
    /// covering the box) and no trial contradicts the statement (verdict <c>certified</c>). For a refutation: the
    /// counterexample is exact (its margin was evaluated in exact arithmetic).
    /// </summary>
    Proven = 4,
}

public static class EvidenceGradeExtensions
{
    /// <summary>The kebab-case name used in certificates and reports.</summary>
    public static string ToKebab(this EvidenceGrade grade) => grade switch
    {
        EvidenceGrade.Proven => "proven",
        EvidenceGrade.ProvenAssuming => "proven-assuming",
        EvidenceGrade.NumericalWithErrorBound => "numerical-with-error-bound",
        EvidenceGrade.Sampled => "sampled",
        EvidenceGrade.Unknown => "unknown",
        _ => throw new ArgumentOutOfRangeException(nameof(grade)),
    };

    /// <summary>Reads a kebab-case grade; anything unrecognised (or absent) is <see cref="EvidenceGrade.Unknown"/>, never a higher grade.</summary>
    public static EvidenceGrade ParseKebab(string? text) => text switch
    {
        "proven" => EvidenceGrade.Proven,
        "proven-assuming" => EvidenceGrade.ProvenAssuming,
        "numerical-with-error-bound" => EvidenceGrade.NumericalWithErrorBound,
        "sampled" => EvidenceGrade.Sampled,
        _ => EvidenceGrade.Unknown,
    };

    /// <summary>Words for reports: "proven assuming EC21.Lemma41", "numerical with an error bound", ...</summary>
    public static string Describe(this EvidenceGrade grade, IReadOnlyList<string> assumed) => grade switch
    {
        EvidenceGrade.ProvenAssuming => "proven assuming " + string.Join(", ", assumed),
        EvidenceGrade.NumericalWithErrorBound => "numerical with an error bound",
        _ => grade.ToKebab(),
    };
}
