using VerifyDynamics.Symbolic.Native;
using Xunit;

namespace VerifyDynamics.Symbolic.Tests.Proving;

/// <summary>
/// Decides at discovery whether libz3 loads (xunit 2 has no dynamic skip): a test that only means something with Z3 is
/// reported SKIPPED with the reason when it does not, instead of passing vacuously (without libz3 every polynomial
/// obligation is <c>skipped</c>, which satisfies "not refuted" or "no memory growth"). <c>VD_REQUIRE_Z3=1</c> (set by
/// <c>.ci/run</c>, which installs libz3-4) turns the skip into a run, which then fails.
/// </summary>
internal static class Z3Requirement
{
    public const string RequireVariable = "VD_REQUIRE_Z3";

    public static string? SkipReason { get; } = Decide();

    private static string? Decide()
    {
        if (Z3Library.TryLoad(null, out _, out var reason) || Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            return null;
        }
        return $"SKIPPED: {reason} (set {RequireVariable}=1 to make this a failure; .ci/run does)";
    }

    /// <summary>Inside a test body: fails with the reason when Z3 is required but absent.</summary>
    public static void AssertLoaded()
    {
        Assert.True(Z3Library.TryLoad(null, out _, out var reason), $"libz3 is required here ({RequireVariable}=1) but did not load: {reason}");
    }
}

/// <summary>A [Fact] that needs libz3: skipped with the reason when it does not load, unless VD_REQUIRE_Z3=1.</summary>
public sealed class Z3FactAttribute : FactAttribute
{
    public Z3FactAttribute()
    {
        if (Z3Requirement.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A [Theory] that needs libz3: skipped with the reason when it does not load, unless VD_REQUIRE_Z3=1.</summary>
public sealed class Z3TheoryAttribute : TheoryAttribute
{
    public Z3TheoryAttribute()
    {
        if (Z3Requirement.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
