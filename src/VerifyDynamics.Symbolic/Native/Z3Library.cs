using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace VerifyDynamics.Symbolic.Native;

/// <summary>
/// Finds libz3 at run time. Z3 is optional: when it is absent every obligation Z3 would decide is
/// Skipped with the reason, never Proven.
/// <para>
/// Which library: an explicit path or name (<see cref="Proving.ProofOptions.Z3Library"/>), else the
/// environment variable <c>VD_LIBZ3</c> (a path or name, e.g. <c>VD_LIBZ3=/nonexistent</c> hides Z3),
/// else <c>libz3.so.4</c> (Debian <c>libz3-4</c>), then <c>libz3.so</c>. <c>VD_DISABLE_Z3=1</c> hides Z3
/// whatever else is set. Both are read at every probe, so a test or a reviewer can hide Z3 without
/// uninstalling it.
/// </para>
/// </summary>
public static class Z3Library
{
    /// <summary>Environment variable naming the library to load (path or file name).</summary>
    public const string LibraryVariable = "VD_LIBZ3";

    /// <summary>Environment variable that, when "1" or "true", hides Z3 entirely.</summary>
    public const string DisableVariable = "VD_DISABLE_Z3";

    private static readonly string[] DefaultNames = ["libz3.so.4", "libz3.so"];

    private static readonly ConcurrentDictionary<string, Lazy<Z3Api?>> Loaded = new(StringComparer.Ordinal);

    /// <summary>
    /// The candidate library names for a request, with the environment read through <paramref name="environment"/>
    /// (injectable so that tests never change the process environment). Empty when Z3 is disabled.
    /// </summary>
    public static IReadOnlyList<string> Candidates(string? explicitLibrary, Func<string, string?> environment)
    {
        var disabled = environment(DisableVariable);
        if (disabled is "1" || string.Equals(disabled, "true", StringComparison.OrdinalIgnoreCase))
        {
            return [];
        }
        if (!string.IsNullOrWhiteSpace(explicitLibrary))
        {
            return [explicitLibrary];
        }
        var fromEnvironment = environment(LibraryVariable);
        return string.IsNullOrWhiteSpace(fromEnvironment) ? DefaultNames : [fromEnvironment];
    }

    /// <summary>Loads libz3 (once per name) or says why it could not.</summary>
    public static bool TryLoad(string? explicitLibrary, out Z3Api? api, out string reason) =>
        TryLoad(explicitLibrary, Environment.GetEnvironmentVariable, out api, out reason);

    public static bool TryLoad(string? explicitLibrary, Func<string, string?> environment, out Z3Api? api, out string reason)
    {
        var candidates = Candidates(explicitLibrary, environment);
        if (candidates.Count == 0)
        {
            api = null;
            reason = $"Z3 disabled by {DisableVariable}; obligations that need it are skipped";
            return false;
        }
        foreach (var name in candidates)
        {
            api = Loaded.GetOrAdd(name, n => new Lazy<Z3Api?>(() => Load(n))).Value;
            if (api is not null)
            {
                reason = $"loaded {name} (z3 {api.Version})";
                return true;
            }
        }
        api = null;
        reason = $"{string.Join(" / ", candidates)} not found (install Debian package libz3-4, or set {LibraryVariable} to the library path); obligations that need Z3 are skipped";
        return false;
    }

    private static Z3Api? Load(string name)
    {
        if (!NativeLibrary.TryLoad(name, out var handle))
        {
            return null;
        }
        try
        {
            return new Z3Api(handle);
        }
        catch (EntryPointNotFoundException)
        {
            // Not a usable libz3 (wrong library or too old): treat as absent rather than crash later.
            return null;
        }
    }
}
