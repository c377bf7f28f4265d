using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Harness.Obligations;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Verdicts;

/// <summary>The verdict and the sentence that justifies it, with the evidence grade and its basis.</summary>
public sealed record VerdictDecision(Verdict Verdict, string Reason)
{
    /// <summary>The strength of the evidence; <see cref="EvidenceGrade.Unknown"/> unless <see cref="VerdictRules"/> set it.</summary>
    public EvidenceGrade Grade { get; init; } = EvidenceGrade.Unknown;

    /// <summary>One sentence saying why the grade is what it is (and what kept it from being higher).</summary>
    public string GradeBasis { get; init; } = "no grade was decided";

    /// <summary>For <see cref="EvidenceGrade.ProvenAssuming"/>: the results taken as given.</summary>
    public IReadOnlyList<string> Assumes { get; init; } = [];

    /// <summary>"proven", "proven assuming EC21.Lemma41", "numerical with an error bound", ...</summary>
    public string GradeText => Grade.Describe(Assumes);
}

/// <summary>
/// The only place where outcomes become verdicts and evidence grades (DESIGN.md "Verdict semantics"; README
/// "Evidence grades"). The grade is decided from the same inputs as the verdict and only ever lowered by a missing
/// piece of evidence:
/// <list type="bullet">
/// <item><c>certified</c> → <see cref="EvidenceGrade.Proven"/> only when the statement is its own scalar obligations
/// (<c>ObligationsAreTheStatement</c>) and takes nothing as given; otherwise <see cref="EvidenceGrade.ProvenAssuming"/>,
/// naming what is assumed: <see cref="PaperReduction"/> (the obligations are the proof's scalar steps, the matrix-level
/// reduction to them is the paper's), an alias (<c>AliasOf</c>), <c>AssumedLemmas</c>. An obligation that is unknown or skipped (no
/// libz3, <c>VD_DISABLE_Z3=1</c>) already keeps the verdict at holds-on-trials, so it can never give "proven".</item>
/// <item><c>holds-on-trials</c> / <c>construction-reproduced</c> of a margins or construction check →
/// <see cref="EvidenceGrade.NumericalWithErrorBound"/> when every margin of every holding trial has a tolerance of kind
/// exact, rigorous or validated (<see cref="ToleranceKind"/>), else <see cref="EvidenceGrade.Sampled"/>.</item>
/// <item>statistical, trend and conjecture checks → <see cref="EvidenceGrade.Sampled"/> (a confidence statement or a fit
/// is never a bound on one instance).</item>
/// <item><c>refuted</c> → the counterexample's evidence: an exact-arithmetic margin gives <see cref="EvidenceGrade.Proven"/>,
/// an exact/rigorous/validated tolerance <see cref="EvidenceGrade.NumericalWithErrorBound"/>, else
/// <see cref="EvidenceGrade.Sampled"/>; a statistical refutation is <see cref="EvidenceGrade.Sampled"/>.</item>
/// <item><c>inconclusive</c>, <c>not-checkable</c> → <see cref="EvidenceGrade.Unknown"/>.</item>
/// </list>
/// </summary>
public static class VerdictRules
{
    /// <summary>Decides the verdict of the statement as checked (its corrected form where errata exist), and its grade.</summary>
    /// <param name="statement">The statement as checked.</param>
    /// <param name="trials">Its trials (with utilization and the boundary search).</param>
    /// <param name="obligations">Its obligations, resolved at the constants in force.</param>
    /// <param name="overridden">Constants whose value in force is not the paper's (<c>--set</c>); an overridden constant that no
    /// obligation names keeps the verdict at holds-on-trials.</param>
    public static VerdictDecision Decide(Statement statement, TrialSummary trials, IReadOnlyList<ObligationRecord> obligations,
        IReadOnlyCollection<string>? overridden = null)
    {
        var decision = DecideVerdict(statement, trials, obligations, overridden ?? []);
        var (grade, basis, assumes) = Grade(statement, trials, decision.Verdict);
        return decision with { Grade = grade, GradeBasis = basis, Assumes = assumes };
    }

