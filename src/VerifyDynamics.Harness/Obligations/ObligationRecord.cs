using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Obligations;

/// <summary>An obligation with what the provers said about it.</summary>
public sealed record ObligationRecord(ObligationSpec Spec, ProofResult Result)
{
    /// <summary>The prover's answer agrees with the expectation (proven for Holds, refuted for Fails).</summary>
    public bool MetExpectation => Spec.Expect == ObligationExpectation.Holds
        ? Result.Status == ProofStatus.Proven
        : Result.Status == ProofStatus.Refuted;
}

/// <summary>Proves obligations, once per distinct claim text in a process (claims are pure).</summary>
public static class ObligationChecker
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, ProofResult> Cache = new(StringComparer.Ordinal);

    public static IReadOnlyList<ObligationRecord> Check(IEnumerable<ObligationSpec> obligations) =>
        [.. obligations.Select(o => new ObligationRecord(o, Cache.GetOrAdd(o.Claim, ObligationProver.Prove)))];
}
