using System.CommandLine;
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

/// <summary>
/// <c>vd tighten ID --constant NAME</c>: the most aggressive value of a named constant with no counterexample (empirical
/// edge and slack); <c>vd tighten --all</c>: every named constant, written as reports/slack.json and slack.md.
/// </summary>
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

    /// <summary>The parsed command line.</summary>
    private sealed record Options(string? Id, bool All, bool Json, string? Constant, Seed Seed, int? Trials, int? Local, int? Budget, int? Cap,
        string? Direction, double? Tolerance, int Threads, string? Out, string? Filter);

    public static Command Create(CliOutput io)
    {
        var id = new Argument<string?>("ID") { Description = "statement id (not with --all)", Arity = ArgumentArity.ZeroOrOne };
        var all = CliOptions.Flag("--all", "tighten every named constant of every checkable statement and write the slack table");
        var json = CliOptions.Flag("--json", "print JSON (one constant)");
        var constant = CliOptions.Text("--constant", "NAME", "the named constant to tighten ('vd show ID' lists them)");
        var seed = CliOptions.Seed("search seed (unsigned 64-bit, decimal or 0x hex)");
        var trials = CliOptions.OptionalInt("--trials", "N", "generated instances per candidate value (default: the statement's trials, at most 32)", 1, InputLimits.MaxTrials);
        var local = CliOptions.OptionalInt("--local", "N", "hill-climbing steps per candidate value (default 48)", 0);
        var budget = CliOptions.OptionalInt("--budget", "N", $"--all: evaluations per candidate value (default {DefaultCampaignBudget})", 2, InputLimits.MaxTrials);
        var cap = CliOptions.OptionalInt("--max-evaluations", "M", $"evaluations per constant at most (--all default {DefaultCampaignCap}; one constant: no cap)", 1, InputLimits.MaxTrials);
        var direction = CliOptions.Text("--direction", "up|down", "which way tightens (default: probed)");
        var tolerance = CliOptions.OptionalDouble("--tolerance", "X", "relative width at which the bisection stops, in (0, 1) (default 1/128)");
        var threads = CliOptions.Threads(1);
        var outPath = CliOptions.Text("--out", "FILE", $"write the result as JSON (--all: default reports/{SlackTable.FileName}, with a .md beside it)");
        var filter = CliOptions.Text("--filter", "GLOB", "--all: statement ids to include (* and ? wildcards)");
        var command = new Command("tighten", "search the most aggressive value of a named constant with no counterexample (empirical edge and slack)")
        {
            id, all, json, constant, seed, trials, local, budget, cap, direction, tolerance, threads, outPath, filter,
        };
        command.SetAction(r => Run(new Options(r.GetValue(id), r.GetValue(all), r.GetValue(json), r.GetValue(constant), r.GetValue(seed)!, r.GetValue(trials), r.GetValue(local),
            r.GetValue(budget), r.GetValue(cap), r.GetValue(direction), r.GetValue(tolerance), r.GetValue(threads), r.GetValue(outPath), r.GetValue(filter)), io));
        return command;
    }

    private static int Run(Options o, CliOutput io)
    {
        TightenDirection? direction = o.Direction switch
        {
            null => null,
            "up" => TightenDirection.Up,
            "down" => TightenDirection.Down,
            _ => throw new UsageException($"--direction must be 'up' or 'down', got '{o.Direction}'"),
        };
        if (o.Tolerance is { } t && !(t > 0 && t < 1))
        {
            throw new UsageException($"--tolerance must be in (0, 1), got {t.ToString(CultureInfo.InvariantCulture)}");
        }
        if (o.All)
        {
            if (o.Id is not null)
            {
                throw new UsageException($"unexpected argument(s): {o.Id} (--all tightens every statement)");
            }
            if (o.Constant is not null || direction is not null || o.Trials is not null || o.Local is not null || o.Json)
            {
                throw new UsageException("--all takes --out, --budget, --max-evaluations, --filter, --seed and --threads only");
            }
            return RunAll(o.Out ?? Path.Combine("reports", SlackTable.FileName), o.Budget ?? DefaultCampaignBudget, o.Cap ?? DefaultCampaignCap, o.Filter, o.Seed, o.Threads, io.Out, io.Err);
        }
        if (o.Budget is not null || o.Filter is not null)
        {
            throw new UsageException("--budget and --filter go with --all (use --trials and --local for one constant)");
        }
        if (o.Id is null)
        {
            throw new UsageException("tighten needs a statement id and --constant NAME (or --all)");
        }
        return RunOne(o, direction, io);
    }

    private static int RunOne(Options o, TightenDirection? direction, CliOutput io)
    {
        var statement = StatementLookup.Resolve(o.Id!);
        var constant = ResolveConstant(statement, o.Constant);
        if (statement.Checkability is Checkability.NotCheckable or Checkability.Pending)
        {
            io.Err.WriteLine($"vd tighten: {statement.Id} is {statement.Checkability.ToString().ToLowerInvariant()} ({statement.NotCheckableReason}): there is nothing to search");
            return ExitCodes.Inconclusive;
        }
        var options = new TightenOptions(o.Seed.Split("tighten:" + statement.Id), new SearchBudget(o.Trials ?? Math.Min(statement.DefaultTrials, 32), o.Local ?? 48),
            RelativeTolerance: o.Tolerance ?? 1.0 / 128, Direction: direction, Parallelism: o.Threads, MaxEvaluations: o.Cap);
        TightenResult result;
        try
        {
            result = ConstantTightener.Run(statement, constant.Name, options);
        }
        catch (InvalidOperationException e)
        {
            io.Err.WriteLine($"vd tighten: {e.Message}");
            return ExitCodes.Inconclusive;
        }
        var doc = TightenJson.ToJson(result);
        if (o.Out is not null)
        {
            AtomicFile.WriteAllText(o.Out, CanonicalJson.Serialize(doc));
        }
        if (o.Json)
        {
            io.Out.Write(CanonicalJson.Serialize(doc));
        }
        else
        {
            Print(result, o.Seed, io.Out);
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
