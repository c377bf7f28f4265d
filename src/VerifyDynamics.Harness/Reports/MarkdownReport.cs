using System.Globalization;
using System.Text;

namespace VerifyDynamics.Harness.Reports;

/// <summary>
/// <c>reports/index.md</c>: one table per paper with every statement's verdict and evidence, then
/// the errata found and what could not be checked. Deterministic (no timestamps), culture-invariant.
/// </summary>
public static class MarkdownReport
{
    public static string Render(IReadOnlyList<CertificateSummary> certificates)
    {
        var sb = new StringBuilder();
        sb.Append("# VerifyDynamics — verification report\n\n");
        sb.Append("Generated from the certificates in `certificates/` (rebuild with `dotnet run --project src/VerifyDynamics.Cli -- verify`).\n");
        sb.Append("**[Trust table](trust.md)**: for every id its verdict, grade, fidelity (full / restricted / substitute), utilization (how near the trials came to the bound), weakest tolerance kind, trials, and what kept it from being certified.\n");
        sb.Append("Verdicts: `certified` = the statement as printed (full fidelity), every trial holds within a stated error bound, the trials came within a factor 2 of every bound, and every scalar obligation is proven for the constants in force; `holds-on-trials` = numerical evidence only (the reason says what is missing: restricted to …, bound never approached, …);\n");
        sb.Append("`refuted` = confirmed counterexample (for errata: the statement as printed); `construction-reproduced` = the paper's failure construction shows the claimed failure;\n");
        sb.Append("`inconclusive` = evidence unusable (reason given); `not-checkable` = cannot be checked (reason given).\n");
        sb.Append("Evidence grades (decided with the verdict, never raised afterwards): `proven` = the statement is itself a scalar inequality whose obligations are proven by Z3 or interval subdivision, and every trial holds (for a refutation: an exact counterexample);\n");
        sb.Append("`proven-assuming` = every scalar obligation proven and every trial holds, assuming what is named (usually the paper's reduction of the statement to its scalar obligations; an alias; a lemma); `numerical-with-error-bound` = every tried instance satisfies the conclusion within a bound on its numerical error;\n");
        sb.Append("`sampled` = statistical, trend or conjecture evidence, or tolerances that are estimates only; `unknown` = no usable evidence. Each statement has a page under `statements/`.\n\n");
        sb.Append("## Summary\n\n");
        sb.Append("| paper | statements | certified | holds-on-trials | construction-reproduced | refuted | conjecture-supported | inconclusive | not-checkable | other | mutants refuted |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var paper in certificates.Select(c => c.Paper).Distinct())
        {
            var group = certificates.Where(c => c.Paper == paper).ToList();
            int Count(string v) => group.Count(c => c.Verdict == v);
            int known = Count("certified") + Count("holds-on-trials") + Count("construction-reproduced") + Count("refuted") + Count("conjecture-supported") + Count("inconclusive") + Count("not-checkable");
            sb.Append(CultureInfo.InvariantCulture, $"| {paper} | {group.Count} | {Count("certified")} | {Count("holds-on-trials")} | {Count("construction-reproduced")} | {Count("refuted")} | {Count("conjecture-supported")} | {Count("inconclusive")} | {Count("not-checkable")} | {group.Count - known} | {group.Sum(c => c.MutantsRefuted)}/{group.Sum(c => c.Mutants)} |\n");
        }
        sb.Append("\n| paper | proven | proven-assuming | numerical-with-error-bound | sampled | unknown |\n|---|---|---|---|---|---|\n");
        foreach (var paper in certificates.Select(c => c.Paper).Distinct())
        {
            var group = certificates.Where(c => c.Paper == paper).ToList();
            sb.Append(CultureInfo.InvariantCulture, $"| {paper} | ").AppendJoin(" | ", HtmlReport.GradeOrder.Select(g => group.Count(c => c.Grade == g))).Append(" |\n");
        }
        foreach (var paper in certificates.Select(c => c.Paper).Distinct())
        {
            sb.Append(CultureInfo.InvariantCulture, $"\n## {paper}\n\n");
            sb.Append("| statement | kind | title | verdict | evidence | fidelity | utilization | trials (accepted/run) | worst normalized margin | obligations proven | variants as expected |\n");
            sb.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            foreach (var c in certificates.Where(c => c.Paper == paper))
            {
                string verdict = c.CorrectedVerdict is null ? $"`{c.Verdict}`" : $"`{c.Verdict}` (as printed); corrected: `{c.CorrectedVerdict}`";
                string worst = c.WorstNormalized is { } w ? $"{w.ToString("0.###e+0", CultureInfo.InvariantCulture)} ({c.WorstMarginName})" : "—";
                string obligations = c.ObligationsNeeded == 0 ? "—" : $"{c.ObligationsProven}/{c.ObligationsNeeded}";
                string variants = c.Variants == 0 ? "—" : $"{c.VariantsAsExpected}/{c.Variants}";
                sb.Append(CultureInfo.InvariantCulture, $"| [{c.Id}]({c.PageStem}.md) | {c.Kind} | {Escape(c.Title)} | {verdict} | {Escape(c.GradeText)} | {c.Fidelity} | {c.UtilizationCell} | {c.Accepted}/{c.Trials} | {Escape(worst)} | {obligations} | {variants} |\n");
            }
        }
        var errata = certificates.Where(c => c.HasErratum).ToList();
        if (errata.Count > 0)
        {
            sb.Append("\n## Errata found in the papers\n\n");
            foreach (var c in errata)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- **{c.Id}** ({c.Location}): ");
                sb.Append(Escape(string.Join(" ", c.Errata)));
                if (c.CorrectedVerdict is not null)
                {
                    sb.Append(CultureInfo.InvariantCulture, $" — verdict as printed: `{c.Verdict}`; corrected form: `{c.CorrectedVerdict}`.");
                }
                sb.Append('\n');
            }
        }
        var open = certificates.Where(c => c.IsOpen).ToList();
        if (open.Count > 0)
        {
            sb.Append("\n## What could not be checked, and why\n\n");
            foreach (var c in open)
            {
                sb.Append(CultureInfo.InvariantCulture, $"- **{c.Id}** (`{c.Verdict}`): {Escape(c.NotCheckable ?? c.Reason)}\n");
            }
        }
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
