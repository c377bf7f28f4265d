namespace VerifyDynamics.Cli;

/// <summary>Exit codes of <c>vd</c> (documented in README.md).</summary>
public static class ExitCodes
{
    /// <summary>Success: the check passed / the command did what was asked.</summary>
    public const int Ok = 0;
    /// <summary>A statement was refuted, a mutant survived, or a proof obligation was refuted.</summary>
    public const int Refuted = 1;
    /// <summary>Bad usage or bad input (unknown id or constant, malformed instance JSON, parse error, an input limit, mixed campaigns, an unwritable folder or full disk); nothing written.</summary>
    public const int UsageError = 2;
    /// <summary>Inconclusive / unknown / skipped: evidence could not be obtained.</summary>
    public const int Inconclusive = 3;
    /// <summary>An internal failure (a bug), reported by the top-level handler on one line; --verbose prints the trace.</summary>
    public const int InternalError = 4;
    /// <summary>Interrupted (Ctrl-C / SIGTERM); files already written are complete.</summary>
    public const int Interrupted = 130;
}