    /// <summary>
    /// The headline decision when an erratum variant (the statement as printed) was refuted: verdict refuted, graded by
    /// the erratum's counterexample. <paramref name="corrected"/> is the decision on the corrected form.
    /// </summary>
    public static VerdictDecision DecideAsPrinted(Statement statement, Variant erratum, TrialSummary erratumTrials, VerdictDecision corrected)
    {
        var printed = erratum.Apply(statement);
        var (grade, basis, _) = Grade(printed, erratumTrials, Verdict.Refuted);
        return new VerdictDecision(Verdict.Refuted,
            $"as printed ({erratum.Name}: {erratum.Description}): {erratumTrials.Count(InstanceOutcome.Confirmed)} confirmed counterexample(s); the corrected form is {corrected.Verdict.ToKebab()}")
        {
            Grade = grade,
            GradeBasis = $"as printed: {basis}",
        };
    }

    /// <summary>
    /// The best grade the statement's check could reach (for <c>vd show</c>, before anything is run): what a full
    /// success would be graded, given its checkability, obligations, alias and assumed lemmas.
    /// </summary>
    public static (EvidenceGrade Grade, string Why) Ceiling(Statement statement)
    {
        var assumes = Assumptions(statement);
        if (statement.Checkability is Checkability.Margins or Checkability.Construction && statement.Fidelity.Kind != FidelityKind.Full)
        {
            return statement.Fidelity.Kind == FidelityKind.Restricted
                ? (EvidenceGrade.NumericalWithErrorBound, $"the check is {statement.Fidelity.Phrase}: at best numerical with an error bound, never certified")
                : (EvidenceGrade.Sampled, $"{statement.Fidelity.Phrase}: at best sampled evidence, never certified");
        }
        return statement.Checkability switch
        {
            Checkability.NotCheckable or Checkability.Pending => (EvidenceGrade.Unknown, "the statement is not checked"),
            Checkability.Statistical or Checkability.Trend or Checkability.Conjecture => (EvidenceGrade.Sampled, $"{statement.Checkability.ToString().ToLowerInvariant()} evidence is sampled evidence"),
            Checkability.Margins when statement.Obligations.Any(o => o.Expect == ObligationExpectation.Holds) => assumes.Count > 0
                ? (EvidenceGrade.ProvenAssuming, $"if every obligation is proven and every trial holds; assumes {string.Join(", ", assumes)}")
                : (EvidenceGrade.Proven, "if every obligation is proven and every trial holds"),
            _ => (EvidenceGrade.NumericalWithErrorBound, "no scalar obligation: at best numerical, if every margin's tolerance is a bound"),
        };
    }

    /// <summary>What a certified statement's proof takes as given (named in the grade "proven assuming …").</summary>
    public const string PaperReduction = "the paper's reduction of the statement to its scalar obligations (checked on the trials, not proven)";

    private static List<string> Assumptions(Statement statement) =>
        [.. (statement.AliasOf is { } alias ? new[] { alias.ToString() } : [])
            .Concat(statement.AssumedLemmas)
            .Concat(statement.ObligationsAreTheStatement ? [] : [PaperReduction])
            .Distinct(StringComparer.Ordinal)];

