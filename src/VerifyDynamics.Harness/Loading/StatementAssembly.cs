using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using VerifyDynamics.Theorems.Model;

namespace VerifyDynamics.Harness.Loading;

/// <summary>A statements assembly that cannot be used (missing, not .NET, no statements, duplicate or reserved ids): an input error.</summary>
public sealed class StatementAssemblyException(string message) : Exception(message);

/// <summary>
/// Loads the statements of a user's assembly (<c>vd verify --assembly MyStatements.dll</c>, README "Your own statements").
/// </summary>
/// <remarks>
/// <para><b>How an assembly exposes its statements</b>: exactly as the built-in catalog does. Every public type with a public static
/// property <c>Statement</c> of type <see cref="Statement"/> is one statement (any namespace); every public non-abstract
/// <see cref="IObligationBank"/> with a parameterless constructor adds its obligations to the statements it names.</para>
/// <para><b>Ids</b>: <c>PAPER.Name</c> with a paper id of the author's choosing. The built-in paper ids (ACGH19, EC21,
/// JGGSH21) are reserved: their ids are fixed by the shared catalog (../shared/catalog, checked by the catalog tests), and a
/// user certificate under them would be mistaken for a built-in one. A user id is checked here instead: letters, digits,
/// '_' and '-' in the paper, the same and '.' in the name (it becomes the path <c>PAPER/Name.json</c>), unique within the
/// assembly ignoring case, and the statement complete (title, text, source, generator description, and a mutant or erratum
/// for a checkable statement: a check that cannot fail is a defect, DESIGN.md).</para>
/// <para><b>Loading</b>: the assembly gets its own <see cref="AssemblyLoadContext"/>. Every assembly vd itself can load
/// (its VerifyDynamics libraries, MathNet.Numerics, the framework) comes from vd's copy, so the user's <see cref="Statement"/>
/// is vd's type; anything else is resolved next to the assembly through its <c>.deps.json</c>. An assembly built against a
/// newer VerifyDynamics than this vd is refused.</para>
/// </remarks>
public static partial class StatementAssembly
{
    /// <summary>The VerifyDynamics libraries a statements assembly shares with the host.</summary>
    private static readonly string[] SharedLibraries = ["VerifyDynamics.Core", "VerifyDynamics.Symbolic", "VerifyDynamics.Theorems", "VerifyDynamics.Harness"];

