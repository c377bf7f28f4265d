using Xunit;

namespace VerifyDynamics.Theorems.Tests.Registry;

/// <summary>
/// A [Fact] that needs the shared catalog (<c>shared/catalog</c> beside the repository): reported SKIPPED with the reason
/// when it is not found (xunit 2 has no dynamic skip, so this is decided at discovery, as <c>ChromiumFactAttribute</c>
/// does), never passed. Under CI (<c>CI=true</c>) the catalog is part of the layout, so the test runs and fails instead.
/// </summary>
public sealed class CatalogFactAttribute : FactAttribute
{
    public CatalogFactAttribute()
    {
        if (SharedCatalog.Directory is null && Environment.GetEnvironmentVariable("CI") != "true")
        {
            Skip = $"SKIPPED: shared/catalog was not found above {AppContext.BaseDirectory}, so the committed id list was not compared with the catalog (under CI=true this fails)";
        }
    }
}

/// <summary>Where the shared catalog is, found by walking up from the test binaries; null when absent.</summary>
internal static class SharedCatalog
{
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "shared", "catalog");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        return null;
    }
}
