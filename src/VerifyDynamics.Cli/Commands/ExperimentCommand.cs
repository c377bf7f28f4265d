using VerifyDynamics.Harness.Experiments;

namespace VerifyDynamics.Cli.Commands;

[Command("experiment", "run a paper's experiment and write its curves (vd experiment --list)",
    "vd experiment NAME [--quick] [--no-progress] [--out DIR] [--seed S] [--KEY VALUE]... | vd experiment --list")]
public static class ExperimentCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] == "--list")
        {
            foreach (var e in ExperimentRegistry.All)
            {
                stdout.WriteLine($"{e.Name,-22} {e.Description}");
            }
            if (ExperimentRegistry.All.Count == 0)
            {
                stdout.WriteLine("(no experiments are registered)");
            }
            return args.Length == 0 ? ExitCodes.UsageError : ExitCodes.Ok;
        }
        string name = args[0];
        var experiment = ExperimentRegistry.Find(name);
        if (experiment is null)
        {
            var near = IdSuggestions.For(name, ExperimentRegistry.All.Select(e => e.Name));
            throw new UsageException($"unknown experiment '{name}'{(near.Count > 0 ? $"; did you mean {string.Join(", ", near)}?" : "")} ('vd experiment --list' shows all)");
        }
        bool quick = false, noProgress = false;
        string? output = null;
        Core.Randomness.Seed seed = CheckCommand.DefaultRunSeed;
        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 1; i < args.Length; i++)
        {
            string arg = args[i];
            if (arg == "--quick")
            {
                quick = true;
            }
            else if (arg == "--no-progress")
            {
                noProgress = true;
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal) && i + 1 >= args.Length)
            {
                throw new UsageException($"option {arg} needs a value (or is unknown)");
            }
            else if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                string key = arg[2..];
                string value = args[++i];
                switch (key)
                {
                    case "out":
                        output = value;
                        break;
                    case "seed":
                        seed = new Arguments(["--seed", value], new HashSet<string>()).Seed() ?? seed;
                        break;
                    default:
                        extra[key] = value;
                        break;
                }
            }
            else
            {
                throw new UsageException($"unexpected argument '{arg}'");
            }
        }
        var unknown = extra.Keys.Where(k => !experiment.Options.Contains(k)).Select(k => "--" + k).ToList();
        if (unknown.Count > 0)
        {
            // An option the experiment does not read would silently run with defaults: refuse it by name.
            throw new UsageException($"unknown option(s) for {name}: {string.Join(", ", unknown)} ({(experiment.Options.Count == 0 ? "it takes only --quick, --no-progress, --out and --seed" : "its options: " + string.Join(", ", experiment.Options.Select(o => "--" + o)) + ", and --quick, --no-progress, --out, --seed")})");
        }
        ExperimentResult result;
        try
        {
            // Experiments report no fraction done, so the bar is indeterminate (elapsed time and a spinner); their log lines go above it.
            result = ProgressDisplay.Run(ProgressDisplay.Enabled(stderr, noProgress), stderr, $"experiment {name}", null,
                sink => experiment.Run(new ExperimentOptions(output ?? Path.Combine("reports", "experiments", name), seed, quick, extra), sink.Log));
        }
        catch (ArgumentException e)
        {
            // Experiments validate their own --KEY VALUE options by throwing ArgumentException; that is bad input, not a crash.
            throw new UsageException($"{name}: {e.Message}");
        }
        stdout.WriteLine(result.Summary);
        foreach (var f in result.Files)
        {
            stdout.WriteLine($"  wrote {f}");
        }
        return ExitCodes.Ok;
    }
}