    private static (EvidenceGrade Grade, string Basis, IReadOnlyList<string> Assumes) Grade(Statement statement, TrialSummary trials, Verdict verdict)
    {
        switch (verdict)
        {
            case Verdict.Inconclusive:
            case Verdict.NotCheckable:
                return (EvidenceGrade.Unknown, $"no usable evidence (verdict {verdict.ToKebab()})", []);
            case Verdict.Certified:
            {
                var assumes = Assumptions(statement);
                // The proof is the obligations; say how strong the trials' own evidence is, so a reader sees both.
                string trialsNote = $"; the trials' weakest tolerance is {KindWord(trials.WeakestHoldingTolerance ?? ToleranceKind.Unstated)}"
                    + (trials.WeakestHoldingToleranceSource is { } src ? $" ({src})" : "");
                return assumes.Count > 0
                    ? (EvidenceGrade.ProvenAssuming, $"every scalar obligation proven by a decision procedure (Z3 or interval subdivision) and every trial holds{(statement.AliasOf is null ? "" : "; the check is shared with " + statement.AliasOf)}{trialsNote}", assumes)
                    : (EvidenceGrade.Proven, $"every scalar obligation proven by a decision procedure (Z3 or interval subdivision) and every trial holds{trialsNote}", []);
            }
            case Verdict.Refuted:
            {
                if (statement.Checkability == Checkability.Statistical)
                {
                    return (EvidenceGrade.Sampled, "counterexample is a statistical rejection (a confidence statement, not a bound)", []);
                }
                var m = trials.Counterexamples.FirstOrDefault()?.Worst;
                if (m is null)
                {
                    return (EvidenceGrade.Unknown, "no counterexample margin recorded", []);
                }
                return m.Tolerance.Kind switch
                {
                    ToleranceKind.Exact => (EvidenceGrade.Proven, $"counterexample exact: {m.Name} evaluated in exact arithmetic", []),
                    ToleranceKind.Rigorous or ToleranceKind.Validated => (EvidenceGrade.NumericalWithErrorBound,
                        $"counterexample confirmed at higher precision beyond a {KindWord(m.Tolerance.Kind)} error bound ({m.Tolerance.Source})", []),
                    _ => (EvidenceGrade.Sampled, $"counterexample confirmed at higher precision, but beyond a {KindWord(m.Tolerance.Kind)} tolerance only ({m.Tolerance.Source})", []),
                };
            }
        }
        if (statement.Checkability is Checkability.Statistical or Checkability.Trend or Checkability.Conjecture)
        {
            return (EvidenceGrade.Sampled, $"{statement.Checkability.ToString().ToLowerInvariant()} evidence from sampled instances", []);
        }
        var kind = trials.WeakestHoldingTolerance ?? ToleranceKind.Unstated;
        if (statement.Fidelity.Kind is FidelityKind.Substitute or FidelityKind.Undeclared)
        {
            return (EvidenceGrade.Sampled, $"{statement.Fidelity.Phrase}: evidence about the statement itself is at most sampled", []);
        }
        string why = verdict == Verdict.HoldsOnTrials && statement.Obligations.Any(o => o.Expect == ObligationExpectation.Holds)
            ? "not certified; "
            : "";
        if (statement.Fidelity.Kind == FidelityKind.Restricted)
        {
            why += $"{statement.Fidelity.Phrase}; ";
        }
        if (trials.WeakestHoldingTolerance is null)
        {
            return (EvidenceGrade.Sampled, why + "the tolerances of the holding trials were not recorded", []);
        }
        return kind >= ToleranceKind.Validated
            ? (EvidenceGrade.NumericalWithErrorBound, $"{why}every margin of the {trials.Count(InstanceOutcome.Holds)} holding trials holds within a {KindWord(kind)} error bound (weakest: {trials.WeakestHoldingToleranceSource})", [])
            : (EvidenceGrade.Sampled, $"{why}some margin's tolerance is {KindWord(kind)}, not a proven error bound ({trials.WeakestHoldingToleranceSource})", []);
    }

    private static string KindWord(ToleranceKind kind) => kind switch
    {
        ToleranceKind.Exact => "exact-arithmetic",
        ToleranceKind.Rigorous => "rigorous",
        ToleranceKind.Validated => "validated a-posteriori",
        ToleranceKind.Heuristic => "heuristic",
        _ => "unstated",
    };

    /// <summary>
    /// What keeps a statement whose trials all hold from being certified, in words (empty: nothing): a fidelity that is not
    /// full, a trial tolerance that is not a bound, a bound never approached, an overridden constant the obligations ignore.
    /// </summary>
    public static IReadOnlyList<string> CertificationGaps(Statement statement, TrialSummary trials, IReadOnlyCollection<string> overridden)
    {
        var gaps = new List<string>();
        if (statement.Fidelity.Kind != FidelityKind.Full)
        {
            gaps.Add(statement.Fidelity.Phrase);
        }
        var kind = trials.WeakestHoldingTolerance ?? ToleranceKind.Unstated;
        if (kind < ToleranceKind.Validated)
        {
            gaps.Add($"some margin's tolerance is {KindWord(kind)}, not a bound ({trials.WeakestHoldingToleranceSource ?? "not recorded"})");
        }
        if (!trials.Utilization.Approached)
        {
            gaps.Add(trials.Utilization.Describe());
        }
        var free = overridden.Where(c => !statement.ConstantsInObligations.Contains(c)).ToList();
        if (free.Count > 0)
        {
            gaps.Add($"constant{(free.Count > 1 ? "s" : "")} {string.Join(", ", free)} overridden but no obligation depends on {(free.Count > 1 ? "them" : "it")}: the proof's scalar steps were not re-derived for the values in force");
        }
        return gaps;
    }

