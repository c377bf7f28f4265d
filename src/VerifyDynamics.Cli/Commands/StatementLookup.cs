using VerifyDynamics.Theorems;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Cli.Commands;

internal static class StatementLookup
{
    public static Statement Resolve(string id, string? assembly = null)
    {
        var all = Statements(assembly);
        if (all.FirstOrDefault(s => string.Equals(s.Id.ToString(), id, StringComparison.OrdinalIgnoreCase)) is { } s)
        {
            return s;
        }
        var near = IdSuggestions.For(id, all.Select(x => x.Id.ToString()));
        string list = assembly is null ? "'vd list'" : $"'vd list --assembly {assembly}'";
        throw new UsageException(near.Count > 0
            ? $"unknown statement id '{id}'. Did you mean: {string.Join(", ", near)}?"
            : $"unknown statement id '{id}'. {list} shows every id.");
    }

    /// <summary>
    /// The statements a command works on: the built-in catalog, or with <c>--assembly DLL</c> the statements of that assembly
    /// alone (Harness <c>StatementAssembly</c>: public static <c>Statement</c> properties, ids of the author's own paper).
    /// </summary>
    public static IReadOnlyList<Statement> Statements(string? assembly)
    {
        if (assembly is null)
        {
            return Catalog.All;
        }
        try
        {
            return Harness.Loading.StatementAssembly.Load(assembly);
        }
        catch (Harness.Loading.StatementAssemblyException e)
        {
            throw new UsageException($"--assembly: {e.Message}");
        }
    }

    public static bool MatchesGlob(string id, string glob)
    {
        var pattern = "^" + System.Text.RegularExpressions.Regex.Escape(glob).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return System.Text.RegularExpressions.Regex.IsMatch(id, pattern, System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    public static void ValidateOverrides(Statement s, IReadOnlyDictionary<string, Core.Numbers.Rational> overrides)
    {
        foreach (var name in overrides.Keys)
        {
            if (!s.Constants.Any(c => c.Name == name))
            {
                var near = IdSuggestions.For(name, s.Constants.Select(c => c.Name));
                throw new UsageException(s.Constants.Count == 0
                    ? $"{s.Id} has no named constants, so --set {name}=… cannot apply"
                    : $"{s.Id} has no constant '{name}' (constants: {string.Join(", ", s.Constants.Select(c => c.Name))}){(near.Count > 0 ? $"; did you mean {near[0]}?" : "")}");
            }
            if (s.Constants.First(c => c.Name == name).OutsideDomain(overrides[name]) is { } why)
            {
                throw new UsageException($"--set {name}={overrides[name]}: {why} ({s.Id}); the paper's value is {s.Constants.First(c => c.Name == name).Default}");
            }
        }
    }

    /// <summary>An instance file's text, checked against the input limits (size, nesting, duplicate members, widths, magnitudes).</summary>
    public static string ReadInstanceFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException(Directory.Exists(path) ? $"instance file '{path}' is a folder" : $"instance file '{path}' does not exist");
        }
        string text = Harness.Certificates.InputFiles.ReadInstanceText(path);
        Harness.Certificates.InputFiles.CheckInstance(text);
        return text;
    }
}
