using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using VerifyDynamics.Core;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Cli;

/// <summary>A usage error: printed as <c>vd VERB: message</c> with a pointer to the verb's help; the process exits with <see cref="ExitCodes.UsageError"/>.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The option kinds of <c>vd</c>, as System.CommandLine options with a description, a value name and (where there is one)
/// a default that <c>--help</c> prints. Values are converted while the command line is parsed: a bad value is a parse error
/// with the same one-line message for every verb (exit 2, nothing run). docs/cli.md shows how a verb uses them.
/// </summary>
public static class CliOptions
{
    /// <summary>A boolean switch (<c>--json</c>).</summary>
    public static Option<bool> Flag(string name, string description) => new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>A text value, optionally with a default shown by <c>--help</c>.</summary>
    public static Option<string?> Text(string name, string valueName, string description, string? defaultValue = null)
    {
        var o = new Option<string?>(name) { Description = description, HelpName = valueName };
        if (defaultValue is not null)
        {
            o.DefaultValueFactory = _ => defaultValue;
        }
        return o;
    }

    /// <summary>
    /// <c>--assembly DLL</c>: work on the statements of a user's assembly (Harness <c>StatementAssembly</c>) instead of the
    /// built-in catalog; a missing or unusable file is a usage error (exit 2) when the verb runs.
    /// </summary>
    public static Option<string?> Assembly() =>
        Text("--assembly", "DLL", "use the statements of this assembly (a 'dotnet new vd-statements' project's build) instead of the built-in catalog");

    /// <summary>An integer in [min, max] with a default.</summary>
    public static Option<int> Int(string name, string valueName, string description, int defaultValue, int min, int max = int.MaxValue) =>
        new(name) { Description = description, HelpName = valueName, DefaultValueFactory = _ => defaultValue, CustomParser = Convert(name, s => ParseInt(name, s, min, max)) };

    /// <summary>An integer in [min, max] that may be absent (null: the verb decides, as its description says).</summary>
    public static Option<int?> OptionalInt(string name, string valueName, string description, int min, int max = int.MaxValue) =>
        new(name) { Description = description, HelpName = valueName, CustomParser = Convert<int?>(name, s => ParseInt(name, s, min, max)) };

    /// <summary>A finite number that may be absent.</summary>
    public static Option<double?> OptionalDouble(string name, string valueName, string description, bool positive = false) =>
        new(name) { Description = description, HelpName = valueName, CustomParser = Convert<double?>(name, s => ParseDouble(name, s, positive)) };

    /// <summary><c>--threads N</c> (1 … <see cref="InputLimits.MaxThreads"/>).</summary>
    public static Option<int> Threads(int defaultValue, string description = "worker threads; certificates are byte-identical at any count") =>
        Int("--threads", "N", description, defaultValue, 1, InputLimits.MaxThreads);

    /// <summary><c>--seed S</c>: the run seed, an unsigned 64-bit integer in decimal or 0x hex.</summary>
    public static Option<Seed> Seed(string description = "run seed (unsigned 64-bit, decimal or 0x hex); each statement's seed is derived from it and its id") =>
        new("--seed") { Description = description, HelpName = "S", DefaultValueFactory = _ => Core.Randomness.Seed.Default, CustomParser = Convert("--seed", ParseSeed) };

    /// <summary>Repeated <c>--set NAME=VALUE</c> with exact rational values.</summary>
    public static Option<IReadOnlyDictionary<string, Rational>> Sets() => new("--set")
    {
        Description = "override a named constant of the statement with an exact value (128, 3/2, 0.25, 1e-3); repeatable; 'vd show ID' lists the constants",
        HelpName = "NAME=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => new SortedDictionary<string, Rational>(StringComparer.Ordinal),
        CustomParser = r =>
        {
            try
            {
                return ParseSets(r.Tokens.Select(t => t.Value));
            }
            catch (Exception e) when (e is UsageException or InputLimitException)
            {
                r.AddError(e.Message);
                return new SortedDictionary<string, Rational>(StringComparer.Ordinal);
            }
        },
    };

    /// <summary>A converter that turns the messages of vd's own parsers into parse errors (the last value wins).</summary>
    private static Func<ArgumentResult, T> Convert<T>(string name, Func<string, T> parse) => r =>
    {
        if (r.Tokens.Count == 0)
        {
            r.AddError($"option {name} needs a value");
            return default!;
        }
        try
        {
            return parse(r.Tokens[^1].Value);
        }
        catch (Exception e) when (e is UsageException or InputLimitException)
        {
            r.AddError(e.Message);
            return default!;
        }
    };

    public static int ParseInt(string name, string s, int min, int max)
    {
        bool parsed = int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v);
        if (!parsed && s.Length > 0 && s.TrimStart('+', '-').All(char.IsAsciiDigit) && max < int.MaxValue)
        {
            throw new InputLimitException($"{name} must be at most {max} (README \"Input limits\"), got '{Short(s)}'");
        }
        if (!parsed || v < min)
        {
            throw new UsageException($"{name} must be an integer ≥ {min}, got '{Short(s)}'");
        }
        if (v > max)
        {
            // Checked before any work: a huge count would run out of memory or time (README "Input limits").
            throw new InputLimitException($"{name} must be at most {max} (README \"Input limits\"), got {v}");
        }
        return v;
    }

    public static double ParseDouble(string name, string s, bool positive)
    {
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v) || (positive && v <= 0))
        {
            throw new UsageException($"{name} must be a {(positive ? "positive" : "finite")} number, got '{Short(s)}'");
        }
        return v;
    }

    public static Seed ParseSeed(string s)
    {
        try
        {
            return Core.Randomness.Seed.Parse(s);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new UsageException($"--seed must be an unsigned 64-bit integer (decimal or 0x hex), got '{Short(s)}'");
        }
    }

    /// <summary>Parses <c>NAME=VALUE</c> pairs with exact rational values; a later pair for the same name wins.</summary>
    public static IReadOnlyDictionary<string, Rational> ParseSets(IEnumerable<string> pairs)
    {
        var result = new SortedDictionary<string, Rational>(StringComparer.Ordinal);
        foreach (var s in pairs)
        {
            int eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--set expects NAME=VALUE, got '{Short(s)}'");
            }
            if (s.Length - eq - 1 > 2 * InputLimits.MaxDigits + 16)
            {
                throw new InputLimitException($"--set {Short(s[..eq])}: the value has {s.Length - eq - 1} characters; numbers are limited to {InputLimits.MaxDigits} digits (README \"Input limits\")");
            }
            if (!Rational.TryParse(s[(eq + 1)..], out var value))
            {
                throw new UsageException($"--set {s[..eq]}: '{s[(eq + 1)..]}' is not an exact number (use 128, 3/2, 0.25 or 1e-3)");
            }
            result[s[..eq]] = value;
        }
        return result;
    }

    private static string Short(string s) => s.Length <= 40 ? s : s[..37] + "...";
}

/// <summary>Where a verb writes: the process's streams, or a test's writers.</summary>
public sealed record CliOutput(TextWriter Out, TextWriter Err);
