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
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("# VerifyDynamics — verification report\n\n");
        sb.Append(IndexText.Intro).Append(" See the [trust table](trust.md) for what each verdict rests on, and the [legend](#legend) for every term. Each statement has a page under `statements/`.\n\n");
        sb.Append("## Summary: verdict × evidence grade per paper\n\n");
        sb.Append("| paper | verdict | ").AppendJoin(" | ", HtmlReport.GradeOrder).Append(" | total |\n|---|---|").AppendJoin("", HtmlReport.GradeOrder.Select(_ => "---:|")).Append("---:|\n");
        var totals = new List<string>();
        foreach (var (paper, rows, total) in IndexText.SummaryRows(certificates))
        {
            for (int i = 0; i < rows.Count; i++)
            {
                var (verdict, counts) = rows[i];
                sb.Append(inv, $"| {(i == 0 ? $"**{paper}**" : "")} | `{verdict}` | ").AppendJoin(" | ", counts.Select(n => n == 0 ? "·" : n.ToString(inv))).Append(inv, $" | {counts.Sum()} |\n");
            }
            totals.Add(total);
        }
        sb.Append('\n');
        foreach (var t in totals)
        {
            sb.Append("- ").Append(Escape(t)).Append('\n');
        }

        var errata = IndexText.Errata(certificates);
        sb.Append(inv, $"\n## Errata found in the papers ({errata.Count})\n\n");
        sb.Append("The printed form of a statement is checked as a variant beside the corrected form. Where the printed form is false, its counterexample is an instance file that `vd check` replays.\n");
        var printedForms = errata.Where(e => e.PrintedVerdict != "—").ToList();
        var typos = errata.Where(e => e.PrintedVerdict == "—").ToList();
        sb.Append(inv, $"\n### Printed forms checked as variants ({printedForms.Count})\n");
        foreach (var e in printedForms)
        {
            var c = e.Summary;
            sb.Append(inv, $"\n#### [{c.Id}]({c.PageStem}.md) — {Escape(c.Title)} ({Escape(c.Location)})\n\n");
            sb.Append("| as printed | as corrected (what is checked) |\n|---|---|\n")
              .Append(inv, $"| {Escape(e.Printed)} — verdict: `{e.PrintedVerdict}` | {Escape(c.Text)} — verdict: `{e.CorrectedVerdict}` |\n\n");
            if (c.Errata.Count > 0)
            {
                sb.Append("**Erratum.** ").Append(Escape(string.Join(" ", c.Errata))).Append("\n\n");
            }
            foreach (var cx in e.Counterexamples)
            {
                sb.Append(inv, $"**Counterexample ({cx.Variant}).** {Escape(cx.Margin)}\n\n**Replay:** `{cx.File.ReplayCommand}` — instance file [{cx.File.RelativePath}]({cx.File.RelativePath})\n");
            }
            if (e.Counterexamples.Count == 0)
            {
                sb.Append("**Counterexample.** ").Append(Escape(e.NoCounterexample)).Append('\n');
            }
        }
        sb.Append(inv, $"\n### Typos and proof-step errata, found by reading ({typos.Count}): the statement is printed as checked\n\n");
        if (typos.Count > 0)
        {
            sb.Append("| statement | verdict of the statement | erratum (printed → correct) |\n|---|---|---|\n");
            foreach (var e in typos)
            {
                var c = e.Summary;
                sb.Append(inv, $"| [{c.Id}]({c.PageStem}.md) ({Escape(c.Location)}) | `{c.Verdict}` | {Escape(string.Join(" ", c.Errata))} |\n");
            }
        }

        var open = certificates.Where(c => c.IsOpen).ToList();
        sb.Append(inv, $"\n## What could not be checked, and why ({open.Count})\n\n");
        if (open.Count > 0)
        {
            sb.Append("| statement | verdict | why |\n|---|---|---|\n");
            foreach (var c in open)
            {
                sb.Append(inv, $"| [{c.Id}]({c.PageStem}.md) | `{c.Verdict}` | {Escape(c.NotCheckable ?? c.Reason)} |\n");
            }
        }
        else
        {
            sb.Append("Everything was checked.\n");
        }

        foreach (var paper in certificates.Select(c => c.Paper).Distinct())
        {
            var group = certificates.Where(c => c.Paper == paper).ToList();
            sb.Append(inv, $"\n## {paper} ({group.Count} statements)\n\n");
            sb.Append("| statement | kind | title | verdict | evidence | fidelity | utilization | trials (accepted/run) | worst margin | obligations proven | variants as expected |\n");
            sb.Append("|---|---|---|---|---|---|---|---|---|---|---|\n");
            foreach (var c in group)
            {
                string verdict = c.CorrectedVerdict is null ? $"`{c.Verdict}`" : $"`{c.Verdict}` (as printed); corrected: `{c.CorrectedVerdict}`";
                string worst = c.WorstNormalized is null ? "—" : $"{c.WorstCell} ({c.WorstMarginName})";
                string obligations = c.ObligationsNeeded == 0 ? "—" : $"{c.ObligationsProven}/{c.ObligationsNeeded}";
                string variants = c.Variants == 0 ? "—" : $"{c.VariantsAsExpected}/{c.Variants}";
                sb.Append(inv, $"| [{c.Id}]({c.PageStem}.md) | {c.Kind} | {Escape(c.Title)} | {verdict} | {Escape(c.GradeText)} | {c.Fidelity} | {c.UtilizationCell} | {c.Accepted}/{c.Trials} | {Escape(worst)} | {obligations} | {variants} |\n");
            }
        }

        sb.Append("\n## Legend\n\n");
        foreach (var (term, meaning) in IndexText.Legend)
        {
            sb.Append(inv, $"- **{term}**: {meaning}\n");
        }
        sb.Append("- **margin distribution** (HTML only): a box plot of the per-trial worst normalized margins on a symmetric-log axis with the bound 0 and the tolerance band drawn.\n");
        return sb.ToString();
    }

    private static string Escape(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
