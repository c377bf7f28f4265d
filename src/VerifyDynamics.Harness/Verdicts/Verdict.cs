namespace VerifyDynamics.Harness.Verdicts;

/// <summary>The verdict on a statement (DESIGN.md, "Verdict semantics"). Only <see cref="VerdictRules"/> decides one.</summary>
public enum Verdict
{
    /// <summary>All scalar obligations proven and every trial holds.</summary>
    /// <remarks>Seen when: the statement has obligations, a prover decided each, and no trial was inconclusive. Counts as a pass: yes.</remarks>
    Certified,
    /// <summary>Every accepted trial holds; some obligation is unknown or skipped, or the statement has none.</summary>
    /// <remarks>Seen when: numerical evidence only. Counts as a pass: yes.</remarks>
    HoldsOnTrials,
    /// <summary>A confirmed counterexample exists (or the statement as printed was refuted by an erratum check).</summary>
    /// <remarks>Seen when: a margin was violated beyond its tolerance and the confirmation pass reproduced it. Counts as a pass: no (but an expected refutation of an erratum is a correct finding).</remarks>
    Refuted,
    /// <summary>A counterexample construction of the paper shows the claimed failure on every instance tried.</summary>
    /// <remarks>Seen when: necessity claims (ACGH19 Claims 4, 5; EC21 App. B). Counts as a pass: yes.</remarks>
    ConstructionReproduced,
    /// <summary>A conjecture or assumption is consistent with every trial; evidence, not proof.</summary>
    /// <remarks>Seen when: JGGSH21 Conj 3 and assumptions. Counts as a pass: yes.</remarks>
    ConjectureSupported,
    /// <summary>Evidence was unusable: no instance met the hypotheses, a violation was not confirmed, a margin could not be computed, or a trial failed.</summary>
    /// <remarks>Seen when: the reason names which. Counts as a pass: no.</remarks>
    Inconclusive,
    /// <summary>The statement cannot be checked (existential constant, pure existence); the reason says why.</summary>
    /// <remarks>Seen when: ACGH19 Lemma 11. Counts as a pass: neither; reported as such.</remarks>
    NotCheckable,
}

public static class VerdictExtensions
{
    /// <summary>The kebab-case name used in certificates and reports.</summary>
    public static string ToKebab(this Verdict verdict) => verdict switch
    {
        Verdict.Certified => "certified",
        Verdict.HoldsOnTrials => "holds-on-trials",
        Verdict.Refuted => "refuted",
        Verdict.ConstructionReproduced => "construction-reproduced",
        Verdict.ConjectureSupported => "conjecture-supported",
        Verdict.Inconclusive => "inconclusive",
        Verdict.NotCheckable => "not-checkable",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict)),
    };

    /// <summary>The verdict a certificate's kebab-case word names (<see cref="ToKebab"/>'s inverse); null for any other text.</summary>
    public static Verdict? FromKebab(string? text) =>
        Enum.GetValues<Verdict>().Cast<Verdict?>().FirstOrDefault(v => v!.Value.ToKebab() == text);

    /// <summary>A verdict that counts as a pass (the statement, or its corrected form, is supported by the evidence).</summary>
    public static bool IsPass(this Verdict verdict) =>
        verdict is Verdict.Certified or Verdict.HoldsOnTrials or Verdict.ConstructionReproduced or Verdict.ConjectureSupported;
}
