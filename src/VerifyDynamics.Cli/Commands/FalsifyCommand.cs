using System.CommandLine;
using VerifyDynamics.Core;
using System.Globalization;
using System.Text.Json.Nodes;
using VerifyDynamics.Core.Randomness;
using VerifyDynamics.Harness.Certificates;
using VerifyDynamics.Harness.Search;
using VerifyDynamics.Harness.Trials;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

/// <summary><c>vd falsify ID</c>: targeted counterexample search at given constants, then shrinking of what it finds.</summary>
public static class FalsifyCommand
{
    /// <summary>Evaluations of the search by default: 100 generated instances and 100 hill-climbing steps.</summary>
    public const int DefaultBudget = 200;

    /// <summary>Evaluations the shrinker may spend by default (each is a full validated + confirmed evaluation).</summary>
    public const int DefaultShrinkBudget = 400;

    public static Command Create(CliOutput io)
    {
        var id = new Argument<string>("ID") { Description = "statement id ('vd list' shows every id)" };
        var sets = CliOptions.Sets();
        var seed = CliOptions.Seed("search seed (unsigned 64-bit, decimal or 0x hex)");
        var budget = CliOptions.Int("--budget", "N", "evaluations of the search (half generated instances, half hill-climbing steps)", DefaultBudget, 2, InputLimits.MaxTrials);
        var shrinkBudget = CliOptions.Int("--shrink-budget", "N", "evaluations the shrinker may spend on a counterexample", DefaultShrinkBudget, 0, InputLimits.MaxTrials);
        var outPath = CliOptions.Text("--out", "FILE", "write the shrunk counterexample's instance here (replay: vd check ID --instance FILE)");
        var threads = CliOptions.Threads(1);
        var json = CliOptions.Flag("--json", "print JSON");
        var command = new Command("falsify", "targeted counterexample search at given constant values, then shrink what it finds to a replayable instance")
        {
            id, sets, seed, budget, shrinkBudget, outPath, threads, json,
        };
        command.SetAction(r => Run(r.GetValue(id)!, r.GetValue(sets)!, r.GetValue(seed)!, r.GetValue(budget), r.GetValue(shrinkBudget), r.GetValue(outPath), r.GetValue(threads), r.GetValue(json), io));
        return command;
    }

    private static int Run(string id, IReadOnlyDictionary<string, Core.Numbers.Rational> overrides, Seed seed, int budget, int shrinkBudget, string? outPath, int threads, bool json, CliOutput io)
    {
        var (stdout, stderr) = (io.Out, io.Err);
        var statement = StatementLookup.Resolve(id);
        StatementLookup.ValidateOverrides(statement, overrides);
        if (statement.Checkability is Checkability.NotCheckable or Checkability.Pending)
        {
            stderr.WriteLine($"vd falsify: {statement.Id} is {statement.Checkability.ToString().ToLowerInvariant()} ({statement.NotCheckableReason}): there is nothing to search");
            return ExitCodes.Inconclusive;
        }
        var constants = StatementRunner.ResolveConstants(statement, overrides);
        var searchSeed = seed.Split("falsify:" + statement.Id);
        var found = CounterexampleSearch.Run(statement, constants, searchSeed, SearchBudget.OfEvaluations(budget), parallelism: threads);
        string sets = string.Join(" ", overrides.Select(kv => $"--set {kv.Key}={kv.Value}"));
        if (found.Counterexample is null)
        {
            if (json)
            {
                stdout.Write(CanonicalJson.Serialize(new JsonObject
                {
                    ["statement"] = statement.Id.ToString(),
                    ["constants"] = Constants(constants),
                    ["seed"] = seed.ToString(),
                    ["evaluations"] = found.Evaluations,
                    ["found"] = false,
                    ["worstNormalized"] = found.WorstNormalized is { } w ? CanonicalJson.Number(w) : null,
                }));
            }
            else
            {
                stdout.WriteLine($"{statement.Id}: no counterexample in {found.Evaluations} evaluations ({found.Accepted} generated instances accepted; worst normalized margin {(found.WorstNormalized is { } w ? F(w) : "—")}); seed {seed}. Empirical: not a proof.");
            }
            return ExitCodes.Ok;
        }
        var shrunk = Shrinker.Shrink(statement, constants, found.Counterexample, searchSeed.Split("shrink"), maxEvaluations: shrinkBudget);
        var cx = shrunk.Counterexample;
        string instanceText = CanonicalJson.Serialize(InstanceJson.ToJson(cx.Instance!));
        if (outPath is not null)
        {
            AtomicFile.WriteAllText(outPath, instanceText);
        }
        if (json)
        {
            var o = new JsonObject
            {
                ["statement"] = statement.Id.ToString(),
                ["constants"] = Constants(constants),
                ["seed"] = seed.ToString(),
                ["evaluations"] = found.Evaluations + shrunk.Evaluations,
                ["found"] = true,
                ["counterexample"] = TightenJson.Counterexample(cx, found.FoundBy, statement, sets),
                ["shrink"] = new JsonObject
                {
                    ["sizeBefore"] = shrunk.SizeBefore,
                    ["sizeAfter"] = shrunk.SizeAfter,
                    ["digitsBefore"] = shrunk.ComplexityBefore,
                    ["digitsAfter"] = shrunk.ComplexityAfter,
                    ["steps"] = new JsonArray([.. shrunk.Steps.Select(s => (JsonNode)s)]),
                },
            };
            stdout.Write(CanonicalJson.Serialize(o));
        }
        else
        {
            stdout.WriteLine($"{statement.Id}: COUNTEREXAMPLE (found by {found.FoundBy} after {found.Evaluations} evaluations; seed {seed})");
            stdout.WriteLine($"  {cx.Detail}");
            stdout.WriteLine($"  shrunk in {shrunk.Evaluations} evaluations: {shrunk.SizeBefore} → {shrunk.SizeAfter} numbers, {shrunk.ComplexityBefore} → {shrunk.ComplexityAfter} digits ({shrunk.Steps.Count} edits), re-confirmed (Precision.Confirm)");
            stdout.Write("  instance: " + instanceText);
            stdout.WriteLine(outPath is null
                ? $"  replay: save the instance and run vd check {statement.Id} --instance FILE {sets}".TrimEnd()
                : $"  written to {outPath}; replay: vd check {statement.Id} --instance {outPath} {sets}".TrimEnd());
        }
        return ExitCodes.Refuted;
    }

    private static JsonObject Constants(ConstantValues k)
    {
        var o = new JsonObject();
        foreach (var (name, value) in k)
        {
            o[name] = value.ToString();
        }
        return o;
    }

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
