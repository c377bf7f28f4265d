using System.Reflection;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Theorems;

/// <summary>
/// The registry of every statement, in paper order. A statement is a static class in
/// <c>VerifyDynamics.Theorems.&lt;PAPER&gt;</c> with a public static <c>Statement</c> property; obligations
/// from every <see cref="IObligationBank"/> are attached to their statements here.
/// </summary>
public static class Catalog
{
    private static readonly Lazy<IReadOnlyList<Statement>> LazyAll = new(Discover);

    public static IReadOnlyList<Statement> All => LazyAll.Value;

    public static Statement? Find(string id) => All.FirstOrDefault(s => string.Equals(s.Id.ToString(), id, StringComparison.OrdinalIgnoreCase));

    public static Statement Get(string id) => Find(id) ?? throw new KeyNotFoundException($"unknown statement id '{id}'");

    private static IReadOnlyList<Statement> Discover()
    {
        var assembly = typeof(Catalog).Assembly;
        var statements = new List<Statement>();
        foreach (var type in assembly.GetTypes())
        {
            if (type.Namespace is null || !Papers.All.Any(p => type.Namespace == $"VerifyDynamics.Theorems.{p}"))
            {
                continue;
            }
            var property = type.GetProperty("Statement", BindingFlags.Public | BindingFlags.Static);
            if (property?.PropertyType == typeof(Statement) && property.GetValue(null) is Statement s)
            {
                statements.Add(s);
            }
        }
        var duplicates = statements.GroupBy(s => s.Id).Where(g => g.Count() > 1).Select(g => g.Key.ToString()).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"statement ids registered twice: {string.Join(", ", duplicates)}");
        }
        var banks = assembly.GetTypes()
            .Where(t => typeof(IObligationBank).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IObligationBank)Activator.CreateInstance(t)!)
            .SelectMany(b => b.Obligations)
            .ToLookup(e => e.StatementId, e => e.Obligation, StringComparer.Ordinal);
        var known = statements.Select(s => s.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var orphans = banks.Select(g => g.Key).Where(k => !known.Contains(k)).ToList();
        if (orphans.Count > 0)
        {
            throw new InvalidOperationException($"obligations name unknown statements: {string.Join(", ", orphans)}");
        }
        return statements
            .Select(s => banks.Contains(s.Id.ToString()) ? s with { Obligations = [.. s.Obligations, .. banks[s.Id.ToString()]] } : s)
            .OrderBy(s => s.Id)
            .ToList();
    }
}
