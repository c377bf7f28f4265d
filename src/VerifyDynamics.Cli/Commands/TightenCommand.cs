using VerifyDynamics.Core;
using System.Globalization;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Reports;
using VerifyDynamics.Harness.Search;
using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

[Command("tighten", "search the most aggressive value of a named constant with no counterexample (empirical edge and slack)",
    "vd tighten ID --constant NAME [--seed S] [--trials N] [--local N] [--max-evaluations M] [--direction up|down] [--tolerance X] [--threads N] [--json] [--out FILE]\n" +
    "       vd tighten --all [--out reports/slack.json] [--budget N] [--max-evaluations M] [--filter GLOB] [--seed S] [--threads N]")]
public static class TightenCommand
{
    /// <summary>
    /// Evaluations per candidate value for <c>--all</c>: half generated trials, half hill-climbing steps. 16 keeps the whole
    /// catalog to a few minutes on one core while still running the local search at every candidate.
    /// </summary>
    public const int DefaultCampaignBudget = 16;

    /// <summary>
    /// Evaluations per constant for <c>--all</c> (about six candidate values at the default budget): the cap that keeps statements
    /// whose conclusion integrates an ODE from dominating the campaign. Deterministic (a count, not a clock).
    /// </summary>
    public const int DefaultCampaignCap = 96;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "json", "all" });
        bool all = a.Flag("all");
        bool json = a.Flag("json");
        string? constantName = a.Option("constant");
        var seed = a.Seed() ?? Seed.Default;
        int? trials = a.Int("trials", min: 1, max: InputLimits.MaxTrials);
        int? local = a.Int("local", min: 0);
        int? budget = a.Int("budget", min: 2, max: InputLimits.MaxTrials);
        int? cap = a.Int("max-evaluations", min: 1, max: InputLimits.MaxTrials);
        string? directionText = a.Option("direction");
        double? tolerance = a.Double("tolerance");
        int threads = a.Int("threads", min: 1, max: InputLimits.MaxThreads) ?? 1;
        string? outPath = a.Option("out");
        string? filter = a.Option("filter");
        a.EnsureAllUsed(all ? 0 : 1);
        TightenDirection? direction = directionText switch
        {
            null => null,
            "up" => TightenDirection.Up,
            "down" => TightenDirection.Down,
            _ => throw new UsageException($"--direction must be 'up' or 'down', got '{directionText}'"),
        };
        if (tolerance is { } t && !(t > 0 && t < 1))
        {
            throw new UsageException($"--tolerance must be in (0, 1), got {t.ToString(CultureInfo.InvariantCulture)}");
        }
        if (all)
        {
            if (constantName is not null || direction is not null || trials is not null || local is not null || json)
            {
                throw new UsageException("--all takes --out, --budget, --max-evaluations, --filter, --seed and --threads only");
            }
            return RunAll(outPath ?? Path.Combine("reports", SlackTable.FileName), budget ?? DefaultCampaignBudget, cap ?? DefaultCampaignCap, filter, seed, threads, stdout, stderr);
        }
        if (budget is not null || filter is not null)
        {
            throw new UsageException("--budget and --filter go with --all (use --trials and --local for one constant)");
        }
        if (a.Positionals.Count != 1)
        {
            throw new UsageException("tighten needs a statement id and --constant NAME (or --all)");
        }
        var statement = StatementLookup.Resolve(a.Positionals[0]);
        var constant = ResolveConstant(statement, constantName);
        if (statement.Checkability is Checkability.NotCheckable or Checkability.Pending)
        {
            stderr.WriteLine($"vd tighten: {statement.Id} is {statement.Checkability.ToString().ToLowerInvariant()} ({statement.NotCheckableReason}): there is nothing to search");
            return ExitCodes.Inconclusive;
        }
        var options = new TightenOptions(seed.Split("tighten:" + statement.Id), new SearchBudget(trials ?? Math.Min(statement.DefaultTrials, 32), local ?? 48),
            RelativeTolerance: tolerance ?? 1.0 / 128, Direction: direction, Parallelism: threads, MaxEvaluations: cap);
        TightenResult result;
        try
        {
            result = ConstantTightener.Run(statement, constant.Name, options);
        }
        catch (InvalidOperationException e)
        {
            stderr.WriteLine($"vd tighten: {e.Message}");
            return ExitCodes.Inconclusive;
        }
        var doc = TightenJson.ToJson(result);
        if (outPath is not null)
        {
            AtomicFile.WriteAllText(outPath, CanonicalJson.Serialize(doc));
        }
        if (json)
        {
            stdout.Write(CanonicalJson.Serialize(doc));
        }
        else
        {
            Print(result, seed, stdout);
        }
        return result.PaperHolds ? ExitCodes.Ok : ExitCodes.Refuted;
    }

    internal static NamedConstant ResolveConstant(Statement statement, string? name)
    {
        if (statement.Constants.Count == 0)
        {
            throw new UsageException($"{statement.Id} has no named constants: there is nothing to tighten");
        }
        if (name is null)
        {
            throw new UsageException($"--constant NAME is required (constants of {statement.Id}: {string.Join(", ", statement.Constants.Select(c => c.Name))})");
        }
        if (statement.Constants.FirstOrDefault(c => c.Name == name) is { } c)
        {
            return c;
        }
        var near = IdSuggestions.For(name, statement.Constants.Select(x => x.Name));
        throw new UsageException($"{statement.Id} has no constant '{name}' (constants: {string.Join(", ", statement.Constants.Select(x => x.Name))}){(near.Count > 0 ? $"; did you mean {near[0]}?" : "")}");
    }

    private static void Print(TightenResult r, Seed runSeed, TextWriter w)
    {
        w.WriteLine($"{r.Statement.Id} — tightening '{r.Constant.Name}' ({r.Constant.Description})");
        w.WriteLine($"  paper: {r.Paper} ≈ {F(r.Paper.ToDouble())}; tightens {(r.Direction == TightenDirection.Up ? "upward" : "downward")} ({r.DirectionReason})");
        foreach (var c in r.Candidates)
        {
            w.WriteLine($"  {r.Constant.Name} = {c.Value} ≈ {F(c.Value.ToDouble())}: {(c.Counterexample ? $"COUNTEREXAMPLE ({c.FoundBy})" : $"none (worst normalized margin {(c.WorstNormalized is { } m ? F(m) : "—")})")}, {c.Evaluations} evaluations, seed {c.Seed}");
        }
        w.WriteLine($"  paper's value: {(r.PaperHolds ? "no counterexample found" : "REFUTED (a confirmed counterexample at the paper's value)")}");
        w.WriteLine($"  empirical edge: last without counterexample {(r.LastGood is { } g ? $"{g} ≈ {F(g.ToDouble())}" : "none")}; first with one {(r.FirstBad is { } b ? $"{b} ≈ {F(b.ToDouble())}" : "none")}");
        if (r.Counterexample is { } cx && r.FirstBad is { } bad)
        {
            w.WriteLine($"  counterexample at {r.Constant.Name} = {bad} (found by {r.FoundBy}): {cx.Detail}");
            w.WriteLine($"    instance: {InstanceJson.ToJson(cx.Instance!).ToJsonString()}");
            w.WriteLine($"    replay: save it and run vd check {r.Statement.Id} --instance FILE --set {r.Constant.Name}={bad}");
        }
        w.WriteLine($"  slack: ratio {(r.SlackRatio is { } q ? F(q) : "—")}, difference {(r.SlackDifference is { } d ? $"{d} ≈ {F(d.ToDouble())}" : "—")}");
        w.WriteLine($"  {r.Status}; {r.Evaluations} evaluations; seed {runSeed} (tighten seed {r.Options.Seed})");
    }

    private static int RunAll(string outPath, int budget, int cap, string? filter, Seed seed, int threads, TextWriter stdout, TextWriter stderr)
    {
        var statements = Catalog.All
            .Where(s => s.AliasOf is null && s.Constants.Count > 0 && s.Checkability is not (Checkability.NotCheckable or Checkability.Pending))
            .Where(s => filter is null || StatementLookup.MatchesGlob(s.Id.ToString(), filter))
            .ToList();
        if (statements.Count == 0)
        {
            throw new UsageException(filter is null ? "no checkable statement has named constants" : $"--filter '{filter}' matches no checkable statement with named constants");
        }
        var entries = new JsonArray();
        var skipped = new JsonArray();
        foreach (var s in statements)
        {
            // Each statement's DefaultTrials is calibrated to about 2 s of evaluation (STYLE.md test budgets), so it is the
            // cost hint: a statement whose check integrates an ODE (DefaultTrials 1) gets 2 evaluations per candidate, 12 in
            // all and 2 direction probes, instead of dominating the campaign.
            int perCandidate = Math.Min(budget, Math.Max(2, 2 * s.DefaultTrials));
            int perConstant = Math.Min(cap, Math.Max(12, 12 * s.DefaultTrials));
            int probes = Math.Min(ConstantTightener.DefaultDirectionProbes, Math.Max(2, s.DefaultTrials));
            foreach (var c in s.Constants)
            {
                var options = new TightenOptions(seed.Split("tighten:" + s.Id), SearchBudget.OfEvaluations(perCandidate), BracketSteps: 5, BisectionSteps: 6,
                    RelativeTolerance: 1.0 / 64, Parallelism: threads, MaxEvaluations: perConstant, DirectionProbes: probes);
                // Elapsed time goes to the terminal only (never into the files, which must not depend on the machine).
                var clock = System.Diagnostics.Stopwatch.StartNew();
                try
                {
                    var r = ConstantTightener.Run(s, c.Name, options);
                    entries.Add(TightenJson.ToJson(r, withCandidates: false));
                    stdout.WriteLine($"{s.Id} {c.Name}: paper {c.Default}, edge {r.LastGood?.ToString() ?? "none"} / {r.FirstBad?.ToString() ?? "none"}, slack {(r.SlackRatio is { } q ? F(q) : "—")} ({r.Evaluations} evaluations, {clock.Elapsed.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture)} s)");
                }
                catch (Exception e) when (e is InvalidOperationException or AggregateException or ArithmeticException)
                {
                    skipped.Add(new JsonObject { ["statement"] = s.Id.ToString(), ["constant"] = c.Name, ["paper"] = c.Default.ToString(), ["reason"] = e.Message });
                    stderr.WriteLine($"{s.Id} {c.Name}: skipped — {e.Message}");
                }
            }
        }
        var doc = new JsonObject
        {
            ["seed"] = seed.ToString(),
            ["budget"] = budget.ToString(CultureInfo.InvariantCulture),
            ["maxEvaluationsPerConstant"] = cap,
            ["evidence"] = "empirical",
            ["entries"] = entries,
            ["skipped"] = skipped,
        };
        AtomicFile.WriteAllText(outPath, CanonicalJson.Serialize(doc));
        string md = Path.ChangeExtension(outPath, ".md");
        AtomicFile.WriteAllText(md, "# VerifyDynamics — slack of the named constants\n\n" + SlackTable.Markdown(doc));
        stdout.WriteLine($"tightened {entries.Count} constants ({skipped.Count} skipped) of {statements.Count} statements: {outPath}, {md}");
        return ExitCodes.Ok;
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
