using System.CommandLine;
using System.Diagnostics;
using VerifyDynamics.Core;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Harness.Verdicts;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd verify</c>: the catalog (or a filtered part or a shard) checked, certificates and reports written.</summary>
public static class VerifyCommand
{
    public static Command Create(CliOutput io)
    {
        var filter = CliOptions.Text("--filter", "GLOB", "statement ids to verify (* and ? wildcards)", "*");
        var assembly = CliOptions.Assembly();
        var seed = CliOptions.Seed();
        var threads = CliOptions.Threads(Environment.ProcessorCount, "statements run concurrently and their trials in parallel; certificates are byte-identical at any count");
        var scale = CliOptions.Int("--trials-scale", "K", "multiply every statement's trial count by K", 1, 1, InputLimits.MaxTrialsScale);
        var certificates = CliOptions.Text("--certificates", "DIR", "folder to write the certificates into", "certificates");
        var reports = CliOptions.Text("--reports", "DIR", "folder to write the reports into (not with --shard: 'vd merge' writes them)", "reports");
        var shard = new Option<(int Index, int Count)?>("--shard")
        {
            Description = "run shard I of N (every N-th statement; e.g. a Slurm array index); 'vd merge' combines the shards",
            HelpName = "I/N",
            CustomParser = r => ParseShard(r),
        };
        var campaign = CliOptions.Text("--campaign", "ID", "name this campaign in the manifest (the scripts of 'vd campaign slurm' pass it), so shards of two campaigns with equal seeds are never merged");
        var resume = CliOptions.Flag("--resume", "keep the intact certificates of this campaign already in the folder and run the rest");
        var noProgress = CliOptions.Flag("--no-progress", "no progress bar (there is none unless stderr is a terminal)");
        var command = new Command("verify", "verify the catalog (or a filtered part): write certificates and the report")
        {
            assembly, filter, seed, threads, scale, certificates, reports, shard, campaign, resume, noProgress,
        };
        command.SetAction(r => Run(new Settings(r.GetValue(assembly), r.GetValue(filter)!, r.GetValue(seed)!, r.GetValue(threads), r.GetValue(scale), r.GetValue(certificates)!, r.GetValue(reports)!,
            r.GetValue(shard), r.GetValue(campaign), r.GetValue(resume), ProgressDisplay.Enabled(io.Err, r.GetValue(noProgress))), io));
        return command;
    }

    private sealed record Settings(string? Assembly, string Filter, Core.Randomness.Seed RunSeed, int Threads, int Scale, string Certificates, string Reports, (int Index, int Count)? Shard, string? Campaign, bool Resume, bool Progress);

