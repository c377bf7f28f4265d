using VerifyDynamics.Harness.Obligations;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Verdicts;

/// <summary>The verdict and the sentence that justifies it.</summary>
public sealed record VerdictDecision(Verdict Verdict, string Reason);

/// <summary>The only place where outcomes become verdicts (DESIGN.md "Verdict semantics").</summary>
public static class VerdictRules
{
    /// <summary>Decides the verdict of the statement as checked (its corrected form where errata exist).</summary>
    public static VerdictDecision Decide(Statement statement, TrialSummary trials, IReadOnlyList<ObligationRecord> obligations)
    {
        if (statement.Checkability == Checkability.NotCheckable)
        {
            return new(Verdict.NotCheckable, statement.NotCheckableReason ?? "the statement cannot be checked");
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
            return new(Verdict.HoldsOnTrials, $"{trialText}; the statement has no scalar obligation to prove");
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
        return new(Verdict.Certified, $"{trialText}; all {needed.Count} scalar obligations proven");
    }
}
