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
public sealed record ProofResult(
    ProofStatus Status,
    string Method,
    string Detail,
    string? SmtLib = null,
    IReadOnlyDictionary<string, string>? Witness = null);

/// <summary>Entry point the harness calls for every obligation (claim text in the `vd prove` syntax).</summary>
public static class ObligationProver
{
    /// <summary>Decides a claim such as "forall y in (0, 1/2): 1/(1-y) &lt;= 1 + 2*y".</summary>
    public static ProofResult Prove(string claim) =>
        new(ProofStatus.Skipped, "none", $"the scalar provers are not built yet; '{claim}' was not checked");
}