    private static int Run(Settings settings, CliOutput io)
    {
        var (assembly, filter, runSeed, threads, scale, certificates, reports, shard, campaign, resume, progress) = settings;
        var (stdout, stderr) = (io.Out, io.Err);
        var statements = SelectStatements(assembly, filter, shard, scale);
        // SIGINT/SIGTERM stop the run between statements: every certificate on disk is then complete (atomic writes)
        // and 'vd verify --resume' finishes the run byte-identically (see Interruption).
        using var interruption = new Interruption(stderr, "verify");
        var manifest = CampaignManifest.For(runSeed.ToString(), scale, campaign);
        // Everything that could refuse the run is checked before the first trial: the folders are folders and writable,
        // no other vd writes into the same one, the campaign is the same, and every file already there is a certificate.
        Preflight.CheckFolders(certificates, shard is null ? reports : null);
        using var folder = CampaignFolder.Open(certificates, manifest);
        var redo = resume ? statements.Select(s => s.Id.ToString()).ToHashSet(StringComparer.Ordinal) : [];
        Preflight.CheckExisting(certificates, redo);
        if (shard is null)
        {
            Preflight.ProbeWritable(reports, keep: false);
        }
        folder.Commit(manifest);
        var store = new CertificateStore(certificates);
        stderr.WriteLine($"vd verify: {statements.Count} statements, run seed {runSeed}, {threads} threads");
        var (unexpected, inconclusive) = ProgressDisplay.Run(progress, stderr, statements.Count > 0 ? $"verify {statements[0].Id}" : "verify", statements.Count, sink =>
        {
            int unexpected = 0, inconclusive = 0;
            // Statements run concurrently (each certificate depends only on its statement and the run seed); their lines
            // are written here in catalog order as each next one completes, so the log reads as a sequential run.
            // Started longest first (StatementSchedule's committed cost table), awaited in catalog order: only the start order changes.
            int workers = Math.Min(threads, statements.Count);
            int[] order = workers > 1
                ? StatementSchedule.LongestFirst([.. statements.Select(s => s.Id.ToString())], StatementSchedule.CommittedCosts)
                : [.. Enumerable.Range(0, statements.Count)];
            using var pool = new StatementPool<Completed>(statements.Count, workers, order,
                i => VerifyOne(statements[i], store, runSeed, scale, threads, resume, interruption.Token), interruption.Token);
            for (int i = 0; i < statements.Count; i++)
            {
                if (pool.Await(i) is not { } done)
                {
                    break;
                }
                var s = statements[i];
                // As expected: the statement (or an erratum's corrected form) passes, or is declared not checkable.
                bool asExpected = done.Corrected.IsPass() || done.Corrected == Verdict.NotCheckable;
                if (done.Corrected == Verdict.Inconclusive)
                {
                    inconclusive++;
                }
                else if (!asExpected || !done.VariantsOk)
                {
                    unexpected++;
                }
                string flag = !done.VariantsOk ? " [variant(s) not as expected]" : "";
                sink.Log.WriteLine($"[{i + 1}/{statements.Count}] {s.Id,-28} {done.Verdict.ToKebab(),-24}{flag} {done.Seconds:F1}s → {done.Path}");
                sink.Advance(i + 1 < statements.Count ? $"verify {statements[i + 1].Id}" : "verify: writing reports");
            }
            pool.WaitForWorkers();
            interruption.Token.ThrowIfCancellationRequested();
            return (unexpected, inconclusive);
        });
        // A signal during the last statement still counts as an interruption: the reports are left to the resumed run.
        interruption.Token.ThrowIfCancellationRequested();
        if (shard is null)
        {
            WriteReport(store, reports);
        }
        else
        {
            stderr.WriteLine($"shard {shard.Value.Index}/{shard.Value.Count}: reports are written by 'vd merge'");
        }
        stdout.WriteLine($"verified {statements.Count} statements: {unexpected} unexpected (refuted without an erratum, or a variant not as expected), {inconclusive} inconclusive; report: {Path.Combine(reports, "index.md")}");
        return unexpected > 0 ? ExitCodes.Refuted : inconclusive > 0 ? ExitCodes.Inconclusive : ExitCodes.Ok;
    }

    /// <summary>The statements of this run (the filter, then the shard), their scaled budgets checked against the input limits.</summary>
    private static List<Theorems.Model.Statement> SelectStatements(string? assembly, string filter, (int Index, int Count)? shard, int scale)
    {
        var matching = StatementLookup.Statements(assembly).Where(s => StatementLookup.MatchesGlob(s.Id.ToString(), filter)).ToList();
        if (matching.Count == 0)
        {
            throw new UsageException($"--filter '{filter}' matches no statement id");
        }
        // Shard i of n takes every n-th statement of the filtered catalog order, so shards are disjoint and cover it;
        // each certificate depends only on its statement and the run seed, so merged shards equal one run byte for byte.
        var statements = shard is { } sh ? [.. matching.Where((_, k) => k % sh.Count == sh.Index - 1)] : matching;
        foreach (var st in statements)
        {
            // Checked before any work (README "Input limits"): the scaled budget must neither overflow nor exhaust memory.
            long total = (long)st.DefaultTrials * scale;
            if (total > InputLimits.MaxTrials)
            {
                throw new InputLimitException($"--trials-scale {scale} gives {st.Id} {total} trials; the limit is {InputLimits.MaxTrials} per statement (README \"Input limits\")");
            }
        }
        return statements;
    }

