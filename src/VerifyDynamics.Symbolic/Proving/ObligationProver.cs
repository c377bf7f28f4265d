using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Symbolic.Expressions;

namespace VerifyDynamics.Symbolic.Proving;

/// <summary>Result of trying to prove one scalar obligation.</summary>
public enum ProofStatus
{
    /// <summary>The negation of the claim was shown unsatisfiable on the whole domain (Z3 unsat, or interval subdivision covered the box).</summary>
    Proven,
    /// <summary>A concrete point of the domain violates the claim, re-checked independently of the prover that found it.</summary>
    Refuted,
    /// <summary>The prover ran but could not decide (Z3 unknown or resource limit, interval budget exhausted).</summary>
    Unknown,
    /// <summary>No prover could run (for example libz3.so.4 is not installed); never counts as proven.</summary>
    Skipped,
}

/// <summary>What a prover said about one obligation, with the evidence a reviewer needs.</summary>
/// <param name="Status">The outcome.</param>
/// <param name="Method">Which prover decided it ("z3 4.8.12 (rlimit 2000000)", "interval branch-and-bound (4096 boxes)").</param>
/// <param name="Detail">A sentence: the reason for unknown/skipped, or what was shown.</param>
/// <param name="SmtLib">The SMT-LIB script sent to Z3, when one was.</param>
/// <param name="Witness">The refuting point (variable → exact value as text), when refuted.</param>
/// <param name="UnsatCore">Names of the assertions Z3 needed (domain_*, hypothesis_*, definition_*, negated_claim), when proven by Z3.</param>
/// <param name="Z3Version">Version of the libz3 that ran, when one did.</param>
/// <param name="Rlimit">The Z3 resource limit the script was run with.</param>
/// <param name="IntervalBoxes">Boxes the interval prover examined, when it ran.</param>
public sealed record ProofResult(
    ProofStatus Status,
    string Method,
    string Detail,
    string? SmtLib = null,
    IReadOnlyDictionary<string, string>? Witness = null,
    IReadOnlyList<string>? UnsatCore = null,
    string? Z3Version = null,
    long? Rlimit = null,
    int? IntervalBoxes = null);

/// <summary>
/// Entry point the harness calls for every obligation (claim text in the <c>vd prove</c> syntax).
/// Z3 goes first (fresh context, rlimit); unsat is a proof. A Z3 model counts only after
/// <see cref="WitnessCheck"/>. When Z3 says unknown, its model does not re-check, or the claim uses
/// exp/ln (which the script only relaxes), the interval branch-and-bound prover decides, and its
/// counterexamples pass the same re-check. Without libz3, polynomial claims are Skipped; claims with
/// exp/ln still go to the interval prover, which does not need Z3.
/// </summary>
public static class ObligationProver
{
    /// <summary>Decides a claim such as "forall y in (0, 1/2): 1/(1-y) &lt;= 1 + 2*y" with the default budgets.</summary>
    /// <remarks>Kept as an exact one-parameter overload so that it converts to <c>Func&lt;string, ProofResult&gt;</c> (the harness caches by claim).</remarks>
    public static ProofResult Prove(string claim) => Prove(claim, ProofOptions.Default);

    /// <summary>Decides a claim with explicit budgets (rlimit, interval boxes, libz3 location).</summary>
    public static ProofResult Prove(string claim, ProofOptions? options)
    {
        ScalarObligation obligation;
        try
        {
            obligation = ClaimParser.Parse(claim);
        }
        catch (ClaimParseException e)
        {
            return new(ProofStatus.Unknown, "parser", $"the claim does not parse: {e.Message}");
        }
        return Prove(obligation, options);
    }

    public static ProofResult Prove(ScalarObligation obligation, ProofOptions? options = null)
    {
        options ??= ProofOptions.Default;
        var z3 = Z3Prover.Decide(obligation, options);
        string z3Method = $"z3 {z3.Version} (rlimit {options.Rlimit})";
        long? rlimit = z3.Answer == Z3Answer.Skipped ? null : options.Rlimit;
        var result = new ProofResult(ProofStatus.Unknown, z3Method, z3.Reason, z3.Script, Z3Version: z3.Version, Rlimit: rlimit);
        string z3Note;
        switch (z3.Answer)
        {
            case Z3Answer.Unsat:
                return result with
                {
                    Status = ProofStatus.Proven,
                    Detail = obligation.IsTranscendental
                        ? "Z3: the negation is unsatisfiable even with exp/ln only relaxed by sound bounds"
                        : "Z3: the negation is unsatisfiable",
                    UnsatCore = z3.UnsatCore,
                };
            case Z3Answer.Sat when z3.Model is { } model:
                {
                    var (confirmed, how) = WitnessCheck.Confirm(obligation, model);
                    if (confirmed)
                    {
                        return result with { Status = ProofStatus.Refuted, Detail = $"Z3 model {how}", Witness = Show(model) };
                    }
                    z3Note = $"Z3 model not confirmed ({how})";
                    break;
                }
            case Z3Answer.Skipped:
                if (!obligation.IsTranscendental)
                {
                    return result with { Status = ProofStatus.Skipped, Method = "none", Detail = z3.Reason };
                }
                z3Note = z3.Reason;
                break;
            default:
                z3Note = z3.Reason;
                break;
        }
        var bb = IntervalBranchAndBound.Decide(obligation, options.IntervalBudget);
        string bbMethod = $"interval branch-and-bound ({bb.BoxesExamined} boxes, budget {options.IntervalBudget})";
        return result with
        {
            Status = bb.Status,
            Method = bb.Status == ProofStatus.Unknown ? $"{z3Method}; {bbMethod}" : bbMethod,
            Detail = $"{bb.Detail} ({z3Note})",
            Witness = bb.Witness is null ? null : Show(bb.Witness),
            IntervalBoxes = bb.BoxesExamined,
        };
    }

    private static Dictionary<string, string> Show(IReadOnlyDictionary<string, Rational> point) =>
        point.ToDictionary(kv => kv.Key, kv => kv.Value.ToString(), StringComparer.Ordinal);
}
