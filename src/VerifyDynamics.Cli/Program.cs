using System.Reflection;
using VerifyDynamics.Cli.Commands;
using VerifyDynamics.Core;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli;

/// <summary><c>vd</c>: the command line of VerifyDynamics. Verbs are the classes marked <see cref="CommandAttribute"/>.</summary>
public static class Program
{
    private delegate int Runner(string[] args, TextWriter stdout, TextWriter stderr);

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static IReadOnlyList<CommandAttribute> Commands { get; } =
        [.. Verbs().Select(v => v.Attribute).OrderBy(a => a.Verb, StringComparer.Ordinal)];

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            PrintHelp(stdout);
            return args.Length == 0 ? ExitCodes.UsageError : ExitCodes.Ok;
        }
        if (args[0] == "--version")
        {
            stdout.WriteLine(typeof(Program).Assembly.GetName().Version);
            return ExitCodes.Ok;
        }
        // --verbose (anywhere) asks for the full trace of an internal error; it is removed before the verb parses its options.
        bool verbose = args.Contains("--verbose");
        if (verbose)
        {
            args = [.. args.Where(x => x != "--verbose")];
            if (args.Length == 0)
            {
                PrintHelp(stdout);
                return ExitCodes.UsageError;
            }
        }
        var verb = Verbs().FirstOrDefault(v => v.Attribute.Verb == args[0]);
        if (verb.Run is null)
        {
            stderr.WriteLine($"vd: unknown command '{args[0]}'.");
            var near = IdSuggestions.For(args[0], Commands.Select(c => c.Verb));
            if (near.Count > 0)
            {
                stderr.WriteLine($"Did you mean: {string.Join(", ", near)}?");
            }
            stderr.WriteLine("Run 'vd --help' for the list of commands.");
            return ExitCodes.UsageError;
        }
        if (args.Length > 1 && args[1] is "-h" or "--help")
        {
            // Every verb answers --help the same way, before it parses anything (so a help request is never an error).
            stdout.WriteLine($"vd {verb.Attribute.Verb}: {verb.Attribute.Summary}");
            stdout.WriteLine($"usage: {verb.Attribute.Usage}");
            return ExitCodes.Ok;
        }
        try
        {
            return verb.Run(args[1..], stdout, stderr);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"vd {verb.Attribute.Verb}: {e.Message}");
            stderr.WriteLine($"usage: {verb.Attribute.Usage}");
            return ExitCodes.UsageError;
        }
        catch (InstanceFormatException e)
        {
            stderr.WriteLine($"vd {verb.Attribute.Verb}: invalid instance: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"vd {verb.Attribute.Verb}: interrupted; every file already written is complete.");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is InputLimitException or Harness.Certificates.CampaignException or Harness.Certificates.CertificateFormatException)
        {
            stderr.WriteLine($"vd {verb.Attribute.Verb}: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            // The file system refused (read-only folder, no permission, disk full, a file where a folder is expected):
            // not a bug, an input the user can fix. Writes are atomic, so nothing partial is left behind.
            stderr.WriteLine($"vd {verb.Attribute.Verb}: file system error: {OneLine(e.Message)}; every file already written is complete, nothing partial was left");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is not StackOverflowException)
        {
            // One top-level handler: anything else is a defect of vd, reported on one line with a way to get the trace.
            stderr.WriteLine($"vd {verb.Attribute.Verb}: internal error: {e.GetType().Name} in {Origin(e)}: {OneLine(e.Message)}"
                + (verbose ? "" : " (run again with --verbose for the full trace, and please report it)"));
            if (verbose)
            {
                stderr.WriteLine(e.ToString());
            }
            return ExitCodes.InternalError;
        }
    }

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    /// <summary>The method that threw, as Type.Method, for the one-line message of an internal error.</summary>
    private static string Origin(Exception e)
    {
        var site = e.TargetSite;
        return site is null ? "an unknown place" : $"{site.DeclaringType?.Name}.{site.Name}";
    }

    private static IEnumerable<(CommandAttribute Attribute, Runner? Run)> Verbs()
    {
        foreach (var type in typeof(Program).Assembly.GetTypes())
        {
            var attribute = type.GetCustomAttribute<CommandAttribute>();
            var method = type.GetMethod("Run", BindingFlags.Public | BindingFlags.Static, [typeof(string[]), typeof(TextWriter), typeof(TextWriter)]);
            if (attribute is not null && method is not null)
            {
                yield return (attribute, method.CreateDelegate<Runner>());
            }
        }
    }

    private static void PrintHelp(TextWriter w)
    {
        w.WriteLine("vd — VerifyDynamics: executable checks of deep-learning optimization theorems (ACGH19, EC21, JGGSH21).");
        w.WriteLine();
        w.WriteLine("Commands:");
        foreach (var c in Commands)
        {
            w.WriteLine($"  {c.Verb,-12} {c.Summary}");
        }
        w.WriteLine();
        w.WriteLine("Usage of each:");
        foreach (var c in Commands)
        {
            w.WriteLine($"  {c.Usage}");
        }
        w.WriteLine();
        w.WriteLine("Exit codes: 0 ok · 1 refuted / mutant survived · 2 usage or input error (nothing written) · 3 inconclusive / unknown · 4 internal error · 130 interrupted.");
    }
}
