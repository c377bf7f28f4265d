using System.Globalization;
using VerifyDynamics.Core;
using VerifyDynamics.Core.Numbers;
using VerifyDynamics.Core.Randomness;

namespace VerifyDynamics.Cli;

/// <summary>A usage error: the message is printed with the verb's usage and the process exits with <see cref="ExitCodes.UsageError"/>.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Minimal, strict argument reader: <c>--name value</c>, <c>--name=value</c>, <c>--flag</c>, repeated
/// options, positionals. Every option must be consumed; leftovers are a usage error naming them.
/// </summary>
public sealed class Arguments
{
    private readonly List<string> _positionals = [];
    private readonly List<(string Name, string? Value)> _options = [];
    private readonly HashSet<int> _used = [];

    public Arguments(IEnumerable<string> args, IReadOnlySet<string> flags)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            string a = list[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                string name = a[2..];
                int eq = name.IndexOf('=', StringComparison.Ordinal);
                if (eq >= 0)
                {
                    _options.Add((name[..eq], name[(eq + 1)..]));
                }
                else if (flags.Contains(name))
                {
                    _options.Add((name, null));
                }
                else if (i + 1 < list.Count)
                {
                    _options.Add((name, list[++i]));
                }
                else
                {
                    // A last option without a value: a known option reports "needs a value" when read, an unknown one
                    // is reported as unknown by EnsureAllUsed (not as "needs a value", which would suggest it exists).
                    _options.Add((name, null));
                }
            }
            else
            {
                _positionals.Add(a);
            }
        }
    }

    public IReadOnlyList<string> Positionals => _positionals;

    public bool Flag(string name)
    {
        bool found = false;
        for (int i = 0; i < _options.Count; i++)
        {
            if (_options[i].Name == name)
            {
                if (_options[i].Value is not null)
                {
                    throw new UsageException($"--{name} is a flag and takes no value");
                }
                _used.Add(i);
                found = true;
            }
        }
        return found;
    }

    public string? Option(string name)
    {
        var values = All(name);
        return values.Count == 0 ? null : values[^1];
    }

    public IReadOnlyList<string> All(string name)
    {
        var values = new List<string>();
        for (int i = 0; i < _options.Count; i++)
        {
            if (_options[i].Name == name)
            {
                _used.Add(i);
                values.Add(_options[i].Value ?? throw new UsageException($"option --{name} needs a value"));
            }
        }
        return values;
    }

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        string? s = Option(name);
        if (s is null)
        {
            return null;
        }
        bool parsed = int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v);
        if (!parsed && s.Length > 0 && s.TrimStart('+', '-').All(char.IsAsciiDigit) && max < int.MaxValue)
        {
            throw new InputLimitException($"--{name} must be at most {max} (README \"Input limits\"), got '{Short(s)}'");
        }
        if (!parsed || v < min)
        {
            throw new UsageException($"--{name} must be an integer ≥ {min}, got '{Short(s)}'");
        }
        if (v > max)
        {
            // Checked before any work: a huge count would run out of memory or time (README "Input limits").
            throw new InputLimitException($"--{name} must be at most {max} (README \"Input limits\"), got {v}");
        }
        return v;
    }

    private static string Short(string s) => s.Length <= 40 ? s : s[..37] + "...";

    public double? Double(string name)
    {
        string? s = Option(name);
        if (s is null)
        {
            return null;
        }
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
        {
            throw new UsageException($"--{name} must be a finite number, got '{s}'");
        }
        return v;
    }

    public Seed? Seed(string name = "seed")
    {
        string? s = Option(name);
        if (s is null)
        {
            return null;
        }
        try
        {
            return Core.Randomness.Seed.Parse(s);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new UsageException($"--{name} must be an unsigned 64-bit integer (decimal or 0x hex), got '{s}'");
        }
    }

    /// <summary>Parses repeated <c>--set NAME=VALUE</c> with exact rational values.</summary>
    public IReadOnlyDictionary<string, Rational> Overrides()
    {
        var result = new SortedDictionary<string, Rational>(StringComparer.Ordinal);
        foreach (var s in All("set"))
        {
            int eq = s.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new UsageException($"--set expects NAME=VALUE, got '{s}'");
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

    /// <summary>Fails on any option or positional that no one read.</summary>
    public void EnsureAllUsed(int expectedPositionals)
    {
        var unused = _options.Where((o, i) => !_used.Contains(i)).Select(o => "--" + o.Name).ToList();
        if (unused.Count > 0)
        {
            throw new UsageException($"unknown option(s): {string.Join(", ", unused)}");
        }
        if (_positionals.Count > expectedPositionals)
        {
            throw new UsageException($"unexpected argument(s): {string.Join(" ", _positionals.Skip(expectedPositionals))}");
        }
    }
}
