using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using VerifyDynamics.Cli.Commands;
using VerifyDynamics.Core;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli;

/// <summary>
/// <c>vd</c>: the command line of VerifyDynamics, on System.CommandLine. Each verb is a class in Commands/ with
/// <c>public static Command Create(CliOutput io)</c>, listed once in <see cref="Verbs"/> (docs/cli.md: how to add a verb or
/// an option). Parse errors exit 2 with the error and a pointer to the verb's help; everything a verb throws goes through
/// the one top-level handler of <see cref="Run"/>.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    /// <summary>Every verb, in the order <c>vd --help</c> lists them.</summary>
    private static readonly Func<CliOutput, Command>[] Verbs =
    [
        CheckCommand.Create,
        VerifyCommand.Create,
        ReplayCommand.Create,
        MergeCommand.Create,
        CampaignCommand.Create,
        ListCommand.Create,
        ShowCommand.Create,
        EvalCommand.Create,
        SimulateCommand.Create,
        ProveCommand.Create,
        FalsifyCommand.Create,
        TightenCommand.Create,
        MutantsCommand.Create,
        ExperimentCommand.Create,
        SignCommand.Create,
    ];

    /// <summary>The verbs' names, for tests and suggestions (built on first use: a second command tree at every start-up cost start-up time).</summary>
    public static IReadOnlyList<string> VerbNames => LazyVerbNames.Value;

    private static readonly Lazy<IReadOnlyList<string>> LazyVerbNames =
        new(() => [.. BuildRoot(new CliOutput(TextWriter.Null, TextWriter.Null), out _).Subcommands.Select(c => c.Name)]);

    private const string ExitCodesText =
        "Exit codes: 0 ok · 1 refuted / mutant survived · 2 usage or input error (nothing written) · 3 inconclusive / unknown · 4 internal error (--verbose prints the trace) · 130 interrupted.";

    /// <summary>The command tree, writing to <paramref name="io"/>; <paramref name="verbose"/> is the global <c>--verbose</c>.</summary>
    public static Command BuildRoot(CliOutput io, out Option<bool> verbose)
    {
        var root = new Command("vd", "VerifyDynamics: executable checks of deep-learning optimization theorems (ACGH19, EC21, JGGSH21).");
        verbose = new Option<bool>("--verbose") { Description = "on an internal error (exit 4), print the full trace", Recursive = true, Arity = ArgumentArity.Zero };
        var help = new HelpOption();
        var standardHelp = help.Action!;
        help.Action = new HelpWithExitCodes(root, standardHelp);
        root.Add(help);
        root.Add(new VersionOption { Description = "print the version, the commit and the source id recorded in certificates", Action = new VersionAction(io) });
        root.Add(verbose);
        foreach (var create in Verbs)
        {
            root.Add(create(io));
        }
        // 'vd' alone asks what vd does: the overview, exit 0.
        root.SetAction(r => ((SynchronousCommandLineAction)help.Action).Invoke(r));
        return root;
    }

    /// <summary>Help as System.CommandLine prints it; the overview (<c>vd --help</c>, <c>vd</c>) ends with the exit codes.</summary>
    private sealed class HelpWithExitCodes(Command root, CommandLineAction standard) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (standard is SynchronousCommandLineAction s)
            {
                s.Invoke(parseResult);
            }
            if (parseResult.CommandResult.Command == root)
            {
                var w = parseResult.InvocationConfiguration.Output;
                w.WriteLine(ExitCodesText);
                w.WriteLine("'vd VERB --help' lists every option of a verb with its default.");
            }
            return ExitCodes.Ok;
        }
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var io = new CliOutput(stdout, stderr);
        var root = BuildRoot(io, out var verboseOption);
        // No response files (@FILE) and no directives: every argument means what it says (a claim may start with '[' or '@').
        var result = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (result.Action is ParseErrorAction)
        {
            return ReportParseErrors(result, root, stderr);
        }
        string verb = result.CommandResult.Command == root ? "vd" : "vd " + result.CommandResult.Command.Name;
        bool verbose = result.GetValue(verboseOption);
        try
        {
            return result.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                // vd's own handler below, and vd's own signal handling (Interruption: exit 130, complete files only).
                EnableDefaultExceptionHandler = false,
                ProcessTerminationTimeout = null,
            });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"{verb}: {e.Message}");
            stderr.WriteLine(HelpPointer(verb));
            return ExitCodes.UsageError;
        }
        catch (InstanceFormatException e)
        {
            stderr.WriteLine($"{verb}: invalid instance: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"{verb}: interrupted; every file already written is complete.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is InputLimitException or Harness.Certificates.CampaignException or Harness.Certificates.CertificateFormatException)
        {
            stderr.WriteLine($"{verb}: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // The file system refused (read-only folder, no permission, disk full, a file where a folder is expected):
            // not a bug, an input the user can fix. Writes are atomic, so nothing partial is left behind.
            stderr.WriteLine($"{verb}: file system error: {OneLine(e.Message)}; every file already written is complete, nothing partial was left");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is not StackOverflowException)
        {
            // One top-level handler: anything else is a defect of vd, reported on one line with a way to get the trace.
            stderr.WriteLine($"{verb}: internal error: {e.GetType().Name} in {Origin(e)}: {OneLine(e.Message)}"
                + (verbose ? "" : " (run again with --verbose for the full trace, and please report it)"));
            if (verbose)
            {
                stderr.WriteLine(e.ToString());
            }
            return ExitCodes.InternalError;
        }
    }

    private static string HelpPointer(string verb) => $"Run '{verb} --help' for its options.";

    /// <summary>
    /// A command line that does not parse: one line per problem, in vd's words (an unknown verb or id gets did-you-mean
    /// suggestions), then where the help is; exit 2 before anything runs.
    /// </summary>
    private static int ReportParseErrors(ParseResult result, Command root, TextWriter stderr)
    {
        var command = result.CommandResult.Command;
        var unmatched = result.UnmatchedTokens;
        if (command == root && unmatched.Count > 0 && !unmatched[0].StartsWith('-'))
        {
            stderr.WriteLine($"vd: unknown command '{unmatched[0]}'.");
            var near = IdSuggestions.For(unmatched[0], root.Subcommands.Select(c => c.Name));
            if (near.Count > 0)
            {
                stderr.WriteLine($"Did you mean: {string.Join(", ", near)}?");
            }
            stderr.WriteLine("Run 'vd --help' for the list of commands.");
            return ExitCodes.UsageError;
        }
        string verb = command == root ? "vd" : "vd " + command.Name;
        var lines = new List<string>();
        var unknownOptions = unmatched.Where(t => t.StartsWith("--", StringComparison.Ordinal) || (t.Length == 2 && t[0] == '-' && !char.IsAsciiDigit(t[1]))).ToList();
        if (unknownOptions.Count > 0)
        {
            lines.Add($"unknown option(s): {string.Join(", ", unknownOptions)}");
        }
        else if (unmatched.Count > 0)
        {
            lines.Add($"unexpected argument(s): {string.Join(" ", unmatched)}");
        }
        foreach (var error in result.Errors)
        {
            switch (error.SymbolResult)
            {
                case CommandResult:
                    // Unmatched tokens, reported above in one line.
                    break;
                case OptionResult o when o.Tokens.Count == 0 && !o.Implicit && o.Option.Arity.MinimumNumberOfValues > 0:
                    lines.Add($"option {o.Option.Name} needs a value");
                    break;
                default:
                    lines.Add(OneLine(error.Message));
                    break;
            }
        }
        foreach (var line in lines.Distinct())
        {
            stderr.WriteLine($"{verb}: {line}");
        }
        stderr.WriteLine(HelpPointer(verb));
        return ExitCodes.UsageError;
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>The method that threw, as Type.Method, for the one-line message of an internal error.</summary>
    private static string Origin(Exception e)
    {
        var site = e.TargetSite;
        return site is null ? "an unknown place" : $"{site.DeclaringType?.Name}.{site.Name}";
    }

    /// <summary><c>vd --version</c>: the assembly version, the commit it was built from and the source id certificates record.</summary>
    private sealed class VersionAction(CliOutput io) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            var build = Harness.Certificates.BuildInfo.Current;
            io.Out.WriteLine($"vd {build.Version}");
            io.Out.WriteLine($"commit {build.Commit}");
            io.Out.WriteLine($"source {build.SourceId}{(build.SourceDirty ? ", with uncommitted changes" : "")} (git tree of {Harness.Certificates.BuildInfo.SourcePaths}; certificates record it)");
            return ExitCodes.Ok;
        }
    }
}
