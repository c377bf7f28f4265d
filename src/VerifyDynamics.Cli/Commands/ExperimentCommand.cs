using System.CommandLine;
using VerifyDynamics.Harness.Experiments;

namespace VerifyDynamics.Cli.Commands;

/// <summary>
/// <c>vd experiment NAME</c>: a paper's experiment, its curves written under reports/experiments/NAME. Each experiment
/// declares its own <c>--KEY VALUE</c> options (<see cref="IExperiment"/>.Options, listed by <c>--list</c>); they are the
/// tokens System.CommandLine does not match, checked here against the experiment's list.
/// </summary>
public static class ExperimentCommand
{
    public static Command Create(CliOutput io)
    {
        var name = new Argument<string?>("NAME") { Description = "the experiment ('vd experiment --list' shows each with its options)", Arity = ArgumentArity.ZeroOrOne };
        var list = CliOptions.Flag("--list", "list the experiments and their --KEY VALUE options");
        var quick = CliOptions.Flag("--quick", "a short version of the experiment (for tests and a first look)");
        var noProgress = CliOptions.Flag("--no-progress", "no progress bar (there is none unless stderr is a terminal)");
        var output = CliOptions.Text("--out", "DIR", "folder for the curves (default: reports/experiments/NAME)");
        var seed = CliOptions.Seed("experiment seed (unsigned 64-bit, decimal or 0x hex)");
        var command = new Command("experiment", "run a paper's experiment and write its curves (vd experiment --list); further --KEY VALUE options are the experiment's own")
        {
            name, list, quick, noProgress, output, seed,
        };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(r =>
        {
            if (r.GetValue(list) || r.GetValue(name) is null)
            {
                return List(io.Out, usage: r.GetValue(name) is null && !r.GetValue(list));
            }
            var extra = ExtraOptions(r.GetValue(name)!, r.UnmatchedTokens);
            return Run(r.GetValue(name)!, r.GetValue(quick), ProgressDisplay.Enabled(io.Err, r.GetValue(noProgress)), r.GetValue(output), r.GetValue(seed)!, extra, io);
        });
        return command;
    }

    /// <summary>The list; as the answer to 'vd experiment' without a name it is a usage error (exit 2).</summary>
    private static int List(TextWriter stdout, bool usage)
    {
        foreach (var e in ExperimentRegistry.All)
        {
            stdout.WriteLine($"{e.Name,-22} {e.Description}{(e.Options.Count > 0 ? $" (options: {string.Join(", ", e.Options.Select(o => "--" + o))})" : "")}");
        }
        if (ExperimentRegistry.All.Count == 0)
        {
            stdout.WriteLine("(no experiments are registered)");
        }
        return usage ? ExitCodes.UsageError : ExitCodes.Ok;
    }

    /// <summary>The experiment's own options: pairs of --KEY VALUE among the tokens no vd option matched.</summary>
    private static SortedDictionary<string, string> ExtraOptions(string name, IReadOnlyList<string> tokens)
    {
        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < tokens.Count; i++)
        {
            string arg = tokens[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }
            if (i + 1 >= tokens.Count)
            {
                throw new UsageException($"option {arg} needs a value (or is unknown)");
            }
            extra[arg[2..]] = tokens[++i];
        }
        var experiment = Find(name);
        var unknown = extra.Keys.Where(k => !experiment.Options.Contains(k)).Select(k => "--" + k).ToList();
        if (unknown.Count > 0)
        {
            // An option the experiment does not read would silently run with defaults: refuse it by name.
            throw new UsageException($"unknown option(s) for {name}: {string.Join(", ", unknown)} ({(experiment.Options.Count == 0 ? "it takes only --quick, --no-progress, --out and --seed" : "its options: " + string.Join(", ", experiment.Options.Select(o => "--" + o)) + ", and --quick, --no-progress, --out, --seed")})");
        }
        return extra;
    }

    private static IExperiment Find(string name) => ExperimentRegistry.Find(name) ?? throw new UsageException(
        $"unknown experiment '{name}'{(IdSuggestions.For(name, ExperimentRegistry.All.Select(e => e.Name)) is { Count: > 0 } near ? $"; did you mean {string.Join(", ", near)}?" : "")} ('vd experiment --list' shows all)");

    private static int Run(string name, bool quick, bool progress, string? output, Core.Randomness.Seed seed, SortedDictionary<string, string> extra, CliOutput io)
    {
        var experiment = Find(name);
        ExperimentResult result;
        try
        {
            // Experiments report no fraction done, so the bar is indeterminate (elapsed time and a spinner); their log lines go above it.
            result = ProgressDisplay.Run(progress, io.Err, $"experiment {name}", null,
                sink => experiment.Run(new ExperimentOptions(output ?? Path.Combine("reports", "experiments", name), seed, quick, extra), sink.Log));
        }
        catch (ArgumentException e)
        {
            // Experiments validate their own --KEY VALUE options by throwing ArgumentException; that is bad input, not a crash.
            throw new UsageException($"{name}: {e.Message}");
        }
        io.Out.WriteLine(result.Summary);
        foreach (var f in result.Files)
        {
            io.Out.WriteLine($"  wrote {f}");
        }
        return ExitCodes.Ok;
    }
}