    private static VerdictDecision DecideVerdict(Statement statement, TrialSummary trials, IReadOnlyList<ObligationRecord> obligations, IReadOnlyCollection<string> overridden)
    {
        if (statement.Checkability == Checkability.NotCheckable)
        {
            return new(Verdict.NotCheckable, statement.NotCheckableReason ?? "the statement cannot be checked");
        }
        if (statement.Checkability == Checkability.Pending)
        {
            return new(Verdict.Inconclusive, "no check is implemented yet: " + (statement.NotCheckableReason ?? "(no reason given)"));
        }
        int confirmed = trials.Count(InstanceOutcome.Confirmed);
        if (confirmed > 0)
        {
            var first = trials.Counterexamples.First();
            string what = statement.Checkability == Checkability.Construction
                ? "the construction did not show the claimed failure"
                : "confirmed counterexample";
            return new(Verdict.Refuted, $"{what} on {confirmed} of {trials.Accepted} accepted trials; first at trial {first.Index}: {first.Detail}");
        }
        if (trials.Accepted == 0)
        {
            return new(Verdict.Inconclusive, trials.Trials == 0
                ? "no trial was run"
                : $"no generated instance satisfied the hypotheses ({trials.Trials} rejected): the check would be vacuous");
        }
        int errors = trials.Count(InstanceOutcome.Error);
        if (errors > 0)
        {
            return new(Verdict.Inconclusive, $"{errors} trial(s) failed to evaluate; first: {trials.Errors.First().Detail}");
        }
        int inconclusive = trials.Count(InstanceOutcome.Inconclusive);
        if (inconclusive > 0)
        {
            var first = trials.Records.First(r => r.Outcome == InstanceOutcome.Inconclusive);
            return new(Verdict.Inconclusive, $"{inconclusive} trial(s) inconclusive; first at trial {first.Index}: {first.Detail}");
        }
        string trialText = $"all {trials.Accepted} accepted trials hold ({trials.Count(InstanceOutcome.Rejected)} rejected by the validator)";
        string prefix = statement.Fidelity.Kind == FidelityKind.Full ? "" : statement.Fidelity.Phrase + ": ";
        // Every checked kind says its fidelity and how near its trials came (statistical, trend and conjecture checks too).
        trialText = prefix + trialText + (trials.Utilization.State == UtilizationState.None ? "" : "; " + trials.Utilization.Describe());
        switch (statement.Checkability)
        {
            case Checkability.Construction:
                return new(Verdict.ConstructionReproduced, $"the claimed failure appears on {trials.Accepted} constructed instances");
            case Checkability.Conjecture:
                return new(Verdict.ConjectureSupported, $"{trialText}; a conjecture is never certified");
            case Checkability.Statistical:
            case Checkability.Trend:
                return new(Verdict.HoldsOnTrials, $"{trialText}; {(statement.Checkability == Checkability.Statistical ? "statistical evidence" : "trend evidence")} is never certified");
        }
        var needed = obligations.Where(o => o.Spec.Expect == ObligationExpectation.Holds).ToList();
        if (needed.Count == 0)
        {
            return new(Verdict.HoldsOnTrials, $"{trialText}; not certified: the statement has no scalar obligation to prove");
        }
        var refuted = needed.Where(o => o.Result.Status == ProofStatus.Refuted).ToList();
        if (refuted.Count > 0)
        {
            return new(Verdict.HoldsOnTrials, $"{trialText}; but obligation {refuted[0].Spec.Id} was refuted (a gap in the proof, not in the statement)");
        }
        var open = needed.Where(o => o.Result.Status != ProofStatus.Proven).ToList();
        if (open.Count > 0)
        {
            return new(Verdict.HoldsOnTrials, $"{trialText}; {open.Count} of {needed.Count} obligations not proven ({open[0].Spec.Id}: {open[0].Result.Status.ToString().ToLowerInvariant()}, {open[0].Result.Detail})");
        }
        var gaps = CertificationGaps(statement, trials, overridden);
        if (gaps.Count > 0)
        {
            // Say each gap once: the fidelity phrase and the utilization sentence may already stand in the trial text.
            var words = gaps.Select(g => g == statement.Fidelity.Phrase ? "the check is not of the statement as printed"
                : trialText.Contains(g, StringComparison.Ordinal) ? g.Split(':')[0] : g);
            return new(Verdict.HoldsOnTrials, $"{trialText}; all {needed.Count} scalar obligations proven, but not certified: " + string.Join("; ", words));
        }
        return new(Verdict.Certified, $"{trialText}; all {needed.Count} scalar obligations proven");
    }
}
