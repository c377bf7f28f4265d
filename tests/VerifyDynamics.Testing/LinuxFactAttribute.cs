using Xunit;

namespace VerifyDynamics.Testing;

/// <summary>
/// A [Fact] that depends on Linux behaviour (PATH_MAX, /proc/self/fd, Unix sockets): reported as SKIPPED with the reason on
/// any other system, never passed without running.
/// </summary>
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute(string why)
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "SKIPPED: needs Linux (" + why + ")";
        }
    }
}