    private sealed record Completed(Verdict Verdict, Verdict Corrected, bool VariantsOk, string Path, double Seconds);

    /// <summary>Runs one statement (or takes its intact certificate with --resume) and writes its certificate.</summary>
    private static Completed VerifyOne(Theorems.Model.Statement s, CertificateStore store, Core.Randomness.Seed runSeed, int scale, int threads, bool resume, CancellationToken interrupted)
    {
        var clock = Stopwatch.StartNew();
        var seed = CheckCommand.StatementSeed(runSeed, s.Id);
        int trials = s.DefaultTrials * scale;
        string path = store.PathFor(s.Id.Paper, s.Id.Name);
        if (resume && ReadCompleted(path, seed, trials) is { } done)
        {
            return new Completed(done.Verdict, done.Corrected, done.VariantsOk, path, clock.Elapsed.TotalSeconds);
        }
        var result = StatementRunner.Run(s, new RunOptions(seed, trials, null, threads));
        // A signal that arrived while the statement ran: its certificate is not written (an interrupted Z3 call must never
        // be recorded), and 'vd verify --resume' redoes it.
        interrupted.ThrowIfCancellationRequested();
        path = store.Write(CertificateBuilder.Build(result));
        return new Completed(result.Verdict, result.Decision.Verdict, result.Variants.All(v => v.AsExpected), path, clock.Elapsed.TotalSeconds);
    }

    private static (int Index, int Count)? ParseShard(System.CommandLine.Parsing.ArgumentResult r)
    {
        string text = r.Tokens[^1].Value;
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out int i)
            && int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out int n) && n >= 1 && i >= 1 && i <= n)
        {
            return (i, n);
        }
        r.AddError($"--shard expects I/N with 1 ≤ I ≤ N (e.g. 3/8, as a Slurm array index), got '{text}'");
        return null;
    }

    /// <summary>
    /// For --resume: the certificate already on disk, if it is intact and was made by this build with the same statement
    /// seed and trial count (an interrupted run leaves only complete certificates, since writes are atomic).
    /// </summary>
    private static (Verdict Verdict, Verdict Corrected, bool VariantsOk)? ReadCompleted(string path, Core.Randomness.Seed seed, int trials)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            var c = Certificate.ReadFile(path);
            // Made by another build (another source id): redone, since its results may differ.
            if (!c.SealIntact || c.RootSeed != seed.ToString() || c.TrialCount != trials
                || c.Json["tools"]?["source"]?.GetValue<string>() != BuildInfo.Current.SourceId)
            {
                return null;
            }
            // A verdict this vd does not know (a certificate of another version) is redone, not trusted.
            if (VerdictExtensions.FromKebab(c.Verdict) is not { } verdict || VerdictExtensions.FromKebab(c.CorrectedVerdict ?? c.Verdict) is not { } corrected)
            {
                return null;
            }
            return (verdict, corrected, c.VariantsAsExpected);
        }
        catch (CertificateFormatException)
        {
            return null;
        }
    }

    /// <summary>Rebuilds the reports from every certificate on disk (so a filtered run still reports the whole catalog).</summary>
    public static void WriteReport(CertificateStore store, string reports)
    {
        var summaries = CertificateSummary.Order(store.ReadAll().Select(c => CertificateSummary.From(Certificate.Read(c.Text, c.Path).Json)));
        // Index, summary, statement pages and experiment curves; the slack table of `vd tighten --all` (reports/slack.json) is added when it exists.
        ReportWriter.Write(summaries, reports);
    }
}
