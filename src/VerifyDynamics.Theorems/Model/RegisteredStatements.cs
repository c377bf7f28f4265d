using System.Reflection;

namespace VerifyDynamics.Theorems.Model;

/// <summary>
/// The ids of the statements registered in this assembly, found the way <see cref="Catalog"/> finds
/// them (a static <c>Statement</c> property on a type in a paper's namespace) but without building
/// the catalog. Obligation banks use it to hold back obligations whose statement is not written yet:
/// the catalog rejects obligations naming unknown statements, and statements land in parallel.
/// </summary>
public static class RegisteredStatements
{
    private static readonly Lazy<HashSet<string>> Ids = new(Discover);

    public static bool Contains(string id) => Ids.Value.Contains(id);

    /// <summary>The bank's obligations whose statement is registered; the rest wait (see <see cref="Pending"/>).</summary>
    public static IEnumerable<(string StatementId, ObligationSpec Obligation)> Registered(IEnumerable<(string StatementId, ObligationSpec Obligation)> all) =>
        all.Where(x => Contains(x.StatementId));

    /// <summary>Statement ids a bank names that are not registered yet.</summary>
    public static IReadOnlyList<string> Pending(IEnumerable<(string StatementId, ObligationSpec Obligation)> all) =>
        [.. all.Select(x => x.StatementId).Distinct(StringComparer.Ordinal).Where(id => !Contains(id)).Order(StringComparer.Ordinal)];

    private static HashSet<string> Discover()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(RegisteredStatements).Assembly.GetTypes())
        {
            if (type.Namespace is null || !Papers.All.Any(p => type.Namespace == $"VerifyDynamics.Theorems.{p}"))
            {
                continue;
            }
            var property = type.GetProperty("Statement", BindingFlags.Public | BindingFlags.Static);
            if (property?.PropertyType == typeof(Statement) && property.GetValue(null) is Statement s)
            {
                ids.Add(s.Id.ToString());
            }
        }
        return ids;
    }
}
