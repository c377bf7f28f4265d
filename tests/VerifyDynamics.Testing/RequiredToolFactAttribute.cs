using Xunit;

namespace VerifyDynamics.Testing;

/// <summary>
/// A [Fact] reported as SKIPPED, with the reason, when an external tool is absent (xunit 2 has no dynamic skip, so the
/// decision is made at discovery); setting the "require" environment variable to 1 (as .ci/run does under CI) turns the skip
/// into a failure, so a failed install never gives a green run.
/// </summary>
public abstract class RequiredToolFactAttribute : FactAttribute
{
    protected RequiredToolFactAttribute(string? toolPath, string requireVariable, string skipReason)
    {
        if (toolPath is null && Environment.GetEnvironmentVariable(requireVariable) != "1")
        {
            Skip = "SKIPPED: " + skipReason;
        }
    }

    /// <summary>The first executable named one of <paramref name="names"/> on PATH, or null.</summary>
    public static string? OnPath(params string[] names) => names
        .SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)))
        .FirstOrDefault(File.Exists);
}
