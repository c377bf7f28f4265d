using System.Reflection;

namespace VerifyDynamics.Harness.Certificates;

/// <summary>
/// Which build of vd is running: its version, the commit it was built from (HEAD, "-dirty" with uncommitted changes) and
/// the source id, the git tree id of the files that determine vd's output (<see cref="SourcePaths"/>) as they were in the
/// working tree at build time (tools/source-id.sh, run by the Harness project's build). Certificates and campaign
/// manifests record the source id, not the commit: a commit cannot contain its own hash, but it can contain certificates
/// that name its source tree, so regenerated certificates stay byte-identical for the same source and inputs.
/// "unknown" when the build had no git.
/// </summary>
public sealed record BuildInfo(string Version, string Commit, string SourceId, bool SourceDirty)
{
    /// <summary>What the source id covers.</summary>
    public const string SourcePaths = "src/, Directory.Build.props, Directory.Packages.props, global.json";

    public static BuildInfo Current { get; } = Read(typeof(BuildInfo).Assembly);

    private static BuildInfo Read(Assembly assembly)
    {
        string Meta(string key) => assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value is { Length: > 0 } v ? v : "unknown";
        return new BuildInfo(assembly.GetName().Version?.ToString() ?? "unknown", Meta("VerifyDynamics.Commit"), Meta("VerifyDynamics.Source"), Meta("VerifyDynamics.SourceDirty") == "true");
    }
}