    /// <summary>The statements of the assembly at <paramref name="path"/>, in paper (ordinal) then catalog order.</summary>
    /// <exception cref="StatementAssemblyException">The assembly cannot be used; the message says why, on one line.</exception>
    public static IReadOnlyList<Statement> Load(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new StatementAssemblyException(Directory.Exists(full) ? $"assembly '{path}' is a folder, not a .dll" : $"assembly '{path}' does not exist");
        }
        AssemblyName name;
        try
        {
            name = AssemblyName.GetAssemblyName(full);
        }
        catch (BadImageFormatException)
        {
            throw new StatementAssemblyException($"'{path}' is not a .NET assembly (give the .dll that 'dotnet build' writes under bin/)");
        }
        if (SharedLibraries.Contains(name.Name, StringComparer.OrdinalIgnoreCase) || string.Equals(name.Name, "vd", StringComparison.OrdinalIgnoreCase))
        {
            throw new StatementAssemblyException($"'{path}' is VerifyDynamics' own {name.Name}; give your statements assembly (the built-in statements need no --assembly)");
        }
        if (!System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported)
        {
            // The native (ahead-of-time compiled) vd of docs/native-build.md cannot load assemblies at run time.
            throw new StatementAssemblyException($"this vd is a native build, which cannot load '{path}': run --assembly with the JIT build (dotnet run --project src/VerifyDynamics.Cli, or the dotnet tool)");
        }
        var context = new StatementLoadContext(full);
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(full);
        }
        catch (Exception e) when (e is BadImageFormatException or FileLoadException)
        {
            throw new StatementAssemblyException($"'{path}' could not be loaded: {OneLine(e.Message)}");
        }
        CheckReferences(assembly, path);
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or TypeLoadException)
        {
            var inner = e is ReflectionTypeLoadException r ? r.LoaderExceptions.FirstOrDefault(x => x is not null) ?? e : e;
            throw new StatementAssemblyException($"the types of '{path}' could not be loaded: {OneLine(inner.Message)} (are its dependencies next to it?)");
        }
        var statements = new List<Statement>();
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            var property = type.GetProperty("Statement", BindingFlags.Public | BindingFlags.Static);
            if (property is null || property.GetIndexParameters().Length > 0)
            {
                continue;
            }
            if (property.PropertyType != typeof(Statement))
            {
                if (property.PropertyType.FullName == typeof(Statement).FullName)
                {
                    throw new StatementAssemblyException($"{type.FullName}.Statement is a {typeof(Statement).FullName} from another copy of VerifyDynamics.Theorems; rebuild '{path}' against the packages of this vd ({Version(typeof(Statement).Assembly)})");
                }
                continue;
            }
            statements.Add(Get(() => (Statement?)property.GetValue(null), $"{type.FullName}.Statement")
                ?? throw new StatementAssemblyException($"{type.FullName}.Statement is null"));
        }
        if (statements.Count == 0)
        {
            throw new StatementAssemblyException($"'{path}' has no statements: expose each as a public static class with a public static property 'Statement' of type {typeof(Statement).FullName}");
        }
        foreach (var s in statements)
        {
            Check(s);
        }
        var duplicates = statements.GroupBy(s => s.Id.ToString(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new StatementAssemblyException($"statement ids defined twice in '{path}' (ids are compared ignoring case): {string.Join(", ", duplicates)}");
        }
        var banks = types
            .Where(t => typeof(IObligationBank).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false } && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => Get(() => ((IObligationBank)Activator.CreateInstance(t)!).Obligations.ToList(), $"obligation bank {t.FullName}"))
            .ToLookup(e => e.StatementId, e => e.Obligation, StringComparer.Ordinal);
        var known = statements.Select(s => s.Id.ToString()).ToHashSet(StringComparer.Ordinal);
        var orphans = banks.Select(g => g.Key).Where(k => !known.Contains(k)).ToList();
        if (orphans.Count > 0)
        {
            throw new StatementAssemblyException($"obligations in '{path}' name statements it does not define: {string.Join(", ", orphans)}");
        }
        return [.. statements
            .Select(s => banks.Contains(s.Id.ToString()) ? s with { Obligations = [.. s.Obligations, .. banks[s.Id.ToString()]] } : s)
            .OrderBy(s => s.Id.Paper, StringComparer.Ordinal)
            .ThenBy(s => s.Id)];
    }

    /// <summary>The completeness rules a user statement must meet (the built-in ones are held to them by the catalog tests).</summary>
    private static void Check(Statement s)
    {
        if (!PaperId().IsMatch(s.Id.Paper ?? "") || !StatementName().IsMatch(s.Id.Name ?? ""))
        {
            throw new StatementAssemblyException($"'{s.Id}' is not a usable statement id: PAPER.Name with letters, digits, '_' or '-' (and '.' in the name), e.g. MyPaper.Lemma1");
        }
        if (Papers.All.Contains(s.Id.Paper, StringComparer.OrdinalIgnoreCase))
        {
            throw new StatementAssemblyException($"{s.Id}: the paper id {s.Id.Paper} is reserved for the built-in catalog (../shared/catalog); give your statements a paper id of your own, e.g. MyPaper.{s.Id.Name}");
        }
        string? missing = string.IsNullOrWhiteSpace(s.Title) ? "a title"
            : string.IsNullOrWhiteSpace(s.Text) ? "the statement text"
            : string.IsNullOrWhiteSpace(s.Source?.Location) ? "a source location"
            : string.IsNullOrWhiteSpace(s.Hypotheses?.GeneratorDescription) ? "a generator description"
            : s.Checkability is Checkability.NotCheckable or Checkability.Pending && string.IsNullOrWhiteSpace(s.NotCheckableReason) ? "the reason it is not checked"
            : null;
        if (missing is not null)
        {
            throw new StatementAssemblyException($"{s.Id} has no {missing}");
        }
        if (s.Checkability is not (Checkability.NotCheckable or Checkability.Pending) && s.AliasOf is null
            && !s.Variants.Any(v => v.Role is VariantRole.Mutant or VariantRole.Erratum or VariantRole.ProofErratum))
        {
            throw new StatementAssemblyException($"{s.Id} has no mutant: add a wrong variant the check must refute (a check that cannot fail is a defect)");
        }
        if (s.DefaultTrials <= 0 && s.Checkability is not (Checkability.NotCheckable or Checkability.Pending))
        {
            throw new StatementAssemblyException($"{s.Id} has DefaultTrials = {s.DefaultTrials}; a checked statement needs at least one trial");
        }
        var twice = s.Variants.GroupBy(v => v.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)
            .Concat(s.Constants.GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key)).ToList();
        if (twice.Count > 0)
        {
            throw new StatementAssemblyException($"{s.Id} defines a variant or constant name twice: {string.Join(", ", twice)}");
        }
    }

    /// <summary>Refuses an assembly built against a newer VerifyDynamics than the one running (its types may not exist here).</summary>
    private static void CheckReferences(Assembly assembly, string path)
    {
        foreach (var reference in assembly.GetReferencedAssemblies())
        {
            if (SharedLibraries.Contains(reference.Name, StringComparer.Ordinal))
            {
                var host = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == reference.Name)?.GetName().Version
                    ?? typeof(Statement).Assembly.GetName().Version;
                if (reference.Version is { } wanted && host is not null && wanted > host)
                {
                    throw new StatementAssemblyException($"'{path}' was built against {reference.Name} {wanted}, newer than this vd's {host}; update vd (dotnet tool update VerifyDynamics.Cli)");
                }
            }
        }
    }

    private static T Get<T>(Func<T> read, string what)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is TargetInvocationException or TypeInitializationException)
        {
            var inner = e;
            while (inner.InnerException is not null && inner is TargetInvocationException or TypeInitializationException)
            {
                inner = inner.InnerException;
            }
            throw new StatementAssemblyException($"{what} threw while being built: {inner.GetType().Name}: {OneLine(inner.Message)}");
        }
    }

    private static string Version(Assembly a) => a.GetName().Version?.ToString() ?? "unknown version";

    private static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex PaperId();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$")]
    private static partial Regex StatementName();

    /// <summary>
    /// The load context of one statements assembly: an assembly the host (vd) can load comes from the host, so the types of the
    /// VerifyDynamics libraries unify; anything else is resolved next to the statements assembly.
    /// </summary>
    private sealed class StatementLoadContext(string path) : AssemblyLoadContext($"statements:{Path.GetFileName(path)}")
    {
        private readonly AssemblyDependencyResolver _resolver = new(path);

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            try
            {
                return Default.LoadFromAssemblyName(assemblyName);
            }
            catch (FileNotFoundException)
            {
                string? local = _resolver.ResolveAssemblyToPath(assemblyName);
                return local is null ? null : LoadFromAssemblyPath(local);
            }
        }

        protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
        {
            string? local = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
            return local is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(local);
        }
    }
}
