using System.Text.Json.Nodes;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Obligations;
using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Symbolic.Proving;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Tests.Reports;

/// <summary>
/// Sealed certificates of toy statements covering every part of a statement page: a certified statement with a
/// (stubbed, libz3-independent) proven obligation and observations against a bound, a refuted one, a printed-form
/// erratum, an alias proven assuming its original, and a not-checkable one.
/// </summary>
internal static class ToyCertificates
{
    private static readonly ProofResult Proven = new(ProofStatus.Proven, "z3 4.8.12 (rlimit 2000000)", "Z3: the negation is unsatisfiable", Z3Version: "4.8.12", Rlimit: 2000000);

    private static JsonObject Certificate(Statement s, bool obligationsProven)
    {
        var r = StatementRunner.Run(s, new RunOptions(new Seed(5), RunObligations: false));
        if (obligationsProven && s.Obligations.Count > 0)
        {
            var obligations = s.Obligations.Select(o => new ObligationRecord(o, Proven)).ToList();
            r = r with { Obligations = obligations, Decision = VerdictRules.Decide(s, r.Trials, obligations) };
        }
        return CertificateStore.Parse(CanonicalJson.Seal(CertificateBuilder.Build(r)));
    }

    public static IReadOnlyList<JsonObject> All()
    {
        var holds = ToyStatements.UniformBelowOne(trials: 8);
        var certified = holds with
        {
            Id = new StatementId("TOY", "Certified"),
            Obligations = [ToyGradeStatements.Obligation],
            Conclusion = (x, k, p) => MarginSet.Of(Margin.AtMost("x ≤ 1", x.Scalar("x"), 1))
                .WithObservation("lambda_min", 1 - x.Scalar("x")).WithObservation("bound", 0),
        };
        var refuted = holds.WithConstantDefault("bound", Rational.Of(2)) with { Id = new StatementId("TOY", "Refuted") };
        var erratum = holds with
        {
            Id = new StatementId("TOY", "Erratum"),
            Errata = ["the printed bound is 2"],
            Variants = [Variant.Erratum("Printed", "bound 2 as printed", s => s.WithConstantDefault("bound", Rational.Of(2)))],
        };
        var alias = certified with { Id = new StatementId("TOY", "Alias"), AliasOf = new StatementId("TOY", "Certified"), Title = "x ≤ 1 again" };
        var notCheckable = holds with { Id = new StatementId("TOY", "Existential"), Checkability = Checkability.NotCheckable, NotCheckableReason = "existential constant" };
        return [Certificate(certified, true), Certificate(refuted, false), Certificate(erratum, false), Certificate(alias, true), Certificate(notCheckable, false)];
    }

    public static IReadOnlyList<CertificateSummary> Summaries() => CertificateSummary.Order(All().Select(CertificateSummary.From));

    /// <summary>A small experiment CSV as <c>vd experiment</c> writes it (first column x, run-indexed columns).</summary>
    public const string ExperimentCsv = "k,loss_r0,loss_r1,gf_dist_r0,gf_dist_r1\n0,1,1,0,0\n1,0.5,0.6,1e-6,2e-6\n2,0.25,0.36,3e-6,5e-6\n3,0.125,0.2,8e-6,1e-5\n";
}
