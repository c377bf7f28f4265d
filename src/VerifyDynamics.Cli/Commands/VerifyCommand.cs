using System.Diagnostics;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;
using VerifyDynamics.Theorems;

namespace VerifyDynamics.Cli.Commands;

[Command("verify", "verify the catalog (or a filtered part): write certificates and the report",
    "vd verify [--filter GLOB] [--seed S] [--threads N] [--trials-scale K] [--certificates DIR] [--reports DIR]")]
public static class VerifyCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string>());
        string filter = a.Option("filter") ?? "*";
        var runSeed = a.Seed() ?? CheckCommand.DefaultRunSeed;
        int threads = a.Int("threads", min: 1) ?? Environment.ProcessorCount;
        int scale = a.Int("trials-scale", min: 1) ?? 1;
        string certificates = a.Option("certificates") ?? "certificates";
        string reports = a.Option("reports") ?? "reports";
        a.EnsureAllUsed(0);
        var statements = Catalog.All.Where(s => StatementLookup.MatchesGlob(s.Id.ToString(), filter)).ToList();
        if (statements.Count == 0)
        {
            throw new UsageException($"--filter '{filter}' matches no statement id");
        }
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            var store = new CertificateStore(certificates);
            stderr.WriteLine($"vd verify: {statements.Count} statements, run seed {runSeed}, {threads} threads");
            int unexpected = 0, inconclusive = 0;
            for (int i = 0; i < statements.Count; i++)
            {
                cancel.Token.ThrowIfCancellationRequested();
                var s = statements[i];
                var clock = Stopwatch.StartNew();
                var result = StatementRunner.Run(s, new RunOptions(CheckCommand.StatementSeed(runSeed, s.Id), s.DefaultTrials * scale, null, threads));
                string path = store.Write(CertificateBuilder.Build(result));
                bool asExpected = result.Decision.Verdict.IsPass() || result.Decision.Verdict == Verdict.NotCheckable;
                bool variantsOk = result.Variants.All(v => v.AsExpected);
                if (result.Decision.Verdict == Verdict.Inconclusive)
                {
                    inconclusive++;
                }
                else if (!asExpected || !variantsOk)
                {
                    unexpected++;
                }
                string flag = !variantsOk ? $" [{result.Variants.Count(v => !v.AsExpected)} variant(s) not as expected]" : "";
                stderr.WriteLine($"[{i + 1}/{statements.Count}] {s.Id,-28} {result.Verdict.ToKebab(),-24}{flag} {clock.Elapsed.TotalSeconds:F1}s → {path}");
            }
            WriteReport(store, reports);
            stdout.WriteLine($"verified {statements.Count} statements: {unexpected} unexpected (refuted without an erratum, or a variant not as expected), {inconclusive} inconclusive; report: {Path.Combine(reports, "index.md")}");
            return unexpected > 0 ? ExitCodes.Refuted : inconclusive > 0 ? ExitCodes.Inconclusive : ExitCodes.Ok;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>Rebuilds the reports from every certificate on disk (so a filtered run still reports the whole catalog).</summary>
    public static void WriteReport(CertificateStore store, string reports)
    {
        var summaries = CertificateSummary.Order(store.ReadAll().Select(c => CertificateSummary.From(CertificateStore.Parse(c.Text))));
        AtomicFile.WriteAllText(Path.Combine(reports, "index.md"), MarkdownReport.Render(summaries));
        AtomicFile.WriteAllText(Path.Combine(reports, "index.html"), HtmlReport.Render(summaries));
        AtomicFile.WriteAllText(Path.Combine(reports, "summary.tex"), LatexSummary.Render(summaries));
    }
}
