namespace VerifyDynamics.Harness.Tests.Committed;

/// <summary>The repository's committed files, found from the test binary (VerifyDynamics.sln beside certificates/).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VerifyDynamics.sln")) && Directory.Exists(Path.Combine(dir.FullName, "certificates")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException("the repository root (VerifyDynamics.sln beside certificates/) was not found above " + AppContext.BaseDirectory);
    });

    public static string Root => LazyRoot.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Every committed certificate (<c>certificates/&lt;PAPER&gt;/&lt;Name&gt;.json</c>; the campaign manifest at the root is not one), repository-relative with '/', in ordinal order.</summary>
    public static IReadOnlyList<string> CertificatePaths() =>
        [.. new VerifyDynamics.Harness.Certificates.CertificateStore(PathOf("certificates")).Paths().Select(Relative)];

    /// <summary>
    /// Every committed instance file: the errata's counterexamples (<c>reports/counterexamples/**</c>), the benchmark networks
    /// (<c>src/VerifyDynamics.Benchmarks/*.json</c>), and any <c>*.instance.json</c> under tests/ or docs/ (fixtures, examples).
    /// </summary>
    public static IReadOnlyList<string> InstancePaths()
    {
        IEnumerable<string> Under(string relative, string pattern) =>
            Directory.Exists(PathOf(relative)) ? Directory.EnumerateFiles(PathOf(relative), pattern, SearchOption.AllDirectories) : [];
        return [.. Under("reports/counterexamples", "*.json")
            .Concat(Under("src/VerifyDynamics.Benchmarks", "*.json").Where(f => !IsBuildOutput(f)))
            .Concat(Under("tests", "*.instance.json").Where(f => !IsBuildOutput(f)))
            .Concat(Under("docs", "*.instance.json"))
            .Select(Relative)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
    }

    private static bool IsBuildOutput(string path)
    {
        string rel = Relative(path);
        return rel.Contains("/bin/", StringComparison.Ordinal) || rel.Contains("/obj/", StringComparison.Ordinal)
            || rel.Contains("BenchmarkDotNet.Artifacts", StringComparison.Ordinal);
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
